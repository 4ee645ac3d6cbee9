// Field schemas shared by the Langfuse bodies (and reused by the native API).
// Semantics follow the Langfuse server (packages/shared/src/server/ingestion/types.ts):
// nullish everywhere the SDKs may send null, strict about types and formats.

import { z } from "zod";
import { LEVELS, type Json, type JsonObject } from "../events";

/** Ids are client-chosen strings; Langfuse caps them at 800 chars and forbids CR. */
export const idSchema = z
  .string()
  .min(1)
  .max(800)
  .refine((id) => !id.includes("\r"), "must not contain carriage returns");

/**
 * ISO 8601 with a time zone (Z or ±hh:mm), any sub-second precision, as the
 * SDKs send it; parsed to a Date. A local time without zone is ambiguous, so
 * it is refused like Langfuse does.
 */
export const dateTimeSchema = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value));

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

const ENVIRONMENT = /^[a-z0-9_-]+$/;

/**
 * Langfuse lower-cases the environment, keeps 40 chars and falls back to
 * "default" when the result is not [a-z0-9_-]+ rather than rejecting the event.
 */
export const environmentSchema = z.string().transform((value) => {
  const name = value.toLowerCase().slice(0, 40);
  return ENVIRONMENT.test(name) ? name : "default";
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
  input: z.number().int().nullish(),
  output: z.number().int().nullish(),
  total: z.number().int().nullish(),
  unit: z.string().nullish(),
  promptTokens: z.number().int().nullish(),
  completionTokens: z.number().int().nullish(),
  totalTokens: z.number().int().nullish(),
  inputCost: z.number().nullish(),
  outputCost: z.number().nullish(),
  totalCost: z.number().nullish(),
});
export type LegacyUsage = z.infer<typeof legacyUsageSchema>;

export type UsageDetailsInput = Record<string, number | null | Record<string, number | null>>;

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

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
            ctx.addIssue({ code: "custom", path: [key, inner], message: "expected a non-negative integer" });
          }
        }
        continue;
      }
      ctx.addIssue({ code: "custom", path: [key], message: "expected a non-negative integer" });
    }
  })
  .transform((record) => record as UsageDetailsInput);

/** `costDetails`: USD by usage type; a provided cost wins over Loupe's prices. */
export const costDetailsSchema = z.record(z.string(), z.number().nonnegative().nullish());
