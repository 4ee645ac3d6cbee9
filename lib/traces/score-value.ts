// What "a trace's score <name>" means, once, for the traces table's columns,
// filters and sort: the trace's OWN scores of that name (observationId IS NULL),
// never its observations' — numeric scores by their mean (several reviewers),
// other types by the latest. Observation scores get their own columns
// (`observationScoresForTraces`), so a trace never matches both sides of a threshold
// because one of its generations was scored differently.
import { raw, sql, type Sql } from "../db/sql";
import { averageScores } from "../query/scores";

// The look-up must ride Score(projectId, traceId): a trace has a few scores, a
// name or "no observation" has millions. Wrapping `name` and `observationId` in
// `|| ''` keeps the planner (SQLite has no statistics unless ANALYZE ran) off the
// (projectId, name) and (projectId, observationId) indexes; NULL || '' is NULL
// on both databases, so the test means the same. A CORRECTION (named "output")
// is a corrected text, not a score: never a column's value (`<>` takes no index).
const own = (name: string, alias = "s") => {
  const a = raw(`"${alias}"`);
  return sql`${a}."projectId" = "t"."projectId" AND ${a}."traceId" = "t"."id" AND (${a}."observationId" || '') IS NULL AND (${a}."name" || '') = ${name} AND ${a}."dataType" <> 'CORRECTION'`;
};

/** The trace's score as a number (mean of numeric ones, else the latest's value); NULL when it has none. Correlated on "t". */
export function traceScoreNumber(name: string): Sql {
  // One index look-up per trace for the common cases (no score of that name, or
  // numeric ones); only a trace scored by label alone pays a second for "latest".
  return sql`(SELECT CASE
      WHEN COUNT(*) = 0 THEN NULL
      WHEN SUM(CASE WHEN "s"."dataType" = 'NUMERIC' THEN 1 ELSE 0 END) > 0 THEN AVG(CASE WHEN "s"."dataType" = 'NUMERIC' THEN "s"."value" END)
      ELSE (SELECT "l"."value" FROM "Score" AS "l" WHERE ${own(name, "l")} AND "l"."dataType" <> 'NUMERIC' ORDER BY "l"."timestamp" DESC, "l"."id" DESC LIMIT 1)
    END
    FROM "Score" AS "s" WHERE ${own(name)})`;
}

/** The trace's latest non-numeric score label (categorical, boolean, text). Correlated on "t". */
export function traceScoreLabel(name: string): Sql {
  return sql`(SELECT "s"."stringValue" FROM "Score" AS "s" WHERE ${own(name)} AND "s"."dataType" <> 'NUMERIC' ORDER BY "s"."timestamp" DESC, "s"."id" DESC LIMIT 1)`;
}

type ScoreRow = { traceId: string | null; name: string; value: number | null; stringValue: string | null; dataType: string };

/**
 * Per trace, per name: the same value as the SQL above, from rows ordered by
 * (timestamp, id) ascending — the mean of numeric scores, else the latest label
 * (the one aggregation, lib/query/scores.ts; unrounded until display).
 */
export function aggregateScores(rows: readonly ScoreRow[]): Map<string, Record<string, number | string>> {
  return averageScores(rows.flatMap((r) => (r.traceId ? [{ ...r, key: r.traceId }] : [])));
}
