// A metrics query checked against its view before any SQL: each wrong name is
// a DomainError("invalid") whose path names the field and whose message lists
// the valid names; a valid query gives the plan (defaults of order and bins).
import { describe, expect, it } from "vitest";
import { metricsQuerySchema, type MetricsQueryInput } from "@/lib/analytics/query-schema";
import { MAX_BUCKETS, validateMetricsQuery } from "@/lib/analytics/validate";
import { DomainError } from "@/lib/errors";

const base = { fromTimestamp: "2026-03-01T00:00:00Z", toTimestamp: "2026-03-02T00:00:00Z" };
const plan = (q: Partial<MetricsQueryInput>) => validateMetricsQuery(metricsQuerySchema.parse({ ...base, view: "traces", metrics: [{ measure: "count", aggregation: "count" }], ...q }));
function failure(q: Partial<MetricsQueryInput>): { path: string | undefined; message: string } {
  try {
    plan(q);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid");
    return { path: (e as DomainError).path?.join("."), message: (e as DomainError).message };
  }
  throw new Error("expected a DomainError");
}

describe("validateMetricsQuery", () => {
  it("names an unknown dimension and lists the view's", () => {
    const f = failure({ dimensions: [{ field: "name" }, { field: "model" }] });
    expect(f.path).toBe("dimensions[1].field");
    expect(f.message).toBe("unknown dimension model for view traces; one of id, name, tags, userId, sessionId, release, version, environment, timestampMonth");
  });

  it("names an unknown measure per view", () => {
    expect(failure({ metrics: [{ measure: "count", aggregation: "count" }, { measure: "inputTokens", aggregation: "sum" }] })).toMatchObject({ path: "metrics[1].measure", message: expect.stringContaining("totalTokens") });
    expect(failure({ view: "scores-categorical", metrics: [{ measure: "value", aggregation: "avg" }] })).toMatchObject({ path: "metrics[0].measure" });
    expect(() => plan({ view: "observations", metrics: [{ measure: "inputTokens", aggregation: "sum" }] })).not.toThrow();
  });

  it("refuses a numeric aggregation of a text measure", () => {
    expect(failure({ metrics: [{ measure: "name", aggregation: "p95" }] })).toEqual({ path: "metrics[0].aggregation", message: "p95 needs a numeric measure; name is text (use count or uniq)" });
    expect(failure({ view: "observations", metrics: [{ measure: "providedModelName", aggregation: "histogram" }] }).path).toBe("metrics[0].aggregation");
    expect(() => plan({ metrics: [{ measure: "userId", aggregation: "uniq" }] })).not.toThrow();
  });

  it("takes a distinct count with count, sum or uniq only", () => {
    expect(() => plan({ metrics: [{ measure: "uniqueUserIds", aggregation: "sum" }] })).not.toThrow();
    expect(failure({ metrics: [{ measure: "uniqueUserIds", aggregation: "avg" }] })).toMatchObject({ path: "metrics[0].aggregation", message: expect.stringContaining("count, sum, uniq") });
  });

  it("names a filter column the view has not, and a type the column does not take", () => {
    expect(failure({ filters: [{ type: "string", column: "name", operator: "=", value: "a" }, { type: "string", column: "providedModelName", operator: "=", value: "a" }] })).toMatchObject({ path: "filters[1].column", message: expect.stringContaining("level") });
    expect(failure({ filters: [{ type: "number", column: "name", operator: ">", value: 1 }] }).path).toBe("filters[0].type");
    // A builder's own refusal is named at its condition too.
    expect(failure({ filters: [{ type: "string", column: "name", operator: "=", value: "a" }, { type: "string", column: "level", operator: "=", value: "fatal" }] })).toEqual({ path: "filters[1].value", message: "level: level is error or warning (=)" });
    expect(failure({ filters: [{ type: "string", column: "model", operator: "ends with", value: "x" }] }).path).toBe("filters[0].operator");
    // The traces view takes level, model and metadata beside its dimensions; observations takes trace metadata and tags.
    expect(() => plan({ filters: [{ type: "string", column: "level", operator: "=", value: "error" }, { type: "string", column: "model", operator: "starts with", value: "gpt" }, { type: "stringObject", column: "metadata", key: "k", operator: "=", value: "v" }] })).not.toThrow();
    expect(() => plan({ view: "observations", metrics: [{ measure: "count", aggregation: "count" }], filters: [{ type: "arrayOptions", column: "tags", operator: "any of", value: ["x"] }, { type: "stringObject", column: "metadata", key: "k", operator: "=", value: "v" }] })).not.toThrow();
  });

  it("names an orderBy field that is no dimension, metric or time_dimension of the query", () => {
    expect(failure({ orderBy: [{ field: "sum_totalCost", direction: "desc" }] })).toMatchObject({ path: "orderBy[0].field", message: "cannot order by sum_totalCost; one of count_count" });
    expect(failure({ orderBy: [{ field: "time_dimension", direction: "desc" }] }).path).toBe("orderBy[0].field");
    expect(plan({ timeDimension: { granularity: "hour" }, orderBy: [{ field: "time_dimension", direction: "desc" }] }).orderBy).toEqual([{ field: "time_dimension", direction: "desc" }]);
  });

  it("refuses more buckets than a chart takes", () => {
    const f = failure({ fromTimestamp: "2026-01-01T00:00:00Z", toTimestamp: "2026-03-01T00:00:00Z", timeDimension: { granularity: "minute" } });
    expect(f.path).toBe("timeDimension.granularity");
    expect(f.message).toContain(String(MAX_BUCKETS));
  });

  it("names a repeated dimension", () => {
    expect(failure({ dimensions: [{ field: "name" }, { field: "name" }] }).path).toBe("dimensions[1].field");
  });

  it("plans Langfuse's default order, bins and granularity", () => {
    expect(plan({ timeDimension: { granularity: "auto" } })).toMatchObject({ unit: "hour", orderBy: [{ field: "time_dimension", direction: "asc" }], bins: 10, rowLimit: null });
    expect(plan({ metrics: [{ measure: "totalCost", aggregation: "sum" }], config: { bins: 5, row_limit: 10 } })).toMatchObject({ unit: null, orderBy: [{ field: "sum_totalCost", direction: "desc" }], bins: 5, rowLimit: 10 });
  });

  it("knows every view's Langfuse fields", () => {
    const fields = (view: MetricsQueryInput["view"]) => {
      const p = plan({ view, metrics: [{ measure: "count", aggregation: "count" }] });
      return { dimensions: Object.keys(p.view.dimensions), measures: Object.keys(p.view.measures) };
    };
    expect(fields("traces").measures).toEqual(expect.arrayContaining(["count", "observationsCount", "scoresCount", "uniqueUserIds", "uniqueSessionIds", "latency", "totalTokens", "totalCost"]));
    expect(fields("observations").dimensions).toEqual(expect.arrayContaining(["id", "traceId", "traceName", "environment", "parentObservationId", "type", "name", "level", "version", "tags", "providedModelName", "promptName", "promptVersion", "userId", "sessionId", "traceRelease", "traceVersion", "startTimeMonth"]));
    expect(fields("observations").measures).toEqual(expect.arrayContaining(["count", "latency", "streamingLatency", "inputTokens", "outputTokens", "totalTokens", "outputTokensPerSecond", "tokensPerSecond", "inputCost", "outputCost", "totalCost", "timeToFirstToken", "countScores"]));
    const scoreDims = ["name", "source", "dataType", "traceName", "userId", "sessionId", "observationName", "observationModelName", "configId", "datasetRunId", "environment", "tags", "traceRelease", "traceVersion"];
    expect(fields("scores-numeric").dimensions).toEqual(expect.arrayContaining([...scoreDims, "value"]));
    expect(fields("scores-categorical").dimensions).toEqual(expect.arrayContaining([...scoreDims, "stringValue"]));
    expect(fields("scores-boolean").dimensions).toEqual(expect.arrayContaining([...scoreDims, "booleanValue", "stringValue"]));
    expect(fields("scores-boolean").measures).toEqual(expect.arrayContaining(["count", "value"]));
  });
});
