"use client";
// The "Filters" panel of the traces table and the dashboard: a form of the
// fields it is given, read from and applied to the URL (a view is a link), and
// the chips of the active filters, each removing its own value. The caller
// places the panel in its toolbar and the chips under it.
import { useSearchParams } from "next/navigation";
import { useRef, type FormEvent, type ReactNode } from "react";
import { activeChips, chipText, panelUpdates, removeChipUpdate, type PanelField } from "./filter-fields";
import { useUrlNav } from "./use-url-nav";

const getAllOf = (sp: Pick<URLSearchParams, "getAll"> | null) => (param: string) => sp?.getAll(param) ?? [];

export interface FilterPanelProps {
  fields: readonly PanelField[];
  /** Params outside the panel that still count in the badge and show as chips, with their labels. */
  chipParams: Record<string, string>;
  /** The form's accessible name. */
  formLabel: string;
  /** Suggestions for the name field (a datalist with this id). */
  names?: { id: string; options: readonly string[] };
  /** Help under the fields (the operators a score condition takes). */
  hint?: ReactNode;
}

export function FilterPanel({ fields, chipParams, formLabel, names, hint }: FilterPanelProps) {
  const sp = useSearchParams();
  const { setParams } = useUrlNav();
  const panel = useRef<HTMLDetailsElement>(null);
  const count = activeChips(fields, chipParams, getAllOf(sp)).length;
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setParams(panelUpdates(fields, (p) => form.get(p)));
    if (panel.current) panel.current.open = false;
  };
  return (
    <details className="menu" ref={panel}>
      <summary className="btn btn-secondary">
        Filters{count > 0 && <span className="badge b-info">{count}</span>}
      </summary>
      <div className="menu-panel" style={{ width: 520, padding: 12 }}>
        {/* key: re-mount with the URL's values after every navigation */}
        <form key={sp?.toString()} className="form" onSubmit={apply} aria-label={formLabel}>
          <div className="grid-2" style={{ gap: 8 }}>
            {fields.map(({ param, label, placeholder, repeated }) => (
              <label key={param} className="field" style={repeated ? { gridColumn: "1 / -1" } : undefined}>
                <span className="label">{label}</span>
                {repeated ? (
                  <textarea className="textarea mono" name={param} rows={2} placeholder={placeholder} defaultValue={(sp?.getAll(param) ?? []).join("\n")} />
                ) : (
                  <input className="input" name={param} placeholder={placeholder} defaultValue={sp?.get(param) ?? ""} list={param === "name" ? names?.id : undefined} />
                )}
              </label>
            ))}
          </div>
          {names && (
            <datalist id={names.id}>
              {names.options.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          )}
          {hint}
          <div className="row">
            <span className="spacer" />
            <button type="submit" className="btn btn-primary btn-sm">
              Apply filters
            </button>
          </div>
        </form>
      </div>
    </details>
  );
}

/** The active filters as chips (nothing when none); `maxChars` cuts long values, the whole value on hover. */
export function FilterChips({ fields, chipParams, maxChars }: Pick<FilterPanelProps, "fields" | "chipParams"> & { maxChars?: number }) {
  const sp = useSearchParams();
  const { setParams } = useUrlNav();
  const chips = activeChips(fields, chipParams, getAllOf(sp));
  if (chips.length === 0) return null;
  return (
    <div className="row wrap gap-1" aria-label="Active filters">
      {chips.map((chip) => {
        const text = chipText(chip, maxChars);
        return (
          <span key={`${chip.param}=${chip.value}`} className="badge b-info" title={chip.value}>
            {chip.label}: {text}
            <button type="button" className="link" aria-label={`Remove filter ${chip.label} ${text}`} onClick={() => setParams(removeChipUpdate(chip, getAllOf(sp)))}>
              ×
            </button>
          </span>
        );
      })}
    </div>
  );
}
