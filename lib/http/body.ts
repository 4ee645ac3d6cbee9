// Reading request bodies with a size limit (413 before buffering too much),
// gzip/deflate decoding (OTLP exporters compress), and JSON parsing with a
// message that says what is wrong.
import { createGunzip, createInflate } from "node:zlib";
import { Readable } from "node:stream";
import { ApiError } from "./errors";

export const DEFAULT_MAX_BODY_BYTES = Number(process.env.LOUPE_MAX_BODY_BYTES ?? 10 * 1024 * 1024);

export async function readBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const tooBig = () =>
    new ApiError("payload_too_large", `Request body exceeds the limit of ${maxBytes} bytes (LOUPE_MAX_BODY_BYTES)`);
  const encoding = (req.headers.get("content-encoding") ?? "identity").toLowerCase().trim();
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (encoding === "identity") await drain(req, maxBytes);
    throw tooBig();
  }
  if (!req.body) return Buffer.alloc(0);

  let stream: AsyncIterable<Uint8Array> = req.body as unknown as AsyncIterable<Uint8Array>;
  if (encoding === "gzip" || encoding === "deflate") {
    const inflater = encoding === "gzip" ? createGunzip() : createInflate();
    stream = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream).pipe(inflater);
  } else if (encoding !== "identity") {
    throw new ApiError("unsupported_media_type", `Content-Encoding "${encoding}" is not supported (use gzip or none)`);
  }

  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (size <= maxBytes) {
        parts.push(Buffer.from(chunk));
        continue;
      }
      // The limit applies to the decoded size too: a small gzip bomb is still refused (and not read on).
      if (encoding !== "identity" || size > drainLimit(maxBytes)) throw tooBig();
      parts.length = 0; // read on and dropped, so the client gets to read the 413 (see drain)
    }
    if (size > maxBytes) throw tooBig();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError("bad_request", `Could not read the request body (${encoding}): ${(err as Error).message}`);
  }
  return Buffer.concat(parts, size);
}

/**
 * How much of a refused body is read and dropped before the 413: a client still sending when the answer comes and
 * the connection closes (413s close it) sees a broken pipe, not the 413. Past this, it may.
 */
const drainLimit = (maxBytes: number) => 4 * maxBytes;

/** Reads and drops a refused body up to drainLimit (called for an identity body only: a compressed one's rest is never read). */
async function drain(req: Request, maxBytes: number): Promise<void> {
  if (!req.body) return;
  let size = 0;
  try {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) if ((size += chunk.byteLength) > drainLimit(maxBytes)) return;
  } catch {
    // The client went away: nothing left to answer.
  }
}

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** A JSON body's bytes, not parsed yet (ingestion parses them on its own thread: lib/ingest/parse-request.ts). */
export async function readJsonBytes(req: Request, maxBytes?: number): Promise<Buffer> {
  const type = mediaType(req);
  if (type && type !== "application/json" && !type.endsWith("+json")) {
    throw new ApiError("unsupported_media_type", `Content-Type must be application/json, got "${type}"`);
  }
  return readBody(req, maxBytes);
}

export async function readJson(req: Request, maxBytes?: number): Promise<unknown> {
  const buf = await readJsonBytes(req, maxBytes);
  if (!buf.length) throw new ApiError("bad_request", "Request body is empty: expected JSON");
  try {
    return JSON.parse(buf.toString("utf8"));
  } catch (err) {
    throw new ApiError("bad_request", `Request body is not valid JSON: ${(err as Error).message}`);
  }
}
