"use client";
// The dashboard's controls, all in the URL (a view is a link): the range (a
// preset or custom UTC bounds), the granularity, and the traces table's
// filters under the same params, so "Open in traces" carries them as they are.
// Active filters show as chips that remove them.
import { useSearchParams } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { useUrlNav } from "@/components/data-table/use-url-nav";
import { ClearFilters, SelectFilter } from "@/components/data-table/url-filters";
import { UtcTimeInput } from "@/components/ui/utc-time-input";
import { DASHBOARD_FILTER_PARAMS, DASHBOARD_GRANULARITIES, DEFAULT_RANGE, GRANULARITY_PARAM } from "@/lib/analytics/dashboard/params";
import { describeFilterParam } from "@/lib/query/url";
import { defaultCustomFrom, RANGE_PARAM, TIME_PRESETS } from "@/lib/time-range";

/** Panel fields: [param, label, placeholder, repeated (one per line)] — the traces table's params. */
const PANEL: [string, string, string, boolean][] = [
  ["name", "Trace name", "support-chat (comma for several)", false],
  ["userId", "User", "alice@acme.io", false],
  ["sessionId", "Session", "session id", false],
  ["tags", "Tags (all of)", "support, beta", false],
  ["environment", "Environment", "production", false],
  ["release", "Release", "v1.5.0", false],
  ["version", "Version", "", false],
  ["model", "Model", "gpt-4o", false],
  ["metadata", "Metadata key=value (one per line)", "region=eu-west-1", true],
];
const CHIP_LABEL: Record<string, string> = { ...Object.fromEntries(PANEL.map(([p, l]) => [p, l.replace(/ \(.*\)$/, "")])), level: "Level", filter: "Condition" };
const shown = (param: string, value: string) => {
  const text = param === "filter" ? describeFilterParam(value) : value;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};
const GRANULARITY_LABEL: Record<string, string> = { auto: "Auto granularity", hour: "By hour", day: "By day", week: "By week" };

export function DashboardFilterBar({ traceNames = [] }: { traceNames?: readonly string[] }) {
  const sp = useSearchParams();
  const { setParams, pending } = useUrlNav();
  const panel = useRef<HTMLDetailsElement>(null);
  const from = sp?.get("from") ?? null;
  const to = sp?.get("to") ?? null;
  const range = from ? "custom" : (sp?.get(RANGE_PARAM) ?? DEFAULT_RANGE);
  const active = [...PANEL.map(([p]) => p), "level", "filter"].flatMap((param) => (sp?.getAll(param) ?? []).filter(Boolean).map((value) => ({ param, value })));

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const updates: Record<string, string | string[] | null> = {};
    for (const [param, , , repeated] of PANEL) {
      const v = String(form.get(param) ?? "").trim();
      updates[param] = repeated ? v.split("\n").map((l) => l.trim()).filter(Boolean) : v || null;
    }
    setParams(updates);
    if (panel.current) panel.current.open = false;
  };
  const removeChip = (param: string, value: string) => setParams({ [param]: (sp?.getAll(param) ?? []).filter((v) => v !== value) });

  return (
    <div className="dash-filters" aria-busy={pending || undefined}>
      <div className="toolbar">
        <select
          className="select"
          aria-label="Time range"
          value={range}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "custom") setParams({ [RANGE_PARAM]: null, from: defaultCustomFrom(), to: null });
            else setParams({ [RANGE_PARAM]: v === DEFAULT_RANGE ? null : v, from: null, to: null });
          }}
        >
          {TIME_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
        {range === "custom" && (
          <>
            <UtcTimeInput label="From" value={from} key={`f${from}`} onCommit={(iso) => setParams({ from: iso, [RANGE_PARAM]: null })} />
            <span className="faint">–</span>
            <UtcTimeInput label="To" value={to} key={`t${to}`} onCommit={(iso) => setParams({ to: iso, [RANGE_PARAM]: null })} />
          </>
        )}
        <select className="select" aria-label="Granularity" value={sp?.get(GRANULARITY_PARAM) ?? "auto"} onChange={(e) => setParams({ [GRANULARITY_PARAM]: e.target.value === "auto" ? null : e.target.value })}>
          {DASHBOARD_GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {GRANULARITY_LABEL[g]}
            </option>
          ))}
        </select>
        <SelectFilter
          param="level"
          label="Level"
          allLabel="All levels"
          options={[
            { value: "error", label: "Traces with errors" },
            { value: "warning", label: "With warnings or errors" },
          ]}
        />
        <details className="menu" ref={panel}>
          <summary className="btn btn-secondary">
            Filters{active.length > 0 && <span className="badge b-info">{active.length}</span>}
          </summary>
          <div className="menu-panel" style={{ width: 520, padding: 12 }}>
            {/* key: re-mount with the URL's values after every navigation */}
            <form key={sp?.toString()} className="form" onSubmit={apply} aria-label="Dashboard filters">
              <div className="grid-2" style={{ gap: 8 }}>
                {PANEL.map(([param, label, placeholder, repeated]) => (
                  <label key={param} className="field" style={repeated ? { gridColumn: "1 / -1" } : undefined}>
                    <span className="label">{label}</span>
                    {repeated ? (
                      <textarea className="textarea mono" name={param} rows={2} placeholder={placeholder} defaultValue={(sp?.getAll(param) ?? []).join("\n")} />
                    ) : (
                      <input className="input" name={param} placeholder={placeholder} defaultValue={sp?.get(param) ?? ""} list={param === "name" ? "dash-trace-names" : undefined} />
                    )}
                  </label>
                ))}
              </div>
              <datalist id="dash-trace-names">
                {traceNames.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
              <div className="row">
                <span className="spacer" />
                <button type="submit" className="btn btn-primary btn-sm">
                  Apply filters
                </button>
              </div>
            </form>
          </div>
        </details>
        <ClearFilters params={DASHBOARD_FILTER_PARAMS} />
      </div>
      {active.length > 0 && (
        <div className="row wrap gap-1" aria-label="Active filters">
          {active.map(({ param, value }) => (
            <span key={`${param}=${value}`} className="badge b-info" title={value}>
              {CHIP_LABEL[param] ?? param}: {shown(param, value)}
              <button type="button" className="link" aria-label={`Remove filter ${CHIP_LABEL[param] ?? param} ${shown(param, value)}`} onClick={() => removeChip(param, value)}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
