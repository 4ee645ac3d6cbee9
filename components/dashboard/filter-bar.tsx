"use client";
// The dashboard's controls, all in the URL (a view is a link): the range (a
// preset or custom UTC bounds), the granularity, and the traces table's
// filters under the same params, so "Open in traces" carries them as they are.
// Active filters show as chips that remove them.
import { useSearchParams } from "next/navigation";
import { DASHBOARD_PANEL_FIELDS } from "@/components/data-table/filter-fields";
import { FilterChips, FilterPanel } from "@/components/data-table/filter-panel";
import { useUrlNav } from "@/components/data-table/use-url-nav";
import { ClearFilters, SelectFilter } from "@/components/data-table/url-filters";
import { UtcTimeInput } from "@/components/ui/utc-time-input";
import { DASHBOARD_FILTER_PARAMS, DASHBOARD_GRANULARITIES, DEFAULT_RANGE, GRANULARITY_PARAM } from "@/lib/analytics/dashboard/params";
import { defaultCustomFrom, RANGE_PARAM, TIME_PRESETS } from "@/lib/time-range";

// Chips for the level select too, and for JSON conditions no field owns (a click-through's exact model).
const CHIP_PARAMS = { level: "Level", filter: "Condition" };
const GRANULARITY_LABEL: Record<string, string> = { auto: "Auto granularity", hour: "By hour", day: "By day", week: "By week" };

export function DashboardFilterBar({ traceNames = [] }: { traceNames?: readonly string[] }) {
  const sp = useSearchParams();
  const { setParams, pending } = useUrlNav();
  const from = sp?.get("from") ?? null;
  const to = sp?.get("to") ?? null;
  const range = from ? "custom" : (sp?.get(RANGE_PARAM) ?? DEFAULT_RANGE);

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
        <FilterPanel fields={DASHBOARD_PANEL_FIELDS} chipParams={CHIP_PARAMS} formLabel="Dashboard filters" names={{ id: "dash-trace-names", options: traceNames }} />
        <ClearFilters params={DASHBOARD_FILTER_PARAMS} />
      </div>
      <FilterChips fields={DASHBOARD_PANEL_FIELDS} chipParams={CHIP_PARAMS} maxChars={60} />
    </div>
  );
}
