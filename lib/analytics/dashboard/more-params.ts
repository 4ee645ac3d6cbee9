// TEMPORARY (until dash-core's params.ts and filter.ts land): the minimal
// dashboard params the quality, steps and top loaders take, and a per-view
// mapping of the traces-table filter. Replaced by the shared ones on merge.
import type { Filter, FilterCondition } from "../../query/filter";
import type { Granularity, MetricView } from "../query-schema";

export interface SectionParams {
  from: Date;
  to: Date;
  granularity: Granularity;
  /** The traces-table conditions (TRACE_URL_FIELDS). */
  filter: Filter;
}

const RENAMES: Record<"observations" | "scores", Record<string, string>> = {
  observations: { name: "traceName", release: "traceRelease", version: "traceVersion", model: "providedModelName" },
  scores: { name: "traceName", release: "traceRelease", version: "traceVersion", model: "observationModelName" },
};
const KEEP = new Set(["userId", "sessionId", "tags", "environment", "metadata"]);

export function viewFilter(filter: Filter, view: MetricView): Filter {
  if (view === "traces") return filter.filter((c) => c.type !== "datetime");
  const renames = RENAMES[view === "observations" ? "observations" : "scores"];
  const out: FilterCondition[] = [];
  for (const c of filter) {
    if (c.type === "datetime") continue;
    if (KEEP.has(c.column)) out.push(c);
    else if (renames[c.column]) out.push({ ...c, column: renames[c.column] });
  }
  return out;
}
