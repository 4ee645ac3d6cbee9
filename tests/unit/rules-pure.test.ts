// The pure half of promotion rules: stable sampling, the rule form's conditions
// in the traces table's URL codec, and the one-line filter summary.
import { describe, expect, it } from "vitest";
import { conditionsFromView, decodeConditions, encodeConditions } from "@/lib/traces/conditions";
import { sampled } from "@/lib/query/sample";
import { describeFilter, formatSampling } from "@/lib/datasets/rules/schemas";
import { queryToRecord } from "@/lib/query/url";

describe("sampling", () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `trace-${i}`);
  it("is all or nothing at 100 % and 0 %, and stable in between", () => {
    expect(ids.every((id) => sampled("r1", id, 1))).toBe(true);
    expect(ids.some((id) => sampled("r1", id, 0))).toBe(false);
    const first = ids.filter((id) => sampled("r1", id, 0.25));
    expect(ids.filter((id) => sampled("r1", id, 0.25))).toEqual(first);
    // about a quarter, and a different quarter for another rule
    expect(first.length).toBeGreaterThan(2300);
    expect(first.length).toBeLessThan(2700);
    const other = new Set(ids.filter((id) => sampled("r2", id, 0.25)));
    expect(first.filter((id) => other.has(id)).length).toBeLessThan(first.length * 0.4);
    // a higher rate keeps every trace a lower one took
    const half = new Set(ids.filter((id) => sampled("r1", id, 0.5)));
    expect(first.every((id) => half.has(id))).toBe(true);
  });
});

describe("rule conditions", () => {
  it("reads the traces table's params: level, score, name, tags, metadata, model, latency and cost ranges", () => {
    const q = "level=error&score=helpfulness<0.5&name=chat,support&tags=prod&metadata=region%3Deu&model=gpt-4o&minLatency=1000&maxCost=0.5";
    const { filter, issues } = decodeConditions(queryToRecord(q));
    expect(issues).toEqual([]);
    expect(filter).toEqual(
      expect.arrayContaining([
        { type: "string", column: "level", operator: "=", value: "error" },
        { type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 },
        { type: "stringOptions", column: "name", operator: "any of", value: ["chat", "support"] },
        { type: "arrayOptions", column: "tags", operator: "all of", value: ["prod"] },
        { type: "stringObject", column: "metadata", key: "region", operator: "=", value: "eu" },
        { type: "string", column: "model", operator: "starts with", value: "gpt-4o" },
        { type: "number", column: "latency", operator: ">=", value: 1000 },
        { type: "number", column: "cost", operator: "<=", value: 0.5 },
      ]),
    );
    expect(decodeConditions(encodeConditions(filter)).filter).toEqual(filter);
  });

  it("names the param of a value that does not read", () => {
    const { issues } = decodeConditions(queryToRecord("minLatency=fast&score=nonsense"));
    expect(issues.map((i) => i.param).sort()).toEqual(["minLatency", "score"]);
  });

  it("carries a view's custom bounds as JSON conditions and leaves a relative range out", () => {
    const view = conditionsFromView(queryToRecord("level=error&from=2026-01-01T00:00:00.000Z&range=24h"));
    expect(view.droppedRange).toBe(true);
    const params = encodeConditions(view.filter);
    expect(params.level).toEqual(["error"]);
    expect(params.from).toBeUndefined();
    expect(JSON.parse(params.filter[0])).toMatchObject({ type: "datetime", column: "timestamp", operator: ">=" });
    expect(conditionsFromView(queryToRecord("level=error")).droppedRange).toBe(false);
  });

  it("summarises a filter in one line", () => {
    expect(describeFilter([{ type: "string", column: "level", operator: "=", value: "error" }, { type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 }])).toBe(
      "has errors · score helpfulness < 0.5",
    );
    expect(formatSampling(0.125)).toBe("12.5 %");
  });
});
