// What "a trace's score <name>" means, once, for the traces table's columns,
// filters and sort: the trace's OWN scores of that name (observationId IS NULL),
// never its observations' — numeric scores by their mean (several reviewers),
// other types by the latest. Observation scores get their own columns
// (`observationScoresForTraces`), so a trace never matches both sides of a threshold
// because one of its generations was scored differently.
import { sql, type Sql } from "../db/sql";

// `name || ''` keeps the planner on Score(projectId, traceId): a trace has a few
// scores, a name has millions (SQLite has no statistics unless ANALYZE ran).
const own = (name: string) =>
  sql`"s"."projectId" = "t"."projectId" AND "s"."traceId" = "t"."id" AND "s"."observationId" IS NULL AND ("s"."name" || '') = ${name}`;

/** The trace's score as a number (mean of numeric ones, else the latest's value); NULL when it has none. Correlated on "t". */
export function traceScoreNumber(name: string): Sql {
  return sql`COALESCE(
    (SELECT AVG("s"."value") FROM "Score" AS "s" WHERE ${own(name)} AND "s"."dataType" = 'NUMERIC'),
    (SELECT "s"."value" FROM "Score" AS "s" WHERE ${own(name)} AND "s"."dataType" <> 'NUMERIC' ORDER BY "s"."timestamp" DESC, "s"."id" DESC LIMIT 1))`;
}

/** The trace's latest non-numeric score label (categorical, boolean, text). Correlated on "t". */
export function traceScoreLabel(name: string): Sql {
  return sql`(SELECT "s"."stringValue" FROM "Score" AS "s" WHERE ${own(name)} AND "s"."dataType" <> 'NUMERIC' ORDER BY "s"."timestamp" DESC, "s"."id" DESC LIMIT 1)`;
}

type ScoreRow = { traceId: string | null; name: string; value: number | null; stringValue: string | null; dataType: string };

/**
 * Per trace, per name: the same value as the SQL above, from rows ordered by
 * (timestamp, id) ascending — the mean of numeric scores, else the latest label.
 */
export function aggregateScores(rows: readonly ScoreRow[]): Map<string, Record<string, number | string>> {
  const acc = new Map<string, Map<string, { sum: number; n: number; label?: string }>>();
  for (const s of rows) {
    if (!s.traceId) continue;
    const byName = acc.get(s.traceId) ?? new Map();
    acc.set(s.traceId, byName);
    const e = byName.get(s.name) ?? { sum: 0, n: 0 };
    if (s.dataType === "NUMERIC" && s.value !== null) {
      e.sum += s.value;
      e.n++;
    } else e.label = s.stringValue ?? String(s.value);
    byName.set(s.name, e);
  }
  const out = new Map<string, Record<string, number | string>>();
  for (const [traceId, byName] of acc) {
    const rec: Record<string, number | string> = {};
    for (const [name, e] of byName) rec[name] = e.n ? Number((e.sum / e.n).toFixed(4)) : (e.label ?? "");
    out.set(traceId, rec);
  }
  return out;
}
