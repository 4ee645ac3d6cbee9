// Reviewer (human) scores. They go through the ingestion write path as score
// events with source ANNOTATION and the author, so sessions and readers see
// them exactly like API scores. One score per object, config and author:
// scoring again updates it instead of piling up duplicates.
import { randomUUID } from "node:crypto";
import { transaction, type Db } from "../db/client";
import { removeFromRollups } from "../analytics/rollups/remove";
import { DomainError, fail, ok, type Result } from "../errors";
import { ingestEvents } from "../ingest/service";
import { requireObject } from "../objects/resolve";
import type { ObjectRef } from "../objects/kinds";
import { checkAgainstConfig } from "./validate";

/** The Score columns that select scores made directly on the object (not on its children). */
export function scoreWhere(ref: ObjectRef) {
  if (ref.objectType === "TRACE") return { traceId: ref.objectId, observationId: null };
  if (ref.objectType === "OBSERVATION") return { observationId: ref.objectId };
  return { sessionId: ref.objectId, traceId: null, observationId: null };
}

export interface AnnotationValue {
  configId: string;
  value: number | string;
  comment?: string | null;
}

/** Writes (or rewrites) the user's scores on one object. Throws a DomainError naming the config on a bad value. */
export async function saveAnnotationScores(
  client: Db,
  projectId: string,
  userId: string,
  ref: ObjectRef,
  values: AnnotationValue[],
  opts: { queueId?: string | null } = {},
): Promise<string[]> {
  const target = await requireObject(client, projectId, ref);
  const events = [];
  for (const v of values) {
    const config = await client.scoreConfig.findFirst({ where: { id: v.configId, projectId }, select: { name: true } });
    if (!config) throw new DomainError("not_found", `Score config ${v.configId} not found`, { path: "configId", issue: "not found" });
    let checked;
    try {
      checked = await checkAgainstConfig(client, projectId, { configId: v.configId, name: config.name, value: v.value });
    } catch (err) {
      // The reviewer reads the config's name where the API reads the field's.
      if (err instanceof DomainError) throw new DomainError(err.code, `${config.name}: ${err.message}`, { path: err.path, issue: err.issue ?? err.message });
      throw err;
    }
    const existing = await client.score.findFirst({
      where: { projectId, ...scoreWhere(ref), configId: v.configId, authorUserId: userId, source: "ANNOTATION" },
      select: { id: true },
    });
    events.push({
      kind: "score" as const,
      id: existing?.id ?? randomUUID(),
      name: config.name,
      value: checked.value,
      stringValue: checked.stringValue,
      dataType: checked.dataType as "NUMERIC" | "CATEGORICAL" | "BOOLEAN",
      ...target,
      comment: v.comment?.trim() ? v.comment.trim() : null,
      source: "ANNOTATION" as const,
      configId: v.configId,
      queueId: opts.queueId ?? null,
      authorUserId: userId,
      timestamp: new Date(),
    });
  }
  if (events.length) await ingestEvents(projectId, events, client);
  return events.map((e) => e.id);
}

async function ownAnnotation(client: Db, projectId: string, userId: string, scoreId: string, mayTouchOthers: boolean) {
  const s = await client.score.findUnique({ where: { projectId_id: { projectId, id: scoreId } } });
  if (!s) return fail("not_found", "That score no longer exists.");
  if (s.source !== "ANNOTATION") return fail("forbidden", "Scores sent by the API or an evaluator can't be changed here.");
  if (s.authorUserId !== userId && !mayTouchOthers) return fail("forbidden", "Only the author or an admin can change this score.");
  return ok(s);
}

/** New value/comment for an existing reviewer score (its config checks the value). */
export async function updateAnnotationScore(
  client: Db,
  projectId: string,
  userId: string,
  scoreId: string,
  change: { value: number | string; comment?: string | null },
  mayTouchOthers = false,
): Promise<Result> {
  const found = await ownAnnotation(client, projectId, userId, scoreId, mayTouchOthers);
  if (!found.ok) return found;
  const s = found.data;
  const checked = s.configId
    ? await checkAgainstConfig(client, projectId, { configId: s.configId, name: s.name, value: change.value })
    : { dataType: s.dataType, value: change.value };
  await ingestEvents(projectId, [
    {
      kind: "score",
      id: s.id,
      name: s.name,
      value: checked.value,
      stringValue: "stringValue" in checked ? checked.stringValue : undefined,
      dataType: checked.dataType as "NUMERIC",
      // The writer treats null as "not provided": an emptied comment is cleared below.
      comment: change.comment?.trim() || undefined,
      timestamp: new Date(),
    },
  ], client);
  if (!change.comment?.trim() && s.comment) await client.score.update({ where: { projectId_id: { projectId, id: s.id } }, data: { comment: null } });
  return ok();
}

export async function deleteAnnotationScore(client: Db, projectId: string, userId: string, scoreId: string, mayTouchOthers = false): Promise<Result> {
  const found = await ownAnnotation(client, projectId, userId, scoreId, mayTouchOthers);
  if (!found.ok) return found;
  await transaction(client, async (tx) => {
    await removeFromRollups(tx, projectId, { scoreIds: [scoreId] });
    await tx.score.delete({ where: { projectId_id: { projectId, id: scoreId } } });
  });
  return ok();
}
