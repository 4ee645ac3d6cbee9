// The dashboard's score average by model (lib/analytics/dashboard/quality-queries.ts
// scoresByModel) from ScoreRollup: its key holds the scored observation's model
// and the trace's sorted model set, so each rollup row's sum and count go to
// the observation's model when it has one, else to each model of the trace
// ("no model" for a trace without any), as the rows statement counts them.
// Rows without a trace (session scores, a trace that never arrived) have no
// model set and are left out, as the statement's join to the trace leaves them.
// Whole hours (whole days from the day rows) come from the rollups, the
// minutes at either end from the rows statement itself, merged per group.
import { dialectOf, type Db, type Tx } from "../../db/client";
import { decode, raw, sql } from "../../db/sql";
import type { Filter } from "../../query/filter";
import { buildConditions } from "../../query/where";
import { readScoreSegments, segmentWhere } from "./score-segments";
import type { Segment } from "./serve";
import { servedView } from "./served";

/** One group of the average by model, as a sum and a count (an average of averages would not merge). */
export interface ModelScoreSum {
  name: string | null;
  dataType: string;
  model: string | null;
  sum: number;
  n: number;
}

/**
 * The scores view's filter columns the key holds as the rows statement reads them (the trace's name and
 * release; a score's environment is its own, not its trace's).
 */
const SERVED_FILTERS = new Set(["traceName", "traceRelease"]);

/** The models a rollup row's scores count under: the observation's, else each of the trace's (sorted JSON), else "no model" (null). */
export function scoreModels(observationModel: string | null, traceModels: string): (string | null)[] {
  if (observationModel !== null) return [observationModel];
  const models = JSON.parse(traceModels) as string[];
  return models.length ? models : [null];
}

type RowsRead = (from: Date, to: Date) => Promise<ModelScoreSum[]>;

/**
 * The sums by name, data type and model over [from, to) under `filters` (the dashboard's filter as the
 * scores-numeric view's), or null when the rollups cannot answer it (the caller reads the rows).
 */
export async function scoreSumsByModelFromRollups(client: Db | Tx, projectId: string, from: Date, to: Date, filters: Filter, onRows: RowsRead): Promise<ModelScoreSum[] | null> {
  if (!filters.every((c) => SERVED_FILTERS.has(c.column))) return null;
  const { where: conditions } = buildConditions(dialectOf(client), servedView("scores-numeric").filters, filters);
  const select = (seg: Segment) => sql`
    SELECT "s"."name" AS "name", "s"."dataType" AS "dataType", "s"."observationModel" AS "om", "s"."traceModels" AS "tm",
      CAST(SUM("s"."valueSum") AS DOUBLE PRECISION) AS "sum", SUM("s"."valueN") AS "n"
    FROM "ScoreRollup" AS "s"
    WHERE ${segmentWhere(projectId, seg, [sql`"s"."dataType" IN ('NUMERIC', 'BOOLEAN')`, sql`"s"."traceModels" IS NOT NULL`, ...conditions])}
    GROUP BY ${raw(`"s"."name", "s"."dataType", "s"."observationModel", "s"."traceModels"`)}`;
  const read = await readScoreSegments(client, projectId, from, to, select, onRows);
  if (!read) return null;

  const groups = new Map<string, ModelScoreSum>();
  const add = (name: string | null, dataType: string, model: string | null, sum: number, n: number) => {
    const k = JSON.stringify([name, dataType, model]);
    const g = groups.get(k);
    if (g) {
      g.sum += sum;
      g.n += n;
    } else groups.set(k, { name, dataType, model, sum, n });
  };
  for (const r of read.rollupRows) {
    const n = decode.number(r.n);
    if (n === 0) continue;
    const sum = decode.number(r.sum);
    const name = r.name === null || r.name === undefined ? null : String(r.name);
    for (const m of scoreModels(r.om === null || r.om === undefined ? null : String(r.om), String(r.tm))) add(name, String(r.dataType), m, sum, n);
  }
  for (const g of read.edgeRows) add(g.name, g.dataType, g.model, g.sum, g.n);
  // A group whose scores were all deleted or moved away answers nothing (as no rows would).
  return [...groups.values()].filter((g) => g.n > 0);
}
