// The one score aggregation, for tables, comparisons and charts: per key (a
// trace, a session, a run) and score name, the mean of the numeric scores, or
// else the latest label. Values stay unrounded here; rounding happens once, at
// display (formatScore). Pure. A CORRECTION (a reviewer's corrected output,
// named "output") is not a judgement: it never takes part.
//
// Two rules, on purpose: the traces and sessions tables show the MEAN of each
// name's numeric scores on a trace (averageScores); the run views (run page,
// runs list, compare view) take the LATEST score of each name on
// a run item's trace (latestOfEachName; by timestamp, then id), because a
// re-run evaluator's newer verdict replaces its older one there. The runs
// list does the same in SQL (lib/experiments/run-list.ts, ROW_NUMBER … rn = 1).
export interface ScoreInput {
  /** What the score is grouped by (trace id, session id, ...). */
  key: string;
  name: string;
  dataType: string;
  value: number | null;
  stringValue: string | null;
}

/** Rows in (timestamp, id) ascending order, so the last label seen is the latest. */
export function averageScores(rows: Iterable<ScoreInput>): Map<string, Record<string, number | string>> {
  const acc = new Map<string, Map<string, { sum: number; n: number; label?: string }>>();
  for (const s of rows) {
    if (s.dataType === "CORRECTION") continue;
    const byName = acc.get(s.key) ?? new Map<string, { sum: number; n: number; label?: string }>();
    acc.set(s.key, byName);
    const e = byName.get(s.name) ?? { sum: 0, n: 0 };
    if (s.dataType === "NUMERIC" && s.value !== null) {
      e.sum += s.value;
      e.n++;
    } else e.label = s.stringValue ?? String(s.value);
    byName.set(s.name, e);
  }
  const out = new Map<string, Record<string, number | string>>();
  for (const [key, byName] of acc) {
    const rec: Record<string, number | string> = {};
    for (const [name, e] of byName) rec[name] = e.n ? e.sum / e.n : (e.label ?? "");
    out.set(key, rec);
  }
  return out;
}

/** A score for display: numbers rounded to `digits` decimals (trailing zeros dropped), labels as they are. */
export function formatScore(v: number | string | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return "—";
  return typeof v === "number" ? String(Number(v.toFixed(digits))) : v;
}

/**
 * The latest score of each name: rows in (timestamp, id) ascending order, the
 * last of a name wins. The run views' rule (see the top of this file).
 */
export function latestOfEachName<T extends { name: string }>(rowsOldestFirst: Iterable<T>): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rowsOldestFirst) out.set(r.name, r);
  return out;
}
