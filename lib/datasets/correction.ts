// The reviewer's correction after promotion: an item whose expected output was
// taken from a CORRECTION score notes that score and its updatedAt then
// (correctionScoreId / correctionTakenAt). When the score was edited since, or
// a newer correction was written on the same source, the item page offers it.
import "server-only";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { isoAlways as iso } from "../iso";
import { LATEST_CORRECTION_FIRST } from "../scores/corrections";
import { requireDataset } from "./datasets";
import { writeItems, type WriteOutcome } from "./items";
import type { CorrectionFollowUp } from "./schemas";

/** The correction now standing for the item's source (the latest, as promotion picks it), when it differs from what the item took. */
export async function correctionFollowUp(client: Db, projectId: string, itemId: string): Promise<CorrectionFollowUp | null> {
  const item = await client.datasetItem.findFirst({
    where: { projectId, id: itemId },
    select: { correctionScoreId: true, correctionTakenAt: true, sourceTraceId: true, sourceObservationId: true, expectedOutput: true },
  });
  if (!item?.correctionScoreId || !item.correctionTakenAt) return null;
  // The same source as promotion read: the observation's corrections, or the trace's own (observationId null).
  const source = item.sourceObservationId
    ? { observationId: item.sourceObservationId }
    : item.sourceTraceId
      ? { traceId: item.sourceTraceId, observationId: null }
      : null;
  const latest = source
    ? await client.score.findFirst({
        where: { projectId, dataType: "CORRECTION", ...source },
        select: { id: true, stringValue: true, updatedAt: true },
        orderBy: [...LATEST_CORRECTION_FIRST],
      })
    : null;
  const taken = item.correctionTakenAt.getTime();
  // Without a source (cleared by an edit) only the score itself can have changed.
  const candidate = latest ?? (source ? null : await client.score.findFirst({ where: { projectId, id: item.correctionScoreId, dataType: "CORRECTION" }, select: { id: true, stringValue: true, updatedAt: true } }));
  if (!candidate || candidate.updatedAt.getTime() <= taken) return null;
  const next = candidate.stringValue ?? "";
  // Already what the item holds (taken by hand, or an edit that kept the text): nothing to offer.
  if (item.expectedOutput === next) return null;
  return {
    scoreId: candidate.id,
    reason: candidate.id === item.correctionScoreId ? "edited" : "newer",
    current: item.expectedOutput ?? null,
    next,
    changedAt: iso(candidate.updatedAt),
  };
}

/** Takes the offered correction as the item's expected output (a new version), if it is still the one offered. */
export async function takeNewCorrection(client: Db, projectId: string, itemId: string, scoreId: string, actorUserId: string | null): Promise<WriteOutcome> {
  const offer = await correctionFollowUp(client, projectId, itemId);
  if (!offer || offer.scoreId !== scoreId) {
    throw new DomainError("conflict", "The correction changed again since this page was loaded. Reload to see the current one.", { path: "scoreId" });
  }
  const item = await client.datasetItem.findFirstOrThrow({ where: { projectId, id: itemId }, select: { datasetId: true } });
  const score = await client.score.findFirstOrThrow({ where: { projectId, id: scoreId }, select: { updatedAt: true } });
  const dataset = await requireDataset(client, projectId, item.datasetId);
  const [outcome] = await writeItems(client, dataset, [{ id: itemId, expectedOutput: offer.next, correctionScoreId: scoreId, correctionTakenAt: score.updatedAt }], actorUserId);
  return outcome;
}
