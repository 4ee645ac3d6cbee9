// A click on a quality or steps figure → the traces table showing the traces
// behind it: the dashboard's filter and range (the table's from / to), plus
// the figure's own conditions (a score bucket, a category, a step). Pure.
import type { Filter, FilterCondition } from "../../query/filter";
import { encodeFilter } from "../../query/url";
import { tracesHref as dashboardTracesHref } from "./params";
import { OBSERVATION_URL_FIELDS } from "../../observations/view";

/** The traces table over explicit bounds [from, to) (a section's range has no preset): the dashboard's own link builder. */
export function tracesHref(projectId: string, range: { from: Date; to: Date }, filter: Filter, extra: readonly FilterCondition[] = []): string {
  const own = filter.filter((c) => !(c.type === "datetime" && c.column === "timestamp"));
  return dashboardTracesHref(projectId, { range: "custom", from: range.from, to: range.to, filter: own }, { conditions: extra });
}

/** The traces whose score `name` falls in a histogram bin: [lower, upper), the last bin [lower, upper]. */
export function scoreBinConditions(name: string, bin: { lower: number; upper: number; last: boolean }): FilterCondition[] {
  return [
    { type: "numericScore", column: "score", key: name, operator: ">=", value: bin.lower },
    { type: "numericScore", column: "score", key: name, operator: bin.last ? "<=" : "<", value: bin.upper },
  ];
}

/** The traces whose score `name` is a label (categorical) or true / false (boolean). */
export function scoreValueCondition(name: string, dataType: "CATEGORICAL" | "BOOLEAN", value: string): FilterCondition {
  return dataType === "BOOLEAN"
    ? { type: "booleanScore", column: "score", key: name, operator: "=", value: value === "true" }
    : { type: "categoricalScore", column: "score", key: name, operator: "=", value };
}

/**
 * A step's observations: the observations list with the step's name and type over the range. That list
 * filters observations by their own fields only, so the dashboard's trace filter does not travel there.
 */
export function stepObservationsHref(projectId: string, range: { from: Date; to: Date }, step: { name: string | null; type: string | null }): string {
  const conditions: Filter = [
    { type: "datetime", column: "startTime", operator: ">=", value: range.from },
    { type: "datetime", column: "startTime", operator: "<=", value: new Date(range.to.getTime() - 1) },
  ];
  if (step.type) conditions.push({ type: "string", column: "type", operator: "=", value: step.type });
  if (step.name !== null) conditions.push({ type: "stringOptions", column: "name", operator: "any of", value: [step.name] });
  const q = new URLSearchParams();
  for (const [param, values] of Object.entries(encodeFilter(conditions, OBSERVATION_URL_FIELDS))) for (const v of values) q.append(param, v);
  return `/${encodeURIComponent(projectId)}/observations?${q.toString()}`;
}
