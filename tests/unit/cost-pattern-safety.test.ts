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
