// Score configs and reviewer scores: the shapes forms and server actions share.
// No server imports (client forms use these too).
import { formatScore } from "../query/scores";
import { z } from "zod";
import { environmentSchema, idSchema, refIdSchema } from "../ingest/langfuse/schemas-common";
import { LIMITS } from "../ingest/limits";
import { depthProblem } from "../ingest/storable";
import { OBJECT_TYPES } from "../objects/kinds";

export const CONFIG_DATA_TYPES = ["NUMERIC", "CATEGORICAL", "BOOLEAN"] as const;
export type ConfigDataType = (typeof CONFIG_DATA_TYPES)[number];

export type Category = { label: string; value: number };

/** What a form or client sees of a config (plain data). */
export interface ScoreConfigView {
  id: string;
  name: string;
  dataType: ConfigDataType;
  minValue: number | null;
  maxValue: number | null;
  categories: Category[];
  description: string | null;
  isArchived: boolean;
}

const optionalNumber = z
  .union([z.literal(""), z.coerce.number({ message: "must be a number" }).finite("must be a number")])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

const list = (item: z.ZodType<string>) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Form fields: categoryLabel/categoryValue repeat once per category row. */
export const createConfigSchema = z
  .object({
    projectId: z.string().min(1),
    name: z
      .string()
      .trim()
      .min(1, "Enter a name")
      .max(60, "Names are at most 60 characters")
      .regex(/^[\p{L}\p{N} _.:-]+$/u, "Use letters, digits, spaces, dots, colons, dashes or underscores"),
    dataType: z.enum(CONFIG_DATA_TYPES, { message: "Pick numeric, categorical or boolean" }),
    minValue: optionalNumber,
    maxValue: optionalNumber,
    categoryLabel: list(z.string()),
    categoryValue: list(z.string()),
    description: z.string().trim().max(500, "Descriptions are at most 500 characters").optional(),
  })
  .transform((v, ctx) => {
    const categories: Category[] = [];
    if (v.dataType === "CATEGORICAL") {
      v.categoryLabel.forEach((raw, i) => {
        const label = raw.trim();
        const valueText = (v.categoryValue[i] ?? "").trim();
        if (!label && !valueText) return; // an empty row left in the form
        if (!label) ctx.addIssue({ code: "custom", path: ["categories", i, "label"], message: "Each category needs a label" });
        const value = valueText === "" ? i : Number(valueText);
        if (!Number.isFinite(value)) ctx.addIssue({ code: "custom", path: ["categories", i, "value"], message: `"${valueText}" is not a number` });
        categories.push({ label, value });
      });
      if (categories.length < 2) ctx.addIssue({ code: "custom", path: ["categories"], message: "Add at least two categories" });
      const labels = new Set(categories.map((c) => c.label));
      if (labels.size !== categories.length) ctx.addIssue({ code: "custom", path: ["categories"], message: "Category labels must be unique" });
    }
    if (v.dataType === "NUMERIC" && v.minValue !== null && v.maxValue !== null && v.minValue > v.maxValue) {
      ctx.addIssue({ code: "custom", path: ["maxValue"], message: "Max must be at least min" });
    }
    return {
      projectId: v.projectId,
      name: v.name,
      dataType: v.dataType,
      minValue: v.dataType === "NUMERIC" ? v.minValue : null,
      maxValue: v.dataType === "NUMERIC" ? v.maxValue : null,
      categories: v.dataType === "CATEGORICAL" ? categories : [],
      description: v.description || null,
    };
  });
export type CreateConfigInput = z.output<typeof createConfigSchema>;

/** A reviewer's score: the value arrives as form text and is checked against the config. */
export const annotationScoreSchema = z.object({
  projectId: z.string().min(1),
  objectType: z.enum(OBJECT_TYPES),
  objectId: z.string().min(1).max(500),
  /** for OBSERVATION: its trace */
  traceId: z.string().max(500).optional(),
  configId: z.string().min(1, "Pick a score config"),
  value: z.string().trim().min(1, "Enter a value"),
  comment: z.string().trim().max(2000, "Comments are at most 2000 characters").optional(),
});
export type AnnotationScoreInput = z.infer<typeof annotationScoreSchema>;

/** A new value (as typed) and comment for an existing reviewer score. */
export const updateScoreSchema = z.object({
  projectId: z.string().min(1),
  scoreId: z.string().min(1).max(500),
  value: z.string().trim().min(1, "Enter a value"),
  comment: z.string().trim().max(2000, "Comments are at most 2000 characters").default(""),
});

export const scoreRefSchema = z.object({ projectId: z.string().min(1), scoreId: z.string().min(1).max(500) });

export const archiveConfigSchema = z.object({ projectId: z.string().min(1), configId: z.string().min(1), archived: z.boolean() });

/** The form's value text → what checkAgainstConfig expects for the config's type. */
export function parseScoreValue(config: Pick<ScoreConfigView, "dataType">, text: string): number | string {
  const t = text.trim();
  if (config.dataType === "CATEGORICAL") return t;
  if (config.dataType === "BOOLEAN") return /^(true|1|yes)$/i.test(t) ? 1 : /^(false|0|no)$/i.test(t) ? 0 : Number.NaN;
  return t === "" ? Number.NaN : Number(t);
}

/** The choices a reviewer picks with keys 1-9 (categorical and boolean configs). */
export function configOptions(config: Pick<ScoreConfigView, "dataType" | "categories">): { label: string; value: string }[] {
  if (config.dataType === "BOOLEAN") return [{ label: "True", value: "1" }, { label: "False", value: "0" }];
  if (config.dataType === "CATEGORICAL") return config.categories.map((c) => ({ label: c.label, value: c.label }));
  return [];
}

/** One-line summary of a config's range or categories. */
export function describeConfig(c: Pick<ScoreConfigView, "dataType" | "minValue" | "maxValue" | "categories">): string {
  if (c.dataType === "BOOLEAN") return "true / false";
  if (c.dataType === "CATEGORICAL") return c.categories.map((x) => `${x.label} (${x.value})`).join(", ");
  const min = c.minValue ?? "−∞";
  const max = c.maxValue ?? "∞";
  return c.minValue === null && c.maxValue === null ? "any number" : `${min} … ${max}`;
}

/** A score as the annotation panel shows it (plain data, dates as ISO strings). */
export interface ScoreView {
  id: string;
  name: string;
  dataType: string;
  value: number | null;
  stringValue: string | null;
  source: string;
  comment: string | null;
  configId: string | null;
  queueId: string | null;
  authorUserId: string | null;
  authorName: string | null;
  timestamp: string;
}

/** The value as a reviewer reads it: the label for categories and booleans, the number otherwise, a correction's text. */
export function scoreDisplay(s: Pick<ScoreView, "dataType" | "value" | "stringValue">): string {
  if (s.dataType === "NUMERIC") return formatScore(s.value);
  if (s.dataType === "CORRECTION") return s.stringValue ?? "";
  return s.stringValue ?? (s.value === null ? "—" : String(s.value));
}

/**
 * Bounds of `POST /api/public/scores` shared with the batch API (lib/ingest/limits.ts):
 * ids and references within the id limit, the environment by Langfuse's rule
 * (absent means "default"), metadata no deeper than the payload depth limit.
 */
export const scoreBodyFields = {
  id: idSchema.max(200).optional(),
  traceId: refIdSchema.min(1).optional(),
  observationId: refIdSchema.min(1).optional(),
  sessionId: refIdSchema.min(1).optional(),
  datasetRunId: refIdSchema.min(1).optional(),
  environment: environmentSchema.optional(),
  metadata: z
    .record(z.string(), z.unknown())
    .superRefine((value, ctx) => {
      const problem = depthProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional()
    .nullable(),
};

/** A reviewer's correction of an output (a CORRECTION score), as the editor and promotion see it. */
export interface CorrectionView {
  id: string;
  traceId: string;
  observationId: string | null;
  value: string;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The object a correction is on: a trace or an observation (never a session). */
const correctionRef = {
  projectId: z.string().min(1),
  objectType: z.enum(["TRACE", "OBSERVATION"], { message: "A correction belongs to a trace or an observation" }),
  objectId: z.string().min(1).max(LIMITS.idLength),
};

/** Save (or rewrite) the reviewer's correction; the text is kept exactly as typed. */
export const saveCorrectionSchema = z.object({
  ...correctionRef,
  value: z
    .string()
    .refine((v) => v.trim() !== "", "Enter the corrected output (or clear the correction)")
    .refine((v) => v.length <= LIMITS.correctionLength, `A correction is at most ${LIMITS.correctionLength.toLocaleString("en-US")} characters`),
  queueId: z.string().min(1).max(LIMITS.idLength).optional(),
});

export const clearCorrectionSchema = z.object(correctionRef);
