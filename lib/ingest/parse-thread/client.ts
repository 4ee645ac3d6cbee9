// Parsing an ingestion request on the parse thread (worker.ts): the route reads
// the body (bytes, size-checked) and sends them there, and gets the events back. Validation and mapping
// are most of an ingestion request's work on the server thread; done there,
// with many clients at once, every page waited behind them.
// LOUPE_PARSE_THREAD=off parses on the server thread.
import { parseRequest, type ParsedRequest, type ParseRequest } from "../parse-request";
import { bootFile, NotOnThread, shared, ThreadClient } from "../threads/rpc";

export function useParseThread(): boolean {
  const v = (process.env.LOUPE_PARSE_THREAD ?? "on").toLowerCase();
  return v !== "off" && v !== "0" && v !== "false" && bootFile() !== null && !client().broken;
}

const client = () => shared("loupeParseThread", () => new ThreadClient<ParseRequest>("loupe-parse", "../parse-thread/worker.ts"));

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
