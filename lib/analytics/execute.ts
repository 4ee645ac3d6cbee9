// The analytics engine's one entry: a metrics query (Langfuse's query object)
// for a project → its rows. Validation first (a wrong name is a DomainError
// naming the field), then the rollups answer what they hold (lib/analytics/rollups:
// the same answers, percentiles within 1 %), and the rows everything else (exact).
import "server-only";
import { dialectOf, type Db, type Tx } from "../db/client";
import type { MetricsQuery, MetricsRow } from "./query-schema";
import { serveFromRollups } from "./rollups/serve";
import { runOnRows } from "./rows/run";
import { validateMetricsQuery } from "./validate";

export async function runMetricsQuery(client: Db | Tx, projectId: string, query: MetricsQuery): Promise<MetricsRow[]> {
  const plan = validateMetricsQuery(query, dialectOf(client));
  return (await serveFromRollups(client, projectId, plan)) ?? runOnRows(client, projectId, plan);
}
