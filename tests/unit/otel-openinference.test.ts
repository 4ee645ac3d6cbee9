// OpenInference spans (Arize Phoenix instrumentations for OpenAI, LangChain,
// LlamaIndex...): a chain around a retriever, a tool and an LLM call.
import { describe, expect, it } from "vitest";
import { FORMATS, byName, ingest, onlyTrace, record } from "./otel-fixtures";

const session = { "session.id": "sess-88", "user.id": "alice@example.com" };

function ragChain() {
  return record((r) => {
    const t = r.tracer("openinference.instrumentation.langchain", "0.1.29");
    const chain = r.start(
      t,
      "RetrievalQA",
      {
        ...session,
        "openinference.span.kind": "CHAIN",
        "input.value": '{"query": "How do I reset my password?"}',
        "input.mime_type": "application/json",
        "output.value": '{"looks": "like json"}',
        "output.mime_type": "text/plain",
        metadata: '{"experiment": "rag-v2", "tenant": "acme"}',
        "tag.tags": ["beta", "eu"],
      },
      undefined,
      { startTime: new Date("2026-03-01T10:00:00.000Z") },
    );
    r.start(
      t,
      "VectorStoreRetriever",
      {
        ...session,
        "openinference.span.kind": "RETRIEVER",
        "input.value": "How do I reset my password?",
        "retrieval.documents.0.document.id": "kb-12",
        "retrieval.documents.0.document.content": "Go to Settings → Security → Reset.",
        "retrieval.documents.0.document.score": 0.91,
        "retrieval.documents.1.document.id": "kb-40",
        "retrieval.documents.1.document.content": "Passwords expire every 90 days.",
        "retrieval.documents.1.document.score": 0.55,
      },
      chain,
    ).end();
    r.start(
      t,
      "ChatOpenAI",
      {
        ...session,
        "openinference.span.kind": "LLM",
        "llm.system": "openai",
        "llm.provider": "openai",
        "llm.model_name": "gpt-4o-mini-2024-07-18",
        "llm.invocation_parameters": '{"model": "gpt-4o-mini", "temperature": 0.1, "max_tokens": 256}',
        "input.value": '{"messages": [{"role": "system", "content": "Answer from the context."}]}',
        "input.mime_type": "application/json",
        "output.value": '{"choices": []}',
        "output.mime_type": "application/json",
        "llm.input_messages.0.message.role": "system",
        "llm.input_messages.0.message.content": "Answer from the context.",
        "llm.input_messages.1.message.role": "user",
        "llm.input_messages.1.message.content": "How do I reset my password?",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_7",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "open_ticket",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"topic": "password"}',
        "llm.tools.0.tool.json_schema": '{"type": "function", "function": {"name": "open_ticket"}}',
        "llm.token_count.prompt": 2048,
        "llm.token_count.completion": 64,
        "llm.token_count.total": 2112,
        "llm.token_count.prompt_details.cache_read": 1024,
        "llm.cost.total": 0.00042,
      },
      chain,
    ).end();
    r.start(
      t,
      "open_ticket",
      {
        ...session,
        "openinference.span.kind": "TOOL",
        "tool.name": "open_ticket",
        "tool.description": "Opens a support ticket",
        "input.value": '{"topic": "password"}',
        "output.value": "ticket T-991 opened",
      },
      chain,
    ).end();
    chain.end();
  });
}

describe.each(FORMATS)("OpenInference (%s)", (format) => {
  it("maps span kinds to observation types", () => {
    const { events } = ingest(ragChain(), format);
    expect(byName(events, "RetrievalQA").type).toBe("CHAIN");
    expect(byName(events, "VectorStoreRetriever").type).toBe("RETRIEVER");
    expect(byName(events, "ChatOpenAI").type).toBe("GENERATION");
    expect(byName(events, "open_ticket").type).toBe("TOOL");
  });

  it("shows the LLM call's messages, tool calls, model, parameters, tokens and cost", () => {
    const llm = byName(ingest(ragChain(), format).events, "ChatOpenAI");
    expect(llm.model).toBe("gpt-4o-mini-2024-07-18");
    expect(llm.modelParameters).toEqual({ model: "gpt-4o-mini", temperature: 0.1, max_tokens: 256 });
    expect(llm.input).toEqual([
      { role: "system", content: "Answer from the context." },
      { role: "user", content: "How do I reset my password?" },
    ]);
    expect(llm.output).toEqual([
      {
        role: "assistant",
        tool_calls: [{ id: "call_7", function: { name: "open_ticket", arguments: '{"topic": "password"}' } }],
      },
    ]);
    expect(llm.usage).toEqual({
      input: 2048,
      output: 64,
      total: 2112,
      details: { input: 1024, cache_read: 1024, output: 64 },
    });
    expect(llm.cost).toEqual({ total: 0.00042 });
    expect(llm.metadata?.tools).toEqual([{ type: "function", function: { name: "open_ticket" } }]);
    // The raw request/response duplicates of the messages are not kept twice.
    expect(llm.metadata?.attributes).not.toHaveProperty("input.value");
    expect(llm.metadata?.attributes).toMatchObject({ "llm.provider": "openai" });
  });

  it("parses input.value by its mime type", () => {
    const chain = byName(ingest(ragChain(), format).events, "RetrievalQA");
    expect(chain.input).toEqual({ query: "How do I reset my password?" });
    // text/plain stays text, even when it looks like JSON.
    expect(chain.output).toBe('{"looks": "like json"}');
    const tool = byName(ingest(ragChain(), format).events, "open_ticket");
    expect(tool.input).toEqual({ topic: "password" });
    expect(tool.output).toBe("ticket T-991 opened");
  });

  it("gives a retriever its documents as output", () => {
    const retriever = byName(ingest(ragChain(), format).events, "VectorStoreRetriever");
    expect(retriever.input).toBe("How do I reset my password?");
    expect(retriever.output).toEqual([
      { id: "kb-12", content: "Go to Settings → Security → Reset.", score: 0.91 },
      { id: "kb-40", content: "Passwords expire every 90 days.", score: 0.55 },
    ]);
  });

  it("puts session, user, tags and the chain's metadata on the trace", () => {
    const { events } = ingest(ragChain(), format);
    const trace = onlyTrace(events);
    expect(trace).toMatchObject({
      name: "RetrievalQA",
      sessionId: "sess-88",
      userId: "alice@example.com",
      tags: ["beta", "eu"],
      input: { query: "How do I reset my password?" },
    });
    expect(trace.metadata).toMatchObject({ experiment: "rag-v2", tenant: "acme" });
    expect(byName(events, "RetrievalQA").metadata).toMatchObject({ experiment: "rag-v2" });
  });
});

describe("OpenInference edge cases", () => {
  it("counts tokens on LLM spans only, not on an AGENT that repeats them", () => {
    const spans = record((r) => {
      r.start(r.tracer("openinference.instrumentation.smolagents"), "CodeAgent.run", {
        "openinference.span.kind": "AGENT",
        "input.value": "Plan my trip",
        "llm.token_count.prompt": 5000,
        "llm.token_count.completion": 800,
      }).end();
    });
    const agent = byName(ingest(spans).events, "CodeAgent.run");
    expect(agent.type).toBe("AGENT");
    expect(agent).not.toHaveProperty("usage");
    expect(agent.metadata?.attributes).toMatchObject({ "llm.token_count.prompt": 5000 });
  });

  it("maps an embedding span's model", () => {
    const spans = record((r) => {
      r.start(r.tracer("openinference.instrumentation.openai"), "CreateEmbeddings", {
        "openinference.span.kind": "EMBEDDING",
        "embedding.model_name": "text-embedding-3-large",
        "llm.token_count.prompt": 9,
        "llm.token_count.total": 9,
      }).end();
    });
    const emb = byName(ingest(spans).events, "CreateEmbeddings");
    expect(emb.type).toBe("EMBEDDING");
    expect(emb.model).toBe("text-embedding-3-large");
    expect(emb.usage).toMatchObject({ input: 9, total: 9 });
  });
});

it.each([
  ["RERANKER", "RETRIEVER"],
  ["GUARDRAIL", "GUARDRAIL"],
  ["EVALUATOR", "EVALUATOR"],
  ["EMBEDDING", "EMBEDDING"],
  ["UNKNOWN", "SPAN"],
])("maps openinference.span.kind %s to %s", (kind, type) => {
  const spans = record((r) => {
    r.start(r.tracer("openinference"), "step", { "openinference.span.kind": kind }).end();
  });
  expect(byName(ingest(spans).events, "step").type).toBe(type);
});
