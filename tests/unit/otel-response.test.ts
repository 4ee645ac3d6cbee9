// The ExportTraceServiceResponse as OTLP exporters read it: checked with the
// OpenTelemetry JS serializers' own response deserializers.
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeExportTraceResponse, exportTraceResponse, otlpTraceResponse } from "@/lib/ingest/otel/response";

const rejected = [
  { spanId: "eee19b7ec3c1b175", reason: "span has no traceId" },
  { reason: "span has no spanId" },
];

describe("ExportTraceServiceResponse", () => {
  it("is empty when every span was accepted", () => {
    expect(exportTraceResponse([])).toEqual({});
    expect(encodeExportTraceResponse({})).toHaveLength(0);
    expect(ProtobufTraceSerializer.deserializeResponse(encodeExportTraceResponse({}))).toEqual({});
  });

  it("reports refused spans as a partial success an exporter can read (protobuf)", () => {
    const { contentType, body } = otlpTraceResponse(rejected, "protobuf");
    expect(contentType).toBe("application/x-protobuf");
    const decoded = ProtobufTraceSerializer.deserializeResponse(body as Uint8Array);
    expect(Number(decoded.partialSuccess?.rejectedSpans)).toBe(2);
    expect(decoded.partialSuccess?.errorMessage).toBe(
      "2 span(s) rejected: span eee19b7ec3c1b175: span has no traceId; span has no spanId",
    );
  });

  it("reports refused spans as a partial success an exporter can read (JSON)", () => {
    const { contentType, body } = otlpTraceResponse(rejected, "json");
    expect(contentType).toBe("application/json");
    const decoded = JsonTraceSerializer.deserializeResponse(new TextEncoder().encode(body as string));
    expect(decoded).toEqual({
      partialSuccess: {
        rejectedSpans: 2,
        errorMessage: "2 span(s) rejected: span eee19b7ec3c1b175: span has no traceId; span has no spanId",
      },
    });
  });

  it("keeps the message short when many spans are refused", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ reason: `bad span ${i}` }));
    const message = exportTraceResponse(many).partialSuccess?.errorMessage ?? "";
    expect(message).toMatch(/^40 span\(s\) rejected: bad span 0; .*bad span 4; and 35 more$/);
  });
});
