// What any OTLP client gets, whatever its conventions: the span tree, the
// trace built from the root span, errors, and spans nobody has a convention for.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { mapOtlpToEvents } from "@/lib/ingest/otel/map";
import { decodeOtlpJson } from "@/lib/ingest/otel/decode";
import { FORMATS, byName, idOf, ingest, observations, onlyTrace, record, traceIdOf, traces } from "./otel-fixtures";

describe.each(FORMATS)("OTLP spans → events (%s)", (format) => {
  it("keeps the span tree: ids, trace id and parent links, times", () => {
    let ids: Record<string, string> = {};
    const spans = record((r) => {
      const t = r.tracer("my-app");
      const root = r.start(t, "handle-request", {}, undefined, { startTime: new Date("2026-03-01T10:00:00.000Z") });
      const child = r.start(t, "load-profile", {}, root, { startTime: new Date("2026-03-01T10:00:00.100Z") });
      const grandchild = r.start(t, "db.query", {}, child);
      grandchild.end();
      child.end(new Date("2026-03-01T10:00:00.250Z"));
      root.end(new Date("2026-03-01T10:00:01.000Z"));
      ids = { trace: traceIdOf(root), root: idOf(root), child: idOf(child), grandchild: idOf(grandchild) };
    });

    const { events, rejected } = ingest(spans, format);
    expect(rejected).toEqual([]);
    const obs = observations(events);
    expect(obs).toHaveLength(3);
    expect(obs.every((o) => o.traceId === ids.trace)).toBe(true);

    const root = byName(events, "handle-request");
    expect(root.id).toBe(ids.root);
    expect(root.parentObservationId).toBeUndefined();
    expect(root.startTime).toEqual(new Date("2026-03-01T10:00:00.000Z"));
    expect(root.endTime).toEqual(new Date("2026-03-01T10:00:01.000Z"));
    expect(byName(events, "load-profile").parentObservationId).toBe(ids.root);
    expect(byName(events, "load-profile").endTime).toEqual(new Date("2026-03-01T10:00:00.250Z"));
    expect(byName(events, "db.query").parentObservationId).toBe(ids.child);
  });

  it("names and dates the trace after its root span, carrying nothing it doesn't know", () => {
    const spans = record((r) => {
      const t = r.tracer("my-app");
      const root = r.start(t, "POST /api/chat", { "http.method": "POST" }, undefined, {
        startTime: new Date("2026-03-01T10:00:00.000Z"),
      });
      r.start(t, "step", {}, root).end();
      root.end();
    });

    const trace = onlyTrace(ingest(spans, format).events);
    expect(trace.name).toBe("POST /api/chat");
    expect(trace.timestamp).toEqual(new Date("2026-03-01T10:00:00.000Z"));
    // Nothing stated about users, sessions, tags or IO: the writer keeps what it has.
    for (const key of ["userId", "sessionId", "tags", "input", "output", "public", "release"] as const) {
      expect(trace).not.toHaveProperty(key);
    }
    expect(trace.metadata?.resourceAttributes).toMatchObject({ "service.name": "checkout-api" });
  });

  it("gives a trace whose root is not in this request only what its spans state", () => {
    let parentTrace = "";
    const spans = record((r) => {
      const t = r.tracer("my-app");
      const root = r.start(t, "root-sent-later", {});
      parentTrace = traceIdOf(root);
      r.start(t, "child-only", { "session.id": "sess-42" }, root).end();
      // root never ends, so it is never exported
    });

    const { events } = ingest(spans, format);
    const trace = onlyTrace(events);
    expect(trace.id).toBe(parentTrace);
    expect(trace.sessionId).toBe("sess-42");
    expect(trace).not.toHaveProperty("name");
    expect(trace).not.toHaveProperty("timestamp");
  });

  it("marks a failed span as an ERROR with its status message", () => {
    const spans = record((r) => {
      const span = r.start(r.tracer("my-app"), "call-payment-api");
      span.recordException(new TypeError("card declined"));
      span.setStatus({ code: SpanStatusCode.ERROR, message: "payment failed: card declined" });
      span.end();
    });

    const obs = byName(ingest(spans, format).events, "call-payment-api");
    expect(obs.level).toBe("ERROR");
    expect(obs.statusMessage).toBe("payment failed: card declined");
    // The recorded exception stays readable in metadata.
    const events = obs.metadata?.events as { name: string; attributes: Record<string, unknown> }[];
    expect(events[0].name).toBe("exception");
    expect(events[0].attributes["exception.message"]).toBe("card declined");
  });

  it("uses the recorded exception when an ERROR status has no message", () => {
    const spans = record((r) => {
      const span = r.start(r.tracer("my-app"), "parse");
      span.recordException(new SyntaxError("Unexpected token < in JSON"));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    const obs = byName(ingest(spans, format).events, "parse");
    expect(obs.level).toBe("ERROR");
    expect(obs.statusMessage).toBe("SyntaxError: Unexpected token < in JSON");
  });

  it("leaves the level unset for spans that did not fail", () => {
    const spans = record((r) => {
      const span = r.start(r.tracer("my-app"), "ok");
      span.setStatus({ code: SpanStatusCode.OK });
      span.end();
    });
    const obs = byName(ingest(spans, format).events, "ok");
    expect(obs).not.toHaveProperty("level");
  });

  it("keeps an unknown span as a plain SPAN with its attributes, resource and scope", () => {
    const spans = record(
      (r) => {
        const span = r.start(
          r.tracer("@opentelemetry/instrumentation-pg", "0.44.0"),
          "pg.query:SELECT shop",
          { "db.system": "postgresql", "db.statement": "SELECT * FROM orders WHERE id = $1", "db.rows": 3, "net.peer.port": 5432 },
          undefined,
          {
            kind: SpanKind.CLIENT,
            links: [
              {
                context: { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 },
                attributes: { "link.reason": "batch" },
              },
            ],
          },
        );
        span.end();
      },
      { "service.name": "orders", "deployment.environment.name": "staging", "service.version": "2.4.1" },
    );

    const { events, rejected } = ingest(spans, format);
    expect(rejected).toEqual([]);
    const obs = byName(events, "pg.query:SELECT shop");
    expect(obs.type).toBe("SPAN");
    expect(obs.metadata?.attributes).toEqual({
      "db.system": "postgresql",
      "db.statement": "SELECT * FROM orders WHERE id = $1",
      "db.rows": 3,
      "net.peer.port": 5432,
    });
    expect(obs.metadata?.resourceAttributes).toMatchObject({ "service.name": "orders" });
    expect(obs.metadata?.scope).toEqual({ name: "@opentelemetry/instrumentation-pg", version: "0.44.0" });
    expect(obs.metadata?.links).toEqual([
      { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", attributes: { "link.reason": "batch" } },
    ]);
    expect(obs.environment).toBe("staging");
    expect(obs.version).toBe("2.4.1");
    expect(onlyTrace(events).environment).toBe("staging");
  });

  it("makes one trace event per trace id in the request", () => {
    const spans = record((r) => {
      const t = r.tracer("my-app");
      r.start(t, "first").end();
      r.start(t, "second").end();
    });
    const { events } = ingest(spans, format);
    expect(traces(events).map((t) => t.name).sort()).toEqual(["first", "second"]);
  });
});

describe("unusable spans", () => {
  const span = (traceId: unknown, spanId: unknown, name: string) => ({
    traceId,
    spanId,
    name,
    startTimeUnixNano: "1772359200000000000",
    endTimeUnixNano: "1772359201000000000",
  });
  const body = (spans: unknown[]) => ({ resourceSpans: [{ scopeSpans: [{ scope: { name: "x" }, spans }] }] });

  it("rejects spans with a missing or malformed id and keeps the good ones beside them", () => {
    const req = decodeOtlpJson(
      body([
        span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "good"),
        span("", "eee19b7ec3c1b175", "no-trace"),
        span("5b8efff798038103d269b633813fc60c", undefined, "no-span"),
        span("not-an-id", "eee19b7ec3c1b176", "bad-trace"),
        span("00000000000000000000000000000000", "eee19b7ec3c1b177", "zero-trace"),
        span("5b8efff798038103d269b633813fc60c", "eee19b7e", "short-span"),
      ]),
    );
    const { events, rejected } = mapOtlpToEvents(req);
    expect(observations(events).map((o) => o.name)).toEqual(["good"]);
    expect(rejected).toHaveLength(5);
    expect(rejected[0]).toEqual({ spanId: "eee19b7ec3c1b175", reason: "span has no traceId" });
    expect(rejected[1].spanId).toBeUndefined();
    expect(rejected[1].reason).toMatch(/no spanId/);
    expect(rejected[2].reason).toMatch(/traceId "not-an-id" is not 16/);
    expect(rejected[3].reason).toMatch(/traceId/);
    expect(rejected[4].reason).toMatch(/spanId "eee19b7e" is not 8/);
  });

  it("treats an all-zero or malformed parent id as no parent", () => {
    const req = decodeOtlpJson(
      body([
        { ...span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "zero-parent"), parentSpanId: "0000000000000000" },
        { ...span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b175", "odd-parent"), parentSpanId: "abc" },
      ]),
    );
    const { events } = mapOtlpToEvents(req);
    expect(byName(events, "zero-parent")).not.toHaveProperty("parentObservationId");
    expect(byName(events, "odd-parent")).not.toHaveProperty("parentObservationId");
  });
});
