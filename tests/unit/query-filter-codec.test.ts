// The one filter codec: URL ⇄ filter round trips for every condition type, and
// a bad value drops only its own condition, the same for traces and sessions.
import { describe, expect, it } from "vitest";
import { filterSchema, type Filter } from "@/lib/query/filter";
import { decodeFilter, encodeFilter, FILTER_PARAM, type SearchParamsRecord } from "@/lib/query/url";
import { averageScores, formatScore } from "@/lib/query/scores";
import { parseSessionView, SESSION_URL_FIELDS } from "@/lib/sessions/filter";
import { TRACE_URL_FIELDS } from "@/lib/traces/filter";
import { parseTraceTableParams } from "@/lib/traces/table-params";
import { resolveTimeRange, TIME_RANGE_OPTIONS } from "@/lib/time-range";

const now = new Date("2026-01-10T12:00:00.000Z");

/** URL → filter → URL → filter: the same filter, and the same URL the second time. */
function roundTrip(params: SearchParamsRecord, fields = TRACE_URL_FIELDS) {
  const first = decodeFilter(params, fields);
  expect(first.issues).toEqual([]);
  const encoded = encodeFilter(first.filter, fields);
  const second = decodeFilter(encoded, fields);
  expect(second.issues).toEqual([]);
  expect(second.filter).toEqual(first.filter);
  expect(encodeFilter(second.filter, fields)).toEqual(encoded);
  return { filter: first.filter, encoded };
}

describe("filter codec", () => {
  it("round-trips every traces param, keeping today's URLs", () => {
    const params = {
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-02T00:00:00.000Z",
      name: "alpha,beta",
      userId: "alice@acme.io",
      sessionId: "s-1",
      tags: "a,b",
      environment: "production",
      release: "v1",
      version: "2",
      level: "error",
      model: "gpt-4o",
      minLatency: "100",
      maxLatency: "2000.5",
      minCost: "0",
      maxCost: "1e-3",
      score: ["helpfulness<0.5", "correct=false", "label=good", "eval.v2>=1"],
      metadata: ["region=eu-west-1", "k=a=b"],
      bookmarked: "true",
      search: "100% refund",
    };
    const { filter, encoded } = roundTrip(params);
    expect(filter).toHaveLength(23);
    // The URL stays the one links already use (numbers normalised, nothing else).
    expect(encoded).toMatchObject({ name: ["alpha,beta"], score: params.score, metadata: params.metadata, level: ["error"], maxCost: ["0.001"] });
    expect(filter).toContainEqual({ type: "booleanScore", column: "score", key: "correct", operator: "=", value: false });
    expect(filter).toContainEqual({ type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 });
    expect(filter).toContainEqual({ type: "categoricalScore", column: "score", key: "label", operator: "=", value: "good" });
    expect(filter).toContainEqual({ type: "stringObject", column: "metadata", key: "k", operator: "=", value: "a=b" });
    expect(filter).toContainEqual({ type: "arrayOptions", column: "tags", operator: "all of", value: ["a", "b"] });
  });

  it("round-trips the sessions params", () => {
    const { filter } = roundTrip({ q: "chat", userId: "a,b", environment: "staging", errors: "false", bookmarked: "false", from: "2026-01-01T00:00:00.000Z", to: "2026-01-03T00:00:00.000Z" }, SESSION_URL_FIELDS);
    // a user id may hold a comma: one value, not two
    expect(filter).toContainEqual({ type: "arrayOptions", column: "userIds", operator: "any of", value: ["a,b"] });
    expect(filter).toContainEqual({ type: "number", column: "errorCount", operator: "=", value: 0 });
  });

  it("carries any condition no named param owns as JSON, and back", () => {
    const filter: Filter = filterSchema.parse([
      { type: "number", column: "tokens", operator: ">", value: 10 },
      { type: "stringOptions", column: "name", operator: "none of", value: ["x"] },
      { type: "string", column: "userId", operator: "does not contain", value: "bot" },
      { type: "datetime", column: "timestamp", operator: ">", value: "2026-01-01T00:00:00Z" },
      { type: "stringObject", column: "metadata", key: "tier", operator: "contains", value: "pro" },
      { type: "booleanScore", column: "score", key: "ok", operator: "!=", value: true },
    ]);
    const encoded = encodeFilter(filter, TRACE_URL_FIELDS);
    expect(Object.keys(encoded)).toEqual(["filter", "score"]);
    expect(encoded[FILTER_PARAM]).toHaveLength(5);
    const back = decodeFilter(encoded, TRACE_URL_FIELDS);
    expect(back.issues).toEqual([]);
    expect(new Set(back.filter.map((c) => JSON.stringify(c)))).toEqual(new Set(filter.map((c) => JSON.stringify(c))));
  });

  it("drops only the bad condition, with its reason, for traces and sessions alike", () => {
    const traces = decodeFilter({ minLatency: "fast", score: ["helpfulness", "x<1"], name: "alpha", from: "yesterday", bookmarked: "yes", filter: ["{", '{"type":"number"}'] }, TRACE_URL_FIELDS);
    expect(traces.filter).toEqual([
      { type: "stringOptions", column: "name", operator: "any of", value: ["alpha"] },
      { type: "numericScore", column: "score", key: "x", operator: "<", value: 1 },
    ]);
    expect(traces.issues.map((i) => i.param)).toEqual(["from", "minLatency", "score", "bookmarked", "filter", "filter"]);

    const sessions = parseSessionView({ userId: "alice", errors: "maybe", from: "yesterday", bookmarked: "true", range: "forever" }, now);
    expect(sessions.filter).toEqual([
      { type: "arrayOptions", column: "userIds", operator: "any of", value: ["alice"] },
      { type: "boolean", column: "bookmarked", operator: "=", value: true },
    ]);
    expect(sessions.issues.map((i) => i.param)).toEqual(["errors", "from", "range"]);
    expect(sessions.issues[0].message).toBe("must be true or false");
    expect(parseTraceTableParams({ bookmarked: "maybe" }).issues[0]).toEqual({ param: "bookmarked", message: "must be true or false" });
  });

  it("rejects a label compared with < or >", () => {
    expect(decodeFilter({ score: "label<good" }, TRACE_URL_FIELDS).issues).toHaveLength(1);
  });
});

describe("time ranges", () => {
  it("has one set of labels and resolves presets in UTC milliseconds", () => {
    expect(TIME_RANGE_OPTIONS.map((o) => o.label)).toEqual(["Last hour", "Last 24 hours", "Last 7 days", "Last 30 days", "Last 90 days", "All time", "Custom range…"]);
    expect(resolveTimeRange({ range: "24h" }, now).range).toEqual({ kind: "24h", from: new Date("2026-01-09T12:00:00.000Z") });
    expect(resolveTimeRange({ range: "all" }, now).range).toEqual({ kind: "all" });
    expect(resolveTimeRange({ range: "1h", from: new Date(0) }, now).range.kind).toBe("custom");
    expect(resolveTimeRange({ range: "1y" }, now).issue).toMatch(/must be one of/);
  });

  it("sets the same start on traces and sessions for the same preset", () => {
    const t = parseTraceTableParams({ range: "7d" }, now).filter;
    const s = parseSessionView({ range: "7d" }, now).filter;
    expect(t).toEqual([{ type: "datetime", column: "timestamp", operator: ">=", value: new Date("2026-01-03T12:00:00.000Z") }]);
    expect(s).toEqual([{ type: "datetime", column: "lastTimestamp", operator: ">=", value: new Date("2026-01-03T12:00:00.000Z") }]);
  });

  it("custom bounds win over a preset on sessions as on traces", () => {
    expect(parseSessionView({ range: "1h", from: "2026-01-01T00:00:00Z" }, now).range).toBe("custom");
    expect(parseTraceTableParams({ range: "1h", from: "2026-01-01T00:00:00Z" }, now).range).toBe("custom");
  });
});

describe("score aggregation", () => {
  it("averages numbers unrounded, keeps the latest label, and rounds once at display", () => {
    const agg = averageScores([
      { key: "t1", name: "h", dataType: "NUMERIC", value: 1, stringValue: null },
      { key: "t1", name: "h", dataType: "NUMERIC", value: 0, stringValue: null },
      { key: "t1", name: "h", dataType: "NUMERIC", value: 0, stringValue: null },
      { key: "t1", name: "l", dataType: "CATEGORICAL", value: null, stringValue: "bad" },
      { key: "t1", name: "l", dataType: "CATEGORICAL", value: null, stringValue: "good" },
    ]);
    expect(agg.get("t1")).toEqual({ h: 1 / 3, l: "good" });
    expect(formatScore(1 / 3)).toBe("0.3333");
    expect(formatScore(1 / 3, 2)).toBe("0.33");
    expect(formatScore("good")).toBe("good");
    expect(formatScore(null)).toBe("—");
  });
});
