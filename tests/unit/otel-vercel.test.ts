// Vercel AI SDK telemetry (experimental_telemetry): a generateText call with
// a tool round trip, and a streamText call, with the attributes the SDK sets.
import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { FORMATS, byName, ingest, observations, onlyTrace, record } from "./otel-fixtures";

const base = {
  "ai.model.provider": "openai.chat",
  "ai.model.id": "gpt-4o",
  "ai.settings.maxRetries": 2,
  "ai.settings.temperature": 0.3,
  "ai.telemetry.functionId": "support-bot",
  "ai.telemetry.metadata.userId": "user-123",
  "ai.telemetry.metadata.sessionId": "chat-9",
  "ai.telemetry.metadata.plan": "pro",
  "resource.name": "support-bot",
};

const toolCalls = [
  { toolCallType: "function", toolCallId: "call_1", toolName: "lookupOrder", input: '{"orderId":"123"}' },
];

function generateTextWithTool() {
  return record((r) => {
    const t = r.tracer("ai");
    const outer = r.start(
      t,
      "ai.generateText",
      {
        ...base,
        "operation.name": "ai.generateText support-bot",
        "ai.operationId": "ai.generateText",
        "ai.prompt": JSON.stringify({ system: "You are support.", prompt: "Where is my order #123?" }),
        "ai.settings.maxSteps": 3,
        "ai.response.text": "Your order ships tomorrow.",
        "ai.response.finishReason": "stop",
        "ai.usage.promptTokens": 300,
        "ai.usage.completionTokens": 40,
      },
      undefined,
      { startTime: new Date("2026-03-01T10:00:00.000Z") },
    );
    const step1 = r.start(
      t,
      "ai.generateText.doGenerate",
      {
        ...base,
        "operation.name": "ai.generateText.doGenerate support-bot",
        "ai.operationId": "ai.generateText.doGenerate",
        "ai.prompt.messages": JSON.stringify([
          { role: "system", content: "You are support." },
          { role: "user", content: [{ type: "text", text: "Where is my order #123?" }] },
        ]),
        "ai.prompt.tools": [
          JSON.stringify({ type: "function", name: "lookupOrder", inputSchema: { type: "object", properties: { orderId: { type: "string" } } } }),
        ],
        "ai.prompt.toolChoice": '{"type":"auto"}',
        "gen_ai.system": "openai.chat",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.request.temperature": 0.3,
        "ai.response.finishReason": "tool-calls",
        "ai.response.toolCalls": JSON.stringify(toolCalls),
        "ai.response.id": "chatcmpl-1",
        "ai.response.model": "gpt-4o-2024-08-06",
        "ai.response.timestamp": "2026-03-01T10:00:00.800Z",
        "ai.usage.promptTokens": 120,
        "ai.usage.completionTokens": 15,
        "gen_ai.response.finish_reasons": ["tool-calls"],
        "gen_ai.response.id": "chatcmpl-1",
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gen_ai.usage.input_tokens": 120,
        "gen_ai.usage.output_tokens": 15,
      },
      outer,
      { kind: SpanKind.CLIENT },
    );
    step1.end();
    r.start(
      t,
      "ai.toolCall",
      {
        ...base,
        "operation.name": "ai.toolCall support-bot",
        "ai.operationId": "ai.toolCall",
        "ai.toolCall.name": "lookupOrder",
        "ai.toolCall.id": "call_1",
        "ai.toolCall.args": '{"orderId":"123"}',
        "ai.toolCall.result": '{"status":"shipped","eta":"tomorrow"}',
      },
      outer,
    ).end();
    r.start(
      t,
      "ai.generateText.doGenerate",
      {
        ...base,
        "operation.name": "ai.generateText.doGenerate support-bot",
        "ai.operationId": "ai.generateText.doGenerate",
        "ai.prompt.messages": JSON.stringify([
          { role: "user", content: [{ type: "text", text: "Where is my order #123?" }] },
          { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_1", toolName: "lookupOrder", input: { orderId: "123" } }] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "call_1", output: { status: "shipped" } }] },
        ]),
        "ai.response.text": "Your order ships tomorrow.",
        "ai.response.model": "gpt-4o-2024-08-06",
        // AI SDK 5 names
        "ai.usage.inputTokens": 180,
        "ai.usage.outputTokens": 25,
        "ai.usage.totalTokens": 205,
        "ai.usage.cachedInputTokens": 100,
      },
      outer,
    ).end();
    outer.end();
  });
}

describe.each(FORMATS)("Vercel AI SDK generateText with a tool (%s)", (format) => {
  it("makes the model calls GENERATIONs, the tool call a TOOL and the outer call a SPAN", () => {
    const { events, rejected } = ingest(generateTextWithTool(), format);
    expect(rejected).toEqual([]);
    const types = observations(events).map((o) => [o.name, o.type]);
    expect(types).toEqual([
      ["ai.generateText.doGenerate", "GENERATION"],
      ["lookupOrder", "TOOL"],
      ["ai.generateText.doGenerate", "GENERATION"],
      ["ai.generateText", "SPAN"],
    ]);
  });

  it("counts tokens once: on the model calls, not again on the outer call", () => {
    const obs = observations(ingest(generateTextWithTool(), format).events);
    const [step1, , step2, outer] = obs;
    expect(step1.usage).toEqual({ input: 120, output: 15, details: { input: 120, output: 15 } });
    expect(step2.usage).toEqual({
      input: 180,
      output: 25,
      total: 205,
      details: { input: 80, cache_read: 100, output: 25 },
    });
    expect(outer).not.toHaveProperty("usage");
    expect(outer.metadata?.attributes).toMatchObject({ "ai.usage.promptTokens": 300, "ai.usage.completionTokens": 40 });
  });

  it("shows the model call's messages, model and settings", () => {
    const step1 = observations(ingest(generateTextWithTool(), format).events)[0];
    expect(step1.model).toBe("gpt-4o-2024-08-06");
    expect(step1.input).toEqual([
      { role: "system", content: "You are support." },
      { role: "user", content: [{ type: "text", text: "Where is my order #123?" }] },
    ]);
    expect(step1.output).toEqual({ role: "assistant", content: "", tool_calls: toolCalls });
    expect(step1.modelParameters).toEqual({ maxRetries: 2, temperature: 0.3, toolChoice: { type: "auto" } });
    expect(step1.metadata).toMatchObject({
      plan: "pro",
      tools: [{ type: "function", name: "lookupOrder", inputSchema: { type: "object", properties: { orderId: { type: "string" } } } }],
    });
  });

  it("shows the tool's name, arguments and result", () => {
    const tool = byName(ingest(generateTextWithTool(), format).events, "lookupOrder");
    expect(tool.input).toEqual({ orderId: "123" });
    expect(tool.output).toEqual({ status: "shipped", eta: "tomorrow" });
  });

  it("builds the trace from telemetry: function id as name, user, session, the call's IO", () => {
    const { events } = ingest(generateTextWithTool(), format);
    const trace = onlyTrace(events);
    expect(trace.name).toBe("support-bot");
    expect(trace.userId).toBe("user-123");
    expect(trace.sessionId).toBe("chat-9");
    expect(trace.timestamp).toEqual(new Date("2026-03-01T10:00:00.000Z"));
    expect(trace.input).toEqual({ system: "You are support.", prompt: "Where is my order #123?" });
    expect(trace.output).toBe("Your order ships tomorrow.");
    expect(trace.metadata).toMatchObject({ plan: "pro" });
    // userId/sessionId are trace fields, not left in every observation's metadata
    const outer = byName(events, "ai.generateText");
    expect(outer.metadata).not.toHaveProperty("userId");
    expect(outer.metadata?.attributes).not.toHaveProperty("ai.telemetry.metadata.userId");
  });
});

describe("Vercel AI SDK streamText and embeddings", () => {
  it("turns msToFirstChunk into the completion start time", () => {
    const spans = record((r) => {
      const t = r.tracer("ai");
      const outer = r.start(t, "ai.streamText", { "ai.operationId": "ai.streamText", "ai.model.id": "claude-sonnet-4" });
      r.start(
        t,
        "ai.streamText.doStream",
        {
          "ai.operationId": "ai.streamText.doStream",
          "ai.model.provider": "anthropic.messages",
          "ai.model.id": "claude-sonnet-4",
          "ai.prompt.messages": '[{"role":"user","content":"Tell me a joke"}]',
          "ai.response.text": "Why did the span end? It was done.",
          "ai.response.reasoning": "User wants humour.",
          "ai.response.msToFirstChunk": 412,
          "ai.response.msToFinish": 1900,
          "ai.usage.inputTokens": 14,
          "ai.usage.outputTokens": 30,
          "ai.usage.outputTokenDetails.reasoningTokens": 6,
          "ai.usage.reasoningTokens": 6,
        },
        outer,
        { startTime: new Date("2026-03-01T10:00:00.000Z") },
      ).end(new Date("2026-03-01T10:00:02.000Z"));
      outer.end(new Date("2026-03-01T10:00:02.000Z"));
    });
    const gen = byName(ingest(spans).events, "ai.streamText.doStream");
    expect(gen.type).toBe("GENERATION");
    expect(gen.model).toBe("claude-sonnet-4");
    expect(gen.completionStartTime).toEqual(new Date("2026-03-01T10:00:00.412Z"));
    expect(gen.output).toEqual({ role: "assistant", content: "Why did the span end? It was done.", reasoning: "User wants humour." });
    expect(gen.usage).toEqual({ input: 14, output: 30, details: { input: 14, output: 24, reasoning: 6 } });
  });

  it("maps doEmbed to an EMBEDDING", () => {
    const spans = record((r) => {
      r.start(r.tracer("ai"), "ai.embed.doEmbed", {
        "ai.operationId": "ai.embed.doEmbed",
        "ai.model.id": "text-embedding-3-small",
        "ai.values": ["sunny day"],
        "ai.usage.tokens": 3,
      }).end();
    });
    const emb = byName(ingest(spans).events, "ai.embed.doEmbed");
    expect(emb.type).toBe("EMBEDDING");
    expect(emb.model).toBe("text-embedding-3-small");
    expect(emb.input).toEqual(["sunny day"]);
    expect(emb.usage).toEqual({ total: 3 });
  });
});

it("shows generateObject's object as the output", () => {
  const spans = record((r) => {
    r.start(r.tracer("ai"), "ai.generateObject.doGenerate", {
      "ai.operationId": "ai.generateObject.doGenerate",
      "ai.model.id": "gpt-4o-mini",
      "ai.prompt.messages": '[{"role":"user","content":"Extract the city"}]',
      "ai.response.object": '{"city":"Lyon","country":"FR"}',
      "ai.usage.promptTokens": 30,
      "ai.usage.completionTokens": 9,
    }).end();
  });
  const gen = byName(ingest(spans).events, "ai.generateObject.doGenerate");
  expect(gen.type).toBe("GENERATION");
  expect(gen.output).toEqual({ city: "Lyon", country: "FR" });
  expect(gen.usage).toMatchObject({ input: 30, output: 9 });
});
