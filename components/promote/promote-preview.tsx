"use client";
// The item exactly as it will be stored: the mapping applied (applyMapping, the
// same function promotion runs) to the real source. Payloads render as text.
import { applyMapping, TARGET_FIELDS, type Mapping, type PromotionSource } from "@/lib/datasets/mapping";
import { sourceLabel } from "@/lib/datasets/promote-schemas";
import { TARGET_LABELS } from "./mapping-form";

const MAX_CHARS = 4000;

function shown(value: unknown): string {
  const text = value === null ? "null" : JSON.stringify(value, null, 2);
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n… (${(text.length - MAX_CHARS).toLocaleString("en-US")} more characters)` : text;
}

export function PromotePreview({ source, mapping, loading, note }: { source: PromotionSource | null; mapping: Mapping | null; loading: boolean; note?: string }) {
  if (loading) return <p className="small muted">Loading the source…</p>;
  if (!source) return <p className="small muted">No source to preview.</p>;
  const head = (
    <p className="small muted">
      Preview of {sourceLabel(source)}
      {note ? ` (${note})` : ""}
    </p>
  );
  if (!mapping) return <div className="promote-preview">{head}<p className="small muted">Fix the mapping to see the item.</p></div>;
  const mapped = applyMapping(mapping, source);
  return (
    <div className="promote-preview" aria-label="Preview">
      {head}
      {!mapped.ok ? (
        <p className="error-text" role="alert">
          This source cannot be promoted with this mapping: {mapped.reason}
        </p>
      ) : (
        <>
          {TARGET_FIELDS.map((t) => (
            <div key={t} className="promote-preview-field">
              <div className="label small">
                {TARGET_LABELS[t]}
                {t === "expectedOutput" && mapped.item.usedCorrection && <span className="badge b-info promote-correction">reviewer&apos;s correction</span>}
              </div>
              <pre className="code" data-field={t}>
                {shown(mapped.item[t])}
              </pre>
            </div>
          ))}
        </>
      )}
    </div>
  );
}
