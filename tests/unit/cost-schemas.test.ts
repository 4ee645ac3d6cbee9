import { describe, expect, it } from "vitest";
import { priceOverrideSchema, type PriceOverrideInput } from "@/lib/ingest/cost/schemas";

const valid: PriceOverrideInput = {
  modelName: "gpt-4o (negotiated)",
  matchPattern: "^(openai/)?gpt-4o$",
  prices: { input: 0.000002, output: 0.000008, cache_read: 0.000001 },
};

/** The issues as path -> message, so each test names the field it expects. */
function issues(input: unknown): Record<string, string> {
  const result = priceOverrideSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("priceOverrideSchema", () => {
  it("accepts a price override and leaves validFrom out when not given", () => {
    const parsed = priceOverrideSchema.parse(valid);
    expect(parsed).toEqual({ ...valid, validFrom: undefined });
  });

  it("reads validFrom from a date or an ISO date-time, and null as not given", () => {
    expect(priceOverrideSchema.parse({ ...valid, validFrom: "2025-01-31" }).validFrom).toEqual(new Date("2025-01-31T00:00:00Z"));
    expect(priceOverrideSchema.parse({ ...valid, validFrom: "2025-01-31T12:00:00+02:00" }).validFrom).toEqual(
      new Date("2025-01-31T10:00:00Z"),
    );
    expect(priceOverrideSchema.parse({ ...valid, validFrom: null }).validFrom).toBeUndefined();
  });

  it("trims names and accepts Langfuse's (?i) patterns", () => {
    const parsed = priceOverrideSchema.parse({ ...valid, modelName: "  acme  ", matchPattern: String.raw`(?i)^(openai\/)?(gpt-4o)$` });
    expect(parsed.modelName).toBe("acme");
  });

  it("says when the match pattern is not a valid regex", () => {
    expect(issues({ ...valid, matchPattern: "gpt-4o(" })).toEqual({ matchPattern: "Match pattern is not a valid regular expression" });
    expect(issues({ ...valid, matchPattern: "[" })).toHaveProperty("matchPattern");
    expect(issues({ ...valid, matchPattern: "   " })).toEqual({ matchPattern: "Match pattern is required" });
    expect(issues({ ...valid, matchPattern: "a".repeat(501) })).toHaveProperty("matchPattern");
  });

  it("names the model name when it is missing", () => {
    expect(issues({ ...valid, modelName: "" })).toEqual({ modelName: "Model name is required" });
    expect(issues({ matchPattern: valid.matchPattern, prices: valid.prices })).toEqual({ modelName: "Model name is required" });
  });

  it("names the price that is negative or not a number", () => {
    expect(issues({ ...valid, prices: { input: -1, output: 1e-6 } })).toEqual({ "prices.input": "Price must not be negative" });
    expect(issues({ ...valid, prices: { input: 1e-6, output: "0.1" } })).toEqual({
      "prices.output": "Price must be a number (USD per unit)",
    });
  });

  it("needs at least an input or an output price", () => {
    expect(issues({ ...valid, prices: { cache_read: 1e-6 } })).toEqual({ prices: "Set at least an input or an output price" });
    expect(issues({ ...valid, prices: {} })).toEqual({ prices: "Set at least an input or an output price" });
    expect(issues({ ...valid, prices: [1] })).toHaveProperty("prices");
    expect(priceOverrideSchema.safeParse({ ...valid, prices: { output: 0 } }).success).toBe(true);
  });

  it("rejects usage type names that are not identifiers", () => {
    const result = priceOverrideSchema.safeParse({ ...valid, prices: { input: 1e-6, "bad key!": 1e-6 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe("prices");
  });

  it("names validFrom when it is not an ISO date", () => {
    expect(Object.keys(issues({ ...valid, validFrom: "31/01/2025" }))).toEqual(["validFrom"]);
    expect(Object.keys(issues({ ...valid, validFrom: "2025-13-45" }))).toEqual(["validFrom"]);
  });
});
