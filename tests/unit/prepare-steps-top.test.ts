import { describe, expect, it } from "vitest";
import { prepareStepBars, prepareSteps } from "@/lib/analytics/prepare/steps";
import { prepareTop } from "@/lib/analytics/prepare/top";

const row = (name: string | null, type: string, cost: number, p95: number | null, count = 1) => ({
  name,
  type,
  count_count: count,
  sum_totalCost: cost,
  sum_inputTokens: 10 * count,
  sum_outputTokens: 5 * count,
  sum_totalTokens: 15 * count,
  p50_latency: p95 === null ? null : p95 / 2,
  p95_latency: p95,
});

describe("prepareSteps", () => {
  const rows = [row("llm", "GENERATION", 3, 2000, 4), row("search", "TOOL", 0, 9000), row("retrieve", "RETRIEVER", 1, null, 2)];

  it("gives each step its figures and its share of the listed cost, costliest first by default", () => {
    const s = prepareSteps(rows);
    expect(s.map((r) => r.name)).toEqual(["llm", "retrieve", "search"]);
    expect(s[0]).toEqual({
      id: "GENERATION\u0000llm",
      name: "llm",
      type: "GENERATION",
      count: 4,
      totalCost: 3,
      costShare: 0.75,
      inputTokens: 40,
      outputTokens: 20,
      totalTokens: 60,
      p50Latency: 1000,
      p95Latency: 2000,
    });
  });

  it("sorts by any figure either way, unknown latencies last in both directions", () => {
    expect(prepareSteps(rows, { id: "p95Latency", desc: true }).map((r) => r.name)).toEqual(["search", "llm", "retrieve"]);
    expect(prepareSteps(rows, { id: "p95Latency", desc: false }).map((r) => r.name)).toEqual(["llm", "search", "retrieve"]);
    expect(prepareSteps(rows, { id: "name", desc: false }).map((r) => r.name)).toEqual(["llm", "retrieve", "search"]);
    expect(prepareSteps(rows, { id: "count", desc: true }).map((r) => r.name)).toEqual(["llm", "retrieve", "search"]);
  });

  it("gives no cost share when nothing has a cost", () => {
    expect(prepareSteps([row("a", "SPAN", 0, 1)])[0].costShare).toBe(0);
  });
});

describe("prepareStepBars", () => {
  it("takes the top n by cost or p95 latency, leaving out zeros and unknowns", () => {
    const steps = prepareSteps([row("llm", "GENERATION", 3, 2000), row("search", "TOOL", 0, 9000), row(null, "SPAN", 1, null)]);
    expect(prepareStepBars(steps, "totalCost")).toEqual([
      { key: "GENERATION\u0000llm", label: "llm (generation)", name: "llm", type: "GENERATION", value: 3 },
      { key: "SPAN\u0000", label: "(unnamed) (span)", name: null, type: "SPAN", value: 1 },
    ]);
    expect(prepareStepBars(steps, "p95Latency", 1).map((b) => b.name)).toEqual(["search"]);
  });
});

describe("prepareTop", () => {
  it("drops the group without an id, keeps the limit and links each to its page", () => {
    const t = prepareTop(
      [
        { userId: null, sum_totalCost: 9, count_count: 50, sum_totalTokens: 1 },
        { userId: "alice/b", sum_totalCost: 2, count_count: 3, sum_totalTokens: 300 },
        { userId: "bob", sum_totalCost: 1, count_count: 1, sum_totalTokens: 100 },
        { userId: "carl", sum_totalCost: 0, count_count: 1, sum_totalTokens: 0 },
      ],
      "userId",
      "demo",
      2,
    );
    expect(t).toEqual([
      { id: "alice/b", href: "/demo/users/alice%2Fb", cost: 2, share: 1, traces: 3, tokens: 300 },
      { id: "bob", href: "/demo/users/bob", cost: 1, share: 0.5, traces: 1, tokens: 100 },
    ]);
    expect(prepareTop([{ sessionId: "s1", sum_totalCost: null, count_count: 2, sum_totalTokens: 0 }], "sessionId", "p")).toEqual([
      { id: "s1", href: "/p/sessions/s1", cost: 0, share: 0, traces: 2, tokens: 0 },
    ]);
  });
});
