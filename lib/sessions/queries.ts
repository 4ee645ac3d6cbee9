import "server-only";
// Reads for the sessions pages.
import { db } from "../db/client";
import { countSessions, listSessions, type SessionListQuery } from "./list";
import { sessionDetail } from "./detail";

export async function sessionsPage(projectId: string, q: SessionListQuery) {
  const [rows, total] = await Promise.all([listSessions(db, projectId, q), countSessions(db, projectId, q.filter)]);
  return { rows, total };
}

export function sessionById(projectId: string, sessionId: string) {
  return sessionDetail(db, projectId, sessionId);
}

/** Distinct environments of a project's traces, for the filter menu. */
export async function sessionEnvironments(projectId: string): Promise<string[]> {
  const rows = await db.trace.findMany({ where: { projectId, sessionId: { not: null } }, distinct: ["environment"], select: { environment: true }, take: 50 });
  return rows.map((r) => r.environment).sort();
}
