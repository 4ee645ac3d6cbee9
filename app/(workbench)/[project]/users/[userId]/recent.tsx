// A user's newest traces and sessions, as plain tables (server-rendered; names and ids are text).
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import type { SessionListRow } from "@/lib/sessions/schemas";
import type { TraceListRow } from "@/lib/traces/list";

export function RecentTraces({ projectId, traces }: { projectId: string; traces: TraceListRow[] }) {
  const base = `/${encodeURIComponent(projectId)}`;
  if (!traces.length) return <p className="muted card-body">No traces.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Recent traces">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Name</th>
            <th>Session</th>
            <th className="num">Latency</th>
            <th className="num">Tokens</th>
            <th className="num">Cost</th>
            <th>Level</th>
          </tr>
        </thead>
        <tbody>
          {traces.map((t) => (
            <tr key={t.id}>
              <td className="nowrap mono">
                <Link className="link" href={`${base}/traces/${encodeURIComponent(t.id)}`}>
                  {formatDate(t.timestamp, { seconds: false })}
                </Link>
              </td>
              <td>
                <span className="ellipsis" title={t.name ?? undefined}>{t.name ?? <span className="faint">(unnamed)</span>}</span>
              </td>
              <td>
                {t.sessionId ? (
                  <Link className="link mono ellipsis" href={`${base}/sessions/${encodeURIComponent(t.sessionId)}`} title={t.sessionId}>
                    {t.sessionId}
                  </Link>
                ) : (
                  <span className="faint">—</span>
                )}
              </td>
              <td className="num">{formatDuration(t.latencyMs)}</td>
              <td className="num">{formatTokens(t.totalTokens)}</td>
              <td className="num">{formatCost(t.totalCost)}</td>
              <td>{t.errorCount > 0 && <Badge tone="error">{t.errorCount} error{t.errorCount > 1 ? "s" : ""}</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RecentSessions({ projectId, sessions }: { projectId: string; sessions: Omit<SessionListRow, "scores">[] }) {
  const base = `/${encodeURIComponent(projectId)}`;
  if (!sessions.length) return <p className="muted card-body">No sessions: this user&apos;s traces carry no session id.</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Recent sessions">
        <thead>
          <tr>
            <th>Session</th>
            <th>Last trace (UTC)</th>
            <th className="num">Traces</th>
            <th className="num">Tokens</th>
            <th className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                <Link className="link mono ellipsis" href={`${base}/sessions/${encodeURIComponent(s.id)}`} title={s.id}>
                  {s.id}
                </Link>
              </td>
              <td className="nowrap">{formatDate(s.lastTimestamp)}</td>
              <td className="num">{s.traceCount}</td>
              <td className="num">{formatTokens(s.totalTokens)}</td>
              <td className="num">{formatCost(s.totalCost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
