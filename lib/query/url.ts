// The one URL codec for filters: search params ⇄ a Filter (condition list).
// A view lists its URL fields (the short params its links have always used:
// ?name=a,b&minLatency=100&score=helpfulness<0.5); any condition no field owns
// travels as JSON in a repeated `filter` param. Decoding validates each value
// alone, so a bad value drops only its own condition and says why — the same
// for every view. Pure: server pages, client components and tests use it.
import { filterCondition, NUMBER_OPERATORS, type Filter, type FilterCondition } from "./filter";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface UrlField {
  param: string;
  /** One condition per value (`?score=a<1&score=b=true`); else the first value only. */
  repeated?: boolean;
  /** The candidate condition for a raw value (validated by the filter schema after), or an error message. */
  decode(raw: string): unknown;
  /** Whether this field writes the condition back. */
  owns(c: FilterCondition): boolean;
  encode(c: FilterCondition): string;
}

/** The param carrying conditions that no named field owns, one JSON condition per value. */
export const FILTER_PARAM = "filter";

export interface FilterIssue {
  param: string;
  message: string;
}

const values = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== "");
const csv = (raw: string) => raw.split(",").map((s) => s.trim()).filter(Boolean);
const same = (c: FilterCondition, type: string, column: string, operator?: string) => c.type === type && c.column === column && (operator === undefined || c.operator === operator);

/** Text equal to (or matching by `operator`) the value: ?userId=alice */
export function textField(param: string, column: string, operator: "=" | "contains" | "starts with" = "="): UrlField {
  return {
    param,
    decode: (raw) => ({ type: "string", column, operator, value: raw.trim() }),
    owns: (c) => same(c, "string", column, operator),
    encode: (c) => String(c.value),
  };
}

/** One of several values, comma-separated (?name=a,b); `single` keeps commas (a user id may hold one). */
export function optionsField(param: string, column: string, type: "stringOptions" | "arrayOptions", operator: "any of" | "all of", single = false): UrlField {
  return {
    param,
    decode: (raw) => ({ type, column, operator, value: single ? [raw.trim()] : csv(raw) }),
    owns: (c) => same(c, type, column, operator) && (!single || (c.value as string[]).length === 1),
    encode: (c) => (c.value as string[]).join(","),
  };
}

export function numberField(param: string, column: string, operator: (typeof NUMBER_OPERATORS)[number]): UrlField {
  return {
    param,
    decode: (raw) => (raw.trim() === "" || !Number.isFinite(Number(raw)) ? "must be a number" : { type: "number", column, operator, value: Number(raw) }),
    owns: (c) => same(c, "number", column, operator),
    encode: (c) => String(c.value),
  };
}

export function dateField(param: string, column: string, operator: ">=" | "<="): UrlField {
  return {
    param,
    decode: (raw) => ({ type: "datetime", column, operator, value: raw }),
    owns: (c) => same(c, "datetime", column, operator),
    encode: (c) => (c.value as Date).toISOString(),
  };
}

export function booleanField(param: string, column: string): UrlField {
  return {
    param,
    decode: (raw) => (raw === "true" || raw === "false" ? { type: "boolean", column, operator: "=", value: raw === "true" } : "must be true or false"),
    owns: (c) => same(c, "boolean", column, "="),
    encode: (c) => String(c.value),
  };
}

/** A text from a fixed set (?level=error). */
export function enumField(param: string, column: string, allowed: readonly string[]): UrlField {
  return {
    param,
    decode: (raw) => (allowed.includes(raw) ? { type: "string", column, operator: "=", value: raw } : `must be ${allowed.join(" or ")}`),
    owns: (c) => same(c, "string", column, "=") && allowed.includes(String(c.value)),
    encode: (c) => String(c.value),
  };
}

// A score name holding an operator character (or a quote, or edge spaces) travels quoted as a JSON string:
// "a<=b!"<0.5. Any name then round-trips, and names people type (helpfulness<0.5) stay as they are.
const SCORE_KEY_PLAIN = /^[^<>=!"\s](?:[^<>=!"]*[^<>=!"\s])?$/;
const SCORE_OP = /^\s*(<=|>=|!=|=|<|>)\s*(.+?)\s*$/;

export function encodeScoreKey(key: string): string {
  return SCORE_KEY_PLAIN.test(key) ? key : JSON.stringify(key);
}

/** The key (unquoted) and the rest ("<0.5") of a score condition, or null. */
function splitScoreKey(raw: string): [key: string, rest: string] | null {
  const s = raw.trimStart();
  if (!s.startsWith('"')) {
    const m = /^([^<>=!]+?)\s*((?:<|>|=|!).*)$/s.exec(s);
    return m ? [m[1], m[2]] : null;
  }
  // The closing quote: the first one not escaped by a backslash.
  for (let i = 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') {
      try {
        const key = JSON.parse(s.slice(0, i + 1)) as string;
        return key ? [key, s.slice(i + 1)] : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** "helpfulness<0.5" (numeric), "correct=false" (boolean), "label=good" (categorical), "\"a<=b!\"<1" (a quoted name); repeated. */
export function scoreField(param: string, column: string): UrlField {
  return {
    param,
    repeated: true,
    decode(raw) {
      const split = splitScoreKey(raw);
      const m = split && SCORE_OP.exec(split[1]);
      if (!split || !m) return `"${raw}" is not a score condition like helpfulness<0.5 or correct=false`;
      const [key, [, operator, value]] = [split[0], m];
      const lower = value.toLowerCase();
      if (lower === "true" || lower === "false") {
        if (operator !== "=" && operator !== "!=") return { type: "numericScore", column, key, operator, value: lower === "true" ? 1 : 0 };
        return { type: "booleanScore", column, key, operator, value: lower === "true" };
      }
      if (value.trim() !== "" && Number.isFinite(Number(value))) return { type: "numericScore", column, key, operator, value: Number(value) };
      if (operator !== "=" && operator !== "!=") return `"${raw}": a label compares with = or != only`;
      return { type: "categoricalScore", column, key, operator, value };
    },
    // A label the short form would read back as something else (a number, a boolean, edge spaces, empty)
    // is left to the JSON `filter` param.
    owns: (c) => (c.type === "numericScore" || c.type === "booleanScore" || (c.type === "categoricalScore" && categoricalRoundTrips(String(c.value)))) && c.column === column,
    encode: (c) => `${encodeScoreKey((c as { key: string }).key)}${c.operator}${String(c.value)}`,
  };
}

function categoricalRoundTrips(value: string): boolean {
  const lower = value.toLowerCase();
  return value !== "" && value === value.trim() && lower !== "true" && lower !== "false" && !Number.isFinite(Number(value));
}

/** "key=value" on a JSON object column; repeated. */
export function metadataField(param: string, column: string): UrlField {
  return {
    param,
    repeated: true,
    decode(raw) {
      const i = raw.indexOf("=");
      if (i < 1) return `"${raw}" is not a metadata condition like region=eu-west-1`;
      return { type: "stringObject", column, key: raw.slice(0, i).trim(), operator: "=", value: raw.slice(i + 1).trim() };
    },
    owns: (c) => same(c, "stringObject", column, "=") && !(c as { key: string }).key.includes("="),
    encode: (c) => `${(c as { key: string }).key}=${String(c.value)}`,
  };
}

/** Any condition as JSON: `?filter={"type":"number","column":"latency","operator":">","value":100}`. */
const jsonField: UrlField = {
  param: FILTER_PARAM,
  repeated: true,
  decode(raw) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return "must be a JSON filter condition";
    }
  },
  owns: () => true,
  encode: (c) => JSON.stringify(c),
};

/** Search params → the view's filter; every value that does not parse is dropped alone, with its reason. */
export function decodeFilter(params: SearchParamsRecord, fields: readonly UrlField[]): { filter: Filter; issues: FilterIssue[] } {
  const filter: Filter = [];
  const issues: FilterIssue[] = [];
  for (const field of [...fields, jsonField]) {
    const raws = values(params[field.param]);
    for (const raw of field.repeated ? raws : raws.slice(0, 1)) {
      const candidate = field.decode(raw);
      if (typeof candidate === "string") {
        issues.push({ param: field.param, message: candidate });
        continue;
      }
      const r = filterCondition.safeParse(candidate);
      if (r.success) filter.push(r.data);
      else issues.push({ param: field.param, message: r.error.issues[0]?.message ?? "invalid" });
    }
  }
  return { filter, issues };
}

/** The filter as search params: each condition under the first field that owns it, the rest as JSON. */
export function encodeFilter(filter: Filter, fields: readonly UrlField[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of filter) {
    const field = fields.find((f) => f.owns(c) && !(!f.repeated && out[f.param]?.length)) ?? jsonField;
    (out[field.param] ??= []).push(field.encode(c));
  }
  return out;
}

/** Every param a view's filter may use (for "clear filters" and for carrying a view along). */
export function filterParams(fields: readonly UrlField[]): string[] {
  return [...fields.map((f) => f.param), FILTER_PARAM];
}

/** "a=1&a=2&b=3" → { a: ["1", "2"], b: ["3"] } (the shape Next gives a page). */
export function queryToRecord(query: string): SearchParamsRecord {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) (out[k] ??= []).push(v);
  return out;
}

/** A `filter` param's JSON condition as a chip's text ("model = gpt-4o"); the raw text when it is not one. */
export function describeFilterParam(raw: string): string {
  const r = filterCondition.safeParse((() => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return null;
    }
  })());
  return r.success ? describeFilterCondition(r.data) : raw;
}

/** A condition as short text: "level = error", "metadata region = eu". */
export function describeFilterCondition(c: FilterCondition): string {
  const value = Array.isArray(c.value) ? c.value.join(", ") : c.value instanceof Date ? c.value.toISOString() : String(c.value);
  return `${c.column}${"key" in c ? ` ${c.key}` : ""} ${c.operator} ${value}`;
}
