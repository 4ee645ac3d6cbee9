// Deterministic evaluators: the kinds, their configs, the form and the views
// pages read. No server imports (the evaluator form uses these in the browser).
// An evaluator compares a target's output with the dataset item's expected
// output (run items) or with a reference value in its config (live traces,
// which have no expected output), or checks a figure of the trace.
import { z } from "zod";
import { samplePercentSchema } from "../query/sample";
import type { Filter } from "../query/filter";

export const EVALUATOR_KINDS = ["EXACT_MATCH", "CONTAINS", "REGEX", "JSON_VALID", "JSON_SCHEMA", "THRESHOLD", "SIMILARITY"] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

export const KIND_LABELS: Record<EvaluatorKind, string> = {
  EXACT_MATCH: "Exact match",
  CONTAINS: "Contains",
  REGEX: "Regex",
  JSON_VALID: "JSON valid",
  JSON_SCHEMA: "JSON Schema match",
  THRESHOLD: "Threshold on latency, cost or tokens",
  SIMILARITY: "String similarity (normalised Levenshtein)",
};

export const KIND_HINTS: Record<EvaluatorKind, string> = {
  EXACT_MATCH: "true when the output equals the expected output (or the reference text).",
  CONTAINS: "true when the output contains the expected output (or the reference text).",
  REGEX: "true when the pattern matches somewhere in the output (RE2 syntax: linear time, no lookaround).",
  JSON_VALID: "true when the output is JSON (an object or array, or a text that parses as JSON).",
  JSON_SCHEMA: "true when the output (parsed when it is a JSON text) fits the schema.",
  THRESHOLD: "true when the trace's latency (ms), cost (USD) or total tokens is within the bound.",
  SIMILARITY: "1 − Levenshtein distance / longer length, between the output and the expected output (or the reference text): 1 is identical.",
};

/** Kinds that compare with an expected output; on live traces they need a reference value. */
export const NEEDS_EXPECTED: ReadonlySet<EvaluatorKind> = new Set(["EXACT_MATCH", "CONTAINS", "SIMILARITY"]);

export const MAX_REFERENCE = 10_000;
export const MAX_PATTERN = 1_000;
export const THRESHOLD_METRICS = ["latency", "cost", "tokens"] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];
export const THRESHOLD_OPERATORS = ["<=", ">="] as const;
export const METRIC_LABELS: Record<ThresholdMetric, string> = { latency: "Latency (ms)", cost: "Cost (USD)", tokens: "Total tokens" };

const flag = z.boolean({ message: "must be true or false" }).default(false);
/** Compared with instead of the expected output; required on live traces for the kinds that compare. */
const reference = z.string({ message: "must be a text" }).max(MAX_REFERENCE, `at most ${MAX_REFERENCE} characters`).nullish();

export const exactMatchConfig = z.strictObject({ kind: z.literal("EXACT_MATCH"), trim: flag, ignoreCase: flag, reference });
export const containsConfig = z.strictObject({ kind: z.literal("CONTAINS"), ignoreCase: flag, reference });
export const regexConfig = z.strictObject({
  kind: z.literal("REGEX"),
  pattern: z.string({ message: "must be a text" }).min(1, "Enter a pattern").max(MAX_PATTERN, `at most ${MAX_PATTERN} characters`),
  /** i: ignore case, m: ^ and $ at line ends, s: . matches a newline */
  flags: z.string().regex(/^[ims]*$/, "only the flags i, m and s").default(""),
});
export const jsonValidConfig = z.strictObject({ kind: z.literal("JSON_VALID") });
export const jsonSchemaConfig = z.strictObject({
  kind: z.literal("JSON_SCHEMA"),
  schema: z.union([z.record(z.string(), z.unknown()), z.boolean()], { message: "must be a JSON Schema (an object)" }),
});
export const thresholdConfig = z.strictObject({
  kind: z.literal("THRESHOLD"),
  metric: z.enum(THRESHOLD_METRICS, { message: "pick latency, cost or tokens" }),
  operator: z.enum(THRESHOLD_OPERATORS, { message: "pick <= or >=" }),
  value: z.number({ message: "must be a number" }).finite("must be a finite number"),
});
export const similarityConfig = z.strictObject({ kind: z.literal("SIMILARITY"), trim: flag, ignoreCase: flag, reference });

export const evaluatorConfigSchema = z.discriminatedUnion("kind", [exactMatchConfig, containsConfig, regexConfig, jsonValidConfig, jsonSchemaConfig, thresholdConfig, similarityConfig], {
  message: "pick a kind",
});
export type EvaluatorConfig = z.infer<typeof evaluatorConfigSchema>;
export type ConfigOf<K extends EvaluatorKind> = Extract<EvaluatorConfig, { kind: K }>;

export const MAX_EVALUATOR_NAME = 200;
/** The evaluator's name is the name of the score it writes. */
export const evaluatorNameSchema = z
  .string({ message: "must be a string" })
  .trim()
  .min(1, "Enter a name (the score's name)")
  .max(MAX_EVALUATOR_NAME, `Names are at most ${MAX_EVALUATOR_NAME} characters`);

/**
 * What the evaluator form sends. `conditions` is the live filter in the traces
 * table's URL codec (as promotion rules take it); `live` off means the
 * evaluator never looks at live traces.
 */
export const evaluatorFormSchema = z.strictObject({
  projectId: z.string().min(1),
  evaluatorId: z.string().min(1).max(100).optional(),
  name: evaluatorNameSchema,
  config: evaluatorConfigSchema,
  /** "" : no dataset */
  datasetId: z.string().max(100).default(""),
  live: z.boolean(),
  conditions: z.string().max(20_000, "the filter is too long").default(""),
  samplePercent: samplePercentSchema,
  enabled: z.boolean(),
});
export type EvaluatorForm = z.input<typeof evaluatorFormSchema>;

export const evaluatorRefSchema = z.object({ projectId: z.string().min(1), evaluatorId: z.string().min(1).max(100) });
export const evaluatorToggleSchema = evaluatorRefSchema.extend({ enabled: z.boolean() });
export const evaluateRunSchema = z.object({ projectId: z.string().min(1), runId: z.string().min(1).max(100) });

/** What one evaluation gives: the score's value, its dataType, and why. */
export interface Outcome {
  value: number | string;
  dataType: "BOOLEAN" | "NUMERIC";
  comment: string;
}

/** An evaluator as pages see it. */
export interface EvaluatorView {
  id: string;
  name: string;
  kind: EvaluatorKind;
  /** null when the stored config no longer reads (a model change): the evaluator is skipped */
  config: EvaluatorConfig | null;
  datasetId: string | null;
  datasetName: string | null;
  /** null: not on live traces */
  filter: Filter | null;
  /** 0..1 */
  sampleRate: number;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EvaluatorListRow extends EvaluatorView {
  scored: number;
  errors: number;
  lastResultAt: string | null;
  /** set when the evaluator has more results than were counted (its latest this many): scored and errors are then lower bounds */
  countedOver: number | null;
}

/** One recent outcome of an evaluator. */
export interface EvaluatorResultView {
  targetType: "RUN_ITEM" | "TRACE";
  targetId: string;
  traceId: string | null;
  datasetRunId: string | null;
  status: "OK" | "ERROR";
  error: string | null;
  value: number | null;
  stringValue: string | null;
  comment: string | null;
  updatedAt: string;
}

/** The outcome of an EVAL_RUN job (its `result`). */
export interface RunEvaluationResult {
  items: number;
  scored: number;
  errors: number;
  /** run items whose trace has not arrived yet (scored when it does) */
  waiting: number;
}

export function describeRunEvaluation(result: unknown): string | null {
  if (!result || typeof result !== "object") return null;
  const r = result as Partial<RunEvaluationResult>;
  const n = (v: number | undefined) => (v ?? 0).toLocaleString("en-US");
  return `${n(r.items)} run items: ${n(r.scored)} scores written${r.errors ? `, ${n(r.errors)} errors` : ""}${r.waiting ? `, ${n(r.waiting)} waiting for their trace` : ""}.`;
}

/** A config in one line for the list: "Regex /^ok/i", "latency <= 2000". */
export function describeConfig(c: EvaluatorConfig | null): string {
  if (!c) return "config no longer reads";
  const ref = (r: string | null | undefined) => (r ? ` "${r.length > 40 ? `${r.slice(0, 40)}…` : r}"` : " the expected output");
  const opts = (o: Record<string, boolean | undefined>) => {
    const on = Object.entries(o).filter(([, v]) => v).map(([k]) => (k === "ignoreCase" ? "ignore case" : k));
    return on.length ? ` (${on.join(", ")})` : "";
  };
  switch (c.kind) {
    case "EXACT_MATCH":
      return `equals${ref(c.reference)}${opts({ trim: c.trim, ignoreCase: c.ignoreCase })}`;
    case "CONTAINS":
      return `contains${ref(c.reference)}${opts({ ignoreCase: c.ignoreCase })}`;
    case "REGEX":
      return `/${c.pattern}/${c.flags}`;
    case "JSON_VALID":
      return "output is JSON";
    case "JSON_SCHEMA":
      return "output fits a JSON Schema";
    case "THRESHOLD":
      return `${c.metric} ${c.operator} ${c.value}`;
    case "SIMILARITY":
      return `similarity to${ref(c.reference)}${opts({ trim: c.trim, ignoreCase: c.ignoreCase })}`;
  }
}
