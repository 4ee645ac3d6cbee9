// The scores and comments of one trace, observation or session, with forms to
// add, edit and delete them. A server component: it loads the data and the
// viewer's role; the forms are small client components.
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { commentsFor } from "@/lib/comments/queries";
import { OBJECT_LABELS, type ObjectType } from "@/lib/objects/kinds";
import { correctionContext, scoreConfigs, scoresForObject } from "@/lib/scores/queries";
import { CommentsSection } from "./comments-section";
import { CorrectionEditor } from "./correction-editor";
import { ScoreForm } from "./score-form";
import { ScoreList } from "./score-list";

export async function AnnotationPanel({
  projectId,
  objectType,
  objectId,
}: {
  projectId: string;
  objectType: ObjectType;
  objectId: string;
  /** for OBSERVATION: its trace */
  traceId?: string;
}) {
  const access = await projectAccess(projectId);
  if (!access) return null;
  const ref = { objectType, objectId };
  const [scores, configs, comments, correction] = await Promise.all([
    scoresForObject(projectId, ref),
    scoreConfigs(projectId),
    commentsFor(projectId, ref),
    correctionContext(projectId, ref, access.user.id),
  ]);
  const canAnnotate = can(access.role, "annotate");
  const isAdmin = can(access.role, "manageSettings");
  const label = OBJECT_LABELS[objectType];

  return (
    <div className="col gap-3" data-testid="annotation-panel">
      <Card title={`Scores${scores.length ? ` (${scores.length})` : ""}`}>
        <ScoreList projectId={projectId} scores={scores} userId={access.user.id} canAnnotate={canAnnotate} isAdmin={isAdmin} configs={configs} emptyText={`No scores on this ${label} yet.`} />
        {canAnnotate ? (
          <ScoreForm projectId={projectId} objectType={objectType} objectId={objectId} configs={configs} canManageConfigs={isAdmin} />
        ) : (
          <p className="muted small">Your role ({access.role}) can read scores but not add them.</p>
        )}
      </Card>
      {correction && objectType !== "SESSION" && (
        <Card>
          <CorrectionEditor
            key={objectId}
            projectId={projectId}
            objectType={objectType}
            objectId={objectId}
            output={correction.output}
            outputCut={correction.outputCut}
            correction={correction.own}
            other={correction.latest && correction.latest.id !== correction.own?.id ? correction.latest : null}
            canAnnotate={canAnnotate}
          />
        </Card>
      )}
      <Card title={`Comments${comments.length ? ` (${comments.length})` : ""}`}>
        <CommentsSection
          projectId={projectId}
          objectType={objectType}
          objectId={objectId}
          comments={comments}
          userId={access.user.id}
          canAnnotate={canAnnotate}
          isAdmin={isAdmin}
          label={label}
        />
      </Card>
    </div>
  );
}
