// The dashboard's top sessions and top users by cost: the traces of the range
// and filter grouped by sessionId / userId, the costliest first. One engine
// query each (the traces view reads the trace rows' cost rollup).
import "server-only";
import { db, type Db, type Tx } from "../../db/client";
import { runSection, type SectionParams, type SectionRows } from "./run-section";

export const TOP_LIMIT = 10;

export type TopSubject = "sessionId" | "userId";

/** subject → sum_totalCost, count_count, sum_totalTokens; one row more than shown, as the group without an id may be among them. */
export function loadTop(client: Db | Tx, projectId: string, p: SectionParams, subject: TopSubject): Promise<SectionRows> {
  return runSection(client, projectId, p, {
    view: "traces",
    dimensions: [{ field: subject }],
    metrics: [
      { measure: "totalCost", aggregation: "sum" },
      { measure: "count", aggregation: "count" },
      { measure: "totalTokens", aggregation: "sum" },
    ],
    orderBy: [{ field: "sum_totalCost", direction: "desc" }, { field: "count_count", direction: "desc" }],
    config: { row_limit: TOP_LIMIT + 1 },
  });
}

export async function loadTopSessionsAndUsers(client: Db | Tx, projectId: string, p: SectionParams) {
  const [sessions, users] = await Promise.all([loadTop(client, projectId, p, "sessionId"), loadTop(client, projectId, p, "userId")]);
  return { sessions, users };
}

/** The top section's read on the app's database. */
export function topRows(projectId: string, p: SectionParams) {
  return loadTopSessionsAndUsers(db, projectId, p);
}
