// Built-in model prices: public list prices in USD, standard (non-batch,
// short-context) tier, written per million tokens and stored per token.
// Sources: the providers' pricing pages and Langfuse's default model price list
// (worker/src/constants/default-model-prices.json), which these patterns follow.
//
// Patterns are anchored and must not overlap: every model id matches at most one
// entry (tests/unit/cost-default-prices.test.ts checks this). They accept:
//   - any provider/router path before the id: openai/, azure/, models/,
//     openrouter/anthropic/, projects/../publishers/google/models/, arn:...:inference-profile/
//   - dated snapshots and aliases: gpt-4o-2024-08-06, claude-3-5-sonnet-20241022,
//     -latest, gemini-1.5-flash-002, mistral-large-2411
//   - Bedrock ids (us.anthropic.claude-...-v1:0, mistral.mistral-large-2407-v1:0)
//     and Vertex versions (claude-3-5-sonnet@20240620, gemini-1.5-pro@002).
// Long-context tiers (Gemini 2.5 Pro and Claude Sonnet above 200k input) and
// batch discounts are not modelled; a project override can set them.

import type { PriceEntry, Prices } from "./types";

/** Per-million list prices to per-token prices (rounded so 0.8 * 1.25 stays 1.0e-6). */
function perMillion(prices: Prices): Prices {
  const out: Prices = {};
  for (const [type, usd] of Object.entries(prices)) out[type] = Number((usd / 1e6).toPrecision(12));
  return out;
}

/** Any run of "segment/" before the id; each segment stops at "/", so matching stays linear. */
const PATH = String.raw`^(?:[^/]+/)*`;

// OpenAI snapshots are dated -YYYY-MM-DD.
const OPENAI_DATE = String.raw`(?:-\d{4}-\d{2}-\d{2})?$`;
const openai = (id: string) => `${PATH}${id}${OPENAI_DATE}`;

// Anthropic: optional Bedrock "<region>.anthropic." prefix; -YYYYMMDD or -latest;
// Bedrock -v1:0; Vertex (-v2)@YYYYMMDD; OpenRouter variants like :thinking.
const ANTHROPIC_PREFIX = String.raw`(?:(?:[a-z-]+\.)?anthropic\.)?`;
const ANTHROPIC_SUFFIX = String.raw`(?:-\d{8}|-latest)?(?:-v\d+(?::\d+)?)?(?:@\d{8})?(?::[a-z]+)?$`;
const anthropic = (family: string) => `${PATH}${ANTHROPIC_PREFIX}claude-(?:${family})${ANTHROPIC_SUFFIX}`;

// Google: -001 style versions, -latest, -preview(-MM-DD | -MMDD | -MM-YYYY), Vertex @version.
// Experimental (-exp) ids were free and are left unpriced.
const GOOGLE_SUFFIX = String.raw`(?:-\d{3}|-latest|-preview(?:-\d{2}-\d{2}|-\d{2}-\d{4}|-\d{4})?)?(?:@[\w.-]+)?$`;
const google = (id: string) => `${PATH}${id}${GOOGLE_SUFFIX}`;

// Mistral: -YYMM versions or -latest; Bedrock "mistral." prefix and -v1:0; Vertex @YYMM.
const MISTRAL_SUFFIX = String.raw`(?:-\d{4}|-latest)?(?:-v\d+(?::\d+)?)?(?:@\d{4})?$`;
const mistral = (id: string) => `${PATH}(?:mistral[.])?${id}${MISTRAL_SUFFIX}`;

// Anthropic cache writes: 5-minute at 1.25x input, 1-hour at 2x; reads at 0.1x
// (Claude 3 Haiku lists its own rounder cache prices).
function claude(input: number, output: number, own: Prices = {}): Prices {
  return { input, output, cache_write: input * 1.25, cache_write_1h: input * 2, cache_read: input / 10, ...own };
}

// A YYYY-MM-DD date other than 2024-05-13: it differs at the first digit, or the second, ...
const NOT_2024_05_13 = String.raw`(?:[013-9]\d{3}-\d{2}-\d{2}|2[1-9]\d{2}-\d{2}-\d{2}|20[013-9]\d-\d{2}-\d{2}|202[0-35-9]-\d{2}-\d{2}|2024-[1-9]\d-\d{2}|2024-0[0-46-9]-\d{2}|2024-05-[02-9]\d|2024-05-1[0-24-9])`;

const entry = (modelName: string, matchPattern: string, pricesPerMillion: Prices): PriceEntry => ({
  modelName,
  matchPattern,
  prices: perMillion(pricesPerMillion),
});

export const DEFAULT_PRICES: readonly PriceEntry[] = [
  // OpenAI
  // gpt-4o-2024-05-13 kept its launch price, so the gpt-4o entry leaves it out
  // (spelled as "any date but that one": RE2, which runs every pattern, has no lookahead).
  entry("gpt-4o", `${PATH}gpt-4o(?:-${NOT_2024_05_13})?$`, { input: 2.5, output: 10, cache_read: 1.25 }),
  entry("gpt-4o-2024-05-13", `${PATH}gpt-4o-2024-05-13$`, { input: 5, output: 15 }),
  entry("gpt-4o-mini", openai("gpt-4o-mini"), { input: 0.15, output: 0.6, cache_read: 0.075 }),
  entry("gpt-4.1", openai(String.raw`gpt-4\.1`), { input: 2, output: 8, cache_read: 0.5 }),
  entry("gpt-4.1-mini", openai(String.raw`gpt-4\.1-mini`), { input: 0.4, output: 1.6, cache_read: 0.1 }),
  entry("gpt-4.1-nano", openai(String.raw`gpt-4\.1-nano`), { input: 0.1, output: 0.4, cache_read: 0.025 }),
  entry("o1", openai("o1"), { input: 15, output: 60, cache_read: 7.5 }),
  entry("o1-mini", openai("o1-mini"), { input: 1.1, output: 4.4, cache_read: 0.55 }),
  entry("o3", openai("o3"), { input: 2, output: 8, cache_read: 0.5 }),
  entry("o3-mini", openai("o3-mini"), { input: 1.1, output: 4.4, cache_read: 0.55 }),
  entry("o4-mini", openai("o4-mini"), { input: 1.1, output: 4.4, cache_read: 0.275 }),
  entry("gpt-5", openai("gpt-5(?:-chat(?:-latest)?)?"), { input: 1.25, output: 10, cache_read: 0.125 }),
  entry("gpt-5-mini", openai("gpt-5-mini"), { input: 0.25, output: 2, cache_read: 0.025 }),
  entry("gpt-5-nano", openai("gpt-5-nano"), { input: 0.05, output: 0.4, cache_read: 0.005 }),
  entry("gpt-5.1", openai(String.raw`gpt-5\.1(?:-chat(?:-latest)?)?`), { input: 1.25, output: 10, cache_read: 0.125 }),
  entry(
    "gpt-4-turbo",
    openai("gpt-4(?:-turbo(?:-preview)?|-1106-preview|-0125-preview|(?:-1106)?-vision-preview)"),
    { input: 10, output: 30 },
  ),
  entry("gpt-4", `${PATH}gpt-4(?:-0613|-0314)?$`, { input: 30, output: 60 }),
  // Azure spells it gpt-35-turbo.
  entry("gpt-3.5-turbo", String.raw`${PATH}gpt-3\.?5-turbo(?:-0125|-16k)?$`, { input: 0.5, output: 1.5 }),
  // Embeddings bill every token as input; "total" prices clients that only send a total.
  entry("text-embedding-3-small", `${PATH}text-embedding-3-small$`, { input: 0.02, total: 0.02 }),
  entry("text-embedding-3-large", `${PATH}text-embedding-3-large$`, { input: 0.13, total: 0.13 }),
  entry("text-embedding-ada-002", `${PATH}text-embedding-ada-002(?:-v2)?$`, { input: 0.1, total: 0.1 }),

  // Anthropic ("3-5" and "3.5" both occur: OpenRouter uses dots)
  entry("claude-3-haiku", anthropic("3-haiku"), claude(0.25, 1.25, { cache_write: 0.3, cache_read: 0.03 })),
  entry("claude-3-5-haiku", anthropic("3[.-]5-haiku"), claude(0.8, 4)),
  entry("claude-3-5-sonnet", anthropic("3[.-]5-sonnet"), claude(3, 15)),
  entry("claude-3-7-sonnet", anthropic("3[.-]7-sonnet"), claude(3, 15)),
  // claude-sonnet-4-0 / claude-opus-4-0 are Anthropic's aliases; "claude-4-sonnet" is a common spelling.
  entry("claude-sonnet-4", anthropic("sonnet-4(?:-0)?|4-sonnet"), claude(3, 15)),
  entry("claude-sonnet-4-5", anthropic("sonnet-4[.-]5|4[.-]5-sonnet"), claude(3, 15)),
  entry("claude-opus-4", anthropic("opus-4(?:-0)?|4-opus"), claude(15, 75)),
  entry("claude-opus-4-1", anthropic("opus-4[.-]1|4[.-]1-opus"), claude(15, 75)),
  // Opus 4.5 cut the Opus price to a third.
  entry("claude-opus-4-5", anthropic("opus-4[.-]5|4[.-]5-opus"), claude(5, 25)),
  entry("claude-haiku-4-5", anthropic("haiku-4[.-]5|4[.-]5-haiku"), claude(1, 5)),
  entry("claude-3-opus", anthropic("3-opus"), claude(15, 75)),

  // Google (prompts up to 128k for 1.5, 200k for 2.5 Pro)
  entry("gemini-1.5-flash", google(String.raw`gemini-1\.5-flash`), { input: 0.075, output: 0.3, cache_read: 0.01875 }),
  entry("gemini-1.5-pro", google(String.raw`gemini-1\.5-pro`), { input: 1.25, output: 5, cache_read: 0.3125 }),
  entry("gemini-2.0-flash", google(String.raw`gemini-2\.0-flash`), {
    input: 0.1,
    output: 0.4,
    input_audio: 0.7,
    cache_read: 0.025,
  }),
  entry("gemini-2.0-flash-lite", google(String.raw`gemini-2\.0-flash-lite`), { input: 0.075, output: 0.3 }),
  entry("gemini-2.5-flash", google(String.raw`gemini-2\.5-flash`), {
    input: 0.3,
    output: 2.5,
    input_audio: 1,
    cache_read: 0.03,
  }),
  entry("gemini-2.5-flash-lite", google(String.raw`gemini-2\.5-flash-lite`), {
    input: 0.1,
    output: 0.4,
    input_audio: 0.3,
    cache_read: 0.01,
  }),
  entry("gemini-2.5-pro", google(String.raw`gemini-2\.5-pro`), { input: 1.25, output: 10, cache_read: 0.125 }),

  // Mistral
  entry("mistral-large", mistral("mistral-large"), { input: 2, output: 6 }),
  entry("mistral-medium", mistral(String.raw`mistral-medium(?:-3(?:\.\d)?)?`), { input: 0.4, output: 2 }),
  entry("mistral-small", mistral(String.raw`mistral-small(?:-3(?:\.\d)?)?`), { input: 0.1, output: 0.3 }),
  entry("codestral", mistral("codestral"), { input: 0.3, output: 0.9 }),
  entry("ministral-8b", mistral("ministral-8b"), { input: 0.1, output: 0.1 }),
  entry("open-mistral-nemo", mistral("(?:open-)?mistral-nemo"), { input: 0.15, output: 0.15 }),
];
