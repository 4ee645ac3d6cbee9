"use client";
// Per target field: where its value comes from (a source field, optionally a
// JSON path into it; a literal; or nothing), with the field's error beside it.
import { SOURCE_FIELD_LABELS, SOURCE_FIELDS, TARGET_FIELDS, type TargetField } from "@/lib/datasets/mapping";
import { Input, Select, Textarea } from "../ui/input";
import { TARGET_LABELS, type FieldChoice, type FieldDraft, type MappingDraft } from "./mapping-form";

const CHOICES = [
  ...SOURCE_FIELDS.map((f) => ({ value: f, label: SOURCE_FIELD_LABELS[f] })),
  { value: "literal", label: "A literal (JSON)" },
  { value: "none", label: "Nothing" },
];

export function MappingEditor({ draft, errors, onChange }: { draft: MappingDraft; errors: Partial<Record<TargetField, string>>; onChange: (d: MappingDraft) => void }) {
  const set = (t: TargetField, patch: Partial<FieldDraft>) => onChange({ ...draft, [t]: { ...draft[t], ...patch } });
  return (
    <fieldset className="promote-mapping">
      <legend className="label">Mapping</legend>
      {TARGET_FIELDS.map((t) => {
        const d = draft[t];
        const id = `map-${t}`;
        return (
          <div key={t} className="promote-map-row">
            <label className="strong small" htmlFor={`${id}-from`}>
              {TARGET_LABELS[t]} ←
            </label>
            <div className="col gap-1">
              <div className="row gap-1">
                <Select id={`${id}-from`} size="sm" value={d.from} options={CHOICES} onChange={(e) => set(t, { from: e.target.value as FieldChoice })} aria-invalid={!!errors[t] || undefined} />
                {d.from !== "literal" && d.from !== "none" && (
                  <Input
                    size="sm"
                    className="mono grow"
                    placeholder="JSON path (optional), e.g. $.messages[0].content"
                    aria-label={`${TARGET_LABELS[t]}: JSON path`}
                    value={d.path}
                    onChange={(e) => set(t, { path: e.target.value })}
                  />
                )}
              </div>
              {d.from === "literal" && (
                <Textarea mono rows={2} aria-label={`${TARGET_LABELS[t]}: literal JSON`} placeholder='"text", 42, {"k": 1}' value={d.literal} onChange={(e) => set(t, { literal: e.target.value })} />
              )}
              {errors[t] && (
                <span className="error-text" role="alert">
                  {TARGET_LABELS[t]}: {errors[t]}
                </span>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
