// A dataset's recent "Run experiment" requests, for its runs list: who sent
// which run name when, and what the endpoint answered (as text). Presentational:
// the page reads the rows (lib/experiments/trigger-queries.ts recentTriggers).
import type { TriggerView } from "@/lib/experiments/trigger-schemas";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/components/ui/format";

/** The section, or nothing when no experiment was started here yet (the runs list's own empty state says how). */
export function RecentTriggers({ rows }: { rows: TriggerView[] }) {
  return rows.length ? <RecentTriggersTable rows={rows} /> : null;
}

function statusBadge(t: TriggerView) {
  if (t.status === "SENT") return <Badge tone="success">sent {t.httpStatus}</Badge>;
  if (t.status === "REFUSED") return <Badge tone="error">refused {t.httpStatus}</Badge>;
  return <Badge tone="warning">unreachable</Badge>;
}

export function RecentTriggersTable({ rows }: { rows: TriggerView[] }) {
  return (
    <section className="card section xt-recent" aria-labelledby="xt-recent-title">
      <div className="card-head">
        <h2 className="card-title" id="xt-recent-title">
          Started from the workbench
        </h2>
      </div>
      <div className="card-body">
        {rows.length === 0 ? (
          <p className="muted">No experiments started here yet. “Run experiment” on the dataset’s page sends one to your experiment endpoint.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Recent experiment requests">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Run name</th>
                  <th>Status</th>
                  <th>Answer</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.id}>
                    <td className="nowrap">{formatDate(t.createdAt)}</td>
                    <td>{t.createdBy ?? <span className="muted">—</span>}</td>
                    <td className="strong">{t.runName}</td>
                    <td>{statusBadge(t)}</td>
                    <td className="wrap-cell">{t.responseHead ? <pre className="xt-head-cell" title={t.responseHead}>{t.responseHead}</pre> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
