// Folding the events of one batch per id, field by field by the merge rule
// (merge-rule.ts): within a batch a tie goes to the later event. Updates of
// observations that name no trace and have no stored row are held
// (held.ts) until their create names one.
import type { Cost, IngestEvent, JsonObject, ObservationEvent, ScoreEvent, TraceEvent, Usage } from "./events";
import type { FieldTimes } from "./field-times";
import { earliest, given, mergeOrdered, stampOf, take, unionTags, wins } from "./merge-rule";

/** The events of one id folded into one, with the stamp each field was stated at. */
export interface Folded<E> {
  event: E;
  times: FieldTimes;
}

/** Events of one batch, folded per id. */
export interface FoldedBatch {
  traces: Map<string, Folded<TraceEvent>>;
  observations: Map<string, Folded<ObservationEvent & { traceId: string }>>;
  /** Updates of observations not stored yet that name no trace: held until their create names one. */
  held: Map<string, Folded<ObservationEvent>>;
  /** Held updates whose create arrived in this batch: folded into `observations`, no longer held. */
  released: Set<string>;
  scores: Map<string, ScoreEvent>;
  /** Earliest observation start per trace: the timestamp of a trace no event states one for. */
  inferredStart: Map<string, Date>;
}

export interface FoldOptions {
  /** The trace of an observation already stored: an observation never moves to another trace. */
  storedTraceOf?: (observationId: string) => string | undefined;
  /** Held updates of observations this batch may create (loaded by the writer). */
  held?: ReadonlyMap<string, Folded<ObservationEvent>>;
  /** Stamps events that carry no event time (receipt order). */
  now?: Date;
}



// Fields merged by their own rule, not by the latest statement.
const RULED = new Set(["kind", "id", "traceId", "eventTime", "isUpdate", "metadata", "tags", "timestamp", "usage", "cost"]);
const USAGE_KEYS = { input: "inputTokens", output: "outputTokens", total: "totalTokens", details: "usageDetails" } as const;
const COST_KEYS = { input: "inputCost", output: "outputCost", total: "totalCost", details: "costDetails" } as const;

/** Lays `b` over the fold `acc` field by field (a plain loop: this runs per event). */
function layer<E extends TraceEvent | ObservationEvent>(acc: Folded<E>, b: E, stamp: number | undefined) {
  const out = acc.event as unknown as Record<string, unknown>;
  const src = b as unknown as Record<string, unknown>;
  for (const k in src) {
    if (RULED.has(k)) continue;
    const v = src[k];
    if (given(v) && wins(acc.times, k, stamp, false)) {
      out[k] = v;
      take(acc.times, k, stamp);
    }
  }
  out.metadata = mergeOrdered(acc.times, "metadata", out.metadata as JsonObject | null, b.metadata, stamp, false);
}

function layerParts(acc: Folded<ObservationEvent>, part: "usage" | "cost", b: Usage | Cost | null | undefined, stamp: number | undefined) {
  if (!given(b)) return;
  const keys = part === "usage" ? USAGE_KEYS : COST_KEYS;
  const out: Usage & Cost = { ...acc.event[part] };
  for (const k of ["input", "output", "total"] as const) {
    if (given(b[k]) && wins(acc.times, keys[k], stamp, false)) {
      out[k] = b[k];
      take(acc.times, keys[k], stamp);
    }
  }
  const details = mergeOrdered(acc.times, keys.details, out.details, b.details, stamp, false);
  if (details) out.details = details;
  acc.event[part] = out;
}

function foldTrace(acc: Folded<TraceEvent> | undefined, e: TraceEvent, stamp: number | undefined): Folded<TraceEvent> {
  const f = acc ?? { event: { kind: "trace", id: e.id }, times: {} };
  layer(f, e, stamp);
  f.event.tags = unionTags(f.event.tags, e.tags);
  const ts = earliest(e.timestamp, f.event.timestamp);
  if (ts) f.event.timestamp = ts;
  return f;
}

function foldObservation(acc: Folded<ObservationEvent> | undefined, e: ObservationEvent, stamp: number): Folded<ObservationEvent> {
  const f = acc ?? { event: { kind: "observation", id: e.id }, times: {} };
  layer(f, e, stamp);
  layerParts(f, "usage", e.usage, stamp);
  layerParts(f, "cost", e.cost, stamp);
  // The first trace named keeps the observation (creates come first in a batch).
  if (!f.event.traceId && e.traceId) f.event.traceId = e.traceId;
  return f;
}

const cloneFolded = <E>(f: Folded<E>): Folded<E> => ({ event: { ...f.event }, times: { ...f.times } });

/** A score is one statement: an older one only fills what the newer left out. */
function foldScore(a: ScoreEvent, b: ScoreEvent): ScoreEvent {
  const older = a.timestamp && b.timestamp && b.timestamp < a.timestamp;
  const [under, over] = older ? [b, a] : [a, b];
  const out = { ...under } as Record<string, unknown>;
  for (const k in over) {
    const v = (over as unknown as Record<string, unknown>)[k];
    if (given(v)) out[k] = v;
  }
  return out as unknown as ScoreEvent;
}

/** Folds a batch per id, in the order given (on a tie of stamps the later event wins). */
export function foldEvents(events: IngestEvent[], opts: FoldOptions = {}): FoldedBatch {
  const now = opts.now ?? new Date();
  const batch: FoldedBatch = {
    traces: new Map(),
    observations: new Map(),
    held: new Map(),
    released: new Set(),
    scores: new Map(),
    inferredStart: new Map(),
  };
  const folded = new Map<string, Folded<ObservationEvent>>();
  for (const e of events) {
    if (e.kind === "trace") {
      batch.traces.set(e.id, foldTrace(batch.traces.get(e.id), e, stampOf(e, now)));
    } else if (e.kind === "observation") {
      let acc = folded.get(e.id);
      if (!acc) {
        const held = opts.held?.get(e.id);
        acc = held ? cloneFolded(held) : undefined;
      }
      folded.set(e.id, foldObservation(acc, e, stampOf(e, now)));
    } else {
      const prev = batch.scores.get(e.id);
      batch.scores.set(e.id, prev ? foldScore(prev, e) : e);
    }
  }
  for (const [id, f] of folded) {
    const traceId = opts.storedTraceOf?.(id) ?? f.event.traceId;
    const wasHeld = opts.held?.has(id) ?? false;
    if (!traceId) {
      // An update naming no trace, before its create: not a trace of its own.
      batch.held.set(id, f);
      continue;
    }
    if (wasHeld) batch.released.add(id);
    f.event.traceId = traceId;
    batch.observations.set(id, f as Folded<ObservationEvent & { traceId: string }>);
    // An observation before its trace creates the trace from what is known
    // (unstamped: any trace event's own statement beats it).
    if (!batch.traces.has(traceId)) {
      batch.traces.set(traceId, { event: { kind: "trace", id: traceId, environment: f.event.environment }, times: {} });
    }
    const start = f.event.startTime;
    const seen = batch.inferredStart.get(traceId);
    if (start && (!seen || start < seen)) batch.inferredStart.set(traceId, start);
  }
  return batch;
}

