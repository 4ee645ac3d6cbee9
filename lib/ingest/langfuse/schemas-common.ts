// Field schemas shared by the Langfuse bodies (and reused by the native API).
// Semantics follow the Langfuse server (packages/shared/src/server/ingestion/types.ts):
// nullish everywhere the SDKs may send null, strict about types and formats.

import { z } from "zod";
import { LEVELS, type Json, type JsonObject } from "../events";
import { LIMITS, costProblem, countProblem, environmentProblem, timeProblem } from "../limits";

/** Ids are client-chosen strings; Langfuse caps them at 800 chars and forbids CR. */
export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .refine((id) => !id.includes("\r"), "must not contain carriage returns");

/** An id that points at another record (parent, session, trace of a score): bounded, may be empty. */
export const refIdSchema = z.string().max(LIMITS.idLength);

/** Strings that are indexed or filtered on (names, user, release, version, model, tags). */
export const indexedStringSchema = z.string().max(LIMITS.indexedStringLength);

/** Tags: at most LIMITS.tagCount, each an indexed string. */
export const tagsSchema = z.array(indexedStringSchema).max(LIMITS.tagCount);

/** A token count (also promptVersion): an integer both databases store in a 32-bit Int. */
export const countSchema = z.number().superRefine((n, ctx) => {
  const problem = countProblem(n);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** USD: finite, non-negative, at most LIMITS.maxCost. */
export const costSchema = z.number().superRefine((n, ctx) => {
  const problem = costProblem(n);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * ISO 8601 with a time zone (Z or ±hh:mm), any sub-second precision, as the
 * SDKs send it; parsed to a Date. A local time without zone is ambiguous, so
 * it is refused like Langfuse does. Dates before 1970 or more than
 * LIMITS.futureYears ahead are refused (year 0000 breaks PostgreSQL, year
 * 100,000 breaks every reader).
 */
export const dateTimeSchema = z.iso.datetime({ offset: true }).transform((value, ctx) => {
  const date = new Date(value);
  const problem = timeProblem(date);
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return date;
});

/**
 * Any JSON value (input/output). Not validated deeply: the body came from
 * JSON.parse, and walking large payloads costs CPU for nothing.
 */
export const jsonPayloadSchema = z.custom<Json>((value) => value !== undefined).optional();

/**
 * Metadata may be any JSON in Langfuse; a non-object is kept under the key
 * `metadata` (as Langfuse stores it) so Loupe's metadata is always an object.
 */
export function toMetadata(value: Json | undefined): JsonObject | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === "object" && !Array.isArray(value)) return value;
  return { metadata: value };
}

export const metadataSchema = jsonPayloadSchema.transform(toMetadata);

/**
 * An upper-case enum that also takes other cases ("error", "Generation"):
 * such a value is not wrong, just written differently. `shown` is how the
 * choices are listed in the error.
 */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T, shown: readonly string[] = values) {
  const allowed = new Set<string>(values);
  return z
    .string()
    .refine((value) => allowed.has(value.toUpperCase()), {
      error: (iss) => `expected one of ${shown.join(", ")}, received ${JSON.stringify(iss.input)}`,
    })
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(values));
}

/** Levels are upper-case in Langfuse; a lower-case "error" is not worth refusing. */
export const levelSchema = caseInsensitiveEnum(LEVELS);

/**
 * Langfuse's PublicEnvironmentName: /^(?!langfuse)[a-z0-9-_]+$/, at most 40
 * characters, refused otherwise (not lower-cased). Absent means "default",
 * which the writer fills in.
 */
export const environmentSchema = z.string().superRefine((value, ctx) => {
  const problem = environmentProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Model parameters: a map of any JSON values (temperature, stop lists, tool choice, ...). */
export const modelParametersSchema = z.record(
  z.string(),
  z.custom<Json>((value) => value !== undefined),
);

/**
 * Legacy `usage`: Langfuse's own {input, output, total, unit, *Cost} or the
 * OpenAI-style {promptTokens, completionTokens, totalTokens}; both may be mixed.
 * Counts are integers; the unit is accepted but not kept (Loupe counts by usage type).
 */
export const legacyUsageSchema = z.object({
  input: countSchema.nullish(),
  output: countSchema.nullish(),
  total: countSchema.nullish(),
  unit: z.string().nullish(),
  promptTokens: countSchema.nullish(),
  completionTokens: countSchema.nullish(),
  totalTokens: countSchema.nullish(),
  inputCost: costSchema.nullish(),
  outputCost: costSchema.nullish(),
  totalCost: costSchema.nullish(),
});
export type LegacyUsage = z.infer<typeof legacyUsageSchema>;

export type UsageDetailsInput = Record<string, number | null | Record<string, number | null>>;

function isCount(value: unknown): value is number {
  return typeof value === "number" && countProblem(value) === undefined;
}

/** Too big says the bound; anything else is simply not a count. */
const countIssue = (value: unknown) =>
  typeof value === "number" && Number.isInteger(value) && value > LIMITS.maxCount
    ? `must be <= ${LIMITS.maxCount}`
    : "expected a non-negative integer";

/**
 * `usageDetails`: counts by usage type, or an OpenAI usage object
 * (Chat Completions `prompt_tokens_details`, Responses `input_tokens_details`).
 * Nested objects are allowed only under `*_details` keys, as OpenAI sends them.
 * Checked by hand so a wrong value is named by its own path.
 */
export const usageDetailsSchema = z
  .record(z.string(), z.unknown())
  .superRefine((record, ctx) => {
    for (const [key, value] of Object.entries(record)) {
      if (value === null || isCount(value)) continue;
      if (key.endsWith("_details") && typeof value === "object" && !Array.isArray(value)) {
        for (const [inner, count] of Object.entries(value)) {
          if (count !== null && !isCount(count)) {
            ctx.addIssue({ code: "custom", path: [key, inner], message: countIssue(count) });
          }
        }
        continue;
      }
      ctx.addIssue({ code: "custom", path: [key], message: countIssue(value) });
    }
  })
  .transform((record) => record as UsageDetailsInput);

/** `costDetails`: USD by usage type; a provided cost wins over Loupe's prices. */
export const costDetailsSchema = z.record(z.string(), costSchema.nullish());
