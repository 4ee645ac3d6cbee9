// A saved traces filter (a promotion rule's, a live evaluator's) in the traces
// table's URL codec: the forms edit the
// same params the table's filters write (level, name, tags, score, metadata,
// model, latency and cost ranges…), and "Create a rule from this view" carries
// the table's query string as it stands. Pure (the form runs it in the browser too).
import type { Filter } from "../query/filter";
import { DomainError } from "../errors";
import { decodeFilter, encodeFilter, FILTER_PARAM, queryToRecord, type FilterIssue, type SearchParamsRecord } from "../query/url";
import { TRACE_URL_FIELDS } from "./filter";

/** The table's fields without its time bounds: a rule runs on what arrives; a fixed window, if wanted, is a JSON condition. */
export const RULE_URL_FIELDS = TRACE_URL_FIELDS.filter((f) => f.param !== "from" && f.param !== "to");

/** The params the rule form shows as fields; every other condition is one JSON line under FILTER_PARAM. */
export const RULE_FORM_PARAMS = [...RULE_URL_FIELDS.map((f) => f.param), FILTER_PARAM];

export function decodeConditions(params: SearchParamsRecord): { filter: Filter; issues: FilterIssue[] } {
  return decodeFilter(params, RULE_URL_FIELDS);
}

/** The conditions a form sends (a query string) as the filter, or a refusal naming each param that does not read, at the form's `conditions` field. */
export function conditionsFilter(text: string): Filter {
  const { filter, issues } = decodeConditions(queryToRecord(text));
  if (issues.length) throw new DomainError("invalid", issues.map((i) => `${i.param}: ${i.message}`).join(" · "), { path: "conditions" });
  return filter;
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
