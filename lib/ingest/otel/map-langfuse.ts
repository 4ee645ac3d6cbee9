// Langfuse OTel SDKs (@langfuse/tracing + @langfuse/otel v4/v5, Python v3):
// langfuse.* attributes, named as in @langfuse/core's LangfuseOtelSpanAttributes.
// The SDK serialises every non-string value with JSON.stringify, so JSON in
// strings is parsed back. user.id / session.id are shared with OpenInference.
import { LEVELS, OBSERVATION_TYPES, type Json, type JsonObject, type Level, type ObservationType } from "../events";
import type { Convention, SpanFacts, TraceFacts } from "./facts";
import { isJsonObject, parseJsonString, parseJsonish, setKey } from "./json";
import { experimentFacts } from "./map-experiment";
import type { SpanAttributes } from "./span-attributes";
import { costFromLangfuse, usageFromLangfuse } from "./usage";

const OBS = "langfuse.observation";
const TRACE = "langfuse.trace";

export function langfuseType(attrs: SpanAttributes): ObservationType | undefined {
  const t = attrs.peekString(`${OBS}.type`)?.toUpperCase();
  return OBSERVATION_TYPES.find((x) => x === t);
}

/** langfuse.internal.as_root: the SDK's way to make a span with a remote parent its trace's root. */
export function langfuseAsRoot(attrs: SpanAttributes): boolean {
  const v = attrs.peek("langfuse.internal.as_root");
  return v === true || v === "true";
}

export const mapLangfuse: Convention = (attrs, ctx) => {
  const experiment = experimentFacts(attrs, ctx.span.spanId, !ctx.span.parentSpanId || langfuseAsRoot(attrs));
  attrs.take(`${OBS}.type`);
  attrs.take("langfuse.internal.as_root");
  attrs.take("langfuse.internal.is_app_root");

  const facts: SpanFacts = {
    input: json(attrs.take(`${OBS}.input`)),
    output: json(attrs.take(`${OBS}.output`)),
    level: level(attrs),
    statusMessage: attrs.takeString(`${OBS}.status_message`),
    model: attrs.takeString(`${OBS}.model.name`),
    modelParameters: object(attrs.take(`${OBS}.model.parameters`)),
    // Usage and cost the client states apply to any observation type.
    usage: usageFromLangfuse(json(attrs.take(`${OBS}.usage_details`))),
    cost: costFromLangfuse(json(attrs.take(`${OBS}.cost_details`))),
    completionStartTime: date(attrs.take(`${OBS}.completion_start_time`)),
    promptName: attrs.takeString(`${OBS}.prompt.name`, "langfuse.prompt.name"),
    promptVersion: intOf(attrs.takeFirst(`${OBS}.prompt.version`, "langfuse.prompt.version")),
    version: attrs.takeString("langfuse.version"),
  };

  const trace: TraceFacts = {
    userId: attrs.takeString(
      "langfuse.user.id",
      "user.id",
      `${OBS}.metadata.langfuse_user_id`,
      `${TRACE}.metadata.langfuse_user_id`,
      "enduser.id", // the older OTel semantic convention for the end user
    ),
    sessionId: attrs.takeString(
      "langfuse.session.id",
      "session.id",
      `${OBS}.metadata.langfuse_session_id`,
      `${TRACE}.metadata.langfuse_session_id`,
    ),
    tags: tags(attrs.takeFirst(`${TRACE}.tags`, "langfuse.tags", `${OBS}.metadata.langfuse_tags`, `${TRACE}.metadata.langfuse_tags`)),
    name: attrs.takeString(`${TRACE}.name`),
    input: json(attrs.take(`${TRACE}.input`)),
    output: json(attrs.take(`${TRACE}.output`)),
    public: attrs.takeBoolean(`${TRACE}.public`) ?? attrs.takeBoolean("langfuse.public"),
    release: attrs.takeString("langfuse.release"),
    version: facts.version,
    metadata: metadata(attrs, `${TRACE}.metadata`),
  };
  facts.metadata = metadata(attrs, `${OBS}.metadata`, "langfuse.metadata");
  if (experiment) {
    // Under its own key, laid over a client key of the same name: the SDK's statement is the one filters read.
    facts.metadata = { ...facts.metadata, experiment: experiment.experiment };
    if (experiment.describesTrace) trace.metadata = { ...trace.metadata, experiment: experiment.experiment };
  }
  facts.trace = trace;
  return facts;
};

function json(v: Json | undefined): Json | undefined {
  return v === undefined ? undefined : parseJsonish(v);
}

function object(v: Json | undefined): JsonObject | undefined {
  const parsed = json(v);
  return isJsonObject(parsed) ? parsed : undefined;
}

function level(attrs: SpanAttributes): Level | undefined {
  const raw = attrs.peekString(`${OBS}.level`)?.toUpperCase();
  const found = LEVELS.find((l) => l === raw);
  if (found) attrs.take(`${OBS}.level`);
  return found;
}

function date(v: Json | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const s = parseJsonString(v);
  if (typeof s !== "string" && typeof s !== "number") return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function intOf(v: Json | undefined): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/** Tags as a string array from an array, a JSON array in a string, or a comma-separated string. */
export function tags(v: Json | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const parsed = parseJsonish(v);
  if (Array.isArray(parsed)) return parsed.filter((t) => t !== null).map((t) => (typeof t === "string" ? t : JSON.stringify(t)));
  if (typeof parsed === "string") {
    const list = parsed.split(",").map((t) => t.trim()).filter(Boolean);
    return list.length > 0 ? list : undefined;
  }
  return undefined;
}

/**
 * Metadata sent whole (`prefix` as a JSON object) and/or flattened
 * (`prefix.key` per top-level key, each value JSON-serialised unless a string).
 */
function metadata(attrs: SpanAttributes, ...prefixes: string[]): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const prefix of prefixes) {
    const whole = attrs.peek(prefix);
    if (whole !== undefined) {
      const parsed = parseJsonish(whole);
      attrs.take(prefix);
      out = { ...out, ...(isJsonObject(parsed) ? parsed : { metadata: parsed }) };
    }
    for (const [key, value] of attrs.takePrefix(prefix)) {
      out ??= {};
      setKey(out, key, parseJsonish(value));
    }
  }
  return out;
}
