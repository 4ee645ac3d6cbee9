import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES } from "@/lib/ingest/cost/default-prices";
import { compilePattern } from "@/lib/ingest/cost/pattern";
import { findPrice } from "@/lib/ingest/cost/price";

// model id as clients send it -> the built-in entry it must get
const MATCHES: Record<string, string[]> = {
  "gpt-4o": ["gpt-4o", "openai/gpt-4o", "GPT-4o", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20", "azure/gpt-4o", "openrouter/openai/gpt-4o"],
  "gpt-4o-2024-05-13": ["gpt-4o-2024-05-13", "openai/gpt-4o-2024-05-13"],
  "gpt-4o-mini": ["gpt-4o-mini", "gpt-4o-mini-2024-07-18", "openai/gpt-4o-mini"],
  "gpt-4.1": ["gpt-4.1", "gpt-4.1-2025-04-14"],
  "gpt-4.1-mini": ["gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"],
  "gpt-4.1-nano": ["openai/gpt-4.1-nano", "gpt-4.1-nano-2025-04-14"],
  o1: ["o1", "o1-2024-12-17", "openai/o1"],
  "o1-mini": ["o1-mini", "o1-mini-2024-09-12"],
  o3: ["o3", "o3-2025-04-16"],
  "o3-mini": ["o3-mini", "o3-mini-2025-01-31"],
  "o4-mini": ["o4-mini", "o4-mini-2025-04-16"],
  "gpt-5": ["gpt-5", "gpt-5-2025-08-07", "gpt-5-chat-latest", "openai/gpt-5"],
  "gpt-5-mini": ["gpt-5-mini", "gpt-5-mini-2025-08-07"],
  "gpt-5-nano": ["gpt-5-nano", "gpt-5-nano-2025-08-07"],
  "gpt-5.1": ["gpt-5.1", "gpt-5.1-2025-11-13"],
  "gpt-4-turbo": ["gpt-4-turbo", "gpt-4-turbo-2024-04-09", "gpt-4-turbo-preview", "gpt-4-0125-preview", "gpt-4-1106-preview"],
  "gpt-4": ["gpt-4", "gpt-4-0613", "openai/gpt-4"],
  "gpt-3.5-turbo": ["gpt-3.5-turbo", "gpt-3.5-turbo-0125", "gpt-35-turbo", "openai/gpt-3.5-turbo"],
  "text-embedding-3-small": ["text-embedding-3-small", "openai/text-embedding-3-small"],
  "text-embedding-3-large": ["text-embedding-3-large"],
  "text-embedding-ada-002": ["text-embedding-ada-002", "text-embedding-ada-002-v2"],

  "claude-3-haiku": ["claude-3-haiku-20240307", "anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku@20240307", "anthropic/claude-3-haiku"],
  "claude-3-5-haiku": [
    "claude-3-5-haiku-20241022",
    "claude-3-5-haiku-latest",
    "us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "claude-3-5-haiku@20241022",
    "anthropic/claude-3.5-haiku",
  ],
  "claude-3-5-sonnet": [
    "claude-3-5-sonnet-20240620",
    "claude-3-5-sonnet-20241022",
    "claude-3-5-sonnet-latest",
    "Claude-3-5-Sonnet-20241022",
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "claude-3-5-sonnet@20240620",
    "claude-3-5-sonnet-v2@20241022",
    "anthropic/claude-3.5-sonnet",
    "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
  ],
  "claude-3-7-sonnet": [
    "claude-3-7-sonnet-20250219",
    "claude-3-7-sonnet-latest",
    "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
    "claude-3-7-sonnet@20250219",
    "anthropic/claude-3.7-sonnet:thinking",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
  ],
  "claude-sonnet-4": [
    "claude-sonnet-4-20250514",
    "claude-sonnet-4-0",
    "anthropic/claude-sonnet-4",
    "eu.anthropic.claude-sonnet-4-20250514-v1:0",
    "claude-sonnet-4@20250514",
    "claude-4-sonnet",
  ],
  "claude-sonnet-4-5": [
    "claude-sonnet-4-5",
    "claude-sonnet-4-5-20250929",
    "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "claude-sonnet-4-5@20250929",
    "anthropic/claude-sonnet-4.5",
  ],
  "claude-opus-4": ["claude-opus-4-20250514", "claude-opus-4-0", "anthropic.claude-opus-4-20250514-v1:0", "claude-opus-4@20250514"],
  "claude-opus-4-1": [
    "claude-opus-4-1",
    "claude-opus-4-1-20250805",
    "us.anthropic.claude-opus-4-1-20250805-v1:0",
    "claude-opus-4-1@20250805",
    "anthropic/claude-opus-4.1",
  ],
  "claude-opus-4-5": ["claude-opus-4-5", "claude-opus-4-5-20251101", "global.anthropic.claude-opus-4-5-20251101-v1:0"],
  "claude-haiku-4-5": [
    "claude-haiku-4-5",
    "claude-haiku-4-5-20251001",
    "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    "claude-haiku-4-5@20251001",
    "anthropic/claude-haiku-4.5",
  ],
  "claude-3-opus": ["claude-3-opus-20240229", "claude-3-opus-latest", "anthropic.claude-3-opus-20240229-v1:0", "claude-3-opus@20240229"],

  "gemini-1.5-flash": [
    "gemini-1.5-flash",
    "gemini-1.5-flash-002",
    "gemini-1.5-flash-latest",
    "models/gemini-1.5-flash",
    "google/gemini-1.5-flash-001",
    "gemini-1.5-flash@001",
  ],
  "gemini-1.5-pro": [
    "gemini-1.5-pro-002",
    "gemini-1.5-pro-preview-0409",
    "projects/p/locations/us-central1/publishers/google/models/gemini-1.5-pro-002",
  ],
  "gemini-2.0-flash": ["gemini-2.0-flash", "gemini-2.0-flash-001", "models/gemini-2.0-flash", "vertex_ai/gemini-2.0-flash"],
  "gemini-2.0-flash-lite": ["gemini-2.0-flash-lite", "gemini-2.0-flash-lite-001", "gemini-2.0-flash-lite-preview-02-05"],
  "gemini-2.5-flash": ["gemini-2.5-flash", "gemini-2.5-flash-preview-05-20", "gemini-2.5-flash-preview-09-2025", "google/gemini-2.5-flash"],
  "gemini-2.5-flash-lite": ["gemini-2.5-flash-lite", "gemini-2.5-flash-lite-preview-06-17", "models/gemini-2.5-flash-lite"],
  "gemini-2.5-pro": ["gemini-2.5-pro", "gemini-2.5-pro-preview-06-05", "models/gemini-2.5-pro"],

  "mistral-large": [
    "mistral-large-latest",
    "mistral-large-2411",
    "mistral/mistral-large-2407",
    "mistral.mistral-large-2407-v1:0",
    "mistral-large@2407",
    "Mistral-Large-2411",
    "mistralai/mistral-large",
  ],
  "mistral-medium": ["mistral-medium-latest", "mistral-medium-2505", "mistralai/mistral-medium-3"],
  "mistral-small": ["mistral-small-latest", "mistral-small-2503", "mistral.mistral-small-2402-v1:0", "mistralai/mistral-small-3.1"],
  codestral: ["codestral-latest", "codestral-2501", "codestral@2405"],
  "ministral-8b": ["ministral-8b-latest", "ministral-8b-2410"],
  "open-mistral-nemo": ["open-mistral-nemo", "open-mistral-nemo-2407", "mistral-nemo"],
};

// Near misses: other models that share a prefix with a priced one must not borrow its price.
const UNPRICED = [
  "gpt-4o-audio-preview",
  "gpt-4o-realtime-preview",
  "gpt-4o-mini-tts",
  "gpt-4o-transcribe",
  "chatgpt-4o-latest",
  "my-gpt-4o",
  "gpt-4o-2024",
  "o1-preview",
  "o1-pro",
  "o3-pro",
  "o10",
  "gpt-5-pro",
  "gpt-5-codex",
  "gpt-4.5-preview",
  "gpt-4-32k",
  "gpt-3.5-turbo-instruct",
  "gpt-3.5-turbo-1106",
  "text-embedding-3-medium",
  "claude-3-sonnet-20240229",
  "claude-sonnet-4-6",
  "claude-opus-4-6",
  "claude-2.1",
  "claude-instant-1.2",
  "claude-3-5-sonnet-2024102",
  "claude-opus-4-1-extra",
  "gemini-1.5-flash-8b",
  "gemini-2.0-flash-exp",
  "gemini-2.0-flash-thinking-exp-01-21",
  "gemini-2.5-flash-image",
  "gemini-2.5-pro-exp-03-25",
  "gemini-pro",
  "gemini-3-pro-preview",
  "codestral-mamba-latest",
  "codestral-embed",
  "ministral-3b-latest",
  "magistral-medium-latest",
  "pixtral-large-latest",
  "mistral-embed",
  "open-mistral-7b",
  "",
  "   ",
];

const matching = (model: string) => DEFAULT_PRICES.filter((p) => compilePattern(p.matchPattern)?.test(model));

describe("built-in prices", () => {
  it("covers the required models with valid patterns and per-token prices", () => {
    const names = DEFAULT_PRICES.map((p) => p.modelName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(MATCHES)) expect(names).toContain(name);
    for (const p of DEFAULT_PRICES) {
      expect(compilePattern(p.matchPattern), p.modelName).toBeDefined();
      expect(p.prices.input ?? p.prices.output, p.modelName).toBeGreaterThan(0);
      // Per token, not per million: nothing costs a cent per token.
      for (const unit of Object.values(p.prices)) expect(unit).toBeLessThan(0.001);
      // Each entry matches its own name.
      expect(matching(p.modelName).map((m) => m.modelName)).toEqual([p.modelName]);
    }
  });

  describe.each(Object.entries(MATCHES))("%s", (modelName, ids) => {
    it.each(ids)("prices %s, and no other entry matches it", (id) => {
      expect(findPrice(id, [])?.modelName).toBe(modelName);
      expect(matching(id)).toHaveLength(1);
    });
  });

  it.each(UNPRICED)("does not price %j", (id) => {
    expect(findPrice(id, [])).toBeUndefined();
  });

  it("keeps the list prices right for a few anchors", () => {
    expect(findPrice("gpt-4o", [])?.prices).toEqual({ input: 2.5e-6, output: 10e-6, cache_read: 1.25e-6 });
    expect(findPrice("claude-sonnet-4-5", [])?.prices).toEqual({
      input: 3e-6,
      output: 15e-6,
      cache_write: 3.75e-6,
      cache_write_1h: 6e-6,
      cache_read: 0.3e-6,
    });
    expect(findPrice("claude-3-haiku-20240307", [])?.prices).toMatchObject({ cache_write: 0.3e-6, cache_read: 0.03e-6 });
    expect(findPrice("gemini-2.5-flash", [])?.prices).toMatchObject({ input: 0.3e-6, output: 2.5e-6, input_audio: 1e-6 });
  });
});
