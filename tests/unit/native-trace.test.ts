import { describe, expect, it } from "vitest";
import type { ObservationEvent } from "@/lib/ingest/events";
import { parseNativeTrace, type NativeTraceError, type NativeTraceMapped, type NativeTraceOptions } from "@/lib/ingest/native/map";

const T0 = "2024-05-01T10:00:00.000Z";

function counterIds(): () => string {
  let n = 0;
  return () => `gen-${++n}`;
}

function mapped(body: unknown, options: NativeTraceOptions = {}): NativeTraceMapped {
  const result = parseNativeTrace(body, { generateId: counterIds(), ...options });
  if (!result.ok) throw new Error(result.message);
  return result;
}

function refused(body: unknown, options: NativeTraceOptions = {}): NativeTraceError {
  const result = parseNativeTrace(body, options);
  if (result.ok) throw new Error("expected the trace to be refused");
  return result;
}

const observations = (result: NativeTraceMapped) =>
  result.events.filter((event): event is ObservationEvent => event.kind === "observation");

describe("parseNativeTrace: mapping", () => {
  const agentRun = {
    id: "trace-1",
    name: "support-agent",
    timestamp: T0,
    userId: "u1",
    sessionId: "s1",
    tags: ["beta"],
    metadata: { region: "eu" },
    input: "Where is my order?",
    output: "On its way.",
    release: "2.1.0",
    version: "7",
    environment: "production",
    observations: [
      {
        id: "agent-1",
        type: "agent",
        name: "planner",
        startTime: T0,
        endTime: "2024-05-01T10:00:03.000Z",
        children: [
          {
            type: "GENERATION",
            name: "llm",
            startTime: "2024-05-01T10:00:00.100Z",
            model: "gpt-4o",
            modelParameters: { temperature: 0 },
            input: [{ role: "user", content: "Where is my order?" }],
            output: { tool_call: "lookup_order" },
            usage: { input: 120, output: 30, details: { cache_read: 100 } },
            cost: 0.0021,
          },
          {
            type: "Tool",
            name: "lookup_order",
            level: "error",
            statusMessage: "timeout",
            children: [{ type: "event", name: "retry" }],
          },
        ],
      },
    ],
  };

  it("maps the trace and nests observations through parent links", () => {
    const result = mapped(agentRun);
    expect(result.traceId).toBe("trace-1");
    expect(result.observationIds).toEqual(["agent-1", "gen-1", "gen-2", "gen-3"]);
    expect(result.observations).toEqual([
      {
        id: "agent-1",
        children: [
          { id: "gen-1", children: [] },
          { id: "gen-2", children: [{ id: "gen-3", children: [] }] },
        ],
      },
    ]);
    expect(result.events[0]).toEqual({
      kind: "trace",
      id: "trace-1",
      timestamp: new Date(T0),
      name: "support-agent",
      userId: "u1",
      sessionId: "s1",
      release: "2.1.0",
      version: "7",
      environment: "production",
      tags: ["beta"],
      metadata: { region: "eu" },
      input: "Where is my order?",
      output: "On its way.",
      public: undefined,
    });
    const [agent, llm, tool, retry] = observations(result);
    expect(agent).toMatchObject({ id: "agent-1", type: "AGENT", parentObservationId: undefined, traceId: "trace-1" });
    expect(llm).toMatchObject({
      id: "gen-1",
      type: "GENERATION",
      parentObservationId: "agent-1",
      model: "gpt-4o",
      modelParameters: { temperature: 0 },
      usage: { input: 120, output: 30, total: 250, details: { input: 120, output: 30, cache_read: 100, total: 250 } },
      cost: { total: 0.0021, details: { total: 0.0021 } },
      environment: "production",
    });
    expect(tool).toMatchObject({ type: "TOOL", parentObservationId: "agent-1", level: "ERROR", statusMessage: "timeout" });
    expect(retry).toMatchObject({ type: "EVENT", parentObservationId: "gen-2", traceId: "trace-1" });
  });

  it("gives an observation without a start its parent's start", () => {
    const [, , tool, retry] = observations(mapped(agentRun));
    expect(tool!.startTime).toEqual(new Date(T0));
    expect(retry!.startTime).toEqual(new Date(T0));
  });

  it("generates ids with crypto.randomUUID by default", () => {
    const result = parseNativeTrace({ name: "t", observations: [{ type: "span", name: "s" }] });
    if (!result.ok) throw new Error(result.message);
    expect(result.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.observationIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.observationIds[0]).not.toBe(result.traceId);
  });

  it("times a trace without timestamp by its earliest observation, else now", () => {
    const early = "2024-05-01T09:00:00.000Z";
    const result = mapped({
      name: "t",
      observations: [
        { type: "span", name: "a", startTime: T0 },
        { type: "span", name: "b", children: [{ type: "span", name: "c", startTime: early }] },
      ],
    });
    expect(result.events[0]).toMatchObject({ timestamp: new Date(early) });
    const now = new Date("2030-01-01T00:00:00.000Z");
    expect(mapped({ name: "t" }, { now: () => now }).events[0]).toMatchObject({ timestamp: now });
  });

  it("accepts a cost object and usage totals as given", () => {
    const [observation] = observations(
      mapped({
        name: "t",
        observations: [
          { type: "generation", name: "g", usage: { input: 1, output: 2, total: 3 }, cost: { input: 0.1, output: 0.2 } },
        ],
      }),
    );
    expect(observation!.usage).toEqual({ input: 1, output: 2, total: 3, details: { input: 1, output: 2, total: 3 } });
    expect(observation!.cost).toMatchObject({ input: 0.1, output: 0.2, total: 0.3 });
  });

  it("a trace without observations is just the trace", () => {
    const result = mapped({ name: "t", timestamp: T0 });
    expect(result.events).toHaveLength(1);
    expect(result.observationIds).toEqual([]);
  });
});

describe("parseNativeTrace: errors name the field", () => {
  it.each([
    ["a non-object body", [], "", "expected a JSON object (one trace)"],
    ["a missing name", {}, "name", "required"],
    ["a wrong trace field", { name: "t", tags: "a" }, "tags", "expected array, received string"],
    ["an invalid timestamp", { name: "t", timestamp: "2024-05-01" }, "timestamp", "invalid datetime (expected ISO 8601 with a time zone)"],
    ["observations not an array", { name: "t", observations: {} }, "observations", "expected array, received object"],
    ["a missing type", { name: "t", observations: [{ name: "s" }] }, "observations[0].type", "required"],
    [
      "an unknown type",
      { name: "t", observations: [{ name: "s", type: "step" }] },
      "observations[0].type",
      'expected one of span, generation, event, agent, tool, chain, retriever, embedding, evaluator, guardrail, received "step"',
    ],
    [
      "a nested wrong start",
      {
        name: "t",
        observations: [
          { type: "span", name: "a", children: [{ type: "span", name: "b" }, { type: "span", name: "c" }, { type: "span", name: "d", startTime: "later" }] },
        ],
      },
      "observations[0].children[2].startTime",
      "invalid datetime (expected ISO 8601 with a time zone)",
    ],
    ["a fractional token count", { name: "t", observations: [{ type: "generation", name: "g", usage: { input: 1.5 } }] }, "observations[0].usage.input", "expected an integer, received a non-integer number"],
    ["a negative cost", { name: "t", observations: [{ type: "generation", name: "g", cost: -1 }] }, "observations[0].cost", "expected a number (total USD) or {input, output, total, details}"],
    ["children not an array", { name: "t", observations: [{ type: "span", name: "a", children: "b" }] }, "observations[0].children", "expected array, received string"],
  ])("refuses %s", (_, body, path, issue) => {
    const error = refused(body);
    expect(error.status).toBe(400);
    expect(error.details[0]).toEqual({ path, issue });
    expect(error.message).toBe(path ? `${path}: ${issue}` : issue);
  });

  it("refuses duplicate observation ids", () => {
    const error = refused({
      name: "t",
      observations: [{ id: "x", type: "span", name: "a", children: [{ id: "x", type: "span", name: "b" }] }],
    });
    expect(error.details).toEqual([{ path: "observations[0].children[0].id", issue: "duplicate id (also at observations[0].id)" }]);
  });

  it("refuses too many observations with 413 and too deep a tree with 400", () => {
    const wide = { name: "t", observations: Array.from({ length: 4 }, (_, i) => ({ type: "span", name: `s${i}` })) };
    expect(refused(wide, { maxObservations: 3 })).toMatchObject({ status: 413, details: [{ path: "observations" }] });
    let node: Record<string, unknown> = { type: "span", name: "leaf" };
    for (let depth = 0; depth < 5; depth++) node = { type: "span", name: `d${depth}`, children: [node] };
    expect(refused({ name: "t", observations: [node] }, { maxDepth: 3 })).toMatchObject({
      status: 400,
      message: "observations[0].children[0].children[0].children: nesting deeper than 3 levels",
    });
    expect(parseNativeTrace({ name: "t", observations: [node] }, { maxDepth: 6 }).ok).toBe(true);
  });
});
