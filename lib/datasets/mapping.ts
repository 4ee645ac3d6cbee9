// How a trace or observation becomes an item: per target field, the whole
// source field, a JSON path into it, a literal, or nothing. Pure: the promote
// dialog previews with it in the browser, promotion and rules apply it on the server.
import { z } from "zod";
import { jsonValueSchema } from "./schemas";

/** Where a target field's value comes from. */
export const SOURCE_FIELDS = ["input", "output", "metadata", "correction", "correctionOrOutput"] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

export const SOURCE_FIELD_LABELS: Record<SourceField, string> = {
  input: "Input",
  output: "Output",
  metadata: "Metadata",
  correction: "Reviewer's correction",
  correctionOrOutput: "Correction, else output",
};

const pathSchema = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .refine((p) => p === "" || parsePath(p) !== null, "must look like $.messages[0].content")
  .optional();

export const fieldMappingSchema = z.discriminatedUnion("from", [
  z.strictObject({ from: z.enum(SOURCE_FIELDS), path: pathSchema }),
  z.strictObject({ from: z.literal("literal"), value: jsonValueSchema }),
  z.strictObject({ from: z.literal("none") }),
]);
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const TARGET_FIELDS = ["input", "expectedOutput", "metadata"] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export const mappingSchema = z.strictObject({
  input: fieldMappingSchema,
  expectedOutput: fieldMappingSchema,
  metadata: fieldMappingSchema,
});
export type Mapping = z.infer<typeof mappingSchema>;

/** input ← input, expected output ← the reviewer's correction if there is one, else output, metadata ← none. */
export const DEFAULT_MAPPING: Mapping = {
  input: { from: "input" },
  expectedOutput: { from: "correctionOrOutput" },
  metadata: { from: "none" },
};

/** What promotion reads from a trace or an observation. */
export interface PromotionSource {
  traceId: string;
  observationId: string | null;
  input: unknown;
  output: unknown;
  metadata: unknown;
  /** the latest CORRECTION score on this trace (observationId null) or observation */
  correction: { scoreId: string; value: string; updatedAt: string } | null;
}

type Step = string | number;

/** `$.a.b[0]["c d"]` (the `$` optional) → ["a", "b", 0, "c d"]; null when it does not parse. */
export function parsePath(path: string): Step[] | null {
  let s = path.trim();
  if (s.startsWith("$")) s = s.slice(1);
  const steps: Step[] = [];
  const token = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([A-Za-z_$][\w$-]*))/;
  while (s.length) {
    const m = token.exec(s);
    // A bare name ("messages") only starts a path; after that each step is .name, [n] or ["key"].
    if (!m || (m[4] !== undefined && steps.length > 0)) return null;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== undefined) steps.push(JSON.parse(m[3]) as string);
    else steps.push(m[4]);
    s = s.slice(m[0].length);
  }
  return steps;
}

/** The value at the path, or undefined when the path leads nowhere. */
export function atPath(value: unknown, steps: Step[]): unknown {
  let cur = value;
  for (const step of steps) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, step)) return undefined;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return cur;
}

export type MappedItem = { input: unknown; expectedOutput: unknown; metadata: unknown; usedCorrection: boolean };

/** The item a source becomes, or the reason it cannot (a path that leads nowhere). */
export function applyMapping(mapping: Mapping, source: PromotionSource): { ok: true; item: MappedItem } | { ok: false; reason: string } {
  let usedCorrection = false;
  const out: Partial<MappedItem> = {};
  for (const target of TARGET_FIELDS) {
    const m = mapping[target];
    if (m.from === "none") {
      out[target] = null;
      continue;
    }
    if (m.from === "literal") {
      out[target] = m.value ?? null;
      continue;
    }
    const from: "input" | "output" | "metadata" | "correction" = m.from === "correctionOrOutput" ? (source.correction ? "correction" : "output") : m.from;
    if (from === "correction" && !source.correction) return { ok: false, reason: `${target}: this ${source.observationId ? "observation" : "trace"} has no correction` };
    if (from === "correction") usedCorrection = true;
    const whole = from === "correction" ? source.correction!.value : source[from];
    if (!m.path) {
      out[target] = whole ?? null;
      continue;
    }
    const value = atPath(whole, parsePath(m.path) ?? []);
    if (value === undefined) return { ok: false, reason: `${target}: ${from} has nothing at ${m.path}` };
    out[target] = value;
  }
  return { ok: true, item: { input: out.input ?? null, expectedOutput: out.expectedOutput ?? null, metadata: out.metadata ?? null, usedCorrection } };
}
