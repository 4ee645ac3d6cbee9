// Token counts and costs from the shapes conventions send, as the internal
// Usage/Cost. Convention:
//   usage.input / usage.output are what the client reported (OTel GenAI,
//   OpenInference and the AI SDK count cached input inside input and
//   reasoning inside output);
//   usage.details are disjoint counts by usage type, so that
//   sum(details[type] × price[type]) is the cost: input (uncached), cache_read,
//   cache_creation, output (non-reasoning), reasoning, plus any other type the
//   client named.
import type { Cost, Json, Usage } from "../events";
import { isJsonObject } from "./json";
import { toNumber } from "./span-attributes";

export interface TokenCounts {
  input?: number;
  output?: number;
  total?: number;
  cacheRead?: number;
  cacheCreation?: number;
  reasoning?: number;
  /** Other counts by usage type, kept as named. */
  extra?: Record<string, number>;
}

export function usageFromCounts(c: TokenCounts): Usage | undefined {
  const details: Record<string, number> = { ...c.extra };
  const cached = (c.cacheRead ?? 0) + (c.cacheCreation ?? 0);
  if (c.input !== undefined) details.input = Math.max(0, c.input - cached);
  if (c.cacheRead !== undefined) details.cache_read = c.cacheRead;
  if (c.cacheCreation !== undefined) details.cache_creation = c.cacheCreation;
  if (c.output !== undefined) details.output = Math.max(0, c.output - (c.reasoning ?? 0));
  if (c.reasoning !== undefined) details.reasoning = c.reasoning;
  const usage: Usage = {};
  if (c.input !== undefined) usage.input = c.input;
  if (c.output !== undefined) usage.output = c.output;
  if (c.total !== undefined) usage.total = c.total;
  if (Object.keys(details).length > 0) usage.details = details;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

// Names clients use for the same count (Langfuse usageDetails, OpenAI and
// Anthropic usage objects, camelCase SDK objects).
const INPUT = ["input", "input_tokens", "prompt_tokens", "promptTokens", "inputTokens"];
const OUTPUT = ["output", "output_tokens", "completion_tokens", "completionTokens", "outputTokens"];
const TOTAL = ["total", "total_tokens", "totalTokens"];
const CACHE_READ = [
  "cache_read",
  "cache_read_input_tokens",
  "input_cached_tokens",
  "cached_tokens",
  "cachedInputTokens",
  "prompt_tokens_details.cached_tokens",
  "input_tokens_details.cached_tokens",
];
const CACHE_CREATION = ["cache_creation", "cache_creation_input_tokens", "cache_write", "input_cache_creation"];
const REASONING = [
  "reasoning",
  "reasoning_tokens",
  "output_reasoning_tokens",
  "reasoningTokens",
  "completion_tokens_details.reasoning_tokens",
  "output_tokens_details.reasoning_tokens",
];

/**
 * A usage object a client serialised itself (langfuse.observation.usage_details,
 * an OpenAI-style usage). Canonical names are recognised, and the result
 * follows the same convention as usageFromCounts. Langfuse's own keys
 * (input, output, cache_read...) are already disjoint, so they pass through.
 */
export function usageFromObject(value: Json | undefined): Usage | undefined {
  if (!isJsonObject(value)) return undefined;
  const flat = flattenNumbers(value);
  const pick = (names: string[]) => {
    for (const n of names) {
      if (flat.has(n)) {
        const v = flat.get(n);
        names.forEach((m) => flat.delete(m));
        return v;
      }
    }
    return undefined;
  };
  if (flat.has("input") || flat.has("output")) {
    // Langfuse shape: disjoint already, keys kept.
    const total = pick(TOTAL);
    const input = flat.get("input");
    const output = flat.get("output");
    const usage: Usage = {};
    if (input !== undefined) usage.input = input;
    if (output !== undefined) usage.output = output;
    if (total !== undefined) usage.total = total;
    if (flat.size > 0) usage.details = Object.fromEntries(flat);
    return Object.keys(usage).length > 0 ? usage : undefined;
  }
  const counts: TokenCounts = {
    input: pick(INPUT),
    output: pick(OUTPUT),
    total: pick(TOTAL),
    cacheRead: pick(CACHE_READ),
    cacheCreation: pick(CACHE_CREATION),
    reasoning: pick(REASONING),
  };
  if (flat.size > 0) counts.extra = Object.fromEntries(flat);
  return usageFromCounts(counts);
}

function flattenNumbers(o: Record<string, Json>, prefix = "", out = new Map<string, number>()): Map<string, number> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isJsonObject(v)) flattenNumbers(v, key, out);
    else {
      const n = toNumber(v);
      if (n !== undefined) out.set(key, n);
    }
  }
  return out;
}

/** A cost object (langfuse.observation.cost_details): input/output/total, every key also in details. */
export function costFromObject(value: Json | undefined): Cost | undefined {
  if (!isJsonObject(value)) return undefined;
  const flat = flattenNumbers(value);
  if (flat.size === 0) return undefined;
  const cost: Cost = {};
  const input = flat.get("input");
  const output = flat.get("output");
  const total = flat.get("total");
  if (input !== undefined) cost.input = input;
  if (output !== undefined) cost.output = output;
  if (total !== undefined) cost.total = total;
  flat.delete("total");
  if (flat.size > 0) cost.details = Object.fromEntries(flat);
  return cost;
}
