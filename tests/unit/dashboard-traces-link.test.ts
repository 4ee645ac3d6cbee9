import { describe, expect, it } from "vitest";
import { scoreBinConditions, scoreValueCondition, stepObservationsHref, tracesHref } from "@/lib/analytics/dashboard/traces-link";
import { decodeFilter, queryToRecord } from "@/lib/query/url";
import { TRACE_URL_FIELDS } from "@/lib/traces/filter";

const range = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-08T00:00:00Z") };

describe("tracesHref", () => {
  it("carries the range ([from, to): to a millisecond earlier), the filter and the figure's conditions", () => {
    const href = tracesHref("demo", range, [{ type: "stringOptions", column: "name", operator: "any of", value: ["chat"] }], scoreBinConditions("quality", { lower: 0.5, upper: 0.75, last: false }));
    const [path, query] = href.split("?");
    expect(path).toBe("/demo/traces");
    const q = new URLSearchParams(query);
    expect(q.get("from")).toBe("2026-03-01T00:00:00.000Z");
    expect(q.get("to")).toBe("2026-03-07T23:59:59.999Z");
    expect(q.get("name")).toBe("chat");
    expect(q.getAll("score")).toEqual(["quality>=0.5", "quality<0.75"]);
  });

  it("closes the last bin and reads back as the same conditions", () => {
    const extra = [...scoreBinConditions("q", { lower: 0, upper: 1, last: true }), scoreValueCondition("ok", "BOOLEAN", "false"), scoreValueCondition("tone", "CATEGORICAL", "polite")];
    const href = tracesHref("p", range, [], extra);
    const { filter } = decodeFilter(queryToRecord(href.split("?")[1]), TRACE_URL_FIELDS);
    expect(filter.filter((c) => c.column === "score")).toEqual([
      { type: "numericScore", column: "score", key: "q", operator: ">=", value: 0 },
      { type: "numericScore", column: "score", key: "q", operator: "<=", value: 1 },
      { type: "booleanScore", column: "score", key: "ok", operator: "=", value: false },
      { type: "categoricalScore", column: "score", key: "tone", operator: "=", value: "polite" },
    ]);
  });
});

describe("score names with operator characters", () => {
  const decodeScores = (href: string) => decodeFilter(queryToRecord(href.split("?")[1]), TRACE_URL_FIELDS);

  it("round-trips a<=b! and x=y through the click-through link (quoted in ?score=)", () => {
    const extra = [...scoreBinConditions("a<=b!", { lower: 0.25, upper: 0.5, last: false }), scoreValueCondition("x=y", "BOOLEAN", "true"), scoreValueCondition("x=y", "CATEGORICAL", "a<b")];
    const href = tracesHref("p", range, [], extra);
    expect(new URLSearchParams(href.split("?")[1]).getAll("score")).toEqual(['"a<=b!">=0.25', '"a<=b!"<0.5', '"x=y"=true', '"x=y"=a<b']);
    const { filter, issues } = decodeScores(href);
    expect(issues).toEqual([]);
    expect(filter.filter((c) => c.column === "score")).toEqual(extra);
  });

  it("round-trips names with quotes and backslashes, and labels the short form would misread", () => {
    const extra = [
      { type: "numericScore", column: "score", key: 'say "hi" \\ ok', operator: "!=", value: 1 },
      scoreValueCondition("tone", "CATEGORICAL", "5"),
      scoreValueCondition("tone", "CATEGORICAL", "TRUE"),
      scoreValueCondition("tone", "CATEGORICAL", " spaced "),
    ] as const;
    const { filter, issues } = decodeScores(tracesHref("p", range, [], [...extra]));
    expect(issues).toEqual([]);
    expect(filter.filter((c) => c.column === "score")).toEqual(expect.arrayContaining([...extra]));
    expect(filter.filter((c) => c.column === "score")).toHaveLength(extra.length);
  });

  it("still reads plain names as typed, and rejects an unclosed quote", () => {
    const plain = decodeFilter({ score: ["helpfulness < 0.5", "eval.v2>=1", '"a<b" = good'] }, TRACE_URL_FIELDS);
    expect(plain.filter).toEqual([
      { type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 },
      { type: "numericScore", column: "score", key: "eval.v2", operator: ">=", value: 1 },
      { type: "categoricalScore", column: "score", key: "a<b", operator: "=", value: "good" },
    ]);
    expect(decodeFilter({ score: '"a<b<1' }, TRACE_URL_FIELDS).issues).toHaveLength(1);
  });
});

describe("stepObservationsHref", () => {
  it("opens the observations list on the step's name and type over the range", () => {
    const q = new URLSearchParams(stepObservationsHref("p", range, { name: "llm", type: "GENERATION" }).split("?")[1]);
    expect([q.get("type"), q.get("name"), q.get("from"), q.get("to")]).toEqual(["GENERATION", "llm", "2026-03-01T00:00:00.000Z", "2026-03-07T23:59:59.999Z"]);
  });
});
