"use client";
// The traces table's filters, all in the URL (so a view is a link). Quick
// filters sit in the toolbar; the rest live in a "Filters" panel, and every
// active one shows as a chip that removes it.
import { useSearchParams } from "next/navigation";
import { TRACE_PANEL_FIELDS } from "@/components/data-table/filter-fields";
import { FilterChips, FilterPanel } from "@/components/data-table/filter-panel";
import { useUrlNav } from "@/components/data-table/use-url-nav";
import { ClearFilters, SearchFilter, SelectFilter } from "@/components/data-table/url-filters";
import { UtcTimeInput } from "@/components/ui/utc-time-input";
import { FILTER_PARAMS } from "@/lib/traces/table-params";
import { defaultCustomFrom, TIME_RANGE_OPTIONS } from "@/lib/time-range";

// `filter`: JSON conditions no field owns (the dashboard's click-through writes an exact model so), shown readable.
const CHIP_PARAMS = { filter: "Condition" };

export function TraceFilters({ traceNames, scoreNames }: { traceNames: string[]; scoreNames: string[] }) {
  const sp = useSearchParams();
  const { setParams } = useUrlNav();
  const from = sp?.get("from") ?? null;
  const to = sp?.get("to") ?? null;
  const range = from || to ? "custom" : (sp?.get("range") ?? "all");
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
        <FilterPanel
          fields={TRACE_PANEL_FIELDS}
          chipParams={CHIP_PARAMS}
          formLabel="More filters"
          names={{ id: "trace-names", options: traceNames }}
          hint={scoreNames.length > 0 && <p className="hint">Scores in this project: {scoreNames.join(", ")}. Operators: = != &lt; &lt;= &gt; &gt;=; booleans as true/false.</p>}
        />
        <ClearFilters params={FILTER_PARAMS} />
      </div>
      <FilterChips fields={TRACE_PANEL_FIELDS} chipParams={CHIP_PARAMS} />
    </div>
  );
}
