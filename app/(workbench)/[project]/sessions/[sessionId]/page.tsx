import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddToQueueButton } from "@/components/annotate/add-to-queue-button";
import { AnnotationPanel } from "@/components/annotate/annotation-panel";
import { TrendsBlock } from "@/components/dashboard/trends-block";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { listQueueOptions } from "@/lib/queues/queries";
import { MAX_TURNS } from "@/lib/sessions/detail";
import { sessionById } from "@/lib/sessions/queries";
import { BookmarkButton } from "./bookmark-button";
import { Conversation } from "./conversation";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ project: string; sessionId: string }> }) {
  const { project, sessionId: rawId } = await params;
  const sessionId = decodeURIComponent(rawId);
  const access = await projectAccess(project);
  if (!access) notFound();
  const [session, queues] = await Promise.all([sessionById(project, sessionId), listQueueOptions(project)]);
  if (!session) notFound();
  const r = session.rollup;
  const canAnnotate = can(access.role, "annotate");

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Sessions", href: `/${project}/sessions` }, { label: sessionId }]}
        title={<span className="mono" style={{ fontSize: "inherit" }}>{sessionId}</span>}
        meta={
          <>
            <CopyButton text={sessionId} label="Copy id" />
            {r && (
              <>
                <Badge>{r.traceCount} traces</Badge>
                <Badge>{formatDuration(r.durationMs)}</Badge>
                <Badge>{formatTokens(r.totalTokens)} tokens</Badge>
                <Badge>{formatCost(r.totalCost)}</Badge>
                {r.errorCount > 0 && <Badge tone="error">{r.errorCount} error{r.errorCount === 1 ? "" : "s"}</Badge>}
                {r.userIds.length > 0 && <Badge tone="info">users: {r.userIds.join(", ")}</Badge>}
                <span className="small muted">
                  {formatDate(r.firstTimestamp)} → {formatDate(r.lastTimestamp)}
                </span>
              </>
            )}
          </>
        }
        actions={
          <>
            <BookmarkButton projectId={project} sessionId={sessionId} bookmarked={session.bookmarked} disabled={!canAnnotate} />
            {canAnnotate && <AddToQueueButton projectId={project} objectType="SESSION" objectId={sessionId} queues={queues} />}
          </>
        }
      />
      <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(320px, 420px)", gap: 16, alignItems: "start" }}>
        <div className="col gap-2">
          {session.turns.length === 0 ? (
            <EmptyState title="No traces in this session" description="Its traces may have been deleted. Traces sent with this session id will show up here." />
          ) : (
            <Conversation projectId={project} turns={session.turns} />
          )}
          {r && r.traceCount > MAX_TURNS && (
            <p className="muted small">
              Showing the first {MAX_TURNS} of {r.traceCount} turns. See them all in the traces table filtered by this session.
            </p>
          )}
        </div>
        <aside>
          <AnnotationPanel projectId={project} objectType="SESSION" objectId={sessionId} />
        </aside>
      </div>
      <TrendsBlock projectId={project} subject={{ column: "sessionId", value: sessionId }} />
    </div>
  );
}
