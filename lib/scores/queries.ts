import "server-only";
// Reads for the annotation panel and the settings page.
import { db, type Db } from "../db/client";
import type { ObjectRef } from "../objects/kinds";
import { userNames } from "../objects/users";
import { scoreWhere } from "./annotate";
import { listConfigs } from "./configs";
import type { ScoreConfigView, ScoreView } from "./schemas";

export function scoreConfigs(projectId: string, opts: { includeArchived?: boolean } = {}, client: Db = db): Promise<ScoreConfigView[]> {
  return listConfigs(client, projectId, opts);
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
