// The dashboard's URL: range presets and custom bounds, granularity, the traces
// table's filter fields, and the links into the traces table.
import { describe, expect, it } from "vitest";
import { dashboardHref, dashboardSearch, parseDashboardParams, seriesCondition, tracesHref, bucketEnd } from "@/lib/analytics/dashboard/params";
import { decodeFilter, describeFilterParam } from "@/lib/query/url";
import { TRACE_URL_FIELDS } from "@/lib/traces/filter";

const now = new Date("2026-03-10T12:00:00.000Z");
const query = (href: string) => Object.fromEntries([...new URL(href, "http://x").searchParams.keys()].map((k) => [k, new URL(href, "http://x").searchParams.getAll(k)]));

describe("parseDashboardParams", () => {
  it("defaults to the last 7 days, auto granularity (hours: 168 buckets would be too many → day)", () => {
    const p = parseDashboardParams({}, now);
    expect(p).toMatchObject({ range: "7d", granularity: "auto", unit: "day", filter: [], issues: [] });
    expect(p.from.toISOString()).toBe("2026-03-03T12:00:00.000Z");
    expect(p.to).toEqual(now);
  });

  it("reads a preset and resolves auto to a sensible bucket count", () => {
    expect(parseDashboardParams({ range: "24h" }, now)).toMatchObject({ range: "24h", unit: "hour" });
    expect(parseDashboardParams({ range: "1h" }, now)).toMatchObject({ range: "1h", unit: "minute" });
    expect(parseDashboardParams({ range: "90d" }, now)).toMatchObject({ range: "90d", unit: "week" });
  });

  it("takes an explicit granularity, and refuses one giving too many buckets", () => {
    expect(parseDashboardParams({ range: "30d", granularity: "hour" }, now)).toMatchObject({ granularity: "hour", unit: "hour", issues: [] });
    const p = parseDashboardParams({ range: "90d", granularity: "hour" }, now);
    expect(p).toMatchObject({ granularity: "auto", unit: "week" });
    expect(p.issues[0].param).toBe("granularity");
    expect(parseDashboardParams({ granularity: "fortnight" }, now).issues[0].param).toBe("granularity");
  });

  it("lets custom from/to win over a preset; the table's inclusive to becomes an exclusive bound", () => {
    const p = parseDashboardParams({ range: "24h", from: "2026-03-01T00:00:00Z", to: "2026-03-02T23:59:59.999Z" }, now);
    expect(p.range).toBe("custom");
    expect(p.from.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-03-03T00:00:00.000Z");
    expect(p.unit).toBe("hour");
    // Without `to`, a custom range runs to now.
    expect(parseDashboardParams({ from: "2026-03-09T00:00:00Z" }, now).to).toEqual(now);
  });

  it("falls back to the default range on bad bounds and presets, saying why", () => {
    expect(parseDashboardParams({ from: "yesterday" }, now)).toMatchObject({ range: "7d" });
    expect(parseDashboardParams({ from: "yesterday" }, now).issues.map((i) => i.param)).toEqual(["from"]);
    expect(parseDashboardParams({ from: "2026-03-05T00:00:00Z", to: "2026-03-04T00:00:00Z" }, now)).toMatchObject({ range: "7d" });
    expect(parseDashboardParams({ range: "2y" }, now).issues.map((i) => i.param)).toEqual(["range"]);
  });

  it("reads the traces table's filter params (not its from/to, which are the range)", () => {
    const p = parseDashboardParams({ name: "chat,search", userId: "alice", model: "gpt-4o", level: "error", metadata: "region=eu", tags: "a,b", environment: "production" }, now);
    expect(p.filter).toEqual([
      { type: "stringOptions", column: "name", operator: "any of", value: ["chat", "search"] },
      { type: "string", column: "userId", operator: "=", value: "alice" },
      { type: "arrayOptions", column: "tags", operator: "all of", value: ["a", "b"] },
      { type: "stringOptions", column: "environment", operator: "any of", value: ["production"] },
      { type: "string", column: "level", operator: "=", value: "error" },
      { type: "string", column: "model", operator: "starts with", value: "gpt-4o" },
      { type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" },
    ]);
    expect(p.filter.some((c) => c.column === "timestamp")).toBe(false);
  });

  it("drops a timestamp condition sent as JSON, with an issue", () => {
    const p = parseDashboardParams({ filter: JSON.stringify({ type: "datetime", column: "timestamp", operator: ">=", value: "2026-01-01T00:00:00Z" }) }, now);
    expect(p.filter).toEqual([]);
    expect(p.issues.map((i) => i.param)).toContain("filter");
  });
});

describe("dashboard links", () => {
  it("round-trips params through the URL", () => {
    const p = parseDashboardParams({ range: "30d", granularity: "day", name: "chat", userId: "bob" }, now);
    const again = parseDashboardParams(Object.fromEntries(dashboardSearch(p)), now);
    expect(again).toMatchObject({ range: "30d", granularity: "day", filter: p.filter });
    expect(dashboardHref("demo", p)).toBe("/demo/dashboard?range=30d&granularity=day&name=chat&userId=bob");
    // The default range and auto granularity are not written.
    expect(dashboardHref("demo", parseDashboardParams({}, now))).toBe("/demo/dashboard");
    const custom = parseDashboardParams({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-02T00:00:00.000Z" }, now);
    expect(parseDashboardParams(Object.fromEntries(dashboardSearch(custom)), now)).toMatchObject({ from: custom.from, to: custom.to, range: "custom" });
  });

  it("opens the traces table with the same filter and a live preset", () => {
    const p = parseDashboardParams({ range: "24h", name: "chat", level: "error" }, now);
    expect(tracesHref("demo", p)).toBe("/demo/traces?range=24h&name=chat&level=error");
  });

  it("opens one bucket and one series: inclusive from/to clipped to the range, the series' condition added", () => {
    const p = parseDashboardParams({ range: "24h", userId: "alice" }, now);
    const start = new Date("2026-03-10T11:00:00.000Z");
    const href = tracesHref("demo", p, { from: start, to: bucketEnd(start, "hour"), conditions: [seriesCondition("model", "gpt-4o")] });
    const q = query(href);
    expect(href.startsWith("/demo/traces?")).toBe(true);
    expect(q.from).toEqual(["2026-03-10T11:00:00.000Z"]);
    // The bucket runs past now: clipped to the range's end, inclusive.
    expect(q.to).toEqual(["2026-03-10T11:59:59.999Z"]);
    expect(q.userId).toEqual(["alice"]);
    // The traces table decodes the same conditions back.
    const { filter, issues } = decodeFilter(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, v])), TRACE_URL_FIELDS);
    expect(issues).toEqual([]);
    expect(filter).toContainEqual({ type: "string", column: "model", operator: "=", value: "gpt-4o" });
    expect(filter).toContainEqual({ type: "string", column: "userId", operator: "=", value: "alice" });
    expect(filter).toContainEqual({ type: "datetime", column: "timestamp", operator: ">=", value: start });
  });

  it("clips a bucket starting before the range to the range's start", () => {
    const p = parseDashboardParams({ range: "7d" }, now);
    const q = query(tracesHref("demo", p, { from: new Date("2026-03-03T00:00:00Z"), to: new Date("2026-03-04T00:00:00Z") }));
    expect(q.from).toEqual(["2026-03-03T12:00:00.000Z"]);
    expect(q.to).toEqual(["2026-03-03T23:59:59.999Z"]);
  });

  it("writes a series condition the traces table reads: names with commas as JSON", () => {
    expect(seriesCondition("name", "chat")).toEqual({ type: "stringOptions", column: "name", operator: "any of", value: ["chat"] });
    const p = parseDashboardParams({}, now);
    const q = query(tracesHref("demo", p, { conditions: [seriesCondition("name", "a,b")] }));
    expect(q.name).toBeUndefined();
    const { filter } = decodeFilter(q, TRACE_URL_FIELDS);
    expect(filter).toContainEqual({ type: "string", column: "name", operator: "=", value: "a,b" });
  });
});

describe("describeFilterParam", () => {
  it("reads a click-through's JSON condition as a chip's text, and leaves anything else as it is", () => {
    expect(describeFilterParam(JSON.stringify(seriesCondition("model", "gpt-4o")))).toBe("model = gpt-4o");
    expect(describeFilterParam(JSON.stringify({ type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" }))).toBe("metadata region = eu");
    expect(describeFilterParam("{nope")).toBe("{nope");
  });
});
