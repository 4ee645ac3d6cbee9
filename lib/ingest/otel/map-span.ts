// One OTLP span → one ObservationEvent, plus what the span says about its
// trace. The conventions run in priority order: what a client states through
// the Langfuse SDK wins over what an instrumentation library reports.
import type { Json, JsonObject, ObservationEvent, ObservationType } from "../events";
import { mergeFacts, stripUndefined, type Convention, type SpanContext, type SpanFacts, type TraceFacts } from "./facts";
import { SPAN_ID_BYTES, isValidId } from "./ids";
import { setKey } from "./json";
import { genAiType, mapGenAi } from "./map-genai";
import { langfuseAsRoot, langfuseType, mapLangfuse } from "./map-langfuse";
import { mapOpenInference, openInferenceType } from "./map-openinference";
import { mapVercel, vercelFunctionId, vercelOperation, vercelType } from "./map-vercel";
import { SpanAttributes } from "./span-attributes";
import type { Attributes, OtlpScope, OtlpSpan } from "./types";

const CONVENTIONS: Convention[] = [mapLangfuse, mapOpenInference, mapVercel, mapGenAi];

// Any of these on a span without a better signal means a model was called.
const MODEL_KEYS = ["langfuse.observation.model.name", "gen_ai.request.model", "gen_ai.response.model", "llm.model_name"];
const ENVIRONMENT_KEYS = ["langfuse.environment", "deployment.environment.name", "deployment.environment"];

export interface MappedSpan {
  observation: ObservationEvent;
  /** Trace fields the span states outright (e.g. langfuse.trace.name, user.id) or shares with every span (environment). */
  trace: TraceFacts;
  /** Set for a trace's root span: the fallbacks a root gives its trace. */
  root?: TraceFacts & { timestamp?: Date };
}

export function mapSpan(span: OtlpSpan, scope: OtlpScope, resourceAttributes: Attributes): MappedSpan {
  const attrs = new SpanAttributes(span.attributes);
  const type = observationType(attrs, span, scope);
  const ctx: SpanContext = {
    span,
    scope,
    resourceAttributes,
    type,
    // Wrapper spans (agents, chains, the AI SDK's outer spans) often repeat
    // their children's token totals; counting usage only on model calls keeps
    // trace totals and costs from counting twice.
    generationLike: type === "GENERATION" || type === "EMBEDDING",
  };
  // A parent id that isn't one (wrong length) can't link anywhere: the span is treated as a root.
  const parentId = span.parentSpanId && isValidId(span.parentSpanId, SPAN_ID_BYTES) ? span.parentSpanId : undefined;
  const isRoot = !parentId || langfuseAsRoot(attrs);
  const functionId = vercelFunctionId(attrs);

  let facts: SpanFacts = {};
  for (const convention of CONVENTIONS) facts = mergeFacts(facts, convention(attrs, ctx, facts));

  const environment = attrs.takeString(...ENVIRONMENT_KEYS) ?? firstString(resourceAttributes, ENVIRONMENT_KEYS);
  const version = facts.version ?? firstString(resourceAttributes, ["service.version"]);
  const isError = span.status.code === "ERROR";

  const observation: ObservationEvent = {
    kind: "observation",
    id: span.spanId,
    traceId: span.traceId,
    type,
    parentObservationId: parentId,
    name: facts.name ?? (span.name || undefined),
    startTime: span.startTime,
    endTime: span.endTime,
    completionStartTime: facts.completionStartTime,
    level: facts.level ?? (isError ? "ERROR" : undefined),
    statusMessage: facts.statusMessage ?? span.status.message ?? (isError ? exceptionMessage(span) : undefined),
    version,
    environment,
    input: facts.input,
    output: facts.output,
    metadata: metadata(attrs, ctx, facts),
    model: facts.model,
    modelParameters: facts.modelParameters,
    promptName: facts.promptName,
    promptVersion: facts.promptVersion,
    usage: facts.usage,
    cost: facts.cost,
  };

  const trace: TraceFacts = { ...facts.trace, environment };
  const mapped: MappedSpan = {
    observation: stripUndefined(observation) as ObservationEvent,
    trace: stripUndefined(trace),
  };
  if (isRoot) {
    mapped.root = stripUndefined({
      timestamp: span.startTime,
      name: functionId ?? (span.name || undefined),
      input: facts.input,
      output: facts.output,
      version,
      release: firstString(resourceAttributes, ["langfuse.release"]),
      // The root's own metadata and where it ran describe the whole trace.
      metadata: { ...facts.metadata, ...nonEmpty("resourceAttributes", resourceAttributes) },
    });
  }
  return mapped;
}

function observationType(attrs: SpanAttributes, span: OtlpSpan, scope: OtlpScope): ObservationType {
  return (
    langfuseType(attrs) ??
    openInferenceType(attrs) ??
    vercelType(vercelOperation(attrs, span, scope)) ??
    genAiType(attrs) ??
    (MODEL_KEYS.some((k) => attrs.peekString(k)) ? "GENERATION" : "SPAN")
  );
}

function metadata(attrs: SpanAttributes, ctx: SpanContext, facts: SpanFacts): JsonObject | undefined {
  const consumed = new Set(facts.consumedEvents ?? []);
  const events = ctx.span.events
    .filter((_, i) => !consumed.has(i))
    .map((e): Json => ({ name: e.name, time: e.time?.toISOString() ?? null, attributes: e.attributes }));
  const links = ctx.span.links.map((l): Json => ({ traceId: l.traceId, spanId: l.spanId, attributes: l.attributes }));
  const scope: JsonObject = stripUndefined({ name: ctx.scope.name, version: ctx.scope.version });
  if (Object.keys(ctx.scope.attributes).length > 0) scope.attributes = ctx.scope.attributes;

  const out: JsonObject = { ...facts.metadata };
  // Reserved keys are written last so a client's own metadata keys can't shadow them.
  Object.assign(out, nonEmpty("attributes", attrs.remaining()));
  Object.assign(out, nonEmpty("resourceAttributes", ctx.resourceAttributes));
  if (Object.keys(scope).length > 0) out.scope = scope;
  if (events.length > 0) out.events = events;
  if (links.length > 0) out.links = links;
  return Object.keys(out).length > 0 ? out : undefined;
}

function nonEmpty(key: string, value: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (Object.keys(value).length > 0) setKey(out, key, value);
  return out;
}

function firstString(attrs: Attributes, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = attrs[k];
    if (typeof v === "string" && v !== "") return v;
  }
  return undefined;
}

/** For an ERROR span without a status message, the recorded exception says what went wrong. */
function exceptionMessage(span: OtlpSpan): string | undefined {
  const e = span.events.find((x) => x.name === "exception");
  if (!e) return undefined;
  const type = e.attributes["exception.type"];
  const message = e.attributes["exception.message"];
  const parts = [type, message].filter((p): p is string => typeof p === "string" && p !== "");
  return parts.length > 0 ? parts.join(": ") : undefined;
}
