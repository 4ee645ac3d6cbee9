// The analytics engine's one entry: a metrics query (Langfuse's query object)
// for a project → its rows. Validation first (a wrong name is a DomainError
// naming the field), then the query runs on the rows (exact; rollups may
// later serve what they can, with the same answers).
import "server-only";
import { dialectOf, type Db, type Tx } from "../db/client";
import type { MetricsQuery, MetricsRow } from "./query-schema";
import { runOnRows } from "./rows/run";
import { validateMetricsQuery } from "./validate";

export async function runMetricsQuery(client: Db | Tx, projectId: string, query: MetricsQuery): Promise<MetricsRow[]> {
  const plan = validateMetricsQuery(query, dialectOf(client));
  return runOnRows(client, projectId, plan);
}
