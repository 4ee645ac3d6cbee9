// From an ingestion request's body (bytes, read and size-checked by the route)
// to the events to write, for each protocol: JSON or protobuf decoding, schema
// validation, mapping. Pure (no database, no server-only import): it runs on
// the parse thread (parse-thread/), off the event loop that serves pages, or
// in process. A request unusable as a whole throws ApiError (a 4xx naming the
// field); a bad event of a batch is reported in its slot. The events come out
// storable (storable.ts: NULs and lone surrogates stripped), so the write
// path need not walk them again on the server thread.
import { ApiError } from "../http/errors";
import { DEFAULT_MAX_BATCH_LENGTH, parseIngestionBatch, type SlotResult } from "./langfuse/map";
import { parseNativeTrace, type NativeTraceMapped } from "./native/map";
import { decodeOtlpJson, decodeOtlpProtobuf, OtlpDecodeError } from "./otel/decode";
import { mapOtlpToEvents, type OtlpMapResult } from "./otel/map";
import { makeEventsStorable } from "./storable";

export type ParseRequest =
  | { protocol: "langfuse"; body: Uint8Array; maxBatchLength?: number }
  | { protocol: "otlp"; format: "json" | "protobuf"; body: Uint8Array }
  | { protocol: "native"; body: Uint8Array };

export interface ParsedRequest {
  langfuse: SlotResult[];
  otlp: OtlpMapResult;
  native: NativeTraceMapped;
}

const text = (body: Uint8Array) => Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");

function json(body: Uint8Array, emptyMessage?: string): unknown {
  if (emptyMessage && !body.byteLength) throw new ApiError("bad_request", emptyMessage);
  try {
    return JSON.parse(text(body));
  } catch (err) {
    throw new ApiError("bad_request", `Request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function parseRequest<P extends ParseRequest>(req: P): ParsedRequest[P["protocol"]] {
  return parse(req) as ParsedRequest[P["protocol"]];
}

function parse(req: ParseRequest): ParsedRequest[keyof ParsedRequest] {
  if (req.protocol === "langfuse") {
    const parsed = parseIngestionBatch(json(req.body, "Request body is empty: expected JSON"), { maxBatchLength: req.maxBatchLength ?? DEFAULT_MAX_BATCH_LENGTH });
    if (!parsed.ok) throw new ApiError(parsed.status === 413 ? "payload_too_large" : "bad_request", parsed.message, parsed.details);
    for (const r of parsed.results) if (r.ok) r.events = makeEventsStorable(r.events);
    return parsed.results;
  }
  if (req.protocol === "native") {
    const parsed = parseNativeTrace(json(req.body, "Request body is empty: expected JSON"));
    if (!parsed.ok) throw new ApiError(parsed.status === 413 ? "payload_too_large" : "bad_request", parsed.message, parsed.details);
    return { ...parsed, events: makeEventsStorable(parsed.events) };
  }
  let request;
  try {
    request = req.format === "protobuf" ? decodeOtlpProtobuf(req.body) : decodeOtlpJson(json(req.body));
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw new ApiError("bad_request", err.message);
    throw err;
  }
  const mapped = mapOtlpToEvents(request);
  return { ...mapped, events: makeEventsStorable(mapped.events) };
}
