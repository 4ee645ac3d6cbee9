// The mapping as the dialog edits it (text fields), and its conversion to a
// Mapping with an error per target field. Pure, shared by the editor and the dialog.
import { DEFAULT_MAPPING, mappingSchema, TARGET_FIELDS, type FieldMapping, type Mapping, type TargetField } from "@/lib/datasets/mapping";

export type FieldChoice = FieldMapping["from"];
export interface FieldDraft {
  from: FieldChoice;
  path: string;
  literal: string;
}
export type MappingDraft = Record<TargetField, FieldDraft>;

export const TARGET_LABELS: Record<TargetField, string> = { input: "Input", expectedOutput: "Expected output", metadata: "Metadata" };

export function draftOf(m: Mapping = DEFAULT_MAPPING): MappingDraft {
  const one = (f: FieldMapping): FieldDraft => ({
    from: f.from,
    path: "path" in f ? (f.path ?? "") : "",
    literal: f.from === "literal" ? JSON.stringify(f.value ?? null) : "",
  });
  return { input: one(m.input), expectedOutput: one(m.expectedOutput), metadata: one(m.metadata) };
}

/** The draft as a Mapping, or the problem of each field (a literal that is not JSON, a path that does not parse). */
export function mappingOf(draft: MappingDraft): { mapping: Mapping | null; errors: Partial<Record<TargetField, string>> } {
  const errors: Partial<Record<TargetField, string>> = {};
  const raw: Record<string, unknown> = {};
  for (const t of TARGET_FIELDS) {
    const d = draft[t];
    if (d.from === "none") raw[t] = { from: "none" };
    else if (d.from === "literal") {
      try {
        raw[t] = { from: "literal", value: JSON.parse(d.literal) };
      } catch {
        errors[t] = 'the literal must be JSON, e.g. "text", 42, {"k": 1} or null';
      }
    } else raw[t] = d.path.trim() ? { from: d.from, path: d.path.trim() } : { from: d.from };
  }
  if (Object.keys(errors).length) return { mapping: null, errors };
  const parsed = mappingSchema.safeParse(raw);
  if (parsed.success) return { mapping: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    const t = issue.path[0] as TargetField;
    const what = issue.path[1] === "path" ? "path" : issue.path[1] === "value" ? "literal" : "value";
    errors[t] ??= `${what} ${issue.message}`;
  }
  return { mapping: null, errors };
}
