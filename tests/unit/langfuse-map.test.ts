import { describe, expect, it } from "vitest";
import type { IngestEvent } from "@/lib/ingest/events";
import { parseIngestionBatch, type SlotSuccess } from "@/lib/ingest/langfuse/map";

const T0 = "2024-05-01T10:00:00.000Z";
let seq = 0;
function event(type: string, body: Record<string, unknown>, timestamp = T0) {
  seq += 1;
  return { id: `evt-${seq}`, timestamp, type, body };
}

function one(raw: unknown): SlotSuccess {
  const result = parseIngestionBatch({ batch: [raw] });
  if (!result.ok) throw new Error(result.message);
  const slot = result.results[0]!;
  if (!slot.ok) throw new Error(slot.message);
  return slot;
}

function eventsOf(raw: unknown): IngestEvent[] {
  return one(raw).events;
}

describe("parseIngestionBatch: mapping", () => {
  it("maps trace-create with every field", () => {
    const [trace] = eventsOf(
      event("trace-create", {
        id: "t1",
        timestamp: "2024-05-01T09:59:59.500Z",
        name: "chat",
        userId: "u1",
        sessionId: "s1",
        release: "1.0.0",
        version: "v2",
        environment: "production",
        metadata: { tier: "pro" },
        input: "hi",
        output: { answer: 42 },
        tags: ["a", "b"],
        public: true,
      }),
    );
    expect(trace).toEqual({
      kind: "trace",
      id: "t1",
      eventTime: new Date(T0),
      timestamp: new Date("2024-05-01T09:59:59.500Z"),
      name: "chat",
      userId: "u1",
      sessionId: "s1",
      release: "1.0.0",
      version: "v2",
      environment: "production",
      metadata: { tier: "pro" },
      input: "hi",
      output: { answer: 42 },
      tags: ["a", "b"],
      public: true,
    });
  });

  it("accepts nulls for absent fields and ignores unknown ones", () => {
    const [trace] = eventsOf(
      event("trace-create", { id: "t1", name: null, userId: null, tags: null, externalId: "x", somethingNew: 1 }),
    );
    expect(trace).toMatchObject({ kind: "trace", id: "t1", name: null, userId: null, tags: null });
    expect(trace).not.toHaveProperty("somethingNew");
  });

  it("keys creates without body id by the event id; observation creates start at the envelope time", () => {
    const created = one({ id: "evt-a", timestamp: T0, type: "trace-create", body: { name: "x" } });
    expect(created.events[0]).toMatchObject({ id: "evt-a", timestamp: undefined });
    const span = one({ id: "evt-b", timestamp: T0, type: "span-create", body: { traceId: "t1" } });
    expect(span.events[0]).toMatchObject({ kind: "observation", id: "evt-b", startTime: new Date(T0) });
    expect(span.timestamp).toEqual(new Date(T0));
  });

  it("does not default the start of an update, so a stored start is kept", () => {
    const [update] = eventsOf(event("span-update", { id: "o1", traceId: "t1", endTime: T0 }));
    expect(update).toMatchObject({ kind: "observation", id: "o1", endTime: new Date(T0) });
    expect((update as { startTime?: unknown }).startTime).toBeUndefined();
  });

  it("maps each create type to its observation type", () => {
    const cases = {
      "span-create": "SPAN",
      "generation-create": "GENERATION",
      "event-create": "EVENT",
      "agent-create": "AGENT",
      "tool-create": "TOOL",
      "chain-create": "CHAIN",
      "retriever-create": "RETRIEVER",
      "evaluator-create": "EVALUATOR",
      "embedding-create": "EMBEDDING",
      "guardrail-create": "GUARDRAIL",
    };
    for (const [type, expected] of Object.entries(cases)) {
      const [observation] = eventsOf(event(type, { id: "o1", traceId: "t1" }));
      expect(observation, type).toMatchObject({ kind: "observation", type: expected });
    }
  });

  it("generation-update is a GENERATION; span-update leaves the type alone (it also ends agents, tools, ...)", () => {
    expect(eventsOf(event("generation-update", { id: "o1", traceId: "t1" }))[0]).toMatchObject({ type: "GENERATION" });
    expect(eventsOf(event("span-update", { id: "o1", traceId: "t1" }))[0]).toMatchObject({ type: undefined });
  });

  it("maps an embedding with a model and usage (typed creates carry the generation body)", () => {
    const [observation] = eventsOf(
      event("embedding-create", { id: "o1", traceId: "t1", model: "text-embedding-3-small", usageDetails: { input: 12 } }),
    );
    expect(observation).toMatchObject({ type: "EMBEDDING", model: "text-embedding-3-small", usage: { input: 12, total: 12 } });
  });

  it("maps every generation field", () => {
    const [generation] = eventsOf(
      event("generation-create", {
        id: "g1",
        traceId: "t1",
        parentObservationId: "s1",
        name: "llm",
        startTime: "2024-05-01T10:00:00.000Z",
        endTime: "2024-05-01T10:00:02.000Z",
        completionStartTime: "2024-05-01T10:00:00.400Z",
        level: "ERROR",
        statusMessage: "rate limited",
        version: "v3",
        environment: "production",
        input: [{ role: "user", content: "hi" }],
        output: null,
        metadata: { attempt: 2 },
        model: "claude-3-5-sonnet",
        modelParameters: { temperature: 0, stream: true, stop: ["\n"], tool_choice: { type: "auto" }, seed: null },
        promptName: "support",
        promptVersion: 4,
      }),
    );
    expect(generation).toMatchObject({
      kind: "observation",
      id: "g1",
      traceId: "t1",
      type: "GENERATION",
      parentObservationId: "s1",
      name: "llm",
      startTime: new Date("2024-05-01T10:00:00.000Z"),
      endTime: new Date("2024-05-01T10:00:02.000Z"),
      completionStartTime: new Date("2024-05-01T10:00:00.400Z"),
      level: "ERROR",
      statusMessage: "rate limited",
      version: "v3",
      environment: "production",
      input: [{ role: "user", content: "hi" }],
      output: null,
      metadata: { attempt: 2 },
      model: "claude-3-5-sonnet",
      modelParameters: { temperature: 0, stream: true, stop: ["\n"], tool_choice: { type: "auto" }, seed: null },
      promptName: "support",
      promptVersion: 4,
      usage: undefined,
      cost: undefined,
    });
  });

  it("accepts Python SDK timestamps (microseconds, +00:00) and lower-case levels", () => {
    const [span] = eventsOf({
      id: "evt-py",
      timestamp: "2024-05-01T10:00:00.123456+00:00",
      type: "span-create",
      body: { id: "o1", traceId: "t1", startTime: "2024-05-01T12:00:00.5+02:00", level: "warning" },
    });
    expect(span).toMatchObject({ startTime: new Date("2024-05-01T10:00:00.500Z"), level: "WARNING" });
  });

  it("keeps non-object metadata under a `metadata` key, as Langfuse stores it", () => {
    expect(eventsOf(event("trace-create", { id: "t1", metadata: "My metadata" }))[0]).toMatchObject({
      metadata: { metadata: "My metadata" },
    });
    expect(eventsOf(event("span-create", { id: "o1", traceId: "t1", metadata: [1, 2] }))[0]).toMatchObject({
      metadata: { metadata: [1, 2] },
    });
  });

  // Issue 12 item 21: Langfuse's PublicEnvironmentName refuses what does not fit; it does not lower-case.
  it("validates environments like Langfuse: [a-z0-9-_]+, at most 40, not langfuse*", () => {
    expect(eventsOf(event("trace-create", { id: "t1", environment: "staging-2_b" }))[0]).toMatchObject({ environment: "staging-2_b" });
    for (const environment of ["Staging", "my env!", "langfuse-x", "x".repeat(41), ""]) {
      const result = parseIngestionBatch({ batch: [event("trace-create", { id: "t1", environment })] });
      if (!result.ok) throw new Error(result.message);
      const slot = result.results[0]!;
      expect(slot.ok, environment).toBe(false);
      if (!slot.ok) expect(slot.details[0]?.path).toBe("batch[0].body.environment");
    }
  });

  it("an observation without a trace gets a wrapper trace keyed by its own id", () => {
    const events = eventsOf(
      event("observation-create", { id: "o1", type: "GENERATION", name: "legacy", startTime: T0, environment: "dev" }),
    );
    expect(events).toEqual([
      { kind: "trace", id: "o1", timestamp: new Date(T0), name: "legacy", environment: "dev", eventTime: new Date(T0) },
      expect.objectContaining({ kind: "observation", id: "o1", traceId: "o1", type: "GENERATION", eventTime: new Date(T0), isUpdate: false }),
    ]);
    // an update without a trace id names none (it joins its create's trace) and creates nothing else
    const updates = eventsOf(event("generation-update", { id: "o1", output: "x" }));
    expect(updates).toEqual([expect.objectContaining({ kind: "observation", id: "o1", traceId: undefined, isUpdate: true })]);
  });

  it("maps legacy observation-create / -update with the type from the body", () => {
    expect(eventsOf(event("observation-create", { id: "o1", traceId: "t1", type: "EVENT" }))[0]).toMatchObject({
      type: "EVENT",
    });
    expect(eventsOf(event("observation-update", { id: "o1", traceId: "t1", type: "span" }))[0]).toMatchObject({
      type: "SPAN",
    });
  });

  it("drops an empty parentObservationId", () => {
    expect(eventsOf(event("span-create", { id: "o1", traceId: "t1", parentObservationId: "" }))[0]).toMatchObject({
      parentObservationId: undefined,
    });
  });

  it("sdk-log is a success with no events", () => {
    const slot = one(event("sdk-log", { log: { message: "flush failed", level: "warn" } }));
    expect(slot).toMatchObject({ ok: true, type: "sdk-log", events: [] });
  });
});

describe("parseIngestionBatch: scores", () => {
  const score = (body: Record<string, unknown>) => eventsOf(event("score-create", body))[0];

  it("maps every field and stamps the envelope time", () => {
    expect(
      score({
        id: "sc1",
        name: "accuracy",
        value: 0.75,
        dataType: "NUMERIC",
        traceId: "t1",
        observationId: "o1",
        comment: "close",
        configId: "cfg1",
        environment: "production",
        metadata: { judge: "gpt-4o" },
        source: "EVAL",
      }),
    ).toEqual({
      kind: "score",
      id: "sc1",
      name: "accuracy",
      value: 0.75,
      dataType: "NUMERIC",
      traceId: "t1",
      observationId: "o1",
      sessionId: undefined,
      datasetRunId: undefined,
      comment: "close",
      source: "EVAL",
      configId: "cfg1",
      queueId: undefined,
      environment: "production",
      metadata: { judge: "gpt-4o" },
      timestamp: new Date(T0),
    });
  });

  it("infers NUMERIC for numbers and CATEGORICAL for strings; source defaults to API", () => {
    expect(score({ name: "n", value: 3, traceId: "t1" })).toMatchObject({ dataType: "NUMERIC", value: 3, source: "API" });
    expect(score({ name: "c", value: "good", traceId: "t1" })).toMatchObject({ dataType: "CATEGORICAL", value: "good" });
  });

  it("accepts BOOLEAN 0/1, TEXT strings, session and dataset-run scores", () => {
    expect(score({ name: "b", value: 0, dataType: "BOOLEAN", traceId: "t1" })).toMatchObject({ value: 0, dataType: "BOOLEAN" });
    expect(score({ name: "x", value: "long note", dataType: "TEXT", traceId: "t1" })).toMatchObject({ dataType: "TEXT" });
    expect(score({ name: "s", value: "not relevant", sessionId: "sess1" })).toMatchObject({ sessionId: "sess1", traceId: undefined });
    expect(score({ name: "r", value: 0, datasetRunId: "run1" })).toMatchObject({ datasetRunId: "run1" });
  });

  it("keys a score without body id by its event id", () => {
    const slot = one({ id: "evt-score", timestamp: T0, type: "score-create", body: { name: "n", value: 1, traceId: "t1" } });
    expect(slot.events[0]).toMatchObject({ id: "evt-score" });
  });
});
