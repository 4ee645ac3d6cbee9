// OpenTelemetry GenAI semantic conventions (gen_ai.*), current and older
// forms: messages as JSON (gen_ai.input.messages), flattened per message
// (gen_ai.prompt.0.role, as OpenLLMetry/Traceloop send), or as span events
// (gen_ai.user.message, gen_ai.choice).
import type { Json, JsonObject, ObservationType } from "../events";
import type { Convention, SpanContext, SpanFacts } from "./facts";
import { parseJsonish, setKey, unflatten } from "./json";
import type { SpanAttributes } from "./span-attributes";
import { usageFromCounts } from "./usage";

const OPERATIONS: Record<string, ObservationType> = {
  chat: "GENERATION",
  text_completion: "GENERATION",
  completion: "GENERATION",
  generate_content: "GENERATION",
  generate: "GENERATION",
  embeddings: "EMBEDDING",
  execute_tool: "TOOL",
  invoke_agent: "AGENT",
  create_agent: "AGENT",
  invoke_workflow: "CHAIN",
  retrieval: "RETRIEVER",
};

export function genAiType(attrs: SpanAttributes): ObservationType | undefined {
  const op = attrs.peekString("gen_ai.operation.name");
  if (op && OPERATIONS[op]) return OPERATIONS[op];
  // Some frameworks (Pydantic AI) mark tool calls only by these.
  if (attrs.has("gen_ai.tool.name") || attrs.has("gen_ai.tool.call.id")) return "TOOL";
  return undefined;
}

const json = (v: Json | undefined) => (v === undefined ? undefined : parseJsonish(v));
const indexed = (rest: string) => /^\d+\./.test(rest);

const INPUT_EVENTS: Record<string, string> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

export const mapGenAi: Convention = (attrs, ctx, known) => {
  const facts: SpanFacts = { consumedEvents: [] };

  if (known.input === undefined) facts.input = input(attrs, ctx, facts);
  if (known.output === undefined) facts.output = output(attrs, ctx, facts);

  // The response model names the exact version (gpt-4o-2024-08-06), which prices best.
  const response = attrs.peekString("gen_ai.response.model");
  const request = attrs.peekString("gen_ai.request.model");
  const model = known.model ?? response ?? request;
  // A model key that says something else (a request alias) stays visible in metadata.
  if (response === model) attrs.take("gen_ai.response.model");
  if (request === model) attrs.take("gen_ai.request.model");
  if (known.model === undefined) facts.model = model;

  const params: JsonObject = {};
  for (const [k, v] of attrs.takePrefix("gen_ai.request", (rest) => rest !== "model")) setKey(params, k, v);
  if (Object.keys(params).length > 0) facts.modelParameters = params;

  if (ctx.generationLike) {
    const u = "gen_ai.usage";
    facts.usage = usageFromCounts({
      input: attrs.takeNumber(`${u}.input_tokens`, `${u}.prompt_tokens`),
      output: attrs.takeNumber(`${u}.output_tokens`, `${u}.completion_tokens`),
      total: attrs.takeNumber(`${u}.total_tokens`, "llm.usage.total_tokens"), // the latter: OpenLLMetry
      cacheRead: attrs.takeNumber(`${u}.cache_read.input_tokens`, `${u}.cache_read_input_tokens`, `${u}.cached_input_tokens`),
      cacheWrite: attrs.takeNumber(`${u}.cache_creation.input_tokens`, `${u}.cache_creation_input_tokens`),
      reasoning: attrs.takeNumber(`${u}.reasoning.output_tokens`, `${u}.reasoning_tokens`),
    });
    const cost = attrs.takeNumber(`${u}.cost`);
    if (cost !== undefined) facts.cost = { total: cost };
  }

  const ttfc = attrs.takeNumber("gen_ai.response.time_to_first_chunk"); // seconds
  if (ttfc !== undefined && ctx.span.startTime) {
    facts.completionStartTime = new Date(ctx.span.startTime.getTime() + ttfc * 1000);
  }

  // The prompt template's name (not a message: flattened messages are gen_ai.prompt.<index>.*).
  if (known.promptName === undefined) facts.promptName = attrs.takeString("gen_ai.prompt.name");

  const conversation = attrs.takeString("gen_ai.conversation.id");
  if (conversation) facts.trace = { sessionId: conversation };
  return facts;
};

function input(attrs: SpanAttributes, ctx: SpanContext, facts: SpanFacts): Json | undefined {
  let messages: Json | undefined = json(attrs.take("gen_ai.input.messages"));
  if (messages === undefined && attrs.hasPrefix("gen_ai.prompt", indexed)) {
    messages = unflatten(attrs.takePrefix("gen_ai.prompt", indexed));
  }
  if (messages === undefined && typeof attrs.peek("gen_ai.prompt") === "string") messages = json(attrs.take("gen_ai.prompt"));
  if (messages === undefined) messages = eventMessages(ctx, facts, (name) => INPUT_EVENTS[name]);

  // System instructions travel apart from the messages; the conversation reads whole with them first.
  const instructions = json(attrs.peek("gen_ai.system_instructions"));
  if (instructions !== undefined && (messages === undefined || Array.isArray(messages))) {
    attrs.take("gen_ai.system_instructions");
    const system: JsonObject =
      typeof instructions === "string"
        ? { role: "system", parts: [{ type: "text", content: instructions }] }
        : { role: "system", parts: instructions };
    messages = [system, ...(messages ?? [])];
  }
  if (messages !== undefined) return messages;

  return json(attrs.take("gen_ai.tool.call.arguments")) ?? attrs.takeString("gen_ai.retrieval.query.text");
}

function output(attrs: SpanAttributes, ctx: SpanContext, facts: SpanFacts): Json | undefined {
  let messages: Json | undefined = json(attrs.take("gen_ai.output.messages"));
  if (messages === undefined && attrs.hasPrefix("gen_ai.completion", indexed)) {
    messages = unflatten(attrs.takePrefix("gen_ai.completion", indexed));
  }
  if (messages === undefined && typeof attrs.peek("gen_ai.completion") === "string") {
    messages = json(attrs.take("gen_ai.completion"));
  }
  if (messages === undefined) {
    const choices = eventMessages(ctx, facts, (name) => (name === "gen_ai.choice" ? "" : undefined));
    messages = Array.isArray(choices) && choices.length === 1 ? choices[0] : choices;
  }
  if (messages !== undefined) return messages;
  return json(attrs.take("gen_ai.tool.call.result")) ?? json(attrs.take("gen_ai.retrieval.documents"));
}

/** Messages recorded as span events (the pre-1.37 GenAI event convention). */
function eventMessages(ctx: SpanContext, facts: SpanFacts, roleOf: (name: string) => string | undefined): Json[] | undefined {
  const out: Json[] = [];
  ctx.span.events.forEach((e, i) => {
    const role = roleOf(e.name);
    if (role === undefined) return;
    const message: JsonObject = role ? { role } : {};
    for (const [k, v] of Object.entries(e.attributes)) {
      if (k !== "gen_ai.system") setKey(message, k, parseJsonish(v));
    }
    out.push(message);
    facts.consumedEvents?.push(i);
  });
  return out.length > 0 ? out : undefined;
}
