// Parsing an ingestion request on the parse thread (worker.ts): the route reads
// the body (bytes, size-checked) and sends them there, and gets the events back. Validation and mapping
// are most of an ingestion request's work on the server thread; done there,
// with many clients at once, every page waited behind them.
// LOUPE_PARSE_THREAD=off parses on the server thread.
//
// On SQLite with the writer thread, parseAndWrite goes further: the parse
// thread hands the write to the writer thread on a port this thread connected
// them by (direct.ts), and only the outcome comes back here.
import { parseRequest, type ParsedRequest, type ParseRequest } from "../parse-request";
import { bootFile, NotOnThread, shared, ThreadClient } from "../threads/rpc";
import { writerGeneration, writerPort } from "../writer-thread/client";
import type { DirectResult, DirectWrite } from "./direct";
import type { ToParser } from "./worker";

export function useParseThread(): boolean {
  const v = (process.env.LOUPE_PARSE_THREAD ?? "on").toLowerCase();
  return v !== "off" && v !== "0" && v !== "false" && bootFile() !== null && !client().broken;
}

const client = () => shared("loupeParseThread", () => new ThreadClient<ToParser>("loupe-parse", "../parse-thread/worker.ts"));

/** The request parsed, on the parse thread when it is on. */
export async function parseIngestion<P extends ParseRequest>(req: P): Promise<ParsedRequest[P["protocol"]]> {
  if (!useParseThread()) return parseRequest(req);
  // The bytes are copied with the message (a memcpy, small beside the parse), not moved: if the parsed events
  // cannot come back (never for what the API accepts, whose depth is bounded) or the thread cannot start
  // (NotOnThread), they are parsed here.
  return client()
    .call<ParsedRequest[P["protocol"]]>(req)
    .catch((err) => {
      if (err instanceof NotOnThread) return parseRequest(req);
      throw err;
    });
}

// Per database file, the writer and parse threads the port between them was made for, once connected.
type Link = { writer: number; parser: number; ready: Promise<void> };
const links = shared("loupeParseWriterLinks", () => new Map<string, Link>());

/** The parse thread connected to the running writer thread for `file` (again, after either of them started anew). */
function linked(file: string): Promise<void> {
  const writer = writerGeneration();
  const parser = client().generation;
  const link = links.get(file);
  if (link && link.writer === writer && link.parser === parser) return link.ready;
  const ready = (async () => {
    const { port } = await writerPort(file);
    await client().call({ file, writerPort: port }, [port]);
  })();
  links.set(file, { writer, parser, ready });
  ready.catch(() => links.get(file)?.ready === ready && links.delete(file));
  return ready;
}

/**
 * The request parsed and, unless the result says `wrote: false`, written to `write.file` and committed, without
 * the events passing through this thread. Both threads must be on (useParseThread, useWriterThread); on
 * `wrote: false` the caller writes `parsed` its usual way.
 */
export async function parseAndWrite<P extends ParseRequest>(req: P, write: DirectWrite): Promise<DirectResult<P["protocol"]>> {
  try {
    await linked(write.file);
  } catch {
    // Not connected (a thread could not start, or stopped meanwhile): nothing was written, the usual way does it.
    return { wrote: false, parsed: await parseIngestion(req) };
  }
  try {
    return await client().call<DirectResult<P["protocol"]>>({ ...req, write });
  } catch (err) {
    // The request could not reach the thread, or its parsed events could not come back (then it answered
    // `wrote: false`: a written request's answer is plain data and always crosses). Nothing was written either way.
    if (err instanceof NotOnThread) return { wrote: false, parsed: await parseIngestion(req) };
    throw err;
  }
}
