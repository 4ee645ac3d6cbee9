// Real OTLP requests for the OTel adapter tests: spans recorded with the
// OpenTelemetry JS SDK and serialised by the same serializers the OTLP
// exporters use (protobuf and JSON), then decoded and mapped by Loupe.
import { context, trace, type Attributes, type Span, type SpanOptions, type Tracer } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { expect } from "vitest";
import type { IngestEvent, ObservationEvent, TraceEvent } from "@/lib/ingest/events";
import { decodeOtlpJson, decodeOtlpProtobuf } from "@/lib/ingest/otel/decode";
import { mapOtlpToEvents, type OtlpMapResult } from "@/lib/ingest/otel/map";

export type Format = "protobuf" | "json";
export const FORMATS: Format[] = ["protobuf", "json"];

export interface Recorder {
  tracer(name: string, version?: string): Tracer;
  /** Starts a span, as a child of `parent` when given. */
  start(tracer: Tracer, name: string, attributes?: Attributes, parent?: Span, options?: SpanOptions): Span;
}

/** Records spans with a real tracer provider; returns them as the exporter receives them. */
export function record(build: (r: Recorder) => void, resource: Attributes = { "service.name": "checkout-api" }): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  build({
    tracer: (name, version) => provider.getTracer(name, version),
    start: (tracer, name, attributes, parent, options) =>
      tracer.startSpan(
        name,
        { ...options, attributes: { ...options?.attributes, ...attributes } },
        parent ? trace.setSpan(context.active(), parent) : undefined,
      ),
  });
  return exporter.getFinishedSpans();
}

/** The request body an OTLP exporter would send for these spans. */
export function serialize(spans: ReadableSpan[], format: Format): Uint8Array {
  const bytes = format === "protobuf" ? ProtobufTraceSerializer.serializeRequest(spans) : JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error("serializer returned nothing");
  return bytes;
}

/** Serialise → decode → map, as the route handler will. */
export function ingest(spans: ReadableSpan[], format: Format = "protobuf"): OtlpMapResult {
  const body = serialize(spans, format);
  const decoded =
    format === "protobuf" ? decodeOtlpProtobuf(body) : decodeOtlpJson(JSON.parse(new TextDecoder().decode(body)));
  return mapOtlpToEvents(decoded);
}

export function observations(events: IngestEvent[]): ObservationEvent[] {
  return events.filter((e): e is ObservationEvent => e.kind === "observation");
}

export function traces(events: IngestEvent[]): TraceEvent[] {
  return events.filter((e): e is TraceEvent => e.kind === "trace");
}

export function byName(events: IngestEvent[], name: string): ObservationEvent {
  const found = observations(events).filter((o) => o.name === name);
  expect(found, `observations named ${name}`).toHaveLength(1);
  return found[0];
}

export function onlyTrace(events: IngestEvent[]): TraceEvent {
  const found = traces(events);
  expect(found).toHaveLength(1);
  return found[0];
}

export const idOf = (span: Span | ReadableSpan) => span.spanContext().spanId;
export const traceIdOf = (span: Span | ReadableSpan) => span.spanContext().traceId;
