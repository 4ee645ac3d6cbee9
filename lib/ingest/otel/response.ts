// The ExportTraceServiceResponse an OTLP endpoint answers with. Per the OTLP
// spec a fully accepted request gets an empty response; partialSuccess tells
// the exporter how many spans were refused and why (exporters log it and do
// not retry).
import type { RejectedSpan } from "./map";
import { ExportTraceServiceResponse } from "./proto";

export interface ExportTraceResponseBody {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

const MAX_REASONS = 5;

/** The response (in its OTLP/JSON form) for the spans the mapper refused. */
export function exportTraceResponse(rejected: readonly RejectedSpan[]): ExportTraceResponseBody {
  if (rejected.length === 0) return {};
  const reasons = rejected
    .slice(0, MAX_REASONS)
    .map((r) => (r.spanId ? `span ${r.spanId.slice(0, 64)}: ${r.reason}` : r.reason));
  const more = rejected.length > MAX_REASONS ? `; and ${rejected.length - MAX_REASONS} more` : "";
  return {
    partialSuccess: {
      rejectedSpans: rejected.length,
      errorMessage: `${rejected.length} span(s) rejected: ${reasons.join("; ")}${more}`,
    },
  };
}

/** The response as OTLP/protobuf bytes. */
export function encodeExportTraceResponse(body: ExportTraceResponseBody): Uint8Array {
  const message = ExportTraceServiceResponse.fromObject(body);
  return ExportTraceServiceResponse.encode(message).finish();
}

/** Both wire forms, for a handler that answers in the format it was sent. */
export function otlpTraceResponse(
  rejected: readonly RejectedSpan[],
  format: "json" | "protobuf",
): { contentType: string; body: string | Uint8Array } {
  const response = exportTraceResponse(rejected);
  return format === "protobuf"
    ? { contentType: "application/x-protobuf", body: encodeExportTraceResponse(response) }
    : { contentType: "application/json", body: JSON.stringify(response) };
}
