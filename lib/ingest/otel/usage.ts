// Token counts and costs as the internal Usage/Cost.
//
// The instrumentation conventions (OTel GenAI, OpenInference, the AI SDK)
// count cached input inside the input figure and reasoning inside the
// output figure. Pricing wants disjoint usage types (lib/ingest/cost), so:
//   usage.input / usage.output stay what the client reported (all input and
//   all output tokens, what a reader expects to see);
//   usage.details split them: input (uncached), cache_read, cache_write,
//   output (non-reasoning), reasoning: sum(details[type] × price[type]) is the cost.
// usage_details / cost_details from the Langfuse SDK mean exactly what they
// mean in the Langfuse batch API, so they go through that adapter's rules.
import type { Cost, Json, Usage } from "../events";
import { toCost, toUsage } from "../langfuse/map-usage";
import type { UsageDetailsInput } from "../langfuse/schemas-common";
import { isJsonObject } from "./json";

export interface TokenCounts {
  input?: number;
  output?: number;
  total?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

export function usageFromCounts(c: TokenCounts): Usage | undefined {
  const details: Record<string, number> = {};
  const cached = (c.cacheRead ?? 0) + (c.cacheWrite ?? 0);
  if (c.input !== undefined) details.input = Math.max(0, c.input - cached);
  if (c.cacheRead !== undefined) details.cache_read = c.cacheRead;
  if (c.cacheWrite !== undefined) details.cache_write = c.cacheWrite;
  if (c.output !== undefined) details.output = Math.max(0, c.output - (c.reasoning ?? 0));
  if (c.reasoning !== undefined) details.reasoning = c.reasoning;
  const usage: Usage = {};
  if (c.input !== undefined) usage.input = c.input;
  if (c.output !== undefined) usage.output = c.output;
  if (c.total !== undefined) usage.total = c.total;
  if (Object.keys(details).length > 0) usage.details = details;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

// Any number is taken as given: the shared limits (check-event.ts) then refuse
// a negative, fractional or huge one the same way for every convention.
const isCount = (v: Json): v is number => typeof v === "number";

/** langfuse.observation.usage_details, parsed: counts by usage type, or an OpenAI usage object. */
export function usageFromLangfuse(value: Json | undefined): Usage | undefined {
  if (!isJsonObject(value)) return undefined;
  const record: UsageDetailsInput = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "__proto__") continue;
    if (isCount(v)) record[key] = v;
    else if (isJsonObject(v)) {
      // OpenAI breakdowns (prompt_tokens_details: { cached_tokens }).
      const nested: Record<string, number> = {};
      for (const [k, n] of Object.entries(v)) if (isCount(n) && k !== "__proto__") nested[k] = n;
      if (Object.keys(nested).length > 0) record[key] = nested;
    }
  }
  return Object.keys(record).length > 0 ? toUsage(undefined, record) : undefined;
}

/** langfuse.observation.cost_details, parsed: USD by usage type. */
export function costFromLangfuse(value: Json | undefined): Cost | undefined {
  if (!isJsonObject(value)) return undefined;
  const record: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) if (isCount(v) && key !== "__proto__") record[key] = v;
  return Object.keys(record).length > 0 ? toCost(undefined, record) : undefined;
}
