// Promotion rules: the shapes the rule form, its server actions and pages
// share. No server imports (the client form uses these too). A rule's filter
// is the traces table's filter (lib/query/filter.ts), its mapping the
// promotion mapping (lib/datasets/mapping.ts).
import { z } from "zod";
import type { Filter, FilterCondition } from "../../query/filter";
import { samplePercentSchema } from "../../query/sample";
import { mappingSchema } from "../mapping";

export const MAX_RULE_NAME = 200;

export const ruleNameSchema = z
  .string({ message: "must be a string" })
  .trim()
  .min(1, "Enter a name")
  .max(MAX_RULE_NAME, `Names are at most ${MAX_RULE_NAME} characters`);

/**
 * What the rule form sends. `conditions` is the filter written in the traces
 * table's URL codec (`level=error&score=helpfulness<0.5`), so a view's query
 * string is a rule's filter as it stands; the server decodes and checks it.
 */
export const ruleFormSchema = z.strictObject({
  projectId: z.string().min(1),
  ruleId: z.string().min(1).max(100).optional(),
  name: ruleNameSchema,
  /** NEW_DATASET: create the dataset named `newDatasetName` along with the rule */
  datasetId: z.string({ message: "Pick a dataset" }).min(1, "Pick a dataset"),
  newDatasetName: z.string().max(200, "Names are at most 200 characters").optional(),
  conditions: z.string().max(20_000, "the filter is too long"),
  mapping: mappingSchema,
  samplePercent: samplePercentSchema,
  enabled: z.boolean(),
});
export type RuleForm = z.input<typeof ruleFormSchema>;

/** The dataset choice that creates one inline. */
export const NEW_DATASET = "__new__";

export const ruleRefSchema = z.object({ projectId: z.string().min(1), ruleId: z.string().min(1).max(100) });
export const ruleToggleSchema = ruleRefSchema.extend({ enabled: z.boolean() });

/** What a page sees of a rule. */
export interface RuleView {
  id: string;
  projectId: string;
  name: string;
  datasetId: string | null;
  datasetName: string | null;
  filter: Filter;
  mapping: z.infer<typeof mappingSchema>;
  /** 0..1 */
  sampleRate: number;
  enabled: boolean;
  disabledReason: string | null;
  itemsCreated: number;
  lastMatchAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A recent item a rule created, linked to its trace. */
export interface RuleMatchView {
  itemId: string;
  datasetId: string;
  traceId: string | null;
  createdAt: string;
  inputPreview: string;
}

/** The outcome of a backfill job (its `result`). */
export interface BackfillResult {
  matched: number;
  added: number;
  skipped: number;
  sampledOut: number;
  failed: number;
}

export function describeBackfill(result: unknown): string | null {
  if (!result || typeof result !== "object") return null;
  const r = result as Partial<BackfillResult>;
  const n = (v: number | undefined) => (v ?? 0).toLocaleString("en-US");
  return `${n(r.matched)} matching traces: ${n(r.added)} added, ${n(r.skipped)} already in the dataset, ${n(r.sampledOut)} left out by sampling${r.failed ? `, ${n(r.failed)} failed` : ""}.`;
}

/** Sampling shown as a percentage ("100 %", "12.5 %"). */
export const formatSampling = (rate: number) => `${Math.round(rate * 1000) / 10} %`;

function describeCondition(c: FilterCondition): string {
  const value = (v: unknown) => (Array.isArray(v) ? v.join(", ") : v instanceof Date ? v.toISOString() : String(v));
  if (c.column === "level" && c.type === "string") return c.value === "error" ? "has errors" : "has warnings or errors";
  if (c.type === "numericScore" || c.type === "categoricalScore" || c.type === "booleanScore") return `score ${c.key} ${c.operator} ${value(c.value)}`;
  if (c.type === "stringObject") return `metadata.${c.key} ${c.operator} ${c.value}`;
  return `${c.column} ${c.operator} ${value(c.value)}`;
}

/** A filter in one line for the rules list: "has errors · score helpfulness < 0.5". */
export function describeFilter(filter: Filter): string {
  return filter.length ? filter.map(describeCondition).join(" · ") : "every trace";
}
