// The observations where-builder: the one filter model on Observation rows
// (aliased "o"), for the observations list, dashboards and evaluators.
import { dialectOf, type Db, type Tx } from "../db/client";
import { join, sql, type Dialect, type Sql } from "../db/sql";
import type { Filter } from "./filter";
import { buildConditions, type ViewColumns } from "./where";

const O = (col: string) => sql([`"o"."${col}"`] as unknown as TemplateStringsArray);
const TEXT = ["string", "stringOptions"] as const;

export function observationColumns(d: Dialect): ViewColumns {
  const text = (col: string) => ({ types: TEXT, expr: O(col) });
  const num = (col: string) => ({ types: ["number"] as const, expr: O(col) });
  return {
    id: text("id"),
    traceId: text("traceId"),
    parentObservationId: text("parentObservationId"),
    type: text("type"),
    name: text("name"),
    level: text("level"),
    environment: text("environment"),
    version: text("version"),
    model: text("model"),
    promptName: text("promptName"),
    startTime: { types: ["datetime"], expr: O("startTime") },
    endTime: { types: ["datetime"], expr: O("endTime") },
    latency: { types: ["number"], expr: d.msBetween(O("endTime"), O("startTime")) },
    inputTokens: num("inputTokens"),
    outputTokens: num("outputTokens"),
    tokens: num("totalTokens"),
    cost: num("totalCost"),
    metadata: { types: ["stringObject"], expr: O("metadata") },
  };
}

/** WHERE for a project's observations matching a filter (Observation aliased "o"). */
export function observationWhere(client: Db | Tx, projectId: string, filter: Filter): Sql {
  const d = dialectOf(client);
  const { where } = buildConditions(d, observationColumns(d), filter);
  return join([sql`"o"."projectId" = ${projectId}`, ...where], " AND ");
}
