// Usage and cost from the Langfuse fields to Loupe's Usage / Cost.
//
// `details` holds counts (or USD) by usage type, the way Langfuse stores
// usage_details / cost_details: input, output, total, input_cached_tokens,
// output_reasoning_tokens, cache_read_input_tokens, ... Prices match on these
// keys. The summary numbers follow Langfuse's read model: input is the sum of
// every type whose name contains "input" (so cached tokens count as input),
// output likewise, total is the given total or the sum of all types.

import type { Cost, Usage } from "../events";
import type { LegacyUsage, UsageDetailsInput } from "./schemas-common";

type Details = Record<string, number>;

/** OpenAI / Anthropic / camelCase names for the three canonical usage types. */
const CANONICAL: Record<string, "input" | "output" | "total"> = {
  prompt_tokens: "input",
  promptTokens: "input",
  input_tokens: "input",
  inputTokens: "input",
  completion_tokens: "output",
  completionTokens: "output",
  output_tokens: "output",
  outputTokens: "output",
  total_tokens: "total",
  totalTokens: "total",
};

/** OpenAI breakdowns: their counts are part of the parent figure. */
const BREAKDOWN_OF: Record<string, "input" | "output"> = {
  prompt_tokens_details: "input",
  input_tokens_details: "input",
  completion_tokens_details: "output",
  output_tokens_details: "output",
};

function flattenUsageDetails(record: UsageDetailsInput): Details {
  const out: Details = {};
  const breakdowns: Array<[string, Record<string, number | null>, boolean]> = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === null) continue;
    if (typeof value === "object") {
      const parent = BREAKDOWN_OF[key];
      // Unknown `*_details` maps keep their entries under the map's own prefix.
      breakdowns.push([parent ?? key.replace(/_details$/, ""), value, parent !== undefined]);
      continue;
    }
    const canonical = CANONICAL[key];
    // An explicit `input` beats an alias for it; both would count the same tokens twice.
    if (canonical && record[canonical] != null) continue;
    out[canonical ?? key] = value;
  }
  for (const [prefix, counts, subtract] of breakdowns) {
    for (const [key, count] of Object.entries(counts)) {
      if (count === null) continue;
      out[`${prefix}_${key}`] = count;
      // As Langfuse does: prompt_tokens includes cached tokens, so `input` keeps only the rest.
      const parentCount = out[prefix];
      if (subtract && parentCount !== undefined) out[prefix] = Math.max(parentCount - count, 0);
    }
  }
  return out;
}

function sumWhere(details: Details, keep: (key: string) => boolean): number | undefined {
  let sum: number | undefined;
  for (const [key, value] of Object.entries(details)) {
    if (key !== "total" && keep(key)) sum = (sum ?? 0) + value;
  }
  // USD fractions add up to 0.31000000000000005; 12 decimals is far below a cent.
  return sum === undefined ? undefined : Math.round(sum * 1e12) / 1e12;
}

function summarise(details: Details): Usage & Cost {
  const total = details.total ?? sumWhere(details, () => true);
  const full = total === undefined ? details : { ...details, total };
  return {
    input: sumWhere(details, (key) => key.toLowerCase().includes("input")),
    output: sumWhere(details, (key) => key.toLowerCase().includes("output")),
    total,
    details: full,
  };
}

function put(details: Details, key: string, value: number | null | undefined, allowNegative: boolean) {
  if (value === null || value === undefined) return;
  if (!allowNegative && value < 0) return;
  details[key] = value;
}

/**
 * Legacy `usage` plus `usageDetails`; the latter overrides per type, as in
 * Langfuse. Negative counts are dropped (Langfuse drops them too).
 * Returns undefined when nothing was sent, so stored usage is kept.
 */
export function toUsage(
  usage: LegacyUsage | null | undefined,
  usageDetails: UsageDetailsInput | null | undefined,
): Usage | undefined {
  const details: Details = {};
  if (usage) {
    put(details, "input", usage.input ?? usage.promptTokens, false);
    put(details, "output", usage.output ?? usage.completionTokens, false);
    put(details, "total", usage.total ?? usage.totalTokens, false);
  }
  if (usageDetails) Object.assign(details, flattenUsageDetails(usageDetails));
  return Object.keys(details).length > 0 ? summarise(details) : undefined;
}

/**
 * Legacy usage.inputCost/outputCost/totalCost plus `costDetails` (which wins
 * per type). A Cost is returned only when the client sent one: its presence
 * is what marks the cost as provided, so the writer does not price it.
 */
export function toCost(
  usage: LegacyUsage | null | undefined,
  costDetails: Record<string, number | null | undefined> | null | undefined,
): Cost | undefined {
  const details: Details = {};
  if (usage) {
    put(details, "input", usage.inputCost, true);
    put(details, "output", usage.outputCost, true);
    put(details, "total", usage.totalCost, true);
  }
  for (const [key, value] of Object.entries(costDetails ?? {})) put(details, key, value, true);
  return Object.keys(details).length > 0 ? summarise(details) : undefined;
}

/** Native API usage/cost: the same summary rules over `{input, output, total, details}`. */
export function summariseGiven(given: {
  input?: number | null;
  output?: number | null;
  total?: number | null;
  details?: Record<string, number | null | undefined> | null;
}): Usage | undefined {
  const details: Details = {};
  put(details, "input", given.input, true);
  put(details, "output", given.output, true);
  put(details, "total", given.total, true);
  for (const [key, value] of Object.entries(given.details ?? {})) put(details, key, value, true);
  return Object.keys(details).length > 0 ? summarise(details) : undefined;
}
