// The users table's URL: a search on the user id and a time range, as trace
// conditions of the one filter model (a user's figures are the sums over the
// traces kept), read with the one codec. Pure (no server imports).
import type { Filter } from "../query/filter";
import { dateField, decodeFilter, filterParams, textField, type FilterIssue, type SearchParamsRecord, type UrlField } from "../query/url";
import { RANGE_PARAM, resolveTimeRange, type TimeRangeKind } from "../time-range";

export const USER_URL_FIELDS: readonly UrlField[] = [
  textField("q", "userId", "contains"),
  dateField("from", "timestamp", ">="),
  dateField("to", "timestamp", "<="),
];

/** Every param the users filter may use. */
export const USER_FILTER_PARAMS: readonly string[] = [RANGE_PARAM, ...filterParams(USER_URL_FIELDS)];

export interface UserView {
  filter: Filter;
  range: TimeRangeKind;
  issues: FilterIssue[];
  filtered: boolean;
}

/** The users page's filter: a bad value drops only its own condition; custom bounds win over a preset. */
export function parseUserView(params: SearchParamsRecord, now: Date = new Date()): UserView {
  const { filter, issues } = decodeFilter(params, USER_URL_FIELDS);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const { range: preset, issue } = resolveTimeRange({ range: first(params[RANGE_PARAM]) }, now);
  if (issue) issues.push({ param: RANGE_PARAM, message: issue });
  const custom = filter.some((c) => c.type === "datetime");
  if (!custom && preset.from) filter.push({ type: "datetime", column: "timestamp", operator: ">=", value: preset.from });
  const filtered = USER_FILTER_PARAMS.some((p) => params[p] !== undefined && params[p] !== "");
  return { filter, range: custom ? "custom" : preset.kind, issues, filtered };
}
