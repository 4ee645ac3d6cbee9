// The metrics endpoints' query strings (lib/analytics/api-schemas.ts): the
// `query` parameter (JSON, then Langfuse's query object) with its errors named
// from `query` down, the daily endpoint's params, and path prefixing.
import { describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { dailyMetricsParams, metricsV1Params, metricsV2Params, underQuery } from "@/lib/analytics/api-schemas";
import { formatPath } from "@/lib/errors";

const base = { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], fromTimestamp: "2026-01-01T00:00:00Z", toTimestamp: "2026-01-02T00:00:00Z" };
const paths = (e: ZodError) => e.issues.map((i) => formatPath(i.path));

describe("the query parameter", () => {
  it("parses the JSON and applies the query object's defaults", () => {
    const parsed = metricsV1Params.parse({ query: JSON.stringify(base) });
    expect(parsed.query).toMatchObject({ view: "traces", dimensions: [], filters: [], timeDimension: null, orderBy: null });
  });

  it("names query for a missing parameter or JSON that does not parse", () => {
    expect(paths(metricsV1Params.safeParse({}).error!)).toEqual(["query"]);
    const bad = metricsV1Params.safeParse({ query: "{view: traces" }).error!;
    expect(paths(bad)).toEqual(["query"]);
    expect(bad.issues[0].message).toContain("must be JSON");
    // A repeated parameter arrives as an array: not one query.
    expect(paths(metricsV1Params.safeParse({ query: [JSON.stringify(base), "{}"] }).error!)).toEqual(["query"]);
  });

  it("names the field inside the query object", () => {
    const at = (q: object, schema: typeof metricsV1Params | typeof metricsV2Params = metricsV1Params) => paths(schema.safeParse({ query: JSON.stringify(q) }).error!);
    expect(at({ ...base, view: "sessions" })).toEqual(["query.view"]);
    expect(at(base, metricsV2Params)).toEqual(["query.view"]);
    expect(at({ ...base, metrics: [{ measure: "count", aggregation: "mode" }] })).toEqual(["query.metrics[0].aggregation"]);
    expect(at({ ...base, fromTimestamp: undefined })).toEqual(["query.fromTimestamp"]);
    // The date-time is named first (the from-before-to check, which cannot hold, names fromTimestamp after it).
    expect(at({ ...base, toTimestamp: "2026-01-01" })[0]).toBe("query.toTimestamp");
    expect(at({ ...base, fromTimestamp: base.toTimestamp })).toEqual(["query.fromTimestamp"]);
    expect(at({ ...base, config: { row_limit: 1001 } })).toEqual(["query.config.row_limit"]);
    expect(metricsV2Params.safeParse({ query: JSON.stringify({ ...base, view: "observations" }) }).success).toBe(true);
  });
});

describe("underQuery", () => {
  it("puts a path inside the query object, written out or as zod gives it", () => {
    expect(underQuery("metrics[0].measure")).toBe("query.metrics[0].measure");
    expect(underQuery(["metrics[0].measure"])).toBe("query.metrics[0].measure");
    expect(underQuery(["filters", 1, "column"])).toBe("query.filters[1].column");
    expect(underQuery("[0]")).toBe("query[0]");
    expect(underQuery(undefined)).toBe("query");
    expect(underQuery([])).toBe("query");
  });
});

describe("daily params", () => {
  it("defaults page 1 and limit 50, and reads tags and environments repeated or comma-separated", () => {
    expect(dailyMetricsParams.parse({})).toEqual({ page: 1, limit: 50 });
    expect(dailyMetricsParams.parse({ page: "", limit: "" })).toEqual({ page: 1, limit: 50 });
    const q = dailyMetricsParams.parse({ tags: "a, b", environment: ["prod", "staging"], page: "2", limit: "100", fromTimestamp: "2026-01-01T00:00:00Z" });
    expect(q).toEqual({ page: 2, limit: 100, tags: ["a", "b"], environment: ["prod", "staging"], fromTimestamp: new Date("2026-01-01T00:00:00Z") });
  });

  it("refuses a page below 1, a limit outside 1-100 and a timestamp that is not ISO 8601", () => {
    expect(paths(dailyMetricsParams.safeParse({ page: "0" }).error!)).toEqual(["page"]);
    expect(paths(dailyMetricsParams.safeParse({ limit: "101" }).error!)).toEqual(["limit"]);
    expect(paths(dailyMetricsParams.safeParse({ limit: "1.5" }).error!)).toEqual(["limit"]);
    expect(paths(dailyMetricsParams.safeParse({ toTimestamp: "yesterday" }).error!)).toEqual(["toTimestamp"]);
  });
});
