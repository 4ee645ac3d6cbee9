// OpenTelemetry GenAI semantic conventions as instrumentations emit them:
// the current form (gen_ai.input.messages), OpenLLMetry's flattened
// gen_ai.prompt.N.*, and the older event-based messages.
import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { byName, ingest, onlyTrace, record } from "./otel-fixtures";

const START = new Date("2026-03-01T10:00:00.000Z");

describe("OTel GenAI: current semantic conventions", () => {
  const spans = () =>
    record((r) => {
      const t = r.tracer("opentelemetry.instrumentation.openai_v2", "2.1b0");
      const agent = r.start(
        t,
        "invoke_agent travel-planner",
        {
          "gen_ai.operation.name": "invoke_agent",
          "gen_ai.agent.name": "travel-planner",
          "gen_ai.conversation.id": "conv-7f3a",
          "gen_ai.request.model": "gpt-4o",
          // Agent frameworks report the whole run's tokens on the agent span too.
          "gen_ai.usage.input_tokens": 1500,
          "gen_ai.usage.output_tokens": 340,
        },
        undefined,
        { startTime: START },
      );
      const chat = r.start(
        t,
        "chat gpt-4o",
        {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.conversation.id": "conv-7f3a",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.request.temperature": 0.2,
          "gen_ai.request.max_tokens": 512,
          "gen_ai.request.top_p": 0.9,
          "gen_ai.request.stop_sequences": ["END"],
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gen_ai.response.id": "chatcmpl-9x",
          "gen_ai.response.finish_reasons": ["tool_calls"],
          "gen_ai.response.time_to_first_chunk": 0.35,
          "gen_ai.usage.input_tokens": 1200,
          "gen_ai.usage.output_tokens": 300,
          "gen_ai.usage.cache_read.input_tokens": 1000,
          "gen_ai.usage.reasoning.output_tokens": 100,
          "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "You plan trips." }]),
          "gen_ai.input.messages": JSON.stringify([
            { role: "user", parts: [{ type: "text", content: "Weather in Paris tomorrow?" }] },
          ]),
          "gen_ai.output.messages": JSON.stringify([
            {
              role: "assistant",
              parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
              finish_reason: "tool_call",
            },
          ]),
          "server.address": "api.openai.com",
        },
        agent,
        { kind: SpanKind.CLIENT, startTime: new Date("2026-03-01T10:00:00.100Z") },
      );
      chat.end(new Date("2026-03-01T10:00:01.000Z"));
      const tool = r.start(
        t,
        "execute_tool get_weather",
        {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": "get_weather",
          "gen_ai.tool.call.id": "call_1",
          "gen_ai.tool.type": "function",
          "gen_ai.tool.call.arguments": '{"city":"Paris"}',
          "gen_ai.tool.call.result": '{"forecast":"sunny","high_c":21}',
        },
        agent,
      );
      tool.end();
      agent.end();
    });

  it("maps a chat span to a GENERATION with the exact model, parameters and token usage", () => {
    const chat = byName(ingest(spans()).events, "chat gpt-4o");
    expect(chat.type).toBe("GENERATION");
    expect(chat.model).toBe("gpt-4o-2024-08-06");
    expect(chat.modelParameters).toEqual({ temperature: 0.2, max_tokens: 512, top_p: 0.9, stop_sequences: ["END"] });
    expect(chat.usage).toEqual({
      input: 1200,
      output: 300,
      // Disjoint by type for pricing: cached and reasoning tokens split out.
      details: { input: 200, cache_read: 1000, output: 200, reasoning: 100 },
    });
    expect(chat.completionStartTime).toEqual(new Date("2026-03-01T10:00:00.450Z"));
  });

  it("shows the conversation with the system instructions first, and the reply", () => {
    const chat = byName(ingest(spans(), "json").events, "chat gpt-4o");
    expect(chat.input).toEqual([
      { role: "system", parts: [{ type: "text", content: "You plan trips." }] },
      { role: "user", parts: [{ type: "text", content: "Weather in Paris tomorrow?" }] },
    ]);
    expect(chat.output).toEqual([
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
        finish_reason: "tool_call",
      },
    ]);
    // What wasn't mapped stays readable; the request alias of the model too.
    expect(chat.metadata?.attributes).toMatchObject({
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.finish_reasons": ["tool_calls"],
      "server.address": "api.openai.com",
    });
    expect(chat.metadata?.attributes).not.toHaveProperty("gen_ai.input.messages");
  });

  it("maps execute_tool to a TOOL with its arguments and result", () => {
    const tool = byName(ingest(spans()).events, "execute_tool get_weather");
    expect(tool.type).toBe("TOOL");
    expect(tool.input).toEqual({ city: "Paris" });
    expect(tool.output).toEqual({ forecast: "sunny", high_c: 21 });
  });

  it("maps invoke_agent to an AGENT without counting its run totals again", () => {
    const { events } = ingest(spans());
    const agent = byName(events, "invoke_agent travel-planner");
    expect(agent.type).toBe("AGENT");
    expect(agent.model).toBe("gpt-4o");
    expect(agent).not.toHaveProperty("usage");
    expect(agent.metadata?.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 1500 });
  });

  it("puts the conversation id on the trace as its session", () => {
    const trace = onlyTrace(ingest(spans()).events);
    expect(trace.sessionId).toBe("conv-7f3a");
    expect(trace.name).toBe("invoke_agent travel-planner");
    expect(trace.timestamp).toEqual(START);
  });
});

describe("OTel GenAI: older and flattened forms", () => {
  it("rebuilds messages from OpenLLMetry's flattened gen_ai.prompt.N / gen_ai.completion.N", () => {
    const spans = record((r) => {
      r.start(r.tracer("opentelemetry.instrumentation.openai.v1", "0.38.7"), "openai.chat", {
        "llm.request.type": "chat",
        "gen_ai.system": "OpenAI",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
        "gen_ai.request.temperature": 0.7,
        "gen_ai.usage.prompt_tokens": 52,
        "gen_ai.usage.completion_tokens": 12,
        "llm.usage.total_tokens": 64,
        "gen_ai.prompt.0.role": "system",
        "gen_ai.prompt.0.content": "You are terse.",
        "gen_ai.prompt.1.role": "user",
        "gen_ai.prompt.1.content": "What's 2+2?",
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.content": "",
        "gen_ai.completion.0.finish_reason": "tool_calls",
        "gen_ai.completion.0.tool_calls.0.id": "call_9",
        "gen_ai.completion.0.tool_calls.0.name": "calculator",
        "gen_ai.completion.0.tool_calls.0.arguments": '{"expr":"2+2"}',
      }).end();
    });
    const gen = byName(ingest(spans).events, "openai.chat");
    // No operation name: a model says it is a generation.
    expect(gen.type).toBe("GENERATION");
    expect(gen.model).toBe("gpt-4o-mini-2024-07-18");
    expect(gen.usage).toMatchObject({ input: 52, output: 12 });
    expect(gen.modelParameters).toEqual({ temperature: 0.7 });
    expect(gen.input).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "What's 2+2?" },
    ]);
    expect(gen.output).toEqual([
      {
        role: "assistant",
        content: "",
        finish_reason: "tool_calls",
        tool_calls: [{ id: "call_9", name: "calculator", arguments: '{"expr":"2+2"}' }],
      },
    ]);
  });

  it("reads messages recorded as span events and keeps them out of metadata.events", () => {
    const spans = record((r) => {
      const span = r.start(r.tracer("semantic-kernel"), "chat.completions gpt-4", {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4",
        "gen_ai.usage.input_tokens": 20,
        "gen_ai.usage.output_tokens": 5,
      });
      span.addEvent("gen_ai.system.message", { "gen_ai.system": "openai", content: "Be brief." });
      span.addEvent("gen_ai.user.message", { "gen_ai.system": "openai", content: "Hi" });
      span.addEvent("gen_ai.choice", {
        "gen_ai.system": "openai",
        index: 0,
        finish_reason: "stop",
        message: '{"role":"assistant","content":"Hello!"}',
      });
      span.addEvent("rate_limit.checked", { remaining: 99 });
      span.end();
    });
    const gen = byName(ingest(spans, "json").events, "chat.completions gpt-4");
    expect(gen.input).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
    ]);
    expect(gen.output).toEqual({ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Hello!" } });
    expect((gen.metadata?.events as { name: string }[]).map((e) => e.name)).toEqual(["rate_limit.checked"]);
  });

  it("maps embeddings with their token usage, and a provided cost", () => {
    const spans = record((r) => {
      r.start(r.tracer("litellm"), "embeddings text-embedding-3-small", {
        "gen_ai.operation.name": "embeddings",
        "gen_ai.request.model": "text-embedding-3-small",
        "gen_ai.usage.input_tokens": 8,
        "gen_ai.usage.cost": 0.00000016,
      }).end();
    });
    const emb = byName(ingest(spans).events, "embeddings text-embedding-3-small");
    expect(emb.type).toBe("EMBEDDING");
    expect(emb.model).toBe("text-embedding-3-small");
    expect(emb.usage).toEqual({ input: 8, details: { input: 8 } });
    expect(emb.cost).toEqual({ total: 0.00000016 });
  });

  it("recognises a tool call marked only by gen_ai.tool.name (Pydantic AI)", () => {
    const spans = record((r) => {
      r.start(r.tracer("pydantic-ai"), "running tool", {
        "gen_ai.tool.name": "search_flights",
        "gen_ai.tool.call.id": "t-1",
        "gen_ai.tool.call.arguments": '{"from":"CDG","to":"JFK"}',
      }).end();
    });
    const tool = byName(ingest(spans).events, "running tool");
    expect(tool.type).toBe("TOOL");
    expect(tool.input).toEqual({ from: "CDG", to: "JFK" });
  });
});
