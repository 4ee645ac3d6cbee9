import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES } from "@/lib/ingest/cost/default-prices";
import { compilePattern, hasNestedQuantifier } from "@/lib/ingest/cost/pattern";
import { priceOverrideSchema } from "@/lib/ingest/cost/schemas";

describe("match pattern safety", () => {
  it("refuses repeated groups that repeat inside (exponential backtracking)", () => {
    for (const p of ["^(a+)+$", "(\\w*x)*", "^(?:ab*)+$", "((a|b)+)*", "(x+){2,}"]) expect(hasNestedQuantifier(p), p).toBe(true);
  });

  it("accepts the ordinary shapes of model patterns", () => {
    for (const p of ["^(openai/)?gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$", "(?i)^claude-3-5-sonnet", "^(ft:)?my-model(-v\\d+)?$", "[(+*)]+x", "\\(a+\\)+"]) {
      expect(hasNestedQuantifier(p), p).toBe(false);
    }
  });

  it("keeps the built-in patterns fast on hostile model names", () => {
    const hostile = "a".repeat(5_000) + "/".repeat(50) + "!";
    const t0 = performance.now();
    for (const entry of DEFAULT_PRICES) compilePattern(entry.matchPattern)!.test(hostile);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it("names the problem when a user saves such a pattern", () => {
    const r = priceOverrideSchema.safeParse({ modelName: "x", matchPattern: "^(a+)+$", prices: { input: 1e-6 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["matchPattern"], message: expect.stringContaining("exponential") });
  });

  it("matches quickly even on a hostile model name", () => {
    const re = compilePattern("^(openai/)?gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$")!;
    const t0 = performance.now();
    re.test("a".repeat(10_000) + "!");
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe("match patterns run in linear time (RE2)", () => {
  // Patterns that backtrack exponentially in JavaScript's engine: alternation of
  // overlapping branches under a repeat, nested repeats, and repeats of optional parts.
  const hostilePatterns = ["^(a|a)*$", "^(a|aa)+$", "^(a|a?)+$", "^(?:a|a)*b$", "^(\\w|a)*$", "^(a+)+$", "^((a|b)+)*$", "(x+x+)+y"];
  const hostileName = "a".repeat(28) + "b";

  it("matches hostile names against every backtracking shape quickly", () => {
    const t0 = performance.now();
    for (const p of hostilePatterns) {
      const re = compilePattern(p);
      expect(re, p).toBeDefined();
      re!.test(hostileName);
      re!.test("a".repeat(5_000) + "b");
      re!.test("x".repeat(5_000));
    }
    // JavaScript's RegExp takes seconds on the first of these alone.
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it("keeps Langfuse's syntax and case-insensitive matching", () => {
    expect(compilePattern("(?i)^(openai/)?(gpt-4o)$")!.test("OpenAI/GPT-4o")).toBe(true);
    expect(compilePattern("(?i)^(openai/)?(gpt-4o)$")!.test("gpt-4o-mini")).toBe(false);
    expect(compilePattern("^(openai/)?gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$")!.test("GPT-4O-2024-08-06")).toBe(true);
    expect(compilePattern("claude")!.test("anthropic/claude-3")).toBe(true);
  });

  it("accepts the alternation class when saved, and refuses what RE2 cannot run", () => {
    const base = { modelName: "x", prices: { input: 1e-6 } };
    expect(priceOverrideSchema.safeParse({ ...base, matchPattern: "^(a|a)*$" }).success).toBe(true);
    for (const p of ["(a)\\1", "^(?=gpt)", "(?<!x)gpt"]) {
      expect(priceOverrideSchema.safeParse({ ...base, matchPattern: p }).success, p).toBe(false);
    }
  });
});
