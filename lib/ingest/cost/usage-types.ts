// Usage types: the canonical names prices are written with, the aliases SDKs
// and providers send for them, and what an unpriced type falls back to.
//
// Convention (Langfuse's): usage types are disjoint. `input` counts the input
// tokens NOT read from or written to the cache, and `output` the output tokens
// not counted as reasoning/audio; each type is priced on its own and the costs
// add up. Adapters for providers whose prompt count includes cached tokens
// (OpenAI, Gemini, OTel gen_ai, Vercel AI SDK) split it in their usage
// details (lib/ingest/otel/usage.ts, lib/ingest/langfuse/map-usage.ts);
// Anthropic's counts are disjoint as sent.

export const CANONICAL_USAGE_TYPES = [
  "input",
  "output",
  "total",
  "cache_read",
  "cache_write",
  "cache_write_1h",
  "reasoning",
  "input_text",
  "input_audio",
  "input_image",
  "output_text",
  "output_audio",
] as const;
export type CanonicalUsageType = (typeof CANONICAL_USAGE_TYPES)[number];

// Keys are lower-case; lookups lower-case the incoming key first.
const ALIASES: Record<string, CanonicalUsageType> = {
  input_tokens: "input",
  prompt_tokens: "input",
  prompt_token_count: "input",
  prompttokencount: "input",
  output_tokens: "output",
  completion_tokens: "output",
  candidates_token_count: "output",
  candidatestokencount: "output",
  total_tokens: "total",
  total_token_count: "total",
  totaltokencount: "total",
  cache_read_input_tokens: "cache_read",
  input_cached_tokens: "cache_read",
  input_cache_read: "cache_read",
  input_cached_text_tokens: "cache_read",
  cached_tokens: "cache_read",
  cached_input_tokens: "cache_read",
  cache_read_tokens: "cache_read",
  cached_content_token_count: "cache_read",
  cachedcontenttokencount: "cache_read",
  cache_creation_input_tokens: "cache_write",
  input_cache_creation: "cache_write",
  input_cache_creation_5m: "cache_write",
  input_cache_write: "cache_write",
  cache_write_input_tokens: "cache_write",
  cache_creation_tokens: "cache_write",
  ephemeral_5m_input_tokens: "cache_write",
  input_cache_creation_1h: "cache_write_1h",
  ephemeral_1h_input_tokens: "cache_write_1h",
  reasoning_tokens: "reasoning",
  output_reasoning: "reasoning",
  output_reasoning_tokens: "reasoning",
  thoughts_token_count: "reasoning",
  thoughtstokencount: "reasoning",
  input_text_tokens: "input_text",
  input_audio_tokens: "input_audio",
  audio_input_tokens: "input_audio",
  prompt_audio_tokens: "input_audio",
  input_image_tokens: "input_image",
  output_text_tokens: "output_text",
  output_audio_tokens: "output_audio",
  completion_audio_tokens: "output_audio",
};

const CANONICAL = new Set<string>(CANONICAL_USAGE_TYPES);

/** Where an unpriced type is charged instead (a project price with only input/output still prices cache and reasoning tokens). */
export const FALLBACK: Partial<Record<CanonicalUsageType, CanonicalUsageType>> = {
  cache_read: "input",
  cache_write: "input",
  cache_write_1h: "cache_write",
  input_text: "input",
  input_audio: "input",
  input_image: "input",
  reasoning: "output",
  output_text: "output",
  output_audio: "output",
};

const INPUT_SIDE = new Set<string>(["input", "cache_read", "cache_write", "cache_write_1h", "input_text", "input_audio", "input_image"]);
const OUTPUT_SIDE = new Set<string>(["output", "reasoning", "output_text", "output_audio"]);

/** The canonical name for a usage key; unknown keys come back lower-cased as they are. */
export function canonicalUsageType(key: string): string {
  const lower = key.toLowerCase();
  if (CANONICAL.has(lower)) return lower;
  return ALIASES[lower] ?? lower;
}

export function isCanonical(type: string): type is CanonicalUsageType {
  return CANONICAL.has(type);
}

/** Which of Cost.input / Cost.output a (canonical) type's cost counts towards; others only count in total. */
export function costSide(type: string): "input" | "output" | undefined {
  if (INPUT_SIDE.has(type)) return "input";
  if (OUTPUT_SIDE.has(type)) return "output";
  // Unknown but plainly named keys (a project's own "input_video", "output_tool") still land on a side.
  if (/^(input|prompt)/.test(type)) return "input";
  if (/^(output|completion)/.test(type)) return "output";
  return undefined;
}
