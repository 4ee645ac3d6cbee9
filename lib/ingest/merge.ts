// Pure merging of ingestion events (folded per batch by fold.ts) into stored rows.
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
import { CORRECTION_NAME, type Cost, type EventTime, type ObservationEvent, type ScoreEvent, type TraceEvent, type Usage } from "./events";
import type { FieldTimes, ObservationRow, ScoreRow, TraceRow } from "./rows";
import { earliest, given, mergeOrdered, stampOf, take, unionTags, wins } from "./merge-rule";

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
    // Langfuse forces a correction's name, whatever the client sent.
    name: dataType === "CORRECTION" ? CORRECTION_NAME : e.name,
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
