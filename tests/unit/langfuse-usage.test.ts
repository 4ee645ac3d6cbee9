import { describe, expect, it } from "vitest";
import type { ObservationEvent } from "@/lib/ingest/events";
import { parseIngestionBatch } from "@/lib/ingest/langfuse/map";
import { toCost, toUsage } from "@/lib/ingest/langfuse/map-usage";

describe("toUsage", () => {
  it("maps legacy usage and derives the total", () => {
    expect(toUsage({ input: 10, output: 5 }, undefined)).toEqual({
      input: 10,
      output: 5,
      total: 15,
      details: { input: 10, output: 5, total: 15 },
    });
    expect(toUsage({ input: 10, output: 5, total: 20, unit: "TOKENS" }, undefined)).toMatchObject({ total: 20 });
  });

  it("maps OpenAI-style promptTokens/completionTokens to input/output", () => {
    expect(toUsage({ promptTokens: 3, completionTokens: 4, totalTokens: 7 }, undefined)).toEqual({
      input: 3,
      output: 4,
      total: 7,
      details: { input: 3, output: 4, total: 7 },
    });
  });

  it("usageDetails override legacy usage per type", () => {
    expect(toUsage({ input: 10, output: 5, total: 15 }, { input: 8, input_cached_tokens: 2 })).toEqual({
      input: 10,
      output: 5,
      total: 15,
      details: { input: 8, input_cached_tokens: 2, output: 5, total: 15 },
    });
  });

  it("splits an OpenAI Chat Completions usage like Langfuse (cached and reasoning out of input/output)", () => {
    const usage = toUsage(undefined, {
      prompt_tokens: 100,
      completion_tokens: 50,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 20, audio_tokens: null },
      completion_tokens_details: { reasoning_tokens: 10 },
    });
    expect(usage).toEqual({
      input: 100,
      output: 50,
      total: 150,
      details: { input: 80, input_cached_tokens: 20, output: 40, output_reasoning_tokens: 10, total: 150 },
    });
  });

  it("splits an OpenAI Responses usage", () => {
    expect(
      toUsage(undefined, {
        input_tokens: 30,
        output_tokens: 20,
        total_tokens: 50,
        input_tokens_details: { cached_tokens: 10 },
        output_tokens_details: { reasoning_tokens: 5 },
      })?.details,
    ).toEqual({ input: 20, input_cached_tokens: 10, output: 15, output_reasoning_tokens: 5, total: 50 });
  });

  it("counts Anthropic cache types as input and sums a missing total", () => {
    expect(
      toUsage(undefined, {
        input_tokens: 10,
        output_tokens: 5,
        cache_read_input_tokens: 3,
        cache_creation_input_tokens: 2,
      }),
    ).toEqual({
      input: 15,
      output: 5,
      total: 20,
      details: { input: 10, output: 5, cache_read_input_tokens: 3, cache_creation_input_tokens: 2, total: 20 },
    });
  });

  it("prefers an explicit input over an alias of it", () => {
    expect(toUsage(undefined, { input: 5, prompt_tokens: 5 })?.details).toEqual({ input: 5, total: 5 });
  });

  it("drops nulls and negative legacy counts; nothing sent means no usage", () => {
    expect(toUsage({ input: -3, output: 2 }, { cache_read: null })?.details).toEqual({ output: 2, total: 2 });
    expect(toUsage({}, {})).toBeUndefined();
    expect(toUsage({ input: null, output: null }, null)).toBeUndefined();
    expect(toUsage(undefined, undefined)).toBeUndefined();
  });
});

describe("toCost", () => {
  it("maps legacy inputCost/outputCost and sums the total", () => {
    expect(toCost({ inputCost: 0.01, outputCost: 0.02 }, undefined)).toEqual({
      input: 0.01,
      output: 0.02,
      total: 0.03,
      details: { input: 0.01, output: 0.02, total: 0.03 },
    });
  });

  it("keeps a given total and lets costDetails override per type", () => {
    expect(toCost({ inputCost: 1, totalCost: 5 }, { input: 2, input_cached_tokens: 0.5 })).toEqual({
      input: 2.5,
      output: undefined,
      total: 5,
      details: { input: 2, input_cached_tokens: 0.5, total: 5 },
    });
  });

  it("a zero cost is still a provided cost; no cost fields means none", () => {
    expect(toCost({ totalCost: 0 }, undefined)).toEqual({ input: undefined, output: undefined, total: 0, details: { total: 0 } });
    expect(toCost({ input: 10 }, { input: null })).toBeUndefined();
  });
});

describe("usage through parseIngestionBatch", () => {
  it("maps usage, usageDetails and costDetails on a generation-update", () => {
    const result = parseIngestionBatch({
      batch: [
        {
          id: "e1",
          timestamp: "2024-05-01T10:00:00Z",
          type: "generation-update",
          body: {
            id: "g1",
            traceId: "t1",
            usage: { input: 100, output: 50, inputCost: 0.1, outputCost: 0.2, unit: "TOKENS" },
            usageDetails: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150, prompt_tokens_details: { cached_tokens: 40 } },
            costDetails: { input_cached_tokens: 0.01 },
          },
        },
      ],
    });
    if (!result.ok || !result.results[0]!.ok) throw new Error("expected success");
    const generation = result.results[0]!.events[0] as ObservationEvent;
    expect(generation.usage).toEqual({
      input: 100,
      output: 50,
      total: 150,
      details: { input: 60, input_cached_tokens: 40, output: 50, total: 150 },
    });
    expect(generation.cost).toEqual({
      input: 0.11,
      output: 0.2,
      total: 0.31,
      details: { input: 0.1, output: 0.2, input_cached_tokens: 0.01, total: 0.31 },
    });
  });
});
