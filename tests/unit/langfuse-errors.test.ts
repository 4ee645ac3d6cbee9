import { describe, expect, it } from "vitest";
import { parseIngestionBatch, type SlotFailure, type SlotResult } from "@/lib/ingest/langfuse/map";

const T0 = "2024-05-01T10:00:00.000Z";

function slots(batch: unknown[]): SlotResult[] {
  const result = parseIngestionBatch({ batch });
  if (!result.ok) throw new Error(result.message);
  return result.results;
}

function failure(raw: unknown): SlotFailure {
  const slot = slots([raw])[0]!;
  if (slot.ok) throw new Error("expected the event to be refused");
  return slot;
}

/** The first detail of a refused event, as "path: issue". */
function refusal(raw: unknown): string {
  const { details } = failure(raw);
  return `${details[0]!.path}: ${details[0]!.issue}`;
}

const withBody = (type: string, body: unknown) => ({ id: "e1", timestamp: T0, type, body });
const span = (body: Record<string, unknown>) => withBody("span-create", { id: "o1", traceId: "t1", ...body });
const generation = (body: Record<string, unknown>) => withBody("generation-create", { id: "o1", traceId: "t1", ...body });
const score = (body: Record<string, unknown>) => withBody("score-create", { name: "q", value: 1, traceId: "t1", ...body });

describe("parseIngestionBatch: the envelope", () => {
  it.each([
    ["null", null, "expected a JSON object with a batch array, received null"],
    ["an array", [], "expected a JSON object with a batch array, received array"],
    ["a string", "batch", "expected a JSON object with a batch array, received string"],
  ])("refuses a body that is %s", (_, body, message) => {
    expect(parseIngestionBatch(body)).toEqual({ ok: false, status: 400, message, details: [{ path: "", issue: message }] });
  });

  it("refuses a missing or non-array batch, naming the field", () => {
    expect(parseIngestionBatch({})).toMatchObject({ ok: false, status: 400, message: "batch: required" });
    expect(parseIngestionBatch({ batch: { id: "e1" } })).toMatchObject({
      ok: false,
      status: 400,
      message: "batch: expected array, received object",
      details: [{ path: "batch", issue: "expected array, received object" }],
    });
  });

  it("refuses a batch longer than maxBatchLength with 413", () => {
    const batch = Array.from({ length: 3 }, (_, i) => withBody("sdk-log", { log: i }));
    expect(parseIngestionBatch({ batch }, { maxBatchLength: 2 })).toEqual({
      ok: false,
      status: 413,
      message: "batch: must have at most 2 events, received 3",
      details: [{ path: "batch", issue: "must have at most 2 events, received 3" }],
    });
    expect(parseIngestionBatch({ batch }, { maxBatchLength: 3 }).ok).toBe(true);
  });

  it("defaults the limit to 1000 events", () => {
    const batch = Array.from({ length: 1001 }, () => 0);
    expect(parseIngestionBatch({ batch })).toMatchObject({ ok: false, status: 413 });
  });

  it("accepts an empty batch and the SDK's metadata", () => {
    expect(parseIngestionBatch({ batch: [], metadata: { sdk_name: "python" } })).toEqual({ ok: true, results: [] });
  });
});

describe("parseIngestionBatch: a bad event", () => {
  it("never sinks the good events beside it; results stay in batch order", () => {
    const results = slots([
      withBody("trace-create", { id: "t1" }),
      span({ startTime: "not a date" }),
      withBody("sdk-log", { log: "hi" }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({
      ok: false,
      index: 1,
      eventId: "e1",
      status: 400,
      message: "batch[1].body.startTime: invalid datetime (expected ISO 8601 with a time zone)",
      details: [{ path: "batch[1].body.startTime", issue: "invalid datetime (expected ISO 8601 with a time zone)" }],
    });
  });

  it("lists every wrong field and summarises the first", () => {
    const refused = failure(span({ name: 5, startTime: "yesterday", level: "LOUD" }));
    expect(refused.details.map((d) => d.path)).toEqual(["batch[0].body.name", "batch[0].body.startTime", "batch[0].body.level"]);
    expect(refused.message).toBe("batch[0].body.name: expected string, received number (and 2 more)");
  });

  it.each([
    ["not an object", 5, "batch[0]: expected object, received number"],
    ["without id", { timestamp: T0, type: "trace-create", body: {} }, "batch[0].id: required"],
    ["with an empty id", { id: "", timestamp: T0, type: "trace-create", body: {} }, "batch[0].id: must not be empty"],
    ["with a numeric id", { id: 7, timestamp: T0, type: "trace-create", body: {} }, "batch[0].id: expected string, received number"],
    ["without timestamp", { id: "e1", type: "trace-create", body: {} }, "batch[0].timestamp: required"],
    ["with an invalid timestamp", { id: "e1", timestamp: "2024-13-01T00:00:00Z", type: "trace-create", body: {} }, "batch[0].timestamp: invalid datetime (expected ISO 8601 with a time zone)"],
    ["with a timestamp without zone", { id: "e1", timestamp: "2024-05-01T10:00:00", type: "trace-create", body: {} }, "batch[0].timestamp: invalid datetime (expected ISO 8601 with a time zone)"],
    ["without type", { id: "e1", timestamp: T0, body: {} }, "batch[0].type: required"],
    ["with an unknown type", { id: "e1", timestamp: T0, type: "trace-delete", body: {} }, 'batch[0].type: unknown event type "trace-delete"'],
    ["without body", { id: "e1", timestamp: T0, type: "trace-create" }, "batch[0].body: required"],
    ["with a body that is an array", { id: "e1", timestamp: T0, type: "trace-create", body: [] }, "batch[0].body: expected object, received array"],
    ["with a null body", { id: "e1", timestamp: T0, type: "span-create", body: null }, "batch[0].body: expected object, received null"],
  ])("refuses an event %s", (_, raw, expected) => {
    expect(refusal(raw)).toBe(expected);
  });

  it("reports the event id when it has one, else unknown", () => {
    expect(failure({ id: "e9", timestamp: "x", type: "trace-create", body: {} }).eventId).toBe("e9");
    expect(failure({ id: 9, timestamp: T0, type: "trace-create", body: {} }).eventId).toBe("unknown");
    expect(failure(null).eventId).toBe("unknown");
  });

  it("reports envelope and body issues together", () => {
    const refused = failure({ id: "e1", timestamp: "nope", type: "span-create", body: { traceId: 1 } });
    expect(refused.details.map((d) => d.path)).toEqual(["batch[0].timestamp", "batch[0].body.traceId"]);
  });
});

describe("parseIngestionBatch: wrong body fields", () => {
  it.each([
    ["trace name", withBody("trace-create", { name: 1 }), "batch[0].body.name: expected string, received number"],
    ["trace tags", withBody("trace-create", { tags: ["a", 2] }), "batch[0].body.tags[1]: expected string, received number"],
    ["trace public", withBody("trace-create", { public: "yes" }), "batch[0].body.public: expected boolean, received string"],
    ["trace timestamp", withBody("trace-create", { timestamp: "today" }), "batch[0].body.timestamp: invalid datetime (expected ISO 8601 with a time zone)"],
    ["trace name length", withBody("trace-create", { name: "x".repeat(1001) }), "batch[0].body.name: must be at most 1000 characters"],
    ["id with CR", withBody("trace-create", { id: "a\rb" }), "batch[0].body.id: must not contain carriage returns"],
    ["span level", span({ level: "loud" }), "batch[0].body.level: expected one of DEBUG, DEFAULT, WARNING, ERROR, received \"loud\""],
    ["span endTime", span({ endTime: 1714557600000 }), "batch[0].body.endTime: expected string, received number"],
    ["span traceId", span({ traceId: 12 }), "batch[0].body.traceId: expected string, received number"],
    ["span-update without id", withBody("span-update", { traceId: "t1" }), "batch[0].body.id: required"],
    ["generation-update without id", withBody("generation-update", { output: "x" }), "batch[0].body.id: required"],
    ["generation model", generation({ model: ["gpt-4o"] }), "batch[0].body.model: expected string, received array"],
    ["modelParameters", generation({ modelParameters: [1] }), "batch[0].body.modelParameters: expected record, received array"],
    ["usage as string", generation({ usage: { input: "10" } }), "batch[0].body.usage.input: expected number, received string"],
    ["usage fraction", generation({ usage: { output: 1.5 } }), "batch[0].body.usage.output: expected an integer, received a non-integer number"],
    ["usageDetails value", generation({ usageDetails: { input: -1 } }), "batch[0].body.usageDetails.input: expected a non-negative integer"],
    ["usageDetails nested", generation({ usageDetails: { prompt_tokens_details: { cached_tokens: "3" } } }), "batch[0].body.usageDetails.prompt_tokens_details.cached_tokens: expected a non-negative integer"],
    ["usageDetails object", generation({ usageDetails: { server_tool_use: { web_search: 1 } } }), "batch[0].body.usageDetails.server_tool_use: expected a non-negative integer"],
    ["costDetails negative", generation({ costDetails: { input: -0.1 } }), "batch[0].body.costDetails.input: must be >= 0"],
    ["promptName without version", generation({ promptName: "p" }), "batch[0].body.promptVersion: required when promptName is set"],
    ["promptVersion without name", generation({ promptVersion: 2 }), "batch[0].body.promptName: required when promptVersion is set"],
    ["promptVersion fraction", generation({ promptName: "p", promptVersion: 1.5 }), "batch[0].body.promptVersion: expected an integer, received a non-integer number"],
    ["legacy observation type missing", withBody("observation-create", { id: "o1" }), "batch[0].body.type: required"],
    ["legacy observation type", withBody("observation-create", { id: "o1", type: "tool" }), 'batch[0].body.type: expected one of SPAN, GENERATION, EVENT, received "tool"'],
    ["legacy observation-update without id", withBody("observation-update", { type: "SPAN" }), "batch[0].body.id: required"],
    ["sdk-log without log", withBody("sdk-log", {}), "batch[0].body.log: required"],
  ])("refuses a wrong %s", (_, raw, expected) => {
    expect(refusal(raw)).toBe(expected);
  });
});

describe("parseIngestionBatch: wrong scores", () => {
  it.each([
    ["without name", score({ name: undefined }), "batch[0].body.name: required"],
    ["with an empty name", score({ name: "" }), "batch[0].body.name: must not be empty"],
    ["without value", score({ value: undefined }), "batch[0].body.value: required"],
    ["with a boolean value", score({ value: true }), "batch[0].body.value: expected a number or a string"],
    ["NUMERIC with a string", score({ value: "high", dataType: "NUMERIC" }), "batch[0].body.value: must be a number for dataType NUMERIC"],
    ["BOOLEAN with 0.5", score({ value: 0.5, dataType: "BOOLEAN" }), "batch[0].body.value: must be 0 or 1 for dataType BOOLEAN"],
    ["BOOLEAN with a string", score({ value: "true", dataType: "BOOLEAN" }), "batch[0].body.value: must be a number for dataType BOOLEAN"],
    ["CATEGORICAL with a number", score({ value: 2, dataType: "CATEGORICAL" }), "batch[0].body.value: must be a string for dataType CATEGORICAL"],
    ["of an unknown dataType", score({ dataType: "VERDICT" }), 'batch[0].body.dataType: expected one of NUMERIC, CATEGORICAL, BOOLEAN, TEXT, CORRECTION, received "VERDICT"'],
    ["CORRECTION with a number", score({ value: 4, dataType: "CORRECTION" }), "batch[0].body.value: must be a string (the corrected output) for dataType CORRECTION"],
    ["CORRECTION on a session", score({ traceId: undefined, sessionId: "s1", value: "x", dataType: "CORRECTION" }), "batch[0].body.sessionId: CORRECTION scores cannot be associated with sessions. Please associate with a trace or observation instead."],
    ["CORRECTION with a config", score({ value: "x", dataType: "CORRECTION", configId: "c1" }), "batch[0].body.configId: must be absent for dataType CORRECTION (a correction has no score config)"],
    ["of an unknown source", score({ source: "USER" }), 'batch[0].body.source: expected one of API, ANNOTATION, EVAL, received "USER"'],
    ["without a target", score({ traceId: undefined }), "batch[0].body.traceId: provide exactly one of traceId (with optional observationId), sessionId or datasetRunId"],
    ["on a trace and a session", score({ sessionId: "s1" }), "batch[0].body.traceId: provide exactly one of traceId (with optional observationId), sessionId or datasetRunId"],
    ["on an observation without its trace", score({ traceId: undefined, sessionId: "s1", observationId: "o1" }), "batch[0].body.observationId: requires traceId"],
  ])("refuses a score %s", (_, raw, expected) => {
    expect(refusal(raw)).toBe(expected);
  });
});
