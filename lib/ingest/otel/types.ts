// The normalised OTLP trace request both decoders (protobuf and JSON) return,
// so the mapping never cares which wire format a client used.
import type { Json } from "../events";

/** Attribute values as plain JS: AnyValue → string | number | boolean | array | object; bytes as base64. */
export type AttributeValue = Json;
export type Attributes = Record<string, AttributeValue>;

export type SpanKind = "UNSPECIFIED" | "INTERNAL" | "SERVER" | "CLIENT" | "PRODUCER" | "CONSUMER";
export type StatusCode = "UNSET" | "OK" | "ERROR";

export interface OtlpSpanEvent {
  name: string;
  time?: Date;
  attributes: Attributes;
}

export interface OtlpSpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface OtlpSpan {
  /**
   * Lowercase hex when the client sent a decodable id, else the raw string as
   * sent ("" when missing); the mapper validates and rejects bad ids.
   */
  traceId: string;
  spanId: string;
  /** Undefined for a root span (missing, empty or all-zero parent id). */
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  /** Undefined when absent; an Invalid Date when sent but not a time (the mapper refuses both for the start). */
  startTime?: Date;
  endTime?: Date;
  attributes: Attributes;
  events: OtlpSpanEvent[];
  links: OtlpSpanLink[];
  status: { code: StatusCode; message?: string };
  /** Set when the span cannot be taken as sent (e.g. attributes nested too deep): the mapper refuses it. */
  problem?: string;
}

export interface OtlpScope {
  name?: string;
  version?: string;
  attributes: Attributes;
}

export interface OtlpScopeSpans {
  scope: OtlpScope;
  spans: OtlpSpan[];
}

export interface OtlpResourceSpans {
  resourceAttributes: Attributes;
  scopeSpans: OtlpScopeSpans[];
}

export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}
