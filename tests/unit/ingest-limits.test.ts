// The shared ingestion limits (lib/ingest/limits.ts, check-event.ts) and the
// storable-string pass (storable.ts), per class of input.
import { describe, expect, it } from "vitest";
import { eventIssues } from "@/lib/ingest/check-event";
import type { ObservationEvent } from "@/lib/ingest/events";
import { LIMITS, costProblem, countProblem, environmentProblem, timeProblem } from "@/lib/ingest/limits";
import { mapOtlpToEvents } from "@/lib/ingest/otel/map";
import { decodeOtlpJson } from "@/lib/ingest/otel/decode";
import { nanosToSpanTime } from "@/lib/ingest/otel/ids";
import { DEPTH_CAP_MARKER, capJsonDepth, jsonDepth, makeEventsStorable, makeJsonStorable, storableString } from "@/lib/ingest/storable";

function nested(levels: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

describe("timestamps", () => {
  it("accepts 1970 to five years ahead, refuses the rest", () => {
    expect(timeProblem(new Date("1970-01-01T00:00:00Z"))).toBeUndefined();
    expect(timeProblem(new Date())).toBeUndefined();
    expect(timeProblem(new Date(Date.now() + 4 * 365 * 86400_000))).toBeUndefined();
    for (const bad of ["1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "+100000-01-01T00:00:00Z", "invalid"]) {
      expect(timeProblem(new Date(bad)), bad).toBeDefined();
    }
    expect(timeProblem(new Date(Date.now() + 6 * 365 * 86400_000))).toMatch(/5 years in the future/);
  });

  it("OTLP times: absent, not a time, or a date however implausible", () => {
    expect(nanosToSpanTime(undefined)).toBeUndefined();
    expect(nanosToSpanTime("0")).toBeUndefined();
    expect(Number.isNaN(nanosToSpanTime("NaN")!.getTime())).toBe(true);
    // year 100,000: a valid Date that the mapper refuses
    expect(nanosToSpanTime("3093527980800000000000")!.getUTCFullYear()).toBe(100_000);
    expect(Number.isNaN(nanosToSpanTime("9".repeat(40))!.getTime())).toBe(true);
  });
});

describe("numbers", () => {
  it("counts are integers in 0..2^31-1", () => {
    expect(countProblem(0)).toBeUndefined();
    expect(countProblem(LIMITS.maxCount)).toBeUndefined();
    for (const bad of [-1, 1.5, 2 ** 31, 1e300, Number.NaN, Number.POSITIVE_INFINITY]) expect(countProblem(bad), String(bad)).toBeDefined();
  });
  it("costs are finite in 0..1e6 USD", () => {
    expect(costProblem(0.000123)).toBeUndefined();
    for (const bad of [-100, 1e295, Number.NaN]) expect(costProblem(bad), String(bad)).toBeDefined();
  });
});

describe("environment (Langfuse's rule)", () => {
  it("allows [a-z0-9-_]+ up to 40 not starting with langfuse", () => {
    for (const ok of ["default", "prod-eu_1", "e".repeat(40), "0"]) expect(environmentProblem(ok), ok).toBeUndefined();
    for (const bad of ["", "Prod", "my env", "langfuse", "langfuse-x", "e".repeat(41), "prod!"]) expect(environmentProblem(bad), bad).toBeDefined();
  });
});

describe("storable strings", () => {
  it("strips NUL and replaces lone surrogates, keeps valid pairs", () => {
    expect(storableString("a\u0000b\u0000")).toBe("ab");
    expect(storableString("a\ud800b")).toBe("a\ufffdb");
    expect(storableString("a\udc00")).toBe("a\ufffd");
    expect(storableString("emoji 😀")).toBe("emoji 😀");
    const same = "plain";
    expect(storableString(same)).toBe(same);
  });

  it("walks payload keys and values without recursion, 10,000 levels deep", () => {
    const value: Record<string, unknown> = makeJsonStorable({ ["k\u0000"]: ["\ud800", { deep: nested(10_000), x: "a\u0000" }], __proto__x: 1 });
    expect(Object.keys(value)).toEqual(["k", "__proto__x"]);
    expect(value.k).toEqual(["\ufffd", expect.objectContaining({ x: "a" })]);
  });

  it("makes every string field of an event storable", () => {
    const [o] = makeEventsStorable([
      { kind: "observation", id: "o\u0000", traceId: "t", name: "n\ud800", input: { "q\u0000": "v\u0000" }, usage: { details: { "x\u0000": 1 } } },
    ]) as ObservationEvent[];
    expect(o).toMatchObject({ id: "o", name: "n\ufffd", input: { q: "v" }, usage: { details: { x: 1 } } });
  });
});

describe("payload depth", () => {
  it("is measured iteratively and stops early", () => {
    expect(jsonDepth("x")).toBe(0);
    expect(jsonDepth({ a: [1] })).toBe(2);
    expect(jsonDepth(nested(100))).toBe(100);
    expect(jsonDepth(nested(100_000))).toBe(LIMITS.jsonDepth + 1);
  });

  it("capJsonDepth cuts what is deeper than the limit for the viewer", () => {
    const small = { a: 1 };
    expect(capJsonDepth(small)).toBe(small);
    const cut = capJsonDepth(nested(5_000), 3) as unknown[];
    expect(jsonDepth(cut)).toBe(3);
    expect(JSON.stringify(cut)).toContain(DEPTH_CAP_MARKER);
  });
});

describe("eventIssues names the internal field", () => {
  const base: ObservationEvent = { kind: "observation", id: "o", traceId: "t", startTime: new Date("2026-01-01T00:00:01Z") };
  it("end before start, overflowing usage, negative cost, deep input, bad environment, long name", () => {
    const issues = eventIssues({
      ...base,
      endTime: new Date("2026-01-01T00:00:00Z"),
      usage: { input: 2 ** 31, details: { cache_read: -1 } },
      cost: { total: -5 },
      input: nested(101) as never,
      environment: "Prod",
      name: "x".repeat(1001),
      promptVersion: 1.5,
    }).map((i) => i.path);
    expect(issues.sort()).toEqual(["cost.total", "endTime", "environment", "input", "name", "promptVersion", "usage.details.cache_read", "usage.input"].sort());
  });
  it("a clean event has none", () => {
    expect(eventIssues({ ...base, usage: { input: 10, output: 2 }, environment: "default", input: nested(100) as never })).toEqual([]);
  });
});

describe("OTLP: a bad span is refused alone, naming the field", () => {
  const span = (spanId: string, extra: Record<string, unknown>) => ({
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId,
    name: "s",
    startTimeUnixNano: "1772359200000000000",
    endTimeUnixNano: "1772359201000000000",
    ...extra,
  });
  const run = (extra: Record<string, unknown>) =>
    mapOtlpToEvents(decodeOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans: [span("b7ad6b7169203331", {}), span("b7ad6b7169203332", extra)] }] }] }));

  it.each([
    [{ startTimeUnixNano: "3093527980800000000000" }, "startTimeUnixNano"],
    [{ startTimeUnixNano: "NaN" }, "startTimeUnixNano: invalid date"],
    [{ startTimeUnixNano: undefined }, "startTimeUnixNano: required"],
    [{ endTimeUnixNano: "1772359199000000000" }, "endTimeUnixNano: must not be before startTime"],
    [{ attributes: [{ key: "gen_ai.request.model", value: { stringValue: "m" } }, { key: "gen_ai.usage.input_tokens", value: { doubleValue: 1.5 } }] }, "usage.input"],
    [{ attributes: [{ key: "gen_ai.request.model", value: { stringValue: "m" } }, { key: "gen_ai.usage.output_tokens", value: { intValue: -42 } }] }, "usage.output"],
    [{ attributes: [{ key: "langfuse.environment", value: { stringValue: "Prod" } }] }, "environment"],
  ])("%j → %s", (extra, field) => {
    const { events, rejected } = run(extra);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toContain(field);
    expect(events.filter((e) => e.kind === "observation").map((e) => e.id)).toEqual(["b7ad6b7169203331"]);
  });
});

describe("OTLP protobuf with a string that is not UTF-8", () => {
  it("reads it with U+FFFD instead of refusing the whole request", async () => {
    const { ExportTraceServiceRequest } = await import("@/lib/ingest/otel/proto");
    const { decodeOtlpProtobuf } = await import("@/lib/ingest/otel/decode");
    const span = (name: string, id: number) => ({ traceId: Buffer.alloc(16, 1), spanId: Buffer.alloc(8, id), name, startTimeUnixNano: "1772359200000000000" });
    const bytes = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [span("a\ud800b", 1), span("fine", 2)] }] }] }),
    ).finish();
    const spans = decodeOtlpProtobuf(bytes).resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(spans.map((s) => s.name)).toEqual(["a\ufffd\ufffd\ufffdb", "fine"]);
  });
});

describe("the JSON viewer's text", () => {
  it("never throws for a value too deep to stringify", async () => {
    const { toJsonText } = await import("@/components/json/stringify");
    expect(toJsonText(nested(50_000))).toBe("(nested too deeply to show as text)");
    expect(toJsonText({ a: 1 }, 0)).toBe('{"a":1}');
  });
});
