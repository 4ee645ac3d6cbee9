import "server-only";
// Reads for the observations page.
import { db } from "../db/client";
import type { Filter } from "../query/filter";
import { countObservations, listObservations } from "./list";

export async function observationsPage(projectId: string, q: { filter: Filter; page: number; limit: number }) {
  const [rows, total] = await Promise.all([listObservations(db, projectId, q), countObservations(db, projectId, q.filter)]);
  return { rows, total: total.count, totalCapped: total.capped };
}
