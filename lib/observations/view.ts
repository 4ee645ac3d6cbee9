// The observations list's view of the one filter model: its URL fields (type,
// name, model, level, time range) and the page's filter from search params.
// Pure (no server imports): the page, the table and the bulk job share it.
import { LEVELS, OBSERVATION_TYPES } from "../ingest/events";
import type { Filter } from "../query/filter";
import { dateField, decodeFilter, enumField, filterParams, optionsField, textField, type FilterIssue, type SearchParamsRecord, type UrlField } from "../query/url";
import { RANGE_PARAM, resolveTimeRange, type TimeRangeKind } from "../time-range";

export const OBSERVATION_URL_FIELDS: readonly UrlField[] = [
  enumField("type", "type", OBSERVATION_TYPES),
  optionsField("name", "name", "stringOptions", "any of"),
  textField("model", "model", "starts with"),
  enumField("level", "level", LEVELS),
  dateField("from", "startTime", ">="),
  dateField("to", "startTime", "<="),
];

export const OBSERVATION_FILTER_PARAMS: readonly string[] = [RANGE_PARAM, ...filterParams(OBSERVATION_URL_FIELDS)];

export interface ObservationView {
  filter: Filter;
  range: TimeRangeKind;
  issues: FilterIssue[];
  filtered: boolean;
}

/** The filter from the page's search params; a relative range ("24h") counts back from `now`. */
export function parseObservationView(params: SearchParamsRecord, now: Date = new Date()): ObservationView {
  const { filter, issues } = decodeFilter(params, OBSERVATION_URL_FIELDS);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const { range: preset, issue } = resolveTimeRange({ range: first(params[RANGE_PARAM]) }, now);
  if (issue) issues.push({ param: RANGE_PARAM, message: issue });
  const custom = filter.some((c) => c.type === "datetime");
  if (!custom && preset.from) filter.push({ type: "datetime", column: "startTime", operator: ">=", value: preset.from });
  const filtered = OBSERVATION_FILTER_PARAMS.some((p) => params[p] !== undefined && params[p] !== "");
  return { filter, range: custom ? "custom" : preset.kind, issues, filtered };
}

export interface ObservationListRow {
  id: string;
  traceId: string;
  type: string;
  name: string | null;
  model: string | null;
  level: string;
  startTime: string;
  latencyMs: number | null;
  totalTokens: number;
  totalCost: number | null;
}
