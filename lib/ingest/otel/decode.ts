// OTLP/protobuf and OTLP/JSON request bodies → one normalised OtlpTraceRequest.
// Both go through the same walker: protobufjs turns the bytes into the same
// object tree OTLP/JSON has (ids as bytes instead of hex, int64 as strings).
import type { Json } from "../events";
import { LIMITS } from "../limits";
import { setKey } from "./json";
import { SPAN_ID_BYTES, TRACE_ID_BYTES, bytesToBase64, idToHex, int64ToJs, nanosToDate, nanosToSpanTime } from "./ids";
import { Reader } from "protobufjs/light.js";
import { ExportTraceServiceRequest } from "./proto";
import type {
  Attributes,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpTraceRequest,
  SpanKind,
  StatusCode,
} from "./types";

/** The body is not an OTLP trace request; the message names what is wrong and where. */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OtlpDecodeError";
  }
}

/**
 * protobufjs refuses a string field that is not valid UTF-8 (a lone surrogate
 * a JavaScript exporter encoded, a truncated character), which would lose
 * every span of the request for one string. Such a body is read again with
 * invalid sequences replaced by U+FFFD, as the JSON path stores them.
 */
class LenientReader extends Reader {
  override string(): string {
    const length = this.uint32();
    const start = this.pos;
    if (start + length > this.len) throw new RangeError(`index out of range: ${start} + ${length} > ${this.len}`);
    this.pos = start + length;
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + start, length).toString("utf8");
  }

  // proto3 string fields are read through stringVerify (strict UTF-8) by the generated decoder.
  stringVerify(): string {
    return this.string();
  }
}

function decodeMessage(bytes: Uint8Array) {
  try {
    return ExportTraceServiceRequest.decode(bytes);
  } catch (err) {
    if (!(err instanceof Error) || !/utf-?8/i.test(err.message)) throw err;
    return ExportTraceServiceRequest.decode(new LenientReader(bytes));
  }
}

export function decodeOtlpProtobuf(bytes: Uint8Array): OtlpTraceRequest {
  let raw: Record<string, unknown>;
  try {
    const message = decodeMessage(bytes);
    raw = ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new OtlpDecodeError(`body is not a valid OTLP ExportTraceServiceRequest protobuf: ${reason}`);
  }
  return walkRequest(raw);
}

/** Accepts the parsed JSON body (or its text/bytes, parsed here). */
export function decodeOtlpJson(body: unknown): OtlpTraceRequest {
  let parsed = body;
  if (body instanceof Uint8Array) parsed = new TextDecoder().decode(body);
  if (typeof parsed === "string") {
    try {
      parsed = JSON.parse(parsed);
    } catch (err) {
      throw new OtlpDecodeError(`body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return walkRequest(parsed);
}

// Attribute values nest (arrays, kvlists); a bound keeps a hostile body from
// blowing the stack. A span's own attributes nested deeper refuse that span
// only (OtlpSpan.problem); resource and scope attributes refuse the request.
const MAX_DEPTH = LIMITS.jsonDepth;

class NestedTooDeep extends OtlpDecodeError {}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function obj(v: unknown, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new OtlpDecodeError(`${path}: expected an object, got ${describe(v)}`);
  return v;
}

function arr(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new OtlpDecodeError(`${path}: expected an array, got ${describe(v)}`);
  return v;
}

function str(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new OtlpDecodeError(`${path}: expected a string, got ${describe(v)}`);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `${typeof v} ${(typeof v === "string" ? JSON.stringify(v) : String(v)).slice(0, 40)}`;
}

/** OTLP/JSON keys are lowerCamelCase; proto3 JSON parsers also accept the original snake_case. */
function get(o: Obj, camel: string, snake?: string): unknown {
  return o[camel] ?? (snake ? o[snake] : undefined);
}

function walkRequest(body: unknown): OtlpTraceRequest {
  if (!isObj(body)) throw new OtlpDecodeError(`body: expected an ExportTraceServiceRequest object, got ${describe(body)}`);
  const list = arr(get(body, "resourceSpans", "resource_spans"), "resourceSpans");
  return { resourceSpans: list.map((rs, i) => walkResourceSpans(rs, `resourceSpans[${i}]`)) };
}

function walkResourceSpans(v: unknown, path: string): OtlpResourceSpans {
  const rs = obj(v, path) ?? {};
  const resource = obj(rs.resource, `${path}.resource`);
  // instrumentationLibrarySpans is the pre-1.0 name some old exporters still send.
  const scopes =
    get(rs, "scopeSpans", "scope_spans") ?? get(rs, "instrumentationLibrarySpans", "instrumentation_library_spans");
  return {
    resourceAttributes: resource ? walkAttributes(resource.attributes, `${path}.resource.attributes`) : {},
    scopeSpans: arr(scopes, `${path}.scopeSpans`).map((ss, i) => walkScopeSpans(ss, `${path}.scopeSpans[${i}]`)),
  };
}

function walkScopeSpans(v: unknown, path: string): OtlpScopeSpans {
  const ss = obj(v, path) ?? {};
  const scopeRaw = get(ss, "scope") ?? get(ss, "instrumentationLibrary", "instrumentation_library");
  const scope = obj(scopeRaw, `${path}.scope`) ?? {};
  return {
    scope: {
      name: str(scope.name, `${path}.scope.name`) || undefined,
      version: str(scope.version, `${path}.scope.version`) || undefined,
      attributes: walkAttributes(scope.attributes, `${path}.scope.attributes`),
    },
    spans: arr(ss.spans, `${path}.spans`).map((s, i) => walkSpan(s, `${path}.spans[${i}]`)),
  };
}

function walkSpan(v: unknown, path: string): OtlpSpan {
  const s = obj(v, path) ?? {};
  const parent = idToHex(get(s, "parentSpanId", "parent_span_id"), SPAN_ID_BYTES);
  const status = obj(s.status, `${path}.status`) ?? {};
  const ids = {
    traceId: idToHex(get(s, "traceId", "trace_id"), TRACE_ID_BYTES),
    spanId: idToHex(get(s, "spanId", "span_id"), SPAN_ID_BYTES),
  };
  try {
    return walkSpanFields(s, path, ids, parent, status);
  } catch (err) {
    if (!(err instanceof NestedTooDeep)) throw err;
    // Refused in its slot: the mapper rejects a span that carries a problem.
    return { ...ids, name: "", kind: "UNSPECIFIED", attributes: {}, events: [], links: [], status: { code: "UNSET" }, problem: err.message };
  }
}

function walkSpanFields(s: Obj, path: string, ids: { traceId: string; spanId: string }, parent: string, status: Obj): OtlpSpan {
  return {
    ...ids,
    // An all-zero parent id is how some clients say "no parent".
    parentSpanId: parent && !/^0+$/.test(parent) ? parent : undefined,
    name: str(s.name, `${path}.name`) ?? "",
    kind: spanKind(s.kind),
    startTime: nanosToSpanTime(get(s, "startTimeUnixNano", "start_time_unix_nano")),
    endTime: nanosToSpanTime(get(s, "endTimeUnixNano", "end_time_unix_nano")),
    attributes: walkAttributes(s.attributes, `${path}.attributes`),
    events: arr(s.events, `${path}.events`).map((e, i) => walkEvent(e, `${path}.events[${i}]`)),
    links: arr(s.links, `${path}.links`).map((l, i) => walkLink(l, `${path}.links[${i}]`)),
    status: { code: statusCode(status.code), message: str(status.message, `${path}.status.message`) || undefined },
  };
}

function walkEvent(v: unknown, path: string): OtlpSpanEvent {
  const e = obj(v, path) ?? {};
  return {
    name: str(e.name, `${path}.name`) ?? "",
    time: nanosToDate(get(e, "timeUnixNano", "time_unix_nano")),
    attributes: walkAttributes(e.attributes, `${path}.attributes`),
  };
}

function walkLink(v: unknown, path: string): OtlpSpanLink {
  const l = obj(v, path) ?? {};
  return {
    traceId: idToHex(get(l, "traceId", "trace_id"), TRACE_ID_BYTES),
    spanId: idToHex(get(l, "spanId", "span_id"), SPAN_ID_BYTES),
    attributes: walkAttributes(l.attributes, `${path}.attributes`),
  };
}

const KINDS: SpanKind[] = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
const STATUS: StatusCode[] = ["UNSET", "OK", "ERROR"];

// Enums arrive as numbers (protobuf, OTLP/JSON) or as names from proto3 JSON printers.
function enumValue<T extends string>(v: unknown, names: T[], prefix: string, fallback: T): T {
  if (typeof v === "number") return names[v] ?? fallback;
  if (typeof v === "string") {
    const name = v.toUpperCase().replace(prefix, "");
    if ((names as string[]).includes(name)) return name as T;
    if (/^\d+$/.test(v)) return names[Number(v)] ?? fallback;
  }
  return fallback;
}

const spanKind = (v: unknown) => enumValue(v, KINDS, "SPAN_KIND_", "UNSPECIFIED");
const statusCode = (v: unknown) => enumValue(v, STATUS, "STATUS_CODE_", "UNSET");

function walkAttributes(v: unknown, path: string): Attributes {
  const out: Attributes = {};
  arr(v, path).forEach((kv, i) => {
    const item = obj(kv, `${path}[${i}]`);
    const key = item && str(item.key, `${path}[${i}].key`);
    if (!item || !key) return;
    setKey(out, key, anyValue(item.value, `${path}[${i}].value`, 0));
  });
  return out;
}

function anyValue(v: unknown, path: string, depth: number): Json {
  if (depth > MAX_DEPTH) throw new NestedTooDeep(`${path}: attribute value nested deeper than ${MAX_DEPTH} levels`);
  if (v === undefined || v === null) return null;
  // Lenient: a bare JSON value where an AnyValue belongs is taken as the value itself.
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (!isObj(v)) throw new OtlpDecodeError(`${path}: expected an AnyValue object, got ${describe(v)}`);

  const s = get(v, "stringValue", "string_value");
  if (s !== undefined && s !== null) return typeof s === "string" ? s : String(s);
  const b = get(v, "boolValue", "bool_value");
  if (b !== undefined && b !== null) return b === true || b === "true";
  const i = get(v, "intValue", "int_value");
  if (i !== undefined && i !== null) {
    const n = int64ToJs(i);
    if (n === undefined) throw new OtlpDecodeError(`${path}.intValue: expected an integer, got ${describe(i)}`);
    return n;
  }
  const d = get(v, "doubleValue", "double_value");
  if (d !== undefined && d !== null) return double(d, `${path}.doubleValue`);
  const a = get(v, "arrayValue", "array_value");
  if (a !== undefined && a !== null) {
    const values = arr(obj(a, `${path}.arrayValue`)?.values, `${path}.arrayValue.values`);
    return values.map((x, k) => anyValue(x, `${path}.arrayValue.values[${k}]`, depth + 1));
  }
  const kv = get(v, "kvlistValue", "kvlist_value");
  if (kv !== undefined && kv !== null) {
    const out: Record<string, Json> = {};
    arr(obj(kv, `${path}.kvlistValue`)?.values, `${path}.kvlistValue.values`).forEach((entry, k) => {
      const item = obj(entry, `${path}.kvlistValue.values[${k}]`);
      const key = item && str(item.key, `${path}.kvlistValue.values[${k}].key`);
      if (item && key) setKey(out, key, anyValue(item.value, `${path}.kvlistValue.values[${k}].value`, depth + 1));
    });
    return out;
  }
  const bytes = get(v, "bytesValue", "bytes_value");
  if (bytes instanceof Uint8Array) return bytesToBase64(bytes);
  if (typeof bytes === "string") return bytes; // OTLP/JSON already carries bytes as base64
  return null; // an empty AnyValue means "no value"
}

// proto3 JSON writes NaN/Infinity as strings; JSON storage can't hold them as numbers.
function double(v: unknown, path: string): Json {
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (typeof v === "string") {
    const n = Number(v);
    return Number.isFinite(n) && v.trim() !== "" ? n : v;
  }
  throw new OtlpDecodeError(`${path}: expected a number, got ${describe(v)}`);
}
