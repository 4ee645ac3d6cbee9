// Import options and outcomes: the shapes the import page, its route handler,
// the public API and the IMPORT job share. No server imports.
import { z } from "zod";

export const IMPORT_FORMATS = ["jsonl", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** "valid": write the rows that pass, list the others; "all": write nothing unless every row passes. */
export const IMPORT_MODES = ["valid", "all"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** The item fields a column (CSV) or key (JSONL) can be mapped to. */
export const MAPPED_FIELDS = ["input", "expectedOutput", "metadata", "id"] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * Read as-is when a record has them (so an exported file imports back to the
 * same items); not mappable.
 */
export const PASSTHROUGH_FIELDS = ["status", "sourceTraceId", "sourceObservationId"] as const;

const columnName = z.string().trim().max(500, "must be at most 500 characters").optional().transform((v) => (v ? v : undefined));

/** Per item field, the column or key it is read from (unset: not imported, so an upsert keeps the stored value). */
export const importMappingSchema = z
  .object({ input: columnName, expectedOutput: columnName, metadata: columnName, id: columnName })
  .refine((m) => m.input !== undefined || m.expectedOutput !== undefined, { message: "map a column to input or expected output", path: ["input"] });
export type ImportMapping = { [F in MappedField]?: string };

export const importOptionsSchema = z.object({
  format: z.enum(IMPORT_FORMATS, { message: "must be jsonl or csv" }),
  mode: z.enum(IMPORT_MODES, { message: "must be valid or all" }).default("valid"),
  mapping: importMappingSchema,
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/**
 * The query string of an upload (the import page's route and the public API):
 * format, mode, and the mapping as one parameter per field (`input=question`).
 */
export const importQuerySchema = z
  .object({
    format: z.enum(IMPORT_FORMATS, { message: "must be jsonl or csv" }),
    mode: z.enum(IMPORT_MODES, { message: "must be valid or all" }).default("valid"),
    input: columnName,
    expectedOutput: columnName,
    metadata: columnName,
    id: columnName,
    fileName: z.string().max(300).optional(),
  })
  .transform((q, ctx) => {
    const mapping = importMappingSchema.safeParse({ input: q.input, expectedOutput: q.expectedOutput, metadata: q.metadata, id: q.id });
    if (!mapping.success) {
      ctx.addIssue({ code: "custom", message: "map a column to input or expected output (input=<key> or expectedOutput=<key>)", path: ["input"] });
      return z.NEVER;
    }
    return { options: { format: q.format, mode: q.mode, mapping: mapping.data } satisfies ImportOptions, fileName: q.fileName };
  });

/** The format a file name suggests, or null. */
export function formatFromFilename(name: string): ImportFormat | null {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (ext === "jsonl" || ext === "ndjson" || ext === "json") return "jsonl";
  if (ext === "csv") return "csv";
  return null;
}

/** Names a column or key is taken to mean, for the initial mapping (lowercased, without _ - and spaces). */
const GUESSES: Record<MappedField, string[]> = {
  input: ["input", "inputs", "question", "prompt", "messages"],
  expectedOutput: ["expectedoutput", "expected", "output", "answer", "completion", "target"],
  metadata: ["metadata", "meta"],
  id: ["id", "itemid"],
};

/** A first mapping from the columns found: each field to the first column whose name suggests it. */
export function guessMapping(columns: string[]): ImportMapping {
  const norm = (c: string) => c.toLowerCase().replace(/[\s_-]/g, "");
  const out: Record<string, string | undefined> = {};
  for (const field of MAPPED_FIELDS) out[field] = GUESSES[field].map((g) => columns.find((c) => norm(c) === g)).find(Boolean);
  return out as ImportMapping;
}

/** One problem of one row: the row number (1-based, see README), the item field, what is wrong. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export const describeRowError = (e: RowError) => `row ${e.row}: ${e.field ? `${e.field}: ` : ""}${e.message}`;

export interface PreviewRow {
  row: number;
  /** the item as it will be stored (fields not imported are absent) */
  item: { id?: string; input?: unknown; expectedOutput?: unknown; metadata?: unknown; status?: string } | null;
  errors: RowError[];
}

export interface ImportPreview {
  format: ImportFormat;
  columns: string[];
  mapping: ImportMapping;
  rows: PreviewRow[];
}

/** The IMPORT job's result (job.result). */
export interface ImportResult {
  phase: "checking" | "writing" | "done";
  mode: ImportMode;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export function describeImportResult(r: unknown): string | null {
  if (!r || typeof r !== "object" || !("phase" in r)) return null;
  const x = r as ImportResult;
  if (x.phase === "checking") return "Checking every row before writing (all-or-nothing)…";
  const counts = `${x.created.toLocaleString("en-US")} created, ${x.updated.toLocaleString("en-US")} updated, ${x.failed.toLocaleString("en-US")} failed`;
  const unchanged = x.unchanged ? `, ${x.unchanged.toLocaleString("en-US")} unchanged` : "";
  if (x.phase === "done" && x.mode === "all" && x.failed > 0) return `Nothing imported: ${counts}${unchanged}.`;
  return `${counts}${unchanged}.`;
}
