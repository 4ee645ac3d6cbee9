// The object under review, compact: a trace (input/output and its observation
// tree), an observation (input/output), or a session (its conversation).
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { IoView } from "@/components/trace/io-view";
import { TraceViewer } from "@/components/trace/trace-viewer";
import { TypeBadge } from "@/components/trace/type-badge";
import type { itemContent } from "@/lib/queues/queries";
import { loadObservation } from "@/lib/objects/actions";
import { Conversation } from "../../sessions/[sessionId]/conversation";

type Content = Awaited<ReturnType<typeof itemContent>>;

export function ItemView({ projectId, content, objectId }: { projectId: string; content: Content; objectId: string }) {
  if (content.kind === "missing") {
    return <EmptyState title="This item's object no longer exists" description={`${objectId} was deleted. Skip it (s) or complete it without scores.`} />;
  }
  if (content.kind === "session") {
    const s = content.session;
    return (
      <Card
        title={
          <>
            Session <span className="mono">{s.id}</span>
          </>
        }
        actions={<Link className="btn btn-ghost btn-sm" href={`/${projectId}/sessions/${encodeURIComponent(s.id)}`}>Open session</Link>}
      >
        <Conversation projectId={projectId} turns={s.turns} />
      </Card>
    );
  }
  if (content.kind === "observation") {
    const o = content.observation;
    return (
      <Card
        title={
          <span className="row gap-2">
            <TypeBadge type={o.type} /> <span className="mono">{o.name ?? o.id}</span>
          </span>
        }
        actions={<Link className="btn btn-ghost btn-sm" href={`/${projectId}/traces/${encodeURIComponent(o.traceId)}?observation=${encodeURIComponent(o.id)}`}>Open in trace</Link>}
      >
        <p className="small muted">
          {formatDate(o.startTime)} · {formatDuration(o.latencyMs)} · {o.model ?? "no model"} · {formatCost(o.totalCost)}
        </p>
        <div className="col gap-2">
          <IoView title="Input" value={o.input} />
          <IoView title="Output" value={o.output} />
        </div>
      </Card>
    );
  }
  const t = content.trace;
  return (
    <div className="col gap-3">
      <Card
        title={
          <span className="row gap-2">
            Trace <span className="mono">{t.name ?? t.id}</span>
            {t.errorCount > 0 && <Badge tone="error">{t.errorCount} error{t.errorCount === 1 ? "" : "s"}</Badge>}
          </span>
        }
        actions={<Link className="btn btn-ghost btn-sm" href={`/${projectId}/traces/${encodeURIComponent(t.id)}`}>Open trace</Link>}
      >
        <p className="small muted">
          {formatDate(t.timestamp)} · {formatDuration(t.latencyMs)} · {formatTokens(t.totalTokens)} tokens · {formatCost(t.totalCost)}
          {t.userId && <> · user {t.userId}</>}
          {t.sessionId && (
            <>
              {" · "}
              <Link className="link" href={`/${projectId}/sessions/${encodeURIComponent(t.sessionId)}`}>
                session
              </Link>
            </>
          )}
        </p>
        <div className="grid grid-2">
          <IoView title="Input" value={t.input} />
          <IoView title="Output" value={t.output} />
        </div>
      </Card>
      {content.observations.length > 0 && (
        <Card title={`Observations (${content.observations.length})`} flush>
          <div style={{ padding: 8 }}>
            <TraceViewer
              observations={content.observations}
              traceStartTime={t.startTime}
              traceEndTime={t.endTime}
              urlParam={null}
              loadObservation={loadObservation.bind(null, projectId, t.id)}
              emptyDetail={<p className="muted small" style={{ padding: 12 }}>Select an observation to see its input and output.</p>}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
