// A reviewer's correction of a trace's or an observation's output: Langfuse's
// CORRECTION score (name "output", the text in stringValue, source ANNOTATION).
// One per object and author is what a reviewer edits: saving again rewrites it
// under the same id, so its updatedAt moves (promotion records which correction
// it took and when, DatasetItem.correctionScoreId/correctionTakenAt). Written
// through the one ingestion write path, as every annotation score is.
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { correctionIssues } from "../ingest/check-event";
import { CORRECTION_NAME } from "../ingest/events";
import { ingestEvents } from "../ingest/service";
import type { ObjectRef } from "../objects/kinds";
import { requireObject } from "../objects/resolve";
import { userNames } from "../objects/users";
import type { CorrectionView } from "./schemas";

/** What a correction is on: a trace (observationId absent) or one of its observations. */
export interface CorrectionTarget {
  traceId: string;
  observationId?: string | null;
}

const targetWhere = (t: CorrectionTarget) => (t.observationId ? { observationId: t.observationId } : { traceId: t.traceId, observationId: null });

/**
 * Which correction of a source is the latest: by event time (as every score
 * merges, lib/ingest/merge-rule.ts), then by when it was stored. Promotion, the
 * item page and the editor all pick by this one order.
 */
export const LATEST_CORRECTION_FIRST = [{ timestamp: "desc" }, { updatedAt: "desc" }, { id: "desc" }] as const;

/**
 * The latest correction of the target (by any reviewer, or by `authorUserId`),
 * or null. Promotion and the item page read the latest; the editor its author's own.
 */
export async function correctionOf(client: Db, projectId: string, target: CorrectionTarget, opts: { authorUserId?: string } = {}): Promise<CorrectionView | null> {
  const row = await client.score.findFirst({
    where: { projectId, dataType: "CORRECTION", ...targetWhere(target), ...(opts.authorUserId ? { authorUserId: opts.authorUserId } : {}) },
    orderBy: [...LATEST_CORRECTION_FIRST],
  });
  if (!row) return null;
  const names = await userNames(client, [row.authorUserId]);
  return {
    id: row.id,
    traceId: row.traceId ?? target.traceId,
    observationId: row.observationId,
    value: row.stringValue ?? "",
    authorUserId: row.authorUserId,
    authorName: row.authorUserId ? (names.get(row.authorUserId) ?? "deleted user") : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A trace or an observation to correct; sessions have no output to correct (Langfuse refuses them too). */
async function targetOf(client: Db, projectId: string, ref: ObjectRef): Promise<CorrectionTarget> {
  if (ref.objectType === "SESSION") {
    throw new DomainError("invalid", "A correction belongs to a trace or an observation, not a session.", { path: "objectType", issue: "must be TRACE or OBSERVATION" });
  }
  const t = await requireObject(client, projectId, ref);
  return { traceId: t.traceId!, observationId: t.observationId };
}

/**
 * Writes the user's correction of the object (a new one, or their earlier one
 * rewritten in place). Returns the stored correction.
 */
export async function saveCorrection(
  client: Db,
  projectId: string,
  userId: string,
  ref: ObjectRef,
  text: string,
  opts: { queueId?: string | null } = {},
): Promise<CorrectionView> {
  const target = await targetOf(client, projectId, ref);
  // The API takes an empty correction, as Langfuse does; a reviewer who empties the box means "clear" instead.
  if (!text.trim()) throw new DomainError("invalid", "Write the corrected output, or clear the correction.", { path: "value" });
  const issue = correctionIssues({ ...target, value: text })[0];
  if (issue) throw new DomainError("invalid", `${issue.path}: ${issue.issue}`, { path: issue.path, issue: issue.issue });
  if (opts.queueId && !(await client.annotationQueue.findFirst({ where: { id: opts.queueId, projectId }, select: { id: true } }))) {
    throw new DomainError("not_found", `Queue ${opts.queueId} not found`, { path: "queueId", issue: "not found" });
  }
  const own = await client.score.findFirst({
    where: { projectId, dataType: "CORRECTION", ...targetWhere(target), authorUserId: userId, source: "ANNOTATION" },
    select: { id: true },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
  // A first correction's id comes from (author, target): two saves racing each other
  // upsert one row instead of leaving the reviewer two corrections.
  const id = own?.id ?? `corr-${createHash("sha256").update(JSON.stringify([userId, target.traceId, target.observationId ?? null])).digest("hex").slice(0, 32)}`;
  await ingestEvents(
    projectId,
    [
      {
        kind: "score",
        id,
        name: CORRECTION_NAME,
        value: text,
        dataType: "CORRECTION",
        traceId: target.traceId,
        observationId: target.observationId ?? null,
        source: "ANNOTATION",
        authorUserId: userId,
        queueId: opts.queueId ?? null,
        timestamp: new Date(),
      },
    ],
    client,
  );
  const saved = await correctionOf(client, projectId, target, { authorUserId: userId });
  if (!saved) throw new Error(`correction ${id} was not stored`);
  return saved;
}

/** Removes the user's own correction of the object; false when they had none. */
export async function clearCorrection(client: Db, projectId: string, userId: string, ref: ObjectRef): Promise<boolean> {
  const target = await targetOf(client, projectId, ref);
  const res = await client.score.deleteMany({ where: { projectId, dataType: "CORRECTION", ...targetWhere(target), authorUserId: userId, source: "ANNOTATION" } });
  return res.count > 0;
}
