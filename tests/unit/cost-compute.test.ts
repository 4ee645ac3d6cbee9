import { describe, expect, it } from "vitest";
import {
  computeCost,
  costFor,
  findPrice,
  makePricer,
  priceEntryFromRow,
  providedCost,
  type PriceEntry,
} from "@/lib/ingest/cost/price";
import { usageFromCounts } from "@/lib/ingest/otel/usage";

const price = (model: string): PriceEntry => {
  const found = findPrice(model, []);
  if (!found) throw new Error(`no built-in price for ${model}`);
  return found;
};

describe("computeCost", () => {
  it("prices input and output, without float noise", () => {
    expect(computeCost({ input: 1000, output: 500 }, price("gpt-4o"))).toEqual({
      input: 0.0025,
      output: 0.005,
      total: 0.0075,
      details: { input: 0.0025, output: 0.005 },
    });
  });

  it("prices each usage type in details at its own price, keyed as sent (Anthropic cache)", () => {
    const usage = {
      input: 100,
      output: 50,
      details: { input: 100, output: 50, cache_read_input_tokens: 10_000, cache_creation_input_tokens: 2_000 },
    };
    expect(computeCost(usage, price("claude-sonnet-4-5-20250929"))).toEqual({
      input: 0.0108, // 100 * 3e-6 + 10000 * 0.3e-6 + 2000 * 3.75e-6
      output: 0.00075,
      total: 0.01155,
      details: { input: 0.0003, output: 0.00075, cache_read_input_tokens: 0.003, cache_creation_input_tokens: 0.0075 },
    });
  });

  it("prices 1-hour cache writes at their own rate", () => {
    const cost = computeCost({ details: { input_cache_creation_1h: 1_000_000 } }, price("claude-opus-4-1"));
    expect(cost?.details).toEqual({ input_cache_creation_1h: 30 });
    expect(cost?.input).toBe(30);
  });

  it("does not double charge cached and reasoning tokens once inclusive counts are split (usageFromCounts)", () => {
    // OpenAI / OTel GenAI: the input count includes cached tokens, the output count reasoning tokens.
    const usage = usageFromCounts({ input: 1000, output: 300, total: 1300, cacheRead: 800, reasoning: 200 });
    expect(usage).toEqual({ input: 1000, output: 300, total: 1300, details: { input: 200, output: 100, cache_read: 800, reasoning: 200 } });
    expect(computeCost(usage!, price("o3"))).toEqual({
      input: 0.0008, // 200 * 2e-6 + 800 * 0.5e-6
      output: 0.0024, // (100 + 200) * 8e-6: reasoning is billed as output
      total: 0.0032,
      details: { input: 0.0004, output: 0.0008, cache_read: 0.0004, reasoning: 0.0016 },
    });
  });

  it("falls back to the input/output price for unpriced cache, audio and reasoning types", () => {
    const custom = { prices: { input: 1e-6, output: 2e-6 } };
    expect(computeCost({ details: { cache_read: 100, output_reasoning_tokens: 10, input_audio_tokens: 5 } }, custom)).toEqual({
      input: 0.000105,
      output: 0.00002,
      total: 0.000125,
      details: { cache_read: 0.0001, output_reasoning_tokens: 0.00002, input_audio_tokens: 0.000005 },
    });
  });

  it("prices audio input at the model's audio price", () => {
    const cost = computeCost({ output: 100, details: { input: 1000, input_audio_tokens: 1000 } }, price("gemini-2.0-flash-001"));
    expect(cost).toMatchObject({ input: 0.0008, output: 0.00004, total: 0.00084 });
  });

  it("matches price keys to usage keys through aliases, either way round", () => {
    const langfuseStyle = { prices: { input: 1e-6, input_cached_tokens: 1e-7, output: 2e-6 } };
    expect(computeCost({ details: { cache_read: 1000 } }, langfuseStyle)?.total).toBe(0.0001);
    expect(computeCost({ details: { cached_tokens: 1000 } }, price("gpt-4.1"))?.total).toBe(0.0005);
  });

  it("counts one key per usage type, so an alias sent alongside its canonical name is not charged twice", () => {
    const cost = computeCost({ details: { input: 1000, input_tokens: 1000 } }, price("gpt-4o"));
    expect(cost).toEqual({ input: 0.0025, total: 0.0025, details: { input: 0.0025 } });
  });

  it("prefers the details' count over the top-level one for the same type", () => {
    expect(computeCost({ input: 5000, details: { input: 1000 } }, price("gpt-4o"))?.total).toBe(0.0025);
  });

  it("prices project-defined usage types by the same key, counting them in total only", () => {
    const custom = { prices: { input: 1e-6, web_search: 0.01 } };
    expect(computeCost({ input: 1000, details: { web_search: 2, unpriced: 7 } }, custom)).toEqual({
      input: 0.001,
      total: 0.021,
      details: { input: 0.001, web_search: 0.02 },
    });
  });

  it("prices embeddings from input or from a bare total", () => {
    const small = price("text-embedding-3-small");
    expect(computeCost({ input: 1000 }, small)).toMatchObject({ input: 0.00002, total: 0.00002 });
    expect(computeCost({ total: 1000 }, small)).toEqual({ total: 0.00002, details: { total: 0.00002 } });
  });

  it("returns undefined when nothing is priced", () => {
    expect(computeCost({}, price("gpt-4o"))).toBeUndefined();
    expect(computeCost({ details: { image_count: 3 } }, price("gpt-4o"))).toBeUndefined();
    expect(computeCost({ input: -5, output: Number.NaN }, price("gpt-4o"))).toBeUndefined();
  });
});

const override = (over: Partial<PriceEntry> & Pick<PriceEntry, "matchPattern">): PriceEntry => ({
  modelName: over.modelName ?? over.matchPattern,
  prices: { input: 1e-6, output: 1e-6 },
  ...over,
});

describe("findPrice", () => {
  it("tries the project's prices before the built-ins", () => {
    const own = override({ modelName: "our gpt-4o", matchPattern: "^gpt-4o$" });
    expect(findPrice("gpt-4o", [own])).toBe(own);
    expect(findPrice("gpt-4o-mini", [own])?.modelName).toBe("gpt-4o-mini");
  });

  it("takes the newest validFrom not after the observation's time", () => {
    const old = override({ modelName: "old", matchPattern: "^acme-1$", validFrom: new Date("2024-01-01") });
    const current = override({ modelName: "new", matchPattern: "acme", validFrom: new Date("2025-01-01") });
    const always = override({ modelName: "always", matchPattern: "^acme" });
    const prices = [current, always, old];
    expect(findPrice("acme-1", prices, new Date("2024-06-01"))?.modelName).toBe("old");
    expect(findPrice("acme-1", prices, new Date("2025-06-01"))?.modelName).toBe("new");
    expect(findPrice("acme-1", prices, new Date("2023-06-01"))?.modelName).toBe("always");
    expect(findPrice("acme-1", [current], new Date("2024-06-01"))).toBeUndefined();
  });

  it("falls back to the built-in price while an override is not yet valid (default: now)", () => {
    const future = override({ matchPattern: "^gpt-4o$", validFrom: new Date(Date.now() + 86_400_000) });
    expect(findPrice("gpt-4o", [future])?.modelName).toBe("gpt-4o");
  });

  it("matches case-insensitively, trims the id, and accepts Langfuse's (?i) patterns", () => {
    const langfuse = override({ matchPattern: String.raw`(?i)^(openai\/)?(gpt-4o)$` });
    expect(findPrice("  OpenAI/GPT-4o ", [langfuse])).toBe(langfuse);
    const upper = override({ matchPattern: "^ACME$" });
    expect(findPrice("acme", [upper])).toBe(upper);
  });

  it("skips a stored pattern that is not a valid regex", () => {
    expect(findPrice("gpt-4o", [override({ matchPattern: "gpt-4o(" })])?.modelName).toBe("gpt-4o");
  });

  it("finds nothing for an empty or unknown model", () => {
    expect(findPrice("", [])).toBeUndefined();
    expect(findPrice("my-finetune", [])).toBeUndefined();
  });
});

describe("costFor", () => {
  const usage = { input: 1000, output: 500 };

  it("computes cost from model and usage", () => {
    expect(costFor({ model: "gpt-4o", usage }, [])?.total).toBe(0.0075);
  });

  it("returns the provided cost when the client sent one", () => {
    expect(costFor({ model: "gpt-4o", usage, cost: { total: 0.5 } }, [])).toEqual({ total: 0.5 });
    expect(costFor({ model: "gpt-4o", usage, cost: { input: 0, output: 0 } }, [])).toEqual({ input: 0, output: 0, total: 0 });
  });

  it("completes a provided cost: total from the parts, input/output from the details", () => {
    expect(providedCost({ input: 0.1, output: 0.2 })).toEqual({ input: 0.1, output: 0.2, total: 0.3 });
    expect(providedCost({ details: { input: 0.1, cache_read: 0.05, output: 0.2, search: 0.01 } })).toEqual({
      input: 0.15,
      output: 0.2,
      total: 0.36,
      details: { input: 0.1, cache_read: 0.05, output: 0.2, search: 0.01 },
    });
    expect(providedCost({ input: 0.1, details: { output: 0.2 } })).toEqual({ input: 0.1, output: 0.2, total: 0.3, details: { output: 0.2 } });
    expect(providedCost({ details: { total: 1 } })).toEqual({ total: 1, details: { total: 1 } });
  });

  it("computes when the provided cost is empty", () => {
    expect(costFor({ model: "gpt-4o", usage, cost: {} }, [])?.total).toBe(0.0075);
    expect(costFor({ model: "gpt-4o", usage, cost: { details: {} } }, [])?.total).toBe(0.0075);
    expect(costFor({ model: "gpt-4o", usage, cost: null }, [])?.total).toBe(0.0075);
  });

  it("uses the project's override over the built-in", () => {
    const own = override({ matchPattern: "^gpt-4o$", prices: { input: 1e-5, output: 1e-5 } });
    expect(costFor({ model: "gpt-4o", usage }, [own])?.total).toBe(0.015);
  });

  it("has no cost without a model, usage or a known price", () => {
    expect(costFor({ usage }, [])).toBeUndefined();
    expect(costFor({ model: "gpt-4o" }, [])).toBeUndefined();
    expect(costFor({ model: "my-finetune", usage }, [])).toBeUndefined();
  });

  it("makePricer fits the writer's price function", () => {
    const priceFn = makePricer([]);
    expect(priceFn({ model: "gpt-4o-mini", usage, at: new Date() })?.total).toBe(0.00045);
    expect(priceFn({ model: null, usage, at: new Date() })).toBeUndefined();
  });
});

describe("priceEntryFromRow", () => {
  it("keeps only non-negative numbers from the stored JSON", () => {
    const entry = priceEntryFromRow({
      id: "mp_1",
      modelName: "acme",
      matchPattern: "^acme$",
      prices: { input: 1e-6, output: "2", cache_read: -1, audio: null },
      validFrom: null,
    });
    expect(entry).toEqual({ id: "mp_1", modelName: "acme", matchPattern: "^acme$", prices: { input: 1e-6 }, validFrom: null });
    expect(priceEntryFromRow({ modelName: "x", matchPattern: "x", prices: [1, 2] }).prices).toEqual({});
  });
});
