// Each score's average by a group (model or release): groups × scores, the
// count beside each average. Server-rendered text (names are untrusted).
import { formatPercent, formatTokens } from "@/components/ui/format";
import type { ScoreBreakdown } from "@/lib/analytics/prepare/quality";

const avgText = (dataType: string, avg: number | null) => (avg === null ? "—" : dataType === "BOOLEAN" ? formatPercent(avg) : Number.isInteger(avg) ? String(avg) : avg.toFixed(3));

export function ScoreBreakdownTable({ data, groupLabel, noneLabel, hint }: { data: ScoreBreakdown; groupLabel: string; noneLabel: string; hint: string }) {
  if (!data.rows.length) return <p className="section-note">{hint}</p>;
  return (
    <div className="table-wrap" style={{ maxHeight: 360 }}>
      <table className="table breakdown" aria-label={`Score averages by ${groupLabel.toLowerCase()}`}>
        <thead>
          <tr>
            <th>{groupLabel}</th>
            {data.scores.map((s) => (
              <th key={`${s.name}:${s.dataType}`} className="num" title={`${s.name} (${s.dataType === "BOOLEAN" ? "share of true" : "average"})`} style={{ maxWidth: 160 }}>
                {s.name}
                {s.dataType === "BOOLEAN" && <span className="faint"> (true)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.group ?? "\u0000none"} data-group={r.group ?? ""}>
              <td className="ellipsis" title={r.group ?? noneLabel} style={{ maxWidth: 240 }}>
                {r.group ?? <span className="faint">{noneLabel}</span>}
              </td>
              {r.cells.map((c, i) => (
                <td key={i} className="num" title={c ? `${formatTokens(c.count)} scores` : "no scores"}>
                  {c ? (
                    <>
                      {avgText(data.scores[i].dataType, c.avg)} <span className="small faint">({formatTokens(c.count)})</span>
                    </>
                  ) : (
                    <span className="faint">—</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data.hidden > 0 && <p className="section-note">{data.hidden} more with fewer scores not shown.</p>}
    </div>
  );
}
