// Pure merging of ingestion events into stored rows.
//
// Per field, the latest statement wins, whatever the order of arrival: every
// event has a stamp (its event time; an update sits half a step after a create
// of the same millisecond, so it wins the tie), and a row keeps, per field,
// the stamp of the event that set it (`fieldTimes`). A field no event stated
// (a default, or a fact inferred from a child) has no stamp and gives way to
// any stated value. Within a batch a tie goes to the later event; against a
// stored row a tie keeps what is stored, so a resent event changes nothing.
// Metadata objects and usage/cost details merge shallowly, the later
// statement's keys on top; tags union; a trace's timestamp is the earliest stated.
import type { Cost, EventTime, IngestEvent, JsonObject, ObservationEvent, ScoreEvent, TraceEvent, Usage } from "./events";
import type { FieldTimes, ObservationRow, ScoreRow, TraceRow } from "./rows";

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

/** An event's place in the merge order: 2 × its time in ms, +1 for an update. */
export function stampOf(e: EventTime, now: Date): number {
  return (e.eventTime ?? now).getTime() * 2 + (e.isUpdate ? 1 : 0);
}

const given = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/** Whether a statement stamped `stamp` replaces the value of `key`; an unstamped one only fills a field nobody stated. */
function wins(times: FieldTimes, key: string, stamp: number | undefined, strict: boolean): boolean {
  const had = times[key];
  if (had === undefined) return true;
  if (stamp === undefined) return false;
  return strict ? stamp > had : stamp >= had;
}

function take(times: FieldTimes, key: string, stamp: number | undefined) {
  if (stamp !== undefined) times[key] = stamp;
}

/** Shallow merge of two objects, the winning statement's keys on top; the key's stamp is the later one. */
function mergeOrdered<T extends Record<string, unknown>>(
  times: FieldTimes,
  key: string,
  stored: T | null | undefined,
  next: T | null | undefined,
  stamp: number | undefined,
  strict: boolean,
): T | null {
  if (!given(next)) return stored ?? null;
  const newer = wins(times, key, stamp, strict);
  if (newer) take(times, key, stamp);
  if (!given(stored)) return next;
  return newer ? { ...stored, ...next } : { ...next, ...stored };
}

function unionTags(a: string[] | null | undefined, b: string[] | null | undefined): string[] | null {
  if (!given(b)) return a ?? null;
  if (!given(a)) return [...new Set(b)];
  return [...new Set([...a, ...b])];
}

function earliest(a: Date | null | undefined, b: Date | null | undefined): Date | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return a < b ? a : b;
}

// ---- folding the events of a batch -----------------------------------------

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

// ---- merging into stored rows ----------------------------------------------

/** Per-field stamps of an event: a folded event's own, or one stamp for every field of a plain event. */
type Stamps = (field: string) => number | undefined;

function stampsOf(e: EventTime, times: FieldTimes | undefined, now: Date): Stamps {
  if (times) return (k) => times[k];
  const s = stampOf(e, now);
  return () => s;
}

/** A picker over one row: `pick(key, next, stored)` keeps `stored` unless `next` is the later statement. */
function picker(times: FieldTimes, stamps: Stamps) {
  return <T>(key: string, next: T | null | undefined, stored: T): T => {
    if (!given(next)) return stored;
    const s = stamps(key);
    if (!wins(times, key, s, true)) return stored;
    take(times, key, s);
    return next;
  };
}

const compact = (times: FieldTimes): FieldTimes | null => {
  for (const _ in times) return times;
  return null;
};

/**
 * The trace row after `e` (a folded event with its stamps, or one plain
 * event stamped by its event time).
 */
export function mergeTrace(prev: TraceRow | undefined, e: TraceEvent, inferred: Date | undefined, now: Date, eTimes?: FieldTimes): TraceRow {
  const times: FieldTimes = { ...prev?.fieldTimes };
  const stamps = stampsOf(e, eTimes, now);
  const pick = picker(times, stamps);
  return {
    id: e.id,
    // The earliest stated time wins: SDKs resend a fresh timestamp on every
    // trace update, and a trace first made from a child span learns its real
    // (earlier) start when the trace event arrives.
    timestamp: earliest(e.timestamp, prev?.timestamp) ?? inferred ?? now,
    name: pick("name", e.name, prev?.name ?? null),
    userId: pick("userId", e.userId, prev?.userId ?? null),
    sessionId: pick("sessionId", e.sessionId, prev?.sessionId ?? null),
    release: pick("release", e.release, prev?.release ?? null),
    version: pick("version", e.version, prev?.version ?? null),
    environment: pick("environment", e.environment, prev?.environment ?? "default"),
    tags: unionTags(prev?.tags, e.tags),
    metadata: mergeOrdered(times, "metadata", prev?.metadata, e.metadata, stamps("metadata"), true),
    input: pick("input", e.input, prev?.input ?? null),
    output: pick("output", e.output, prev?.output ?? null),
    public: pick("public", e.public, prev?.public ?? false),
    fieldTimes: compact(times),
  };
}

export type PriceFn = (o: { model: string | null; usage: Usage; at: Date }) => Cost | undefined;

export function mergeObservation(
  prev: ObservationRow | undefined,
  e: ObservationEvent,
  now: Date,
  price: PriceFn,
  eTimes?: FieldTimes,
): ObservationRow {
  const times: FieldTimes = { ...prev?.fieldTimes };
  const stamps = stampsOf(e, eTimes, now);
  const pick = picker(times, stamps);
  const u = e.usage;
  const usage: Usage = {
    input: pick("inputTokens", u?.input, prev?.inputTokens ?? undefined),
    output: pick("outputTokens", u?.output, prev?.outputTokens ?? undefined),
    total: pick("totalTokens", u?.total, prev?.totalTokens ?? undefined),
    details: mergeOrdered(times, "usageDetails", prev?.usageDetails, u?.details, stamps("usageDetails"), true) ?? undefined,
  };
  const hasUsage = usage.input != null || usage.output != null || usage.total != null || usage.details != null;
  const row: ObservationRow = {
    id: e.id,
    traceId: traceOf(prev, e),
    parentObservationId: pick("parentObservationId", e.parentObservationId, prev?.parentObservationId ?? null),
    type: pick("type", e.type, prev?.type ?? "SPAN"),
    name: pick("name", e.name, prev?.name ?? null),
    startTime: pick("startTime", e.startTime, prev?.startTime) ?? now,
    endTime: pick("endTime", e.endTime, prev?.endTime ?? null),
    completionStartTime: pick("completionStartTime", e.completionStartTime, prev?.completionStartTime ?? null),
    level: pick("level", e.level, prev?.level ?? "DEFAULT"),
    statusMessage: pick("statusMessage", e.statusMessage, prev?.statusMessage ?? null),
    version: pick("version", e.version, prev?.version ?? null),
    environment: pick("environment", e.environment, prev?.environment ?? "default"),
    input: pick("input", e.input, prev?.input ?? null),
    output: pick("output", e.output, prev?.output ?? null),
    metadata: mergeOrdered(times, "metadata", prev?.metadata, e.metadata, stamps("metadata"), true),
    model: pick("model", e.model, prev?.model ?? null),
    modelParameters: pick("modelParameters", e.modelParameters, prev?.modelParameters ?? null),
    promptName: pick("promptName", e.promptName, prev?.promptName ?? null),
    promptVersion: pick("promptVersion", e.promptVersion, prev?.promptVersion ?? null),
    inputTokens: usage.input ?? null,
    outputTokens: usage.output ?? null,
    totalTokens: hasUsage ? totalTokens(usage) : null,
    usageDetails: usage.details && Object.keys(usage.details).length ? usage.details : null,
    inputCost: prev?.inputCost ?? null,
    outputCost: prev?.outputCost ?? null,
    totalCost: prev?.totalCost ?? null,
    costDetails: prev?.costDetails ?? null,
    costProvided: prev?.costProvided ?? false,
    fieldTimes: null,
  };
  const c = e.cost;
  const provided = c && (given(c.total) || given(c.input) || given(c.output) || c.details);
  if (provided && c) {
    // A cost the client provides wins over computed prices, now and on later updates.
    // Computed figures carry no stamp, so the first provided cost replaces them.
    row.inputCost = pick("inputCost", c.input, row.inputCost);
    row.outputCost = pick("outputCost", c.output, row.outputCost);
    row.totalCost = pick("totalCost", c.total ?? sumDefined(row.inputCost, row.outputCost), row.totalCost);
    row.costDetails = mergeOrdered(times, "costDetails", row.costDetails, c.details, stamps("costDetails"), true);
    row.costProvided = true;
  } else if (!row.costProvided && row.model && hasUsage && (e.usage || e.model)) {
    const cost = price({ model: row.model, usage, at: row.startTime });
    if (cost) {
      row.inputCost = cost.input ?? null;
      row.outputCost = cost.output ?? null;
      row.totalCost = cost.total ?? sumDefined(cost.input, cost.output);
      row.costDetails = cost.details ?? null;
    }
  }
  row.fieldTimes = compact(times);
  return row;
}

function traceOf(prev: ObservationRow | undefined, e: ObservationEvent): string {
  const id = prev?.traceId ?? e.traceId;
  // foldEvents holds updates that name no trace; none may reach a row.
  if (!id) throw new Error(`observation ${e.id} has no trace`);
  return id;
}

/**
 * Adapters fill `total` with the sum of the parts they saw, so a create and an
 * update each carry a partial total: take the larger of the stated total and
 * the merged parts (a client total that counts more types still wins).
 */
function totalTokens(usage: Usage): number | null {
  const parts = usage.input != null || usage.output != null ? (usage.input ?? 0) + (usage.output ?? 0) : null;
  if (parts === null) return usage.total ?? null;
  return Math.max(parts, usage.total ?? 0);
}

function sumDefined(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null && b == null) return null;
  return (a ?? 0) + (b ?? 0);
}

// Fields an older statement of a score may still fill; name, value and type are the statement itself.
const SCORE_FILLABLE = [
  "traceId", "observationId", "sessionId", "datasetRunId", "comment", "authorUserId", "configId", "queueId", "metadata",
] as const;

/**
 * A score is stated whole by each event; its `timestamp` is the time of the
 * latest statement. An older statement arriving late only fills what the
 * stored score lacks.
 */
export function scoreRow(prev: ScoreRow | undefined, e: ScoreEvent, now: Date): ScoreRow {
  if (prev && e.timestamp && e.timestamp < prev.timestamp) {
    const stated = scoreRow(undefined, e, now);
    const out = { ...prev };
    for (const k of SCORE_FILLABLE) if (out[k] === null && stated[k] !== null) (out as Record<string, unknown>)[k] = stated[k];
    return out;
  }
  const pick = <T>(next: T | null | undefined, stored: T): T => (given(next) ? next : stored);
  const numeric = typeof e.value === "number";
  const dataType = e.dataType ?? prev?.dataType ?? (numeric ? "NUMERIC" : "CATEGORICAL");
  let value: number | null = numeric ? (e.value as number) : null;
  let stringValue: string | null = numeric ? null : String(e.value);
  if (dataType === "BOOLEAN" && numeric) stringValue = value === 1 ? "True" : "False";
  if (dataType === "CATEGORICAL" && numeric) {
    stringValue = e.stringValue ?? String(e.value);
  }
  if (!numeric && dataType === "BOOLEAN") {
    value = /^(true|1)$/i.test(String(e.value)) ? 1 : 0;
  }
  return {
    id: e.id,
    traceId: pick(e.traceId, prev?.traceId ?? null),
    observationId: pick(e.observationId, prev?.observationId ?? null),
    sessionId: pick(e.sessionId, prev?.sessionId ?? null),
    datasetRunId: pick(e.datasetRunId, prev?.datasetRunId ?? null),
    name: e.name,
    value,
    stringValue,
    dataType,
    source: pick(e.source, prev?.source ?? "API"),
    comment: pick(e.comment, prev?.comment ?? null),
    authorUserId: pick(e.authorUserId, prev?.authorUserId ?? null),
    configId: pick(e.configId, prev?.configId ?? null),
    queueId: pick(e.queueId, prev?.queueId ?? null),
    environment: pick(e.environment, prev?.environment ?? "default"),
    metadata: pick(e.metadata, prev?.metadata ?? null),
    timestamp: pick(e.timestamp, prev?.timestamp) ?? now,
  };
}
