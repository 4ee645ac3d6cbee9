// The scores where-builder: the one filter model on Score rows (aliased "s"),
// for score lists, comparisons and the metrics API.
import { dialectOf, type Db, type Tx } from "../db/client";
import { join, sql, type Sql } from "../db/sql";
import type { Filter } from "./filter";
import { buildConditions, type ViewColumns } from "./where";

const S = (col: string) => sql([`"s"."${col}"`] as unknown as TemplateStringsArray);
const TEXT = ["string", "stringOptions"] as const;
const text = (col: string) => ({ types: TEXT, expr: S(col) });

export const SCORE_COLUMNS: ViewColumns = {
  id: text("id"),
  traceId: text("traceId"),
  observationId: text("observationId"),
  sessionId: text("sessionId"),
  datasetRunId: text("datasetRunId"),
  name: text("name"),
  dataType: text("dataType"),
  source: text("source"),
  environment: text("environment"),
  configId: text("configId"),
  queueId: text("queueId"),
  authorUserId: text("authorUserId"),
  /** The label of a categorical, boolean or text score. */
  stringValue: text("stringValue"),
  value: { types: ["number"], expr: S("value") },
  timestamp: { types: ["datetime"], expr: S("timestamp") },
  metadata: { types: ["stringObject"], expr: S("metadata") },
};

/**
 * WHERE for a project's scores matching a filter (Score aliased "s"). Score
 * filters and what they feed (comparisons, metrics) are about judgements:
 * corrections (CORRECTION, a corrected output) never match; read them with
 * lib/scores/corrections.ts.
 */
export function scoreWhere(client: Db | Tx, projectId: string, filter: Filter): Sql {
  const { where } = buildConditions(dialectOf(client), SCORE_COLUMNS, filter);
  return join([sql`"s"."projectId" = ${projectId}`, sql`"s"."dataType" <> 'CORRECTION'`, ...where], " AND ");
}
