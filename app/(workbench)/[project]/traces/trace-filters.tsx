"use client";
// The traces table's filters, all in the URL (so a view is a link). Quick
// filters sit in the toolbar; the rest live in a "Filters" panel, and every
// active one shows as a chip that removes it.
import { useSearchParams } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { useUrlNav } from "@/components/data-table/use-url-nav";
import { ClearFilters, SearchFilter, SelectFilter } from "@/components/data-table/url-filters";
import { UtcTimeInput } from "@/components/ui/utc-time-input";
import { describeFilterParam } from "@/lib/query/url";
import { FILTER_PARAMS } from "@/lib/traces/table-params";
import { defaultCustomFrom, TIME_RANGE_OPTIONS } from "@/lib/time-range";

/** Panel fields: [param, label, placeholder, repeated (one per line)] */
export const PANEL: [string, string, string, boolean][] = [
  ["name", "Name", "support-chat (comma for several)", false],
  ["userId", "User", "alice@acme.io", false],
  ["sessionId", "Session", "session id", false],
  ["tags", "Tags (all of)", "support, error", false],
  ["environment", "Environment", "production", false],
  ["experiment", "Experiment run", "run name (environment sdk-experiment)", false],
  ["release", "Release", "v1.5.0", false],
  ["version", "Version", "", false],
  ["model", "Model used", "gpt-4o", false],
  ["minLatency", "Latency from (ms)", "0", false],
  ["maxLatency", "Latency to (ms)", "", false],
  ["minCost", "Cost from (USD)", "0", false],
  ["maxCost", "Cost to (USD)", "", false],
  ["score", "Score conditions (one per line)", "helpfulness<0.5\ncorrect=false", true],
  ["metadata", "Metadata key=value (one per line)", "region=eu-west-1", true],
  // Where the instrumentation health figures link to (lib/traces/missing.ts); shown as a chip like the rest.
  ["missing", "Missing (input, output, model, usage, cost or end)", "usage", false],
];
// `filter`: JSON conditions no field owns (the dashboard's click-through writes an exact model so), shown readable.
const CHIP_LABEL: Record<string, string> = { ...Object.fromEntries(PANEL.map(([p, l]) => [p, l.replace(/ \(.*\)$/, "")])), filter: "Condition" };

export function TraceFilters({ traceNames, scoreNames }: { traceNames: string[]; scoreNames: string[] }) {
  const sp = useSearchParams();
  const { setParams } = useUrlNav();
  const panel = useRef<HTMLDetailsElement>(null);
  const from = sp?.get("from") ?? null;
  const to = sp?.get("to") ?? null;
  const range = from || to ? "custom" : (sp?.get("range") ?? "all");
  const active = [...PANEL.map(([param]) => param), "filter"].flatMap((param) => (sp?.getAll(param) ?? []).filter(Boolean).map((value) => ({ param, value })));

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
  const setTime = (param: "from" | "to", iso: string | null) => setParams({ [param]: iso, range: null });

  return (
    <div className="col gap-2 grow">
      <div className="row wrap gap-2">
        <SearchFilter param="search" placeholder="Search input, output, name or id…" label="Search traces" />
        <select
          className="select"
          aria-label="Time range"
          value={range}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "custom") setParams({ range: null, from: defaultCustomFrom(), to: null });
            else setParams({ range: v === "all" ? null : v, from: null, to: null });
          }}
        >
          {TIME_RANGE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {range === "custom" && (
          <>
            <UtcTimeInput label="From" value={from} key={`f${from}`} onCommit={(iso) => setTime("from", iso)} />
            <span className="faint">–</span>
            <UtcTimeInput label="To" value={to} key={`t${to}`} onCommit={(iso) => setTime("to", iso)} />
          </>
        )}
        <SelectFilter
          param="level"
          label="Level"
          allLabel="All levels"
          options={[
            { value: "error", label: "Has errors" },
            { value: "warning", label: "Has warnings or errors" },
          ]}
        />
        <SelectFilter param="bookmarked" label="Bookmarked" allLabel="Bookmarked or not" options={[{ value: "true", label: "Bookmarked" }, { value: "false", label: "Not bookmarked" }]} />
        <details className="menu" ref={panel}>
          <summary className="btn btn-secondary">
            Filters{active.length > 0 && <span className="badge b-info">{active.length}</span>}
          </summary>
          <div className="menu-panel" style={{ width: 520, padding: 12 }}>
            {/* key: re-mount with the URL's values after every navigation */}
            <form key={sp?.toString()} className="form" onSubmit={apply} aria-label="More filters">
              <div className="grid-2" style={{ gap: 8 }}>
                {PANEL.map(([param, label, placeholder, repeated]) => (
                  <label key={param} className="field" style={repeated ? { gridColumn: "1 / -1" } : undefined}>
                    <span className="label">{label}</span>
                    {repeated ? (
                      <textarea className="textarea mono" name={param} rows={2} placeholder={placeholder} defaultValue={(sp?.getAll(param) ?? []).join("\n")} />
                    ) : (
                      <input className="input" name={param} placeholder={placeholder} defaultValue={sp?.get(param) ?? ""} list={param === "name" ? "trace-names" : undefined} />
                    )}
                  </label>
                ))}
              </div>
              <datalist id="trace-names">
                {traceNames.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
              {scoreNames.length > 0 && <p className="hint">Scores in this project: {scoreNames.join(", ")}. Operators: = != &lt; &lt;= &gt; &gt;=; booleans as true/false.</p>}
              <div className="row">
                <span className="spacer" />
                <button type="submit" className="btn btn-primary btn-sm">
                  Apply filters
                </button>
              </div>
            </form>
          </div>
        </details>
        <ClearFilters params={FILTER_PARAMS} />
      </div>
      {active.length > 0 && (
        <div className="row wrap gap-1" aria-label="Active filters">
          {active.map(({ param, value }) => (
            <span key={`${param}=${value}`} className="badge b-info">
              {CHIP_LABEL[param]}: {param === "filter" ? describeFilterParam(value) : value}
              <button type="button" className="link" aria-label={`Remove filter ${CHIP_LABEL[param]} ${param === "filter" ? describeFilterParam(value) : value}`} onClick={() => removeChip(param, value)}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
