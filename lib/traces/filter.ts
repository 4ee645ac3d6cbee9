// The traces view of the one filter model: the URL fields its links use and
// the shorthand → conditions mapping. Pure (no server imports).
import type { Filter, FilterCondition } from "../query/filter";
import { booleanField, dateField, enumField, metadataField, numberField, optionsField, scoreField, textField, type UrlField } from "../query/url";
import { MISSING_KINDS } from "./missing-kinds";
import type { TraceFilter } from "./schemas";

/** The traces table's search params, in the order its filters show them. */
export const TRACE_URL_FIELDS: readonly UrlField[] = [
  dateField("from", "timestamp", ">="),
  dateField("to", "timestamp", "<="),
  optionsField("name", "name", "stringOptions", "any of"),
  textField("userId", "userId"),
  textField("sessionId", "sessionId"),
  optionsField("tags", "tags", "arrayOptions", "all of"),
  optionsField("environment", "environment", "stringOptions", "any of"),
  textField("experiment", "experiment"),
  textField("release", "release"),
  textField("version", "version"),
  enumField("level", "level", ["error", "warning"]),
  textField("model", "model", "starts with"),
  numberField("minLatency", "latency", ">="),
  numberField("maxLatency", "latency", "<="),
  numberField("minCost", "cost", ">="),
  numberField("maxCost", "cost", "<="),
  scoreField("score", "score"),
  metadataField("metadata", "metadata"),
  booleanField("bookmarked", "bookmarked"),
  textField("search", "search", "contains"),
  // ?missing=usage: traces whose instrumentation left something out (lib/traces/missing.ts).
  enumField("missing", "missing", MISSING_KINDS),
];

/** The shorthand as conditions (an array is already a filter). */
export function traceConditions(f: Filter | TraceFilter): Filter {
  if (Array.isArray(f)) return f;
  const out: FilterCondition[] = [];
  const text = (column: string, value: string | undefined) => value !== undefined && out.push({ type: "string", column, operator: "=", value });
  const num = (column: string, operator: ">=" | "<=", value: number | undefined) => value !== undefined && out.push({ type: "number", column, operator, value });
  if (f.from) out.push({ type: "datetime", column: "timestamp", operator: ">=", value: f.from });
  if (f.to) out.push({ type: "datetime", column: "timestamp", operator: "<=", value: f.to });
  if (f.name?.length) out.push({ type: "stringOptions", column: "name", operator: "any of", value: f.name });
  text("userId", f.userId);
  text("sessionId", f.sessionId);
  if (f.tags?.length) out.push({ type: "arrayOptions", column: "tags", operator: "all of", value: f.tags });
  if (f.environment?.length) out.push({ type: "stringOptions", column: "environment", operator: "any of", value: f.environment });
  text("release", f.release);
  text("version", f.version);
  text("level", f.level);
  if (f.model !== undefined) out.push({ type: "string", column: "model", operator: "starts with", value: f.model });
  num("latency", ">=", f.minLatency);
  num("latency", "<=", f.maxLatency);
  num("cost", ">=", f.minCost);
  num("cost", "<=", f.maxCost);
  if (f.bookmarked !== undefined) out.push({ type: "boolean", column: "bookmarked", operator: "=", value: f.bookmarked });
  if (f.search !== undefined) out.push({ type: "string", column: "search", operator: "contains", value: f.search });
  if (f.ids?.length) out.push({ type: "stringOptions", column: "id", operator: "any of", value: f.ids });
  return out;
}
