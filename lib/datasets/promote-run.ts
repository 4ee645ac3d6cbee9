// Starting a promotion from the UI: small ones run in the request, bigger ones
// (more than DIRECT_PROMOTION_LIMIT sources) are queued as a PROMOTE job.
import "server-only";
import type { z } from "zod";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { enqueueJob } from "../jobs/runner";
import { requireDataset } from "./datasets";
import { mappingSchema } from "./mapping";
import { promote, type PromotionOutcome } from "./promote";
import { DIRECT_PROMOTION_LIMIT, sourceLabel, type PromotionResultView, type PromotionStart, type promotionSpecSchema } from "./promote-schemas";
import { countSelection, selectionPage, type PromotionSelection } from "./promote-select";
import type { DatasetView } from "./schemas";

export type PromotionSpecParsed = z.output<typeof promotionSpecSchema>;

/** What a PROMOTE job holds in its params. */
export interface PromoteJobParams {
  spec: PromotionSpecParsed;
  selection: PromotionSelection;
  /** sources per chunk (tests make it small) */
  chunk?: number;
}

export async function requireDatasets(client: Db, projectId: string, ids: string[]): Promise<DatasetView[]> {
  const out: DatasetView[] = [];
  for (const id of [...new Set(ids)]) out.push(await requireDataset(client, projectId, id));
  return out;
}

/** The outcome as the dialog and the job show it: failures named by source (and dataset, when there are several). */
export function resultView(outcome: PromotionOutcome, datasets: DatasetView[]): PromotionResultView {
  const nameOf = new Map(datasets.map((d) => [d.id, d.name]));
  return {
    added: outcome.added,
    updated: outcome.updated,
    skipped: outcome.skipped,
    failures: outcome.failures.map((f) => ({
      source: sourceLabel(f.source),
      reason: datasets.length > 1 ? `${nameOf.get(f.datasetId) ?? f.datasetId}: ${f.reason}` : f.reason,
    })),
  };
}

export async function startPromotion(
  client: Db,
  projectId: string,
  actorUserId: string | null,
  spec: PromotionSpecParsed,
  selection: PromotionSelection,
): Promise<PromotionStart> {
  // The dialog validated the mapping; a job stores it, so it is parsed once more here.
  mappingSchema.parse(spec.mapping);
  const datasets = await requireDatasets(client, projectId, spec.datasetIds);
  const total = await countSelection(client, projectId, selection);
  if (!total) throw new DomainError("invalid", `Nothing to promote: no ${"observationView" in selection ? "observation" : "trace"} matches.`);
  if (total <= DIRECT_PROMOTION_LIMIT) {
    const { refs } = await selectionPage(client, projectId, selection, {}, DIRECT_PROMOTION_LIMIT);
    const outcome = await promote(client, datasets, refs, spec.mapping, { actorUserId, origin: "PROMOTION", onExisting: spec.onExisting });
    return { kind: "done", result: resultView(outcome, datasets) };
  }
  const names = datasets.map((d) => d.name).join(", ");
  const params: PromoteJobParams = { spec, selection };
  const job = await enqueueJob(client, {
    projectId,
    kind: "PROMOTE",
    label: `Add ${total.toLocaleString("en-US")} ${"observationView" in selection ? "observations" : "refs" in selection && selection.refs.some((r) => r.observationId) ? "sources" : "traces"} to ${names}`,
    params,
    createdByUserId: actorUserId,
    total,
  });
  return { kind: "job", job };
}

/**
 * The traces table's bulk "Add to dataset": the rows ticked, or everything
 * matching the view, re-read on the server and not capped (the job walks it by id).
 */
export async function promoteTraceSelection(
  client: Db,
  projectId: string,
  actorUserId: string | null,
  selection: { ids: string[]; allMatching: boolean; view: string },
  spec: PromotionSpecParsed,
): Promise<PromotionStart> {
  const sel: PromotionSelection = selection.allMatching
    ? { traceView: selection.view, now: new Date().toISOString() }
    : { refs: [...new Set(selection.ids)].map((traceId) => ({ traceId })) };
  if ("refs" in sel && !sel.refs.length) throw new DomainError("invalid", "No traces selected.");
  return startPromotion(client, projectId, actorUserId, spec, sel);
}
