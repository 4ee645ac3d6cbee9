// OpenInference (Arize / Phoenix instrumentations, also used by Agno, BeeAI,
// smolagents...): openinference.span.kind, input.value/output.value with a
// mime type, llm.* and flattened message lists
// (llm.input_messages.0.message.role).
import type { Json, JsonObject, ObservationType } from "../events";
import type { Convention, SpanFacts } from "./facts";
import { isJsonObject, parseJsonish, unflatten, unwrapSingleKey } from "./json";
import { tags } from "./map-langfuse";
import type { SpanAttributes } from "./span-attributes";
import { usageFromCounts } from "./usage";

const KINDS: Record<string, ObservationType> = {
  LLM: "GENERATION",
  CHAIN: "CHAIN",
  TOOL: "TOOL",
  AGENT: "AGENT",
  RETRIEVER: "RETRIEVER",
  RERANKER: "RETRIEVER",
  EMBEDDING: "EMBEDDING",
  GUARDRAIL: "GUARDRAIL",
  EVALUATOR: "EVALUATOR",
  PROMPT: "SPAN",
};

export function openInferenceType(attrs: SpanAttributes): ObservationType | undefined {
  const kind = attrs.peekString("openinference.span.kind")?.toUpperCase();
  return kind ? KINDS[kind] : undefined;
}

// Every OpenInference list item is wrapped in its kind's name.
const WRAPPERS = new Set(["message", "tool_call", "message_content", "document", "tool", "embedding"]);
const indexed = (rest: string) => /^\d+\./.test(rest);

function list(attrs: SpanAttributes, prefix: string): Json[] | undefined {
  if (!attrs.hasPrefix(prefix, indexed)) return undefined;
  const v = unwrapSingleKey(unflatten(attrs.takePrefix(prefix, indexed)), WRAPPERS);
  return Array.isArray(v) ? v : undefined;
}

/** input.value / output.value, parsed when the mime type (or, without one, the text) says JSON. */
function ioValue(attrs: SpanAttributes, key: string): Json | undefined {
  const value = attrs.take(`${key}.value`);
  const mime = attrs.takeString(`${key}.mime_type`);
  if (value === undefined || typeof value !== "string") return value;
  if (mime?.includes("json")) {
    try {
      return JSON.parse(value) as Json;
    } catch {
      return value;
    }
  }
  return mime ? value : parseJsonish(value);
}

export const mapOpenInference: Convention = (attrs, ctx, known) => {
  attrs.take("openinference.span.kind");
  const facts: SpanFacts = {};

  if (known.input === undefined) {
    const messages = list(attrs, "llm.input_messages");
    const value = ioValue(attrs, "input");
    // The messages are the readable form of the same request input.value carries raw.
    facts.input = messages ?? value;
  }
  if (known.output === undefined) {
    const messages = list(attrs, "llm.output_messages");
    const value = ioValue(attrs, "output");
    const documents = list(attrs, "retrieval.documents");
    facts.output = messages ?? value ?? documents;
    if (documents && facts.output !== documents) facts.metadata = { documents };
  }

  facts.model = attrs.takeString("llm.model_name", "embedding.model_name");
  const params = parseJsonish(attrs.peek("llm.invocation_parameters") ?? null);
  if (isJsonObject(params)) {
    attrs.take("llm.invocation_parameters");
    facts.modelParameters = params;
  }

  if (ctx.generationLike) {
    const t = "llm.token_count";
    facts.usage = usageFromCounts({
      input: attrs.takeNumber(`${t}.prompt`),
      output: attrs.takeNumber(`${t}.completion`),
      total: attrs.takeNumber(`${t}.total`),
      cacheRead: attrs.takeNumber(`${t}.prompt_details.cache_read`),
      cacheWrite: attrs.takeNumber(`${t}.prompt_details.cache_write`),
      reasoning: attrs.takeNumber(`${t}.completion_details.reasoning`),
    });
    const input = attrs.takeNumber("llm.cost.prompt");
    const output = attrs.takeNumber("llm.cost.completion");
    const total = attrs.takeNumber("llm.cost.total");
    if (input !== undefined || output !== undefined || total !== undefined) facts.cost = { input, output, total };
  }

  const meta = parseJsonish(attrs.peek("metadata") ?? null);
  if (isJsonObject(meta)) {
    attrs.take("metadata");
    facts.metadata = { ...meta, ...facts.metadata };
  }
  const tools = list(attrs, "llm.tools");
  if (tools) facts.metadata = { ...facts.metadata, tools: tools.map(toolSchema) };

  const tagList = tags(attrs.take("tag.tags"));
  if (tagList) facts.trace = { tags: tagList };
  return facts;
};

// llm.tools.N.tool.json_schema holds the tool definition as JSON text.
function toolSchema(t: Json): Json {
  if (isJsonObject(t) && typeof t.json_schema === "string") {
    const parsed = parseJsonish(t.json_schema);
    return Object.keys(t).length === 1 ? parsed : ({ ...t, json_schema: parsed } as JsonObject);
  }
  return t;
}
