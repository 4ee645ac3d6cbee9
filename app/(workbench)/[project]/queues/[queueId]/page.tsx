import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { itemContent, queueWithConfigs, reviewItem } from "@/lib/queues/queries";
import { correctionContext } from "@/lib/scores/queries";
import { ProgressBar } from "../progress-bar";
import { ItemView } from "./item-view";
import { ReviewForm } from "./review-form";
import { StartReview } from "./start-review";

export const metadata: Metadata = { title: "Review queue" };

export default async function QueueReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ project: string; queueId: string }>;
  searchParams: Promise<{ item?: string }>;
}) {
  const { project, queueId } = await params;
  const { item: itemId } = await searchParams;
  const access = await projectAccess(project);
  if (!access) notFound();
  const queue = await queueWithConfigs(project, queueId);
  if (!queue) notFound();
  const item = itemId ? await reviewItem(project, queueId, itemId, access.user.id) : null;
  const [content, correction] = item
    ? await Promise.all([itemContent(project, item.objectType, item.objectId), correctionContext(project, { objectType: item.objectType, objectId: item.objectId }, access.user.id)])
    : [null, null];
  const canAnnotate = can(access.role, "annotate");
  const p = queue.progress;

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Annotation queues", href: `/${project}/queues` }, { label: queue.name }]}
        title={queue.name}
        description={queue.description ?? undefined}
        actions={
          <div style={{ minWidth: 220 }}>
            <ProgressBar done={p.completed} total={p.total} />
            {p.byReviewer.length > 0 && (
              <div className="small muted" aria-label="Done per reviewer">
                {p.byReviewer.map((r) => `${r.name}: ${r.completed}`).join(" · ")}
              </div>
            )}
            {p.held > 0 && <div className="small faint">{p.held} in review now</div>}
          </div>
        }
      />
      {!canAnnotate ? (
        <Card>
          <p className="muted">Your role ({access.role}) can see this queue's progress but not review items.</p>
        </Card>
      ) : !item || !content ? (
        <StartReview projectId={project} queueId={queueId} total={p.total} completed={p.completed} missingItem={!!itemId} />
      ) : (
        <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(300px, 380px)", gap: 16, alignItems: "start" }}>
          <div className="col gap-2">
            <div className="small muted">
              Item {item.position} of {p.total} · {item.objectType.toLowerCase()} <span className="mono">{item.objectId}</span>
              {item.status === "COMPLETED" && <> · already done (saving again updates your scores)</>}
            </div>
            <ItemView projectId={project} content={content} objectId={item.objectId} />
          </div>
          <ReviewForm key={item.id} projectId={project} queueId={queueId} item={item} configs={queue.configs} correction={correction} />
        </div>
      )}
      {p.total === 0 && (
        <p className="muted small">
          Add items from the <Link className="link" href={`/${project}/traces`}>traces table</Link> (select rows → Add to queue), a trace page (the trace, or an observation from its detail), or the{" "}
          <Link className="link" href={`/${project}/sessions`}>sessions table</Link>.
        </p>
      )}
    </div>
  );
}
