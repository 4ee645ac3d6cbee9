// A rule's conditions in the traces table's URL codec: the rule form edits the
// same params the table's filters write (level, name, tags, score, metadata,
// model, latency and cost ranges…), and "Create a rule from this view" carries
// the table's query string as it stands. Pure (the form runs it in the browser too).
import type { Filter } from "../../query/filter";
import { decodeFilter, encodeFilter, FILTER_PARAM, type FilterIssue, type SearchParamsRecord } from "../../query/url";
import { TRACE_URL_FIELDS } from "../../traces/filter";

/** The table's fields without its time bounds: a rule runs on what arrives; a fixed window, if wanted, is a JSON condition. */
export const RULE_URL_FIELDS = TRACE_URL_FIELDS.filter((f) => f.param !== "from" && f.param !== "to");

/** The params the rule form shows as fields; every other condition is one JSON line under FILTER_PARAM. */
export const RULE_FORM_PARAMS = [...RULE_URL_FIELDS.map((f) => f.param), FILTER_PARAM];

export function decodeConditions(params: SearchParamsRecord): { filter: Filter; issues: FilterIssue[] } {
  return decodeFilter(params, RULE_URL_FIELDS);
}

/** A filter as the form's params (param → values). */
export function encodeConditions(filter: Filter): Record<string, string[]> {
  return encodeFilter(filter, RULE_URL_FIELDS);
}

/**
 * The traces table's view as a rule's starting filter: every condition it shows,
 * its custom bounds as JSON conditions; a relative time range ("last 24 hours")
 * is left out and said so.
 */
export function conditionsFromView(params: SearchParamsRecord): { filter: Filter; issues: FilterIssue[]; droppedRange: boolean } {
  const { filter, issues } = decodeFilter(params, TRACE_URL_FIELDS);
  const range = params.range;
  return { filter, issues, droppedRange: typeof range === "string" ? range !== "" && range !== "all" : Array.isArray(range) && range.length > 0 };
}
