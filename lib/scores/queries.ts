import "server-only";
// Reads for the annotation panel and the settings page.
import { db, type Db } from "../db/client";
import { scoreWhere, type ObjectRef } from "./annotate";
import { listConfigs } from "./configs";
import type { ScoreConfigView, ScoreView } from "./schemas";

export function scoreConfigs(projectId: string, opts: { includeArchived?: boolean } = {}, client: Db = db): Promise<ScoreConfigView[]> {
  return listConfigs(client, projectId, opts);
}

/** Display names of users by id (email when no name), for authors of scores and comments. */
export async function userNames(client: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const users = await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}

/** Scores made on the object itself, newest first, reviewer and API/EVAL ones together. */
export async function scoresForObject(projectId: string, ref: ObjectRef, client: Db = db): Promise<ScoreView[]> {
  const rows = await client.score.findMany({
    where: { projectId, ...scoreWhere(ref) },
    orderBy: [{ name: "asc" }, { timestamp: "desc" }],
    take: 500,
  });
  const names = await userNames(client, rows.map((r) => r.authorUserId));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    dataType: r.dataType,
    value: r.value,
    stringValue: r.stringValue,
    source: r.source,
    comment: r.comment,
    configId: r.configId,
    queueId: r.queueId,
    authorUserId: r.authorUserId,
    authorName: r.authorUserId ? (names.get(r.authorUserId) ?? "deleted user") : null,
    timestamp: r.timestamp.toISOString(),
  }));
}
