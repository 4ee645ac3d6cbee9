// One validated Langfuse event → Loupe's internal events.

import type { IngestEvent, ObservationEvent, ObservationType, ScoreDataType, ScoreEvent, TraceEvent } from "../events";
import { toCost, toUsage } from "./map-usage";
import {
  OBSERVATION_TYPE_OF,
  type GenerationBody,
  type LangfuseBody,
  type LangfuseEventType,
  type LegacyObservationBody,
  type ScoreBody,
  type TraceBody,
} from "./schemas";

/** The envelope facts a body mapping may fall back on. */
export interface EventContext {
  eventId: string;
  timestamp: Date;
}

function traceEvents(body: TraceBody, ctx: EventContext): IngestEvent[] {
  const trace: TraceEvent = {
    kind: "trace",
    // Langfuse ignores a trace-create without body id; keying it by the event id
    // keeps it (and a resent event still lands on the same trace).
    id: body.id ?? ctx.eventId,
    // Its place in the merge order (a trace-create is also how SDKs update a trace).
    eventTime: ctx.timestamp,
    // Not defaulted to the envelope time (Langfuse does, but keeps the first
    // value forever): here a stated timestamp moves a stored one, and a
    // trace-create without one is usually an update. The writer infers it.
    timestamp: body.timestamp ?? undefined,
    name: body.name,
    userId: body.userId,
    sessionId: body.sessionId,
    release: body.release,
    version: body.version,
    environment: body.environment,
    tags: body.tags,
    metadata: body.metadata,
    input: body.input,
    output: body.output,
    public: body.public,
  };
  return [trace];
}

type AnyObservationBody = Partial<GenerationBody> & Partial<Pick<LegacyObservationBody, "type">>;

function observationEvents(
  body: AnyObservationBody,
  type: ObservationType | undefined,
  isCreate: boolean,
  ctx: EventContext,
): IngestEvent[] {
  // Update schemas require body.id; a create without one is keyed by its event id.
  const id = body.id ?? ctx.eventId;
  // Creates default the start to the envelope time (as Langfuse does); an update
  // must not move a stored start.
  const startTime = body.startTime ?? (isCreate ? ctx.timestamp : undefined);
  const out: IngestEvent[] = [];

  // SDKs before 2.0 sent observations without a trace. Langfuse then writes a
  // wrapper trace whose id is the observation id; deterministic, so resending
  // the event does not make a second trace. Only a create does: an update
  // without a traceId belongs to the trace its create names (the writer
  // holds it until that create arrives).
  const traceId = body.traceId ?? (isCreate ? id : undefined);
  if (!body.traceId && isCreate) {
    out.push({ kind: "trace", id: id, timestamp: startTime, name: body.name, environment: body.environment, eventTime: ctx.timestamp });
  }

  const observation: ObservationEvent = {
    kind: "observation",
    id,
    traceId,
    eventTime: ctx.timestamp,
    isUpdate: !isCreate,
    type,
    parentObservationId: body.parentObservationId || undefined,
    name: body.name,
    startTime,
    endTime: body.endTime,
    completionStartTime: body.completionStartTime,
    level: body.level,
    statusMessage: body.statusMessage,
    version: body.version,
    environment: body.environment,
    input: body.input,
    output: body.output,
    metadata: body.metadata,
    model: body.model,
    modelParameters: body.modelParameters,
    promptName: body.promptName,
    promptVersion: body.promptVersion,
    usage: toUsage(body.usage, body.usageDetails),
    cost: toCost(body.usage, body.costDetails),
  };
  out.push(observation);
  return out;
}

/** Langfuse infers the type from the value when none is given. */
function inferDataType(body: ScoreBody): ScoreDataType {
  if (body.dataType) return body.dataType;
  return typeof body.value === "number" ? "NUMERIC" : "CATEGORICAL";
}

function scoreEvents(body: ScoreBody, ctx: EventContext): IngestEvent[] {
  const score: ScoreEvent = {
    kind: "score",
    id: body.id ?? ctx.eventId,
    name: body.name,
    value: body.value,
    dataType: inferDataType(body),
    // Empty strings count as absent, matching the target rule in the schema.
    traceId: body.traceId || undefined,
    observationId: body.observationId || undefined,
    sessionId: body.sessionId || undefined,
    datasetRunId: body.datasetRunId || undefined,
    comment: body.comment,
    source: body.source ?? "API",
    configId: body.configId,
    queueId: body.queueId,
    environment: body.environment,
    metadata: body.metadata,
    // Also its place in the merge order: a later score-create of the same id wins.
    timestamp: ctx.timestamp,
  };
  return [score];
}

/** Map one validated body of the given event type. */
export function mapLangfuseEvent<T extends LangfuseEventType>(
  type: T,
  body: LangfuseBody<T>,
  ctx: EventContext,
): IngestEvent[];
export function mapLangfuseEvent(
  type: LangfuseEventType,
  body: LangfuseBody<LangfuseEventType>,
  ctx: EventContext,
): IngestEvent[] {
  switch (type) {
    case "sdk-log":
      return [];
    case "trace-create":
      return traceEvents(body as TraceBody, ctx);
    case "score-create":
      return scoreEvents(body as ScoreBody, ctx);
    case "observation-create":
    case "observation-update": {
      const legacy = body as LegacyObservationBody;
      return observationEvents(legacy, legacy.type, type === "observation-create", ctx);
    }
    default:
      return observationEvents(
        body as AnyObservationBody,
        OBSERVATION_TYPE_OF[type],
        type.endsWith("-create"),
        ctx,
      );
  }
}
