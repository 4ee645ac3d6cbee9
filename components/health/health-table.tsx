// The health figures as a table: one row per trace name and a total row, each
// gap as a share with its count, linked to the traces table showing exactly
// those traces. Server-rendered text (trace names are untrusted, shown as text).
import Link from "next/link";
import type { CSSProperties } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { formatPercent, formatTokens } from "@/components/ui/format";
import { HEALTH_COLUMNS, healthCells, healthTracesHref, share, type HealthCell, type HealthFigures, type HealthReport } from "@/lib/analytics/health-view";
import type { Filter } from "@/lib/query/filter";
import { MISSING_LABELS } from "@/lib/traces/missing-kinds";
import type { TimeRange } from "@/lib/time-range";

/** A share worth a reviewer's eye: anything missing is a warning, most of it an error. */
function tone(ratio: number | null): string {
  if (ratio === null || ratio === 0) return "faint";
  return ratio >= 0.5 ? "health-bad" : "health-warn";
}

const TONE_STYLE: Record<string, CSSProperties> = {
  "health-bad": { color: "var(--error)", fontWeight: 600 },
  "health-warn": { color: "var(--warning)", fontWeight: 600 },
};

function Figure({ cell, ofLabel, href }: { cell: HealthCell; ofLabel: string; href: string | null }) {
  const ratio = share(cell);
  if (ratio === null) return <span className="faint" title={`No ${ofLabel}`}>—</span>;
  const title = `${formatTokens(cell.count)} of ${formatTokens(cell.of)} ${ofLabel}: ${MISSING_LABELS[cell.kind]}`;
  const text = (
    <>
      {formatPercent(ratio)} <span className="small muted">({formatTokens(cell.count)})</span>
    </>
  );
  const cls = tone(ratio);
  if (cell.count === 0 || !href) return <span className={cls} style={TONE_STYLE[cls]} title={title}>{text}</span>;
  return (
    <Link className="link" href={href} title={`${title}. Open those traces`} style={TONE_STYLE[cls]} data-health={cell.kind}>
      {text}
    </Link>
  );
}

function Row({ r, total, href }: { r: HealthFigures; total?: boolean; href: (kind: HealthCell["kind"]) => string | null }) {
  const cells = healthCells(r);
  return (
    <tr className={total ? "strong" : undefined} data-trace-name={r.traceName ?? undefined}>
      <td>
        {total ? (
          "All traces"
        ) : (
          <span className="ellipsis" title={r.traceName ?? "Traces without a name (no link: the traces table cannot filter on a missing name)"} style={{ maxWidth: 240, display: "inline-block", verticalAlign: "bottom" }}>
            {r.traceName ?? <span className="faint">(unnamed)</span>}
          </span>
        )}
      </td>
      <td className="num">{formatTokens(r.traces)}</td>
      <td className="num">{formatTokens(r.generations)}</td>
      {cells.map((c, i) => (
        <td key={c.kind} className="num">
          <Figure cell={c} ofLabel={HEALTH_COLUMNS[i].ofLabel} href={href(c.kind)} />
        </td>
      ))}
    </tr>
  );
}

export function HealthTable({ projectId, range, filter, report }: { projectId: string; range: TimeRange; filter: Filter; report: HealthReport }) {
  if (!report.rows.length) {
    return (
      <EmptyState
        title="No traces in this range"
        description="Health figures appear once traces arrive: send each trace's input and output, and each generation's model and usage (Langfuse usageDetails, OTel gen_ai.usage.*), and end every span."
      />
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Instrumentation health">
        <thead>
          <tr>
            <th>Trace name</th>
            <th className="num">Traces</th>
            <th className="num">Generations</th>
            {HEALTH_COLUMNS.map((c) => (
              <th key={c.kind} className="num" title={`Share of ${c.ofLabel}: ${MISSING_LABELS[c.kind]}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <Row key={r.traceName ?? "\u0000unnamed"} r={r} href={(kind) => (r.traceName === null ? null : healthTracesHref(projectId, range, filter, kind, r.traceName))} />
          ))}
          {report.rows.length > 1 && <Row r={report.total} total href={(kind) => healthTracesHref(projectId, range, filter, kind)} />}
        </tbody>
      </table>
    </div>
  );
}
