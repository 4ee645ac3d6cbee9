import "server-only";
// Reads for the annotation panel and the settings page.
import { db, type Db } from "../db/client";
import type { ObjectRef } from "../objects/kinds";
import { userNames } from "../objects/users";
import { diffText } from "../diff";
import { capJsonDepth } from "../ingest/storable";
import { scoreWhere } from "./annotate";
import { listConfigs } from "./configs";
import { correctionOf } from "./corrections";
import type { CorrectionView, ScoreConfigView, ScoreView } from "./schemas";

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

/**
 * How much of an output the correction editor takes (the page carries it twice:
 * the original and the draft); the trace view's inline payload limit.
 */
export const CORRECTION_EDIT_CHARS = 200_000;

/** What the correction editor needs: the output as text, the reader's own correction and the latest by anyone. */
export interface CorrectionContext {
  output: string;
  /** the output is longer than CORRECTION_EDIT_CHARS: the editor shows its start */
  outputCut: boolean;
  own: CorrectionView | null;
  latest: CorrectionView | null;
}

/** null for sessions (they have no output to correct) and for objects that do not exist. */
export async function correctionContext(projectId: string, ref: ObjectRef, userId: string, client: Db = db): Promise<CorrectionContext | null> {
  if (ref.objectType === "SESSION") return null;
  const key = { projectId_id: { projectId, id: ref.objectId } };
  const row =
    ref.objectType === "TRACE"
      ? await client.trace.findUnique({ where: key, select: { id: true, output: true } }).then((t) => t && { traceId: t.id, observationId: null, output: t.output })
      : await client.observation.findUnique({ where: key, select: { id: true, traceId: true, output: true } }).then((o) => o && { traceId: o.traceId, observationId: o.id, output: o.output });
  if (!row) return null;
  const target = { traceId: row.traceId, observationId: row.observationId };
  const [own, latest] = await Promise.all([correctionOf(client, projectId, target, { authorUserId: userId }), correctionOf(client, projectId, target)]);
  // A payload stored deeper than the ingestion limit is cut first (pretty JSON of 4,000 levels is megabytes of indentation).
  const text = diffText(capJsonDepth(row.output));
  const outputCut = text.length > CORRECTION_EDIT_CHARS;
  return { output: outputCut ? text.slice(0, CORRECTION_EDIT_CHARS) : text, outputCut, own, latest };
}
