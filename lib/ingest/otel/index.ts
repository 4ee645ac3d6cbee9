// The OpenTelemetry adapter: OTLP trace requests (protobuf or JSON) → internal events.
// decode → map → (writer) → response.
export { decodeOtlpJson, decodeOtlpProtobuf, OtlpDecodeError } from "./decode";
export { mapOtlpToEvents, type OtlpMapResult, type RejectedSpan } from "./map";
export { encodeExportTraceResponse, exportTraceResponse, otlpTraceResponse, type ExportTraceResponseBody } from "./response";
export type * from "./types";
