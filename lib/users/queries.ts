import "server-only";
// Reads for the users pages.
import { db } from "../db/client";
import type { Filter } from "../query/filter";
import { listTraces } from "../traces/list";
import { countUsers, listUsers, userFigures, userSessions, type UserListQuery } from "./list";

export async function usersPage(projectId: string, q: UserListQuery) {
  const [rows, total] = await Promise.all([listUsers(db, projectId, q), countUsers(db, projectId, q.filter)]);
  return { rows, total };
}

/** How many recent traces and sessions a user's page lists; the rest are a link away. */
export const RECENT = 10;

/** A user's page: their figures, newest traces and newest sessions; null when the project has no trace of theirs. */
export async function userPage(projectId: string, userId: string) {
  const mine: Filter = [{ type: "string", column: "userId", operator: "=", value: userId }];
  const [figures, traces, sessions] = await Promise.all([
    userFigures(db, projectId, userId),
    listTraces(db, projectId, { filter: mine, sort: { column: "timestamp", dir: "desc" }, page: 1, limit: RECENT }),
    userSessions(db, projectId, userId, RECENT),
  ]);
  return figures ? { figures, traces, sessions } : null;
}
