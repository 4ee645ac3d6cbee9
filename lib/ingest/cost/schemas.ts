// A project's model price override as entered in Settings or sent to the API.
// No server imports: the form, the server action and the route share it.

import { z } from "zod";
import { MAX_PATTERN_LENGTH, hasNestedQuantifier, isValidPattern } from "./pattern";

/** Usage type names: what SDKs send (input, cache_read, input_cached_tokens, ...), nothing exotic. */
const USAGE_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const MAX_PRICE_TYPES = 50;

export const usageTypeSchema = z
  .string()
  .max(64, { error: "Usage type must be at most 64 characters" })
  .regex(USAGE_TYPE, { error: "Usage type must start with a letter and use only letters, digits, _ . : -" });

export const priceOverrideSchema = z.object({
  modelName: z
    .string({ error: "Model name is required" })
    .trim()
    .min(1, { error: "Model name is required" })
    .max(200, { error: "Model name must be at most 200 characters" }),
  matchPattern: z
    .string({ error: "Match pattern is required" })
    .trim()
    // abort: one message per field; "not a valid regex" would only repeat these.
    .min(1, { error: "Match pattern is required", abort: true })
    .max(MAX_PATTERN_LENGTH, { error: `Match pattern must be at most ${MAX_PATTERN_LENGTH} characters`, abort: true })
    .refine((p) => !hasNestedQuantifier(p), {
      error: "Match pattern repeats a group that itself repeats (like (a+)+), a shape that takes exponential time in backtracking regex engines: simplify it",
      abort: true,
    })
    .refine(isValidPattern, { error: "Match pattern is not a valid regular expression" }),
  prices: z
    .record(
      usageTypeSchema,
      z
        .number({ error: "Price must be a number (USD per unit)" })
        .nonnegative({ error: "Price must not be negative" }),
      { error: "Prices must be an object of usage type to USD per unit" },
    )
    .refine((prices) => Object.keys(prices).length <= MAX_PRICE_TYPES, {
      error: `At most ${MAX_PRICE_TYPES} usage types can be priced`,
    })
    .refine((prices) => prices.input !== undefined || prices.output !== undefined, {
      error: "Set at least an input or an output price",
    }),
  // A calendar date from a date input, or a full ISO timestamp from the API.
  validFrom: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: "Valid from must be an ISO date (2025-01-31) or date-time (2025-01-31T00:00:00Z)",
    })
    .nullish()
    .transform((value) => (value ? new Date(value) : undefined)),
});

/** What a form or API client sends. */
export type PriceOverrideInput = z.input<typeof priceOverrideSchema>;
/** What the server stores (validFrom as a Date). */
export type PriceOverride = z.infer<typeof priceOverrideSchema>;
