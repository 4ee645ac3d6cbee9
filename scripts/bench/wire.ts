// Turns generated demo events into what real clients send: Langfuse batch
// events (as the JS SDK posts them) and OTLP protobuf (spans with the
// attributes the Langfuse OpenTelemetry SDK sets).
import { createHash } from "node:crypto";
import type { IngestEvent, ObservationEvent, TraceEvent } from "../../lib/ingest/events";
import { generateDemo } from "../../lib/demo/generate";
import { ExportTraceServiceRequest } from "../../lib/ingest/otel/proto";

const CREATE: Record<string, string> = {
  SPAN: "span-create",
  GENERATION: "generation-create",
  EVENT: "event-create",
  AGENT: "agent-create",
  TOOL: "tool-create",
  CHAIN: "chain-create",
  RETRIEVER: "retriever-create",
  EVALUATOR: "evaluator-create",
  EMBEDDING: "embedding-create",
  GUARDRAIL: "guardrail-create",
};

let seq = 0;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

export function toLangfuseBatch(events: IngestEvent[]): object[] {
  const now = new Date().toISOString();
  return events.map((e) => {
    const id = `bench-ev-${++seq}`;
    if (e.kind === "trace") {
      return { id, timestamp: now, type: "trace-create", body: { ...e, kind: undefined, timestamp: iso(e.timestamp) } };
    }
    if (e.kind === "score") {
      return { id, timestamp: now, type: "score-create", body: { ...e, kind: undefined, timestamp: undefined } };
    }
    const { usage, kind: _k, type, ...rest } = e;
    return {
      id,
      timestamp: now,
      type: CREATE[type ?? "SPAN"],
      body: {
        ...rest,
        startTime: iso(e.startTime),
        endTime: iso(e.endTime),
        completionStartTime: iso(e.completionStartTime),
        usageDetails: usage ? { input: usage.input, output: usage.output } : undefined,
      },
    };
  });
}

const hex = (s: string, n: number) => createHash("sha1").update(s).digest("hex").slice(0, n);
const nanos = (d: Date | null | undefined) => (d ? String(BigInt(d.getTime()) * 1_000_000n) : "0");
type Attr = { key: string; value: { stringValue?: string; intValue?: number; boolValue?: boolean } };
const str = (key: string, v: unknown): Attr[] =>
  v === undefined || v === null ? [] : [{ key, value: { stringValue: typeof v === "string" ? v : JSON.stringify(v) } }];

function span(o: ObservationEvent, trace: TraceEvent | undefined) {
  const root = !o.parentObservationId;
  const attributes: Attr[] = [
    ...str("langfuse.observation.type", (o.type ?? "SPAN").toLowerCase()),
    ...str("langfuse.observation.input", o.input),
    ...str("langfuse.observation.output", o.output),
    ...str("langfuse.observation.level", o.level),
    ...str("langfuse.observation.status_message", o.statusMessage),
    ...str("langfuse.observation.model.name", o.model),
    ...str("langfuse.observation.model.parameters", o.modelParameters),
    ...str("langfuse.observation.completion_start_time", iso(o.completionStartTime)),
    ...str("langfuse.observation.usage_details", o.usage ? { input: o.usage.input, output: o.usage.output } : undefined),
    ...(root && trace
      ? [
          ...str("langfuse.trace.name", trace.name),
          ...str("user.id", trace.userId),
          ...str("session.id", trace.sessionId),
          ...str("langfuse.trace.input", trace.input),
          ...str("langfuse.trace.output", trace.output),
          ...str("langfuse.release", trace.release),
          ...str("langfuse.environment", trace.environment),
        ]
      : []),
  ];
  return {
    traceId: Buffer.from(hex(o.traceId ?? o.id, 32), "hex"),
    spanId: Buffer.from(hex(o.id, 16), "hex"),
    parentSpanId: o.parentObservationId ? Buffer.from(hex(o.parentObservationId, 16), "hex") : undefined,
    name: o.name ?? "span",
    kind: 1,
    startTimeUnixNano: nanos(o.startTime),
    endTimeUnixNano: nanos(o.endTime ?? o.startTime),
    attributes,
    status: o.level === "ERROR" ? { code: 2, message: o.statusMessage ?? "" } : { code: 0 },
  };
}

/** OTLP protobuf bytes for the observations of some traces (scores have no OTLP form and are dropped). */
export function toOtlpProtobuf(events: IngestEvent[]): Uint8Array {
  const traces = new Map<string, TraceEvent>();
  for (const e of events) if (e.kind === "trace") traces.set(e.id, e);
  const spans = events.flatMap((e) => (e.kind === "observation" ? [span(e, traces.get(e.traceId ?? ""))] : []));
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "bench" } }] },
        scopeSpans: [{ scope: { name: "langfuse-sdk", version: "5.11.0" }, spans }],
      },
    ],
  });
  return ExportTraceServiceRequest.encode(message).finish();
}

export function observationCount(events: IngestEvent[]): number {
  return events.reduce((n, e) => n + (e.kind === "observation" ? 1 : 0), 0);
}

/** Langfuse batch bodies of whole demo traces (~100 observations each), made as they are needed. */
export function* langfuseBodies(idPrefix: string, traces: number, seed: number): Generator<{ body: string; observations: number }> {
  let pending: IngestEvent[] = [];
  for (const trace of generateDemo({ traces, seed, idPrefix })) {
    pending.push(...trace);
    if (observationCount(pending) >= 100) {
      yield { body: JSON.stringify({ batch: toLangfuseBatch(pending) }), observations: observationCount(pending) };
      pending = [];
    }
  }
  if (pending.length) yield { body: JSON.stringify({ batch: toLangfuseBatch(pending) }), observations: observationCount(pending) };
}
