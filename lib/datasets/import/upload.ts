// An import's file on disk: the request body is streamed to
// <data dir>/imports/<upload id> (never held in memory), the IMPORT job reads
// it back as a stream, and removes it when it ends. The data directory is the
// SQLite file's folder (./data by default), or LOUPE_DATA_DIR.
import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { targetOf, type Db } from "../../db/client";
import { ApiError } from "../../http/errors";

/** Biggest import file accepted (decoded), LOUPE_MAX_IMPORT_BYTES; 100,000 rows of a few KB fit. */
export const MAX_IMPORT_BYTES = Number(process.env.LOUPE_MAX_IMPORT_BYTES ?? 512 * 1024 * 1024);

/** The data directory of the database a client is on. */
export function dataDir(client: Db): string {
  if (process.env.LOUPE_DATA_DIR) return path.resolve(process.env.LOUPE_DATA_DIR);
  const target = targetOf(client);
  return target.provider === "sqlite" ? path.dirname(target.file) : path.resolve("data");
}

const importsDir = (client: Db) => path.join(dataDir(client), "imports");

/** Streams a request's body to a new upload file; answers its absolute path and size. Refuses an empty or too big body (413). */
export async function saveUpload(client: Db, req: Request, maxBytes = MAX_IMPORT_BYTES): Promise<{ file: string; bytes: number }> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooBig(maxBytes);
  if (!req.body) throw new ApiError("bad_request", "The request body is empty: send the file as the body");
  const dir = importsDir(client);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, randomUUID());
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.byteLength;
      done(bytes > maxBytes ? tooBig(maxBytes) : null, chunk);
    },
  });
  const encoding = (req.headers.get("content-encoding") ?? "identity").toLowerCase().trim();
  if (encoding !== "identity" && encoding !== "gzip") throw new ApiError("unsupported_media_type", `Content-Encoding "${encoding}" is not supported (use gzip or none)`);
  const body = Readable.fromWeb(req.body as unknown as WebReadableStream);
  try {
    await (encoding === "gzip" ? pipeline(body, createGunzip(), limit, createWriteStream(file)) : pipeline(body, limit, createWriteStream(file)));
  } catch (err) {
    await removeUpload(file);
    if (err instanceof ApiError) throw err;
    throw new ApiError("bad_request", `Could not read the uploaded file: ${(err as Error).message}`);
  }
  if (!bytes) {
    await removeUpload(file);
    throw new ApiError("bad_request", "The uploaded file is empty");
  }
  return { file, bytes };
}

const tooBig = (max: number) => new ApiError("payload_too_large", `The file exceeds the import limit of ${max} bytes (LOUPE_MAX_IMPORT_BYTES)`);

export function openUpload(file: string): AsyncIterable<Buffer> {
  return createReadStream(file, { highWaterMark: 256 * 1024 });
}

export async function uploadExists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

export async function removeUpload(file: string): Promise<void> {
  // Only files in an imports folder: the path comes from a job's params.
  if (path.basename(path.dirname(path.resolve(file))) !== "imports") return;
  await rm(file, { force: true });
}
