// Promotion: traces or observations become items of one or more datasets
// through a mapping. Idempotent per source and dataset (the promotion key): a
// source already there is skipped, or updated when asked. Used by the promote
// dialog, bulk promotion (a job) and promotion rules.
import "server-only";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { LATEST_CORRECTION_FIRST } from "../scores/corrections";
import { isoAlways as iso } from "../iso";
import { checkAgainst, datasetValidators } from "./json-schema";
import { promotionKey, writeItems, type ItemWrite } from "./items";
import { applyMapping, type Mapping, type PromotionSource } from "./mapping";
import type { DatasetView, ItemOrigin } from "./schemas";

export interface SourceRef {
  traceId: string;
  observationId?: string | null;
}

export interface PromotionFailure {
  source: SourceRef;
  datasetId: string;
  reason: string;
}

export interface PromotionOutcome {
  added: number;
  updated: number;
  skipped: number;
  failures: PromotionFailure[];
}

export interface PromoteOptions {
  actorUserId: string | null;
  origin: Extract<ItemOrigin, "PROMOTION" | "RULE">;
  ruleId?: string | null;
  /** what to do with a source already in the dataset: leave it (default) or rewrite it from the mapping */
  onExisting?: "skip" | "update";
}

export const emptyOutcome = (): PromotionOutcome => ({ added: 0, updated: 0, skipped: 0, failures: [] });

export function addOutcome(into: PromotionOutcome, more: PromotionOutcome): PromotionOutcome {
  into.added += more.added;
  into.updated += more.updated;
  into.skipped += more.skipped;
  into.failures.push(...more.failures);
  return into;
}

/** What promotion reads of each source; refs that name nothing stored are absent from the map. */
export async function loadSources(client: Db, projectId: string, refs: SourceRef[]): Promise<Map<string, PromotionSource>> {
  const out = new Map<string, PromotionSource>();
  const traceIds = [...new Set(refs.filter((r) => !r.observationId).map((r) => r.traceId))];
  const observationIds = [...new Set(refs.filter((r) => r.observationId).map((r) => r.observationId!))];
  const [traces, observations, corrections] = await Promise.all([
    traceIds.length
      ? client.trace.findMany({ where: { projectId, id: { in: traceIds } }, select: { id: true, input: true, output: true, metadata: true } })
      : [],
    observationIds.length
      ? client.observation.findMany({ where: { projectId, id: { in: observationIds } }, select: { id: true, traceId: true, input: true, output: true, metadata: true } })
      : [],
    client.score.findMany({
      where: {
        projectId,
        dataType: "CORRECTION",
        OR: [
          ...(traceIds.length ? [{ traceId: { in: traceIds }, observationId: null }] : []),
          ...(observationIds.length ? [{ observationId: { in: observationIds } }] : []),
        ],
      },
      select: { id: true, traceId: true, observationId: true, stringValue: true, timestamp: true, updatedAt: true },
      orderBy: [...LATEST_CORRECTION_FIRST],
    }),
  ]);
  // Latest first (the one order the editor and the item page use too): the first of each source is kept.
  const correctionOf = new Map<string, PromotionSource["correction"]>();
  for (const c of corrections) {
    const key = c.observationId ? `o:${c.observationId}` : `t:${c.traceId}`;
    if (!correctionOf.has(key)) correctionOf.set(key, { scoreId: c.id, value: c.stringValue ?? "", updatedAt: iso(c.updatedAt) });
  }
  for (const t of traces) {
    out.set(promotionKey(t.id), {
      traceId: t.id,
      observationId: null,
      input: t.input ?? null,
      output: t.output ?? null,
      metadata: t.metadata ?? null,
      correction: correctionOf.get(`t:${t.id}`) ?? null,
    });
  }
  for (const o of observations) {
    out.set(promotionKey(o.traceId, o.id), {
      traceId: o.traceId,
      observationId: o.id,
      input: o.input ?? null,
      output: o.output ?? null,
      metadata: o.metadata ?? null,
      correction: correctionOf.get(`o:${o.id}`) ?? null,
    });
  }
  return out;
}

/**
 * Promotes up to a few hundred sources (callers chunk bigger selections) into
 * each dataset. A source that is missing, or whose mapped item does not fit
 * the dataset's schemas, is a failure with its reason; the rest are written.
 */
export async function promote(client: Db, datasets: DatasetView[], refs: SourceRef[], mapping: Mapping, opts: PromoteOptions): Promise<PromotionOutcome> {
  const outcome = emptyOutcome();
  if (!refs.length || !datasets.length) return outcome;
  const projectId = datasets[0].projectId;
  const sources = await loadSources(client, projectId, refs);
  for (const dataset of datasets) {
    try {
      addOutcome(outcome, await promoteInto(client, dataset, refs, sources, mapping, opts));
    } catch (err) {
      // Another promotion (a rule, a second bulk job) wrote one of these sources first: look again, once.
      if (!isUniqueViolation(err)) throw err;
      addOutcome(outcome, await promoteInto(client, dataset, refs, sources, mapping, opts));
    }
  }
  return outcome;
}

async function promoteInto(client: Db, dataset: DatasetView, refs: SourceRef[], sources: Map<string, PromotionSource>, mapping: Mapping, opts: PromoteOptions): Promise<PromotionOutcome> {
  const outcome = emptyOutcome();
  const keys = [...new Set(refs.map((r) => promotionKey(r.traceId, r.observationId)))];
  const existing = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await client.datasetItem.findMany({ where: { datasetId: dataset.id, promotionKey: { in: keys.slice(i, i + 500) } }, select: { id: true, promotionKey: true } });
    for (const r of rows) existing.set(r.promotionKey!, r.id);
  }
  const validators = datasetValidators(dataset);
  const writes: ItemWrite[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = promotionKey(ref.traceId, ref.observationId);
    if (seen.has(key)) continue;
    seen.add(key);
    const fail = (reason: string) => outcome.failures.push({ source: { traceId: ref.traceId, observationId: ref.observationId ?? null }, datasetId: dataset.id, reason });
    const source = sources.get(key);
    if (!source) {
      fail(ref.observationId ? "the observation does not exist (or is in another trace)" : "the trace does not exist");
      continue;
    }
    const id = existing.get(key);
    if (id && opts.onExisting !== "update") {
      outcome.skipped++;
      continue;
    }
    const mapped = applyMapping(mapping, source);
    if (!mapped.ok) {
      fail(mapped.reason);
      continue;
    }
    try {
      checkAgainst(validators.input, mapped.item.input, ["input"]);
      checkAgainst(validators.expectedOutput, mapped.item.expectedOutput, ["expectedOutput"]);
    } catch (err) {
      fail((err as { describe?: () => string }).describe?.() ?? String(err));
      continue;
    }
    writes.push({
      id,
      input: mapped.item.input,
      expectedOutput: mapped.item.expectedOutput,
      metadata: mapped.item.metadata,
      status: "ACTIVE",
      sourceTraceId: source.traceId,
      sourceObservationId: source.observationId,
      origin: opts.origin,
      ruleId: opts.ruleId ?? null,
      promotionKey: key,
      correctionScoreId: mapped.item.usedCorrection ? source.correction!.scoreId : null,
      correctionTakenAt: mapped.item.usedCorrection ? new Date(source.correction!.updatedAt) : null,
    });
  }
  const written = await writeItems(client, dataset, writes, opts.actorUserId);
  for (const w of written) {
    if (w.change === "created") outcome.added++;
    else if (w.change === "updated") outcome.updated++;
    else outcome.skipped++;
  }
  return outcome;
}
