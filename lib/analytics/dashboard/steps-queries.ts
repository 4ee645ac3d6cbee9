// The dashboard's steps section: which observations cost most and take
// longest across the traces of the range and filter — by observation name and
// type (the generation, tool or retrieval step that dominates). One engine query.
import "server-only";
import { db, type Db, type Tx } from "../../db/client";
import { runSection, type SectionParams, type SectionRows } from "./run-section";

/** At most this many steps (the costliest first); the rest are rarely worth a row. */
export const STEPS_LIMIT = 100;

export const STEP_METRICS = [
  { measure: "count", aggregation: "count" },
  { measure: "totalCost", aggregation: "sum" },
  { measure: "inputTokens", aggregation: "sum" },
  { measure: "outputTokens", aggregation: "sum" },
  { measure: "totalTokens", aggregation: "sum" },
  { measure: "latency", aggregation: "p50" },
  { measure: "latency", aggregation: "p95" },
] as const;

/** name × type → count_count, sum_totalCost, sum_inputTokens, sum_outputTokens, sum_totalTokens, p50_latency, p95_latency. */
export function loadSteps(client: Db | Tx, projectId: string, p: SectionParams): Promise<SectionRows> {
  return runSection(client, projectId, p, {
    view: "observations",
    dimensions: [{ field: "name" }, { field: "type" }],
    metrics: [...STEP_METRICS],
    orderBy: [{ field: "sum_totalCost", direction: "desc" }, { field: "p95_latency", direction: "desc" }],
    config: { row_limit: STEPS_LIMIT },
  });
}

/** The steps section's read on the app's database. */
export function stepsRows(projectId: string, p: SectionParams): Promise<SectionRows> {
  return loadSteps(db, projectId, p);
}
