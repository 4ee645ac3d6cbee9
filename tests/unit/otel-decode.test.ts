// Decoding OTLP request bodies: bytes from the OpenTelemetry JS serializers
// (what @opentelemetry/exporter-trace-otlp-proto and -http send), hand-written
// OTLP/JSON from other clients, and bodies that are not OTLP at all.
import { SpanStatusCode } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { OtlpDecodeError, decodeOtlpJson, decodeOtlpProtobuf } from "@/lib/ingest/otel/decode";
import { ExportTraceServiceRequest } from "@/lib/ingest/otel/proto";
import { idOf, record, serialize, traceIdOf } from "./otel-fixtures";

function sampleSpans() {
  let ids = { trace: "", root: "", child: "" };
  const spans = record(
    (r) => {
      const t = r.tracer("checkout", "1.2.3");
      const root = r.start(t, "checkout", {}, undefined, { startTime: new Date("2026-03-01T10:00:00.123Z") });
      const child = r.start(t, "charge-card", {
        "card.brand": "visa",
        "retry.count": 2,
        "amount.eur": 12.5,
        "card.saved": false,
        "cart.items": ["sku-1", "sku-2"],
        "cart.quantities": [1, 3],
      }, root, { startTime: new Date("2026-03-01T10:00:00.200Z") });
      child.addEvent("retry", { attempt: 1 }, new Date("2026-03-01T10:00:00.500Z"));
      child.setStatus({ code: SpanStatusCode.ERROR, message: "declined" });
      child.end(new Date("2026-03-01T10:00:00.900Z"));
      root.end(new Date("2026-03-01T10:00:01.000Z"));
      ids = { trace: traceIdOf(root), root: idOf(root), child: idOf(child) };
    },
    { "service.name": "shop", "host.cpus": 8 },
  );
  return { spans, ids };
}

describe("decodeOtlpProtobuf / decodeOtlpJson on exporter output", () => {
  it("decodes protobuf and JSON bodies of the same spans to the same request", () => {
    const { spans } = sampleSpans();
    const fromProto = decodeOtlpProtobuf(serialize(spans, "protobuf"));
    const fromJson = decodeOtlpJson(JSON.parse(new TextDecoder().decode(serialize(spans, "json"))));
    expect(fromJson).toEqual(fromProto);
  });

  it("gives ids as lowercase hex, times as Dates, attributes as plain values", () => {
    const { spans, ids } = sampleSpans();
    const req = decodeOtlpProtobuf(serialize(spans, "protobuf"));
    const rs = req.resourceSpans[0];
    expect(rs.resourceAttributes).toMatchObject({ "service.name": "shop", "host.cpus": 8 });
    const ss = rs.scopeSpans[0];
    expect(ss.scope).toMatchObject({ name: "checkout", version: "1.2.3" });

    const child = ss.spans.find((s) => s.name === "charge-card")!;
    expect(child.traceId).toBe(ids.trace);
    expect(child.spanId).toBe(ids.child);
    expect(child.parentSpanId).toBe(ids.root);
    expect(child.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(child.endTime).toEqual(new Date("2026-03-01T10:00:00.900Z"));
    expect(child.attributes).toEqual({
      "card.brand": "visa",
      "retry.count": 2,
      "amount.eur": 12.5,
      "card.saved": false,
      "cart.items": ["sku-1", "sku-2"],
      "cart.quantities": [1, 3],
    });
    expect(child.status).toEqual({ code: "ERROR", message: "declined" });
    expect(child.events).toEqual([{ name: "retry", time: new Date("2026-03-01T10:00:00.500Z"), attributes: { attempt: 1 } }]);

    const root = ss.spans.find((s) => s.name === "checkout")!;
    expect(root.parentSpanId).toBeUndefined();
    expect(root.startTime).toEqual(new Date("2026-03-01T10:00:00.123Z"));
  });

  it("decodes every AnyValue kind: kvlist, bytes, int64 beyond 2^53", () => {
    const bytes = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: Buffer.from("0af7651916cd43dd8448eb211c80319c", "hex"),
                    spanId: Buffer.from("b7ad6b7169203331", "hex"),
                    name: "values",
                    startTimeUnixNano: "1772359200000000000",
                    attributes: [
                      { key: "kv", value: { kvlistValue: { values: [{ key: "a", value: { intValue: 1 } }] } } },
                      { key: "blob", value: { bytesValue: Buffer.from("hi") } },
                      { key: "huge", value: { intValue: "9007199254740993" } },
                      { key: "zero", value: { intValue: 0 } },
                      { key: "empty", value: {} },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    ).finish();
    const span = decodeOtlpProtobuf(bytes).resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.traceId).toBe("0af7651916cd43dd8448eb211c80319c");
    expect(span.startTime).toEqual(new Date("2026-03-01T10:00:00.000Z"));
    expect(span.attributes).toEqual({
      kv: { a: 1 },
      blob: Buffer.from("hi").toString("base64"),
      // Exactness beats type: a number would silently round to ...992.
      huge: "9007199254740993",
      zero: 0,
      empty: null,
    });
  });
});

describe("decodeOtlpJson from other clients", () => {
  const request = (span: Record<string, unknown>) => ({
    resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "py" }, spans: [span] }] }],
  });

  it("accepts ids in base64 as well as hex", () => {
    const traceHex = "5b8efff798038103d269b633813fc60c";
    const spanHex = "eee19b7ec3c1b174";
    const parentHex = "eee19b7ec3c1b173";
    const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");
    const span = decodeOtlpJson(
      request({ traceId: b64(traceHex), spanId: b64(spanHex), parentSpanId: b64(parentHex), name: "x" }),
    ).resourceSpans[0].scopeSpans[0].spans[0];
    expect(span).toMatchObject({ traceId: traceHex, spanId: spanHex, parentSpanId: parentHex });

    const upper = decodeOtlpJson(request({ traceId: traceHex.toUpperCase(), spanId: spanHex, name: "x" }));
    expect(upper.resourceSpans[0].scopeSpans[0].spans[0].traceId).toBe(traceHex);
  });

  it("accepts int64 as strings, enum names, and times as numbers", () => {
    const span = decodeOtlpJson(
      request({
        traceId: "5b8efff798038103d269b633813fc60c",
        spanId: "eee19b7ec3c1b174",
        name: "x",
        kind: "SPAN_KIND_CLIENT",
        startTimeUnixNano: 1772359200000000000,
        endTimeUnixNano: "1772359200250000000",
        status: { code: "STATUS_CODE_ERROR", message: "boom" },
        attributes: [
          { key: "tokens", value: { intValue: "42" } },
          { key: "ratio", value: { doubleValue: "0.5" } },
          { key: "list", value: { arrayValue: { values: [{ stringValue: "a" }, { boolValue: true }] } } },
        ],
      }),
    ).resourceSpans[0].scopeSpans[0].spans[0];
    expect(span.kind).toBe("CLIENT");
    expect(span.status).toEqual({ code: "ERROR", message: "boom" });
    expect(span.startTime).toEqual(new Date("2026-03-01T10:00:00.000Z"));
    expect(span.endTime).toEqual(new Date("2026-03-01T10:00:00.250Z"));
    expect(span.attributes).toEqual({ tokens: 42, ratio: 0.5, list: ["a", true] });
  });

  it("accepts the JSON text or bytes as well as the parsed body", () => {
    const body = request({ traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", name: "x" });
    const text = JSON.stringify(body);
    expect(decodeOtlpJson(text)).toEqual(decodeOtlpJson(body));
    expect(decodeOtlpJson(new TextEncoder().encode(text))).toEqual(decodeOtlpJson(body));
  });

  it("treats an empty request as no spans", () => {
    expect(decodeOtlpJson({})).toEqual({ resourceSpans: [] });
    expect(decodeOtlpProtobuf(new Uint8Array())).toEqual({ resourceSpans: [] });
  });
});

describe("bodies that are not OTLP", () => {
  it("rejects bytes that are not a protobuf ExportTraceServiceRequest", () => {
    const garbage = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
    expect(() => decodeOtlpProtobuf(garbage)).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpProtobuf(garbage)).toThrow(/not a valid OTLP ExportTraceServiceRequest protobuf/);
    // A JSON body sent with the protobuf content type.
    expect(() => decodeOtlpProtobuf(new TextEncoder().encode('{"resourceSpans":[]}'))).toThrow(OtlpDecodeError);
  });

  it.each([
    ["an array body", [], /body: expected an ExportTraceServiceRequest object, got an array/],
    ["a string that is not JSON", "resourceSpans", /body is not valid JSON/],
    ["resourceSpans not a list", { resourceSpans: { scopeSpans: [] } }, /resourceSpans: expected an array, got an object/],
    [
      "spans not a list",
      { resourceSpans: [{ scopeSpans: [{ spans: "nope" }] }] },
      /resourceSpans\[0\]\.scopeSpans\[0\]\.spans: expected an array/,
    ],
    [
      "attributes as an object map",
      { resourceSpans: [{ scopeSpans: [{ spans: [{ name: "x", attributes: { a: 1 } }] }] }] },
      /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.attributes: expected an array, got an object/,
    ],
    [
      "a span name that is not a string",
      { resourceSpans: [{ scopeSpans: [{ spans: [{ name: 7 }] }] }] },
      /spans\[0\]\.name: expected a string, got number 7/,
    ],
    [
      "an intValue that is not an integer",
      { resourceSpans: [{ scopeSpans: [{ spans: [{ attributes: [{ key: "n", value: { intValue: "1.5" } }] }] }] }] },
      /attributes\[0\]\.value\.intValue: expected an integer/,
    ],
  ])("rejects %s, naming where", (_label, body, message) => {
    expect(() => decodeOtlpJson(body)).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpJson(body)).toThrow(message);
  });

  it("refuses absurdly deep attribute values instead of overflowing the stack", () => {
    let value: Record<string, unknown> = { stringValue: "leaf" };
    for (let i = 0; i < 200; i++) value = { arrayValue: { values: [value] } };
    // A span's own attributes: that span is refused (issue 12 item 3: in its slot), the request is not.
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [{ name: "deep", attributes: [{ key: "deep", value }] }, { name: "fine" }] }] }] };
    const spans = decodeOtlpJson(body).resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(spans[0]!.problem).toMatch(/nested deeper than 100 levels/);
    expect(spans[1]).toMatchObject({ name: "fine" });
    expect(spans[1]!.problem).toBeUndefined();
    // Resource attributes are shared by every span: the request is refused.
    const shared = { resourceSpans: [{ resource: { attributes: [{ key: "deep", value }] }, scopeSpans: [] }] };
    expect(() => decodeOtlpJson(shared)).toThrow(/nested deeper than 100 levels/);
  });

  it("does not let an attribute key set an object's prototype", () => {
    const body = {
      resourceSpans: [
        { scopeSpans: [{ spans: [{ attributes: [{ key: "__proto__", value: { kvlistValue: { values: [{ key: "polluted", value: { boolValue: true } }] } } }] }] }] },
      ],
    };
    const attrs = decodeOtlpJson(body).resourceSpans[0].scopeSpans[0].spans[0].attributes;
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect((attrs as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(attrs)).toEqual(["__proto__"]);
  });
});
