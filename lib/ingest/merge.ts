// Pure merging of ingestion events into stored rows. A field that an event
// leaves undefined or null keeps what is stored; metadata objects merge
// shallowly and tags union, so pieces of one trace sent by several spans or
// requests add up instead of erasing each other.
import type { Cost, IngestEvent, JsonObject, ObservationEvent, ScoreEvent, TraceEvent, Usage } from "./events";
import type { ObservationRow, ScoreRow, TraceRow } from "./rows";

export type { ObservationRow, ScoreRow, TraceRow };

/** Events of one batch, folded per id in the order given. */
export interface FoldedBatch {
  traces: Map<string, TraceEvent>;
  observations: Map<string, ObservationEvent>;
  scores: Map<string, ScoreEvent>;
  /** Earliest observation start per trace: the timestamp of a trace no event states one for. */
  inferredStart: Map<string, Date>;
}

const given = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;
const pick = <T>(next: T | null | undefined, prev: T): T | (T & null) => (given(next) ? next : prev);

function mergeObjects(a: JsonObject | null | undefined, b: JsonObject | null | undefined): JsonObject | null {
  if (!given(b)) return a ?? null;
  if (!given(a)) return b;
  return { ...a, ...b };
}

function unionTags(a: string[] | null | undefined, b: string[] | null | undefined): string[] | null {
  if (!given(b)) return a ?? null;
  if (!given(a)) return [...new Set(b)];
  return [...new Set([...a, ...b])];
}

/** `a` with every field `b` provides laid over it (a plain loop: this runs per event). */
function overlay<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, unknown>;
  for (const k in b) {
    const v = (b as Record<string, unknown>)[k];
    if (given(v)) out[k] = v;
  }
  return out as T;
}

function mergeTraceEvents(a: TraceEvent, b: TraceEvent): TraceEvent {
  const out = overlay(a, b);
  out.metadata = mergeObjects(a.metadata, b.metadata);
  out.tags = unionTags(a.tags, b.tags);
  return out;
}

function mergeUsage(a: Usage | null | undefined, b: Usage | null | undefined): Usage | null {
  if (!given(b)) return a ?? null;
  if (!given(a)) return b;
  return {
    input: b.input ?? a.input,
    output: b.output ?? a.output,
    total: b.total ?? a.total,
    details: b.details || a.details ? { ...a.details, ...b.details } : undefined,
  };
}

function mergeObservationEvents(a: ObservationEvent, b: ObservationEvent): ObservationEvent {
  const out = overlay(a, b);
  out.metadata = mergeObjects(a.metadata, b.metadata);
  out.usage = mergeUsage(a.usage, b.usage);
  return out;
}

/**
 * Folds a batch per id. `storedTraceOf` gives the trace of observations
 * already stored: an observation never moves to another trace (an update that
 * does not name its trace must not create one).
 */
export function foldEvents(events: IngestEvent[], storedTraceOf: (observationId: string) => string | undefined = () => undefined): FoldedBatch {
  const batch: FoldedBatch = { traces: new Map(), observations: new Map(), scores: new Map(), inferredStart: new Map() };
  for (const e of events) {
    if (e.kind === "trace") {
      const prev = batch.traces.get(e.id);
      batch.traces.set(e.id, prev ? mergeTraceEvents(prev, e) : e);
    } else if (e.kind === "observation") {
      const prev = batch.observations.get(e.id);
      batch.observations.set(e.id, prev ? mergeObservationEvents(prev, e) : e);
    } else {
      const prev = batch.scores.get(e.id);
      batch.scores.set(e.id, prev ? overlay(prev, e) : e);
    }
  }
  // An observation before its trace creates the trace from what is known.
  for (const o of batch.observations.values()) {
    o.traceId = storedTraceOf(o.id) ?? o.traceId;
    if (!batch.traces.has(o.traceId)) {
      batch.traces.set(o.traceId, { kind: "trace", id: o.traceId, environment: o.environment });
    }
    const start = o.startTime;
    const seen = batch.inferredStart.get(o.traceId);
    if (start && (!seen || start < seen)) batch.inferredStart.set(o.traceId, start);
  }
  return batch;
}

export function mergeTrace(prev: TraceRow | undefined, e: TraceEvent, inferred: Date | undefined, now: Date): TraceRow {
  return {
    id: e.id,
    // The earliest stated time wins: SDKs resend a fresh timestamp on every
    // trace update, and a trace first made from a child span learns its real
    // (earlier) start when the trace event arrives.
    timestamp: earliest(e.timestamp, prev?.timestamp) ?? inferred ?? now,
    name: pick(e.name, prev?.name ?? null),
    userId: pick(e.userId, prev?.userId ?? null),
    sessionId: pick(e.sessionId, prev?.sessionId ?? null),
    release: pick(e.release, prev?.release ?? null),
    version: pick(e.version, prev?.version ?? null),
    environment: pick(e.environment, prev?.environment ?? "default"),
    tags: unionTags(prev?.tags, e.tags),
    metadata: mergeObjects(prev?.metadata, e.metadata),
    input: e.input !== undefined && e.input !== null ? e.input : (prev?.input ?? null),
    output: e.output !== undefined && e.output !== null ? e.output : (prev?.output ?? null),
    public: pick(e.public, prev?.public ?? false),
  };
}

export type PriceFn = (o: { model: string | null; usage: Usage; at: Date }) => Cost | undefined;

export function mergeObservation(
  prev: ObservationRow | undefined,
  e: ObservationEvent,
  now: Date,
  price: PriceFn,
): ObservationRow {
  const usage = mergeUsage(
    prev ? { input: prev.inputTokens ?? undefined, output: prev.outputTokens ?? undefined, total: prev.totalTokens ?? undefined, details: prev.usageDetails ?? undefined } : undefined,
    e.usage,
  );
  const row: ObservationRow = {
    id: e.id,
    traceId: prev?.traceId ?? e.traceId,
    parentObservationId: pick(e.parentObservationId, prev?.parentObservationId ?? null),
    type: pick(e.type, prev?.type ?? "SPAN"),
    name: pick(e.name, prev?.name ?? null),
    startTime: pick(e.startTime, prev?.startTime) ?? now,
    endTime: pick(e.endTime, prev?.endTime ?? null),
    completionStartTime: pick(e.completionStartTime, prev?.completionStartTime ?? null),
    level: pick(e.level, prev?.level ?? "DEFAULT"),
    statusMessage: pick(e.statusMessage, prev?.statusMessage ?? null),
    version: pick(e.version, prev?.version ?? null),
    environment: pick(e.environment, prev?.environment ?? "default"),
    input: e.input !== undefined && e.input !== null ? e.input : (prev?.input ?? null),
    output: e.output !== undefined && e.output !== null ? e.output : (prev?.output ?? null),
    metadata: mergeObjects(prev?.metadata, e.metadata),
    model: pick(e.model, prev?.model ?? null),
    modelParameters: pick(e.modelParameters, prev?.modelParameters ?? null),
    promptName: pick(e.promptName, prev?.promptName ?? null),
    promptVersion: pick(e.promptVersion, prev?.promptVersion ?? null),
    inputTokens: usage?.input ?? null,
    outputTokens: usage?.output ?? null,
    totalTokens: totalTokens(usage),
    usageDetails: usage?.details && Object.keys(usage.details).length ? usage.details : null,
    inputCost: prev?.inputCost ?? null,
    outputCost: prev?.outputCost ?? null,
    totalCost: prev?.totalCost ?? null,
    costDetails: prev?.costDetails ?? null,
    costProvided: prev?.costProvided ?? false,
  };
  const provided = e.cost && (given(e.cost.total) || given(e.cost.input) || given(e.cost.output) || e.cost.details);
  if (provided && e.cost) {
    // A cost the client provides wins over computed prices, now and on later updates.
    row.inputCost = e.cost.input ?? row.inputCost;
    row.outputCost = e.cost.output ?? row.outputCost;
    row.totalCost = e.cost.total ?? sumDefined(e.cost.input ?? row.inputCost, e.cost.output ?? row.outputCost);
    row.costDetails = e.cost.details ?? row.costDetails;
    row.costProvided = true;
  } else if (!row.costProvided && row.model && usage && (e.usage || e.model)) {
    const cost = price({ model: row.model, usage, at: row.startTime });
    if (cost) {
      row.inputCost = cost.input ?? null;
      row.outputCost = cost.output ?? null;
      row.totalCost = cost.total ?? sumDefined(cost.input, cost.output);
      row.costDetails = cost.details ?? null;
    }
  }
  return row;
}

/**
 * Adapters fill `total` with the sum of the parts they saw, so a create and an
 * update each carry a partial total: take the larger of the stated total and
 * the merged parts (a client total that counts more types still wins).
 */
function totalTokens(usage: Usage | null): number | null {
  if (!usage) return null;
  const parts = usage.input != null || usage.output != null ? (usage.input ?? 0) + (usage.output ?? 0) : null;
  if (parts === null) return usage.total ?? null;
  return Math.max(parts, usage.total ?? 0);
}

function earliest(a: Date | null | undefined, b: Date | null | undefined): Date | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return a < b ? a : b;
}

function sumDefined(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null && b == null) return null;
  return (a ?? 0) + (b ?? 0);
}

export function scoreRow(prev: ScoreRow | undefined, e: ScoreEvent, now: Date): ScoreRow {
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
