// The real legacy JS SDK (`langfuse` 3.x) builds the batch; fetch is stubbed,
// so this is exactly what it would send to Loupe, parsed and mapped.

import { Langfuse } from "langfuse";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IngestEvent, ObservationEvent, ScoreEvent, TraceEvent } from "@/lib/ingest/events";
import { parseIngestionBatch, writeOrder, type ParsedBatch } from "@/lib/ingest/langfuse/map";

async function captureBatch(record: (langfuse: Langfuse) => void): Promise<unknown> {
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", async (_url: string, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify({ successes: [], errors: [] }), {
      status: 207,
      headers: { "content-type": "application/json" },
    });
  });
  const langfuse = new Langfuse({
    publicKey: "pk-lf-test",
    secretKey: "sk-lf-test",
    baseUrl: "http://loupe.test",
    flushAt: 1000,
    environment: "staging",
    release: "v1.2.0",
  });
  record(langfuse);
  await langfuse.shutdownAsync();
  expect(bodies).toHaveLength(1);
  return bodies[0];
}

/** The writer's merge rule, for assertions: a provided (non-null) field replaces the stored one. */
function merge(events: IngestEvent[]): Map<string, IngestEvent> {
  const merged = new Map<string, IngestEvent>();
  for (const event of events) {
    const key = `${event.kind}:${event.id}`;
    const provided = Object.fromEntries(Object.entries(event).filter(([, value]) => value != null));
    merged.set(key, { ...(merged.get(key) ?? {}), ...provided } as IngestEvent);
  }
  return merged;
}

function parsed(body: unknown): ParsedBatch {
  const result = parseIngestionBatch(body);
  if (!result.ok) throw new Error(result.message);
  return result;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("batches from the langfuse 3.x JS SDK", () => {
  it("maps a trace with a span, a generation (create + end with usage), an event and scores", async () => {
    let traceId = "";
    let spanId = "";
    let generationId = "";
    const body = await captureBatch((langfuse) => {
      const trace = langfuse.trace({
        name: "chat",
        userId: "user-1",
        sessionId: "session-1",
        tags: ["prod"],
        metadata: { plan: "pro" },
        input: { question: "hi" },
      });
      const span = trace.span({ name: "retrieve", input: "hi" });
      const generation = span.generation({
        name: "llm",
        model: "gpt-4o",
        modelParameters: { temperature: 0.2, maxTokens: 256, stop: ["\n"] },
        input: [{ role: "user", content: "hi" }],
      });
      generation.end({
        output: { role: "assistant", content: "hello" },
        usage: { input: 10, output: 5 },
        usageDetails: { input: 10, output: 5, cache_read: 2 },
        costDetails: { input: 0.001, output: 0.002 },
      });
      span.event({ name: "cache-miss", level: "WARNING" });
      span.end({ output: ["doc-1"] });
      trace.update({ output: "hello" });
      trace.score({ name: "quality", value: 0.9, comment: "good" });
      generation.score({ name: "correct", value: 1, dataType: "BOOLEAN" });
      [traceId, spanId, generationId] = [trace.id, span.id, generation.id];
    });

    const result = parsed(body);
    expect(result.results.every((slot) => slot.ok)).toBe(true);
    const types = result.results.map((slot) => (slot.ok ? slot.type : "bad")).sort();
    expect(types).toEqual([
      "event-create",
      "generation-create",
      "generation-update",
      "score-create",
      "score-create",
      "span-create",
      "span-update",
      "trace-create",
      "trace-create",
    ]);

    const merged = merge(writeOrder(result.results).flatMap((slot) => slot.events));
    const trace = merged.get(`trace:${traceId}`) as TraceEvent;
    expect(trace).toMatchObject({
      name: "chat",
      userId: "user-1",
      sessionId: "session-1",
      tags: ["prod"],
      metadata: { plan: "pro" },
      input: { question: "hi" },
      output: "hello",
      environment: "staging",
      release: "v1.2.0",
    });
    expect(trace.timestamp).toBeInstanceOf(Date);

    expect(merged.get(`observation:${spanId}`)).toMatchObject({
      type: "SPAN",
      traceId,
      name: "retrieve",
      input: "hi",
      output: ["doc-1"],
      environment: "staging",
    });
    const generation = merged.get(`observation:${generationId}`) as ObservationEvent;
    expect(generation).toMatchObject({
      type: "GENERATION",
      traceId,
      parentObservationId: spanId,
      model: "gpt-4o",
      modelParameters: { temperature: 0.2, maxTokens: 256, stop: ["\n"] },
      output: { role: "assistant", content: "hello" },
      usage: { input: 10, output: 5, total: 17, details: { input: 10, output: 5, cache_read: 2, total: 17 } },
      cost: { input: 0.001, output: 0.002, total: 0.003, details: { input: 0.001, output: 0.002, total: 0.003 } },
    });
    expect(generation.startTime).toBeInstanceOf(Date);
    expect(generation.endTime).toBeInstanceOf(Date);

    const event = [...merged.values()].find((e) => e.kind === "observation" && e.name === "cache-miss");
    expect(event).toMatchObject({ type: "EVENT", level: "WARNING", parentObservationId: spanId, traceId });

    const scores = [...merged.values()].filter((e): e is ScoreEvent => e.kind === "score");
    expect(scores.find((s) => s.name === "quality")).toMatchObject({
      value: 0.9,
      dataType: "NUMERIC",
      traceId,
      comment: "good",
      source: "API",
      environment: "staging",
    });
    expect(scores.find((s) => s.name === "correct")).toMatchObject({
      value: 1,
      dataType: "BOOLEAN",
      traceId,
      observationId: generationId,
    });
  });

  it("maps a generation made without a trace (the SDK creates one) with OpenAI-style usage", async () => {
    let generationId = "";
    const body = await captureBatch((langfuse) => {
      const generation = langfuse.generation({
        name: "one-off",
        model: "gpt-4o-mini",
        usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 },
      });
      generationId = generation.id;
    });
    const events = parsed(body).results.flatMap((slot) => (slot.ok ? slot.events : []));
    const generation = events.find((e) => e.id === generationId) as ObservationEvent;
    expect(generation.usage).toEqual({ input: 3, output: 4, total: 7, details: { input: 3, output: 4, total: 7 } });
    expect(generation.cost).toBeUndefined();
    const trace = events.find((e) => e.kind === "trace");
    expect(trace).toMatchObject({ id: generation.traceId, name: "one-off" });
  });

  it("acknowledges the SDK's batch metadata without mapping it", async () => {
    const body = (await captureBatch((langfuse) => {
      langfuse.trace({ name: "t" });
    })) as { metadata: Record<string, unknown> };
    expect(body.metadata).toMatchObject({ sdk_name: "langfuse-js", batch_size: 1 });
    expect(parsed(body).results).toHaveLength(1);
  });
});
