// Vercel AI SDK telemetry (experimental_telemetry, v3-v6). Each call makes an
// outer span (ai.generateText, ai.streamText...) holding one inner span per
// model call (ai.generateText.doGenerate...) and one per tool execution
// (ai.toolCall). Only the inner model-call spans are generations: the outer
// span repeats their usage as a total, which would count twice.
import type { Json, JsonObject, ObservationType } from "../events";
import type { Convention, SpanFacts } from "./facts";
import { isJsonObject, parseJsonish, setKey } from "./json";
import { tags } from "./map-langfuse";
import type { SpanAttributes } from "./span-attributes";
import type { OtlpScope, OtlpSpan } from "./types";
import { usageFromCounts } from "./usage";

const GENERATION_OPS = new Set([
  "ai.generateText.doGenerate",
  "ai.streamText.doStream",
  "ai.generateObject.doGenerate",
  "ai.streamObject.doStream",
]);
const EMBEDDING_OPS = new Set(["ai.embed.doEmbed", "ai.embedMany.doEmbed"]);

/** ai.operationId, or the span name for spans from the SDK's "ai" tracer. */
export function vercelOperation(attrs: SpanAttributes, span: OtlpSpan, scope: OtlpScope): string | undefined {
  const op = attrs.peekString("ai.operationId");
  if (op) return op;
  if (scope.name === "ai" && span.name.startsWith("ai.")) return span.name.split(" ")[0];
  return undefined;
}

export function vercelType(op: string | undefined): ObservationType | undefined {
  if (!op) return undefined;
  if (GENERATION_OPS.has(op)) return "GENERATION";
  if (EMBEDDING_OPS.has(op)) return "EMBEDDING";
  if (op === "ai.toolCall") return "TOOL";
  // Outer spans: a plain span, even though they carry a model id.
  return op.startsWith("ai.") ? "SPAN" : undefined;
}

/** telemetry.functionId: what the user called this AI SDK call, the best trace name it offers. */
export function vercelFunctionId(attrs: SpanAttributes): string | undefined {
  return attrs.peekString("ai.telemetry.functionId");
}

const json = (v: Json | undefined) => (v === undefined ? undefined : parseJsonish(v));

export const mapVercel: Convention = (attrs, ctx, known) => {
  const op = vercelOperation(attrs, ctx.span, ctx.scope);
  if (!op) return {};
  const facts: SpanFacts = {};

  if (op === "ai.toolCall") facts.name = attrs.takeString("ai.toolCall.name");

  if (known.input === undefined) {
    facts.input = json(attrs.takeFirst("ai.prompt.messages", "ai.prompt", "ai.toolCall.args", "ai.toolCall.input", "ai.values", "ai.value"));
  }
  if (known.output === undefined) facts.output = output(attrs);

  // As for gen_ai.*: the response model is the exact version; a differing model id stays in metadata.
  const responseModel = attrs.peekString("ai.response.model");
  const modelId = attrs.peekString("ai.model.id");
  const model = known.model ?? responseModel ?? modelId;
  if (responseModel === model) attrs.take("ai.response.model");
  if (modelId === model) attrs.take("ai.model.id");
  if (known.model === undefined) facts.model = model;

  const params: JsonObject = {};
  for (const [k, v] of attrs.takePrefix("ai.settings")) setKey(params, k, v);
  const toolChoice = json(attrs.take("ai.prompt.toolChoice"));
  if (toolChoice !== undefined) params.toolChoice = toolChoice;
  if (Object.keys(params).length > 0) facts.modelParameters = params;

  if (ctx.generationLike) {
    const u = "ai.usage";
    facts.usage = usageFromCounts({
      input: attrs.takeNumber(`${u}.inputTokens`, `${u}.promptTokens`),
      output: attrs.takeNumber(`${u}.outputTokens`, `${u}.completionTokens`),
      total: attrs.takeNumber(`${u}.totalTokens`, `${u}.tokens`),
      cacheRead: attrs.takeNumber(`${u}.inputTokenDetails.cacheReadTokens`, `${u}.cachedInputTokens`),
      cacheWrite: attrs.takeNumber(`${u}.inputTokenDetails.cacheWriteTokens`),
      reasoning: attrs.takeNumber(`${u}.outputTokenDetails.reasoningTokens`, `${u}.reasoningTokens`),
    });
    // Derivable from the counts above; consumed so they don't clutter metadata.
    attrs.takeNumber(`${u}.inputTokenDetails.noCacheTokens`);
    attrs.takeNumber(`${u}.outputTokenDetails.textTokens`);
    attrs.takeNumber(`${u}.cachedInputTokens`);
    attrs.takeNumber(`${u}.reasoningTokens`);
  }

  const msToFirstChunk = attrs.takeNumber("ai.response.msToFirstChunk", "ai.stream.msToFirstChunk");
  if (msToFirstChunk !== undefined && ctx.span.startTime) {
    facts.completionStartTime = new Date(ctx.span.startTime.getTime() + msToFirstChunk);
  }

  // telemetry.metadata: userId, sessionId and tags describe the trace; the rest is the user's metadata.
  const m = "ai.telemetry.metadata";
  facts.trace = {
    userId: attrs.takeString(`${m}.userId`),
    sessionId: attrs.takeString(`${m}.sessionId`),
    tags: tags(attrs.take(`${m}.tags`)),
  };
  const prompt = json(attrs.peek(`${m}.langfusePrompt`));
  if (isJsonObject(prompt) && typeof prompt.name === "string") {
    attrs.take(`${m}.langfusePrompt`);
    facts.promptName = prompt.name;
    if (typeof prompt.version === "number") facts.promptVersion = prompt.version;
  }
  const metadata: JsonObject = {};
  for (const [k, v] of attrs.takePrefix(m)) setKey(metadata, k, v);
  const tools = attrs.peek("ai.prompt.tools");
  if (Array.isArray(tools)) {
    attrs.take("ai.prompt.tools");
    metadata.tools = tools.map((t) => json(t) ?? null);
  }
  if (Object.keys(metadata).length > 0) facts.metadata = metadata;
  return facts;
};

function output(attrs: SpanAttributes): Json | undefined {
  const text = attrs.takeFirst("ai.response.text", "ai.result.text");
  const toolCalls = json(attrs.takeFirst("ai.response.toolCalls", "ai.result.toolCalls"));
  const reasoning = attrs.take("ai.response.reasoning");
  const object = json(attrs.takeFirst("ai.response.object", "ai.result.object"));
  const toolResult = json(attrs.takeFirst("ai.toolCall.result", "ai.toolCall.output"));
  const hasToolCalls = Array.isArray(toolCalls) ? toolCalls.length > 0 : toolCalls !== undefined;
  const hasReasoning = typeof reasoning === "string" ? reasoning !== "" : reasoning !== undefined;
  if (hasToolCalls || hasReasoning) {
    // The assistant turn as a message, so text, reasoning and tool calls read together.
    const message: JsonObject = { role: "assistant", content: text ?? "" };
    if (hasReasoning && reasoning !== undefined) message.reasoning = reasoning;
    if (hasToolCalls && toolCalls !== undefined) message.tool_calls = toolCalls;
    return message;
  }
  if (text !== undefined && text !== "") return text;
  return object ?? toolResult ?? text;
}
