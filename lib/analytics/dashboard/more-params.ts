// TEMPORARY (until dash-core's params.ts and filter.ts land): the dashboard
// params the quality, steps and top loaders need, and the per-view filter
// mapping with dash-core's answer shape. Replaced by the shared ones on merge.
import type { Filter, FilterCondition } from "../../query/filter";
import type { BucketUnit } from "../granularity";
import type { Granularity, MetricView } from "../query-schema";

export interface SectionParams {
  from: Date;
  to: Date;
  granularity: Granularity;
  unit?: BucketUnit;
  /** The traces-table conditions (TRACE_URL_FIELDS). */
  filter: Filter;
}

export interface NotApplicable {
  condition: FilterCondition;
  reason: string;
}
export type ViewFilter = { ok: true; filters: Filter } | { ok: false; notApplicable: NotApplicable[] };

const RENAMES: Record<string, string> = { name: "traceName", release: "traceRelease", version: "traceVersion", id: "traceId" };
const KEEP = new Set(["userId", "sessionId", "tags", "environment", "metadata"]);

export function viewFilter(filter: Filter, view: MetricView): ViewFilter {
  const filters: FilterCondition[] = [];
  const notApplicable: NotApplicable[] = [];
  for (const c of filter) {
    if (c.type === "datetime") continue;
    if (view === "traces" || KEEP.has(c.column)) filters.push(c);
    else if (RENAMES[c.column]) filters.push({ ...c, column: RENAMES[c.column] });
    else if (view === "observations" && c.column === "model") filters.push({ ...c, column: "providedModelName" });
    else notApplicable.push({ condition: c, reason: `${c.column} cannot be applied to ${view}` });
  }
  return notApplicable.length ? { ok: false, notApplicable } : { ok: true, filters };
}
