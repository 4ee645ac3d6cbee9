// The sessions view of the one filter model: the URL fields its links use, the
// shorthand → conditions mapping, and the page's view (filter, range, issues).
// Pure (no server imports).
import type { Filter, FilterCondition } from "../query/filter";
import { booleanField, dateField, decodeFilter, filterParams, optionsField, textField, type FilterIssue, type SearchParamsRecord, type UrlField } from "../query/url";
import { RANGE_PARAM, resolveTimeRange, type TimeRangeKind } from "../time-range";
import type { SessionFilter } from "./schemas";

/** ?errors=true|false: sessions with or without an error. */
const errorsField: UrlField = {
  param: "errors",
  decode: (raw) => (raw === "true" || raw === "false" ? { type: "number", column: "errorCount", operator: raw === "true" ? ">" : "=", value: 0 } : "must be true or false"),
  owns: (c) => c.type === "number" && c.column === "errorCount" && c.value === 0 && (c.operator === ">" || c.operator === "="),
  encode: (c) => String(c.operator === ">"),
};

export const SESSION_URL_FIELDS: readonly UrlField[] = [
  textField("q", "id", "contains"),
  optionsField("userId", "userIds", "arrayOptions", "any of", true),
  optionsField("environment", "environments", "arrayOptions", "any of", true),
  errorsField,
  booleanField("bookmarked", "bookmarked"),
  // Sessions with activity in [from, to]: the last trace at or after `from`, the first at or before `to`.
  dateField("from", "lastTimestamp", ">="),
  dateField("to", "firstTimestamp", "<="),
];

/** Every param the sessions filter may use. */
export const SESSION_FILTER_PARAMS: readonly string[] = [RANGE_PARAM, ...filterParams(SESSION_URL_FIELDS)];

/** The shorthand as conditions (an array is already a filter). */
export function sessionConditions(f: Filter | SessionFilter): Filter {
  if (Array.isArray(f)) return f;
  const out: FilterCondition[] = [];
  if (f.q !== undefined) out.push({ type: "string", column: "id", operator: "contains", value: f.q });
  if (f.userId !== undefined) out.push({ type: "arrayOptions", column: "userIds", operator: "any of", value: [f.userId] });
  if (f.environment !== undefined) out.push({ type: "arrayOptions", column: "environments", operator: "any of", value: [f.environment] });
  if (f.errors !== undefined) out.push({ type: "number", column: "errorCount", operator: f.errors ? ">" : "=", value: 0 });
  if (f.bookmarked !== undefined) out.push({ type: "boolean", column: "bookmarked", operator: "=", value: f.bookmarked });
  if (f.from) out.push({ type: "datetime", column: "lastTimestamp", operator: ">=", value: f.from });
  if (f.to) out.push({ type: "datetime", column: "firstTimestamp", operator: "<=", value: f.to });
  return out;
}

export interface SessionView {
  filter: Filter;
  range: TimeRangeKind;
  issues: FilterIssue[];
  filtered: boolean;
}

/** The sessions page's filter from its search params: the same codec and time ranges as the traces table. */
export function parseSessionView(params: SearchParamsRecord, now: Date = new Date()): SessionView {
  const { filter, issues } = decodeFilter(params, SESSION_URL_FIELDS);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const { range: preset, issue } = resolveTimeRange({ range: first(params[RANGE_PARAM]) }, now);
  if (issue) issues.push({ param: RANGE_PARAM, message: issue });
  const custom = filter.some((c) => c.type === "datetime");
  if (!custom && preset.from) filter.push({ type: "datetime", column: "lastTimestamp", operator: ">=", value: preset.from });
  const filtered = SESSION_FILTER_PARAMS.some((p) => params[p] !== undefined && params[p] !== "");
  return { filter, range: custom ? "custom" : preset.kind, issues, filtered };
}
