// On the parse thread: parse an ingestion request and hand its write to the
// writer thread directly, on a port the server thread connected the two by
// (client.ts), so the events never cross the server thread. Sent through it,
// a 100-observation batch was cloned twice more (back to the server thread,
// then on to the writer): ~1 ms of the server thread's time per request,
// synchronous, in the event loop that serves the pages.
//
// The server thread gets back what its answer needs (each slot's outcome, the
// OTLP rejections and experiment-link candidates, the native ids), after the
// writer committed. What it must still do itself, it is given the parsed
// request for, as before the direct path: a batch with a score naming a score
// config (checking it reads the database), or no port (the writer thread
// stopped: the server thread starts another and connects them again).
import type { MessagePort } from "node:worker_threads";
import type { PriceEntry } from "../cost/types";
import type { IngestEvent } from "../events";
import { writeOrder, type SlotResult } from "../langfuse/map";
import { linkCandidates, type LinkCandidate } from "../otel/experiment-links";
import type { RejectedSpan } from "../otel/map";
import { parseRequest, type ParsedRequest, type ParseRequest } from "../parse-request";
import { NotOnThread, PendingCalls, type Answer } from "../threads/rpc";
import type { WriteResult } from "../write-batch";
import type { ToWriter, WriteJob } from "../writer-thread/protocol";

/** Where the parsed events go: the writer thread's handle of `file`, for `projectId`, priced with `prices`. */
export interface DirectWrite {
  file: string;
  projectId: string;
  prices: readonly PriceEntry[];
}

export type DirectRequest = ParseRequest & { write: DirectWrite };

/** What the server thread answers the client from, per protocol, once the write committed. */
export interface Written {
  langfuse: { slots: SlotResult[]; stored: number[] };
  otlp: { rejected: RejectedSpan[]; candidates: LinkCandidate[] };
  native: { traceId: string; observations: ParsedRequest["native"]["observations"] };
}

/** Written (`wrote`), or the parsed request for the server thread to go on with. */
export type DirectResult<P extends ParseRequest["protocol"] = ParseRequest["protocol"]> = { wrote: false; parsed: ParsedRequest[P] } | ({ wrote: true } & Written[P]);

/** One port to the writer thread: its calls all fail when the writer thread stops (the port closes). */
class WriterPort {
  private readonly calls: PendingCalls;
  closed = false;

  constructor(private readonly port: MessagePort) {
    this.calls = new PendingCalls(port, "writer");
    port.on("message", (a: Answer) => {
      if (!("ready" in a)) this.calls.settle(a);
    });
    port.on("close", () => {
      this.closed = true;
      // Not acknowledged, so not lost: the clients are answered with an error and send again.
      this.calls.failAll(new Error("the writer thread stopped"));
    });
    port.unref();
  }

  call<T>(message: ToWriter): Promise<T> {
    return this.calls.call<T>(message);
  }

  close() {
    this.port.close();
  }
}

const ports = new Map<string, WriterPort>();

/** The server thread connected this thread to a (new) writer thread for `file`. */
export function connectWriter(file: string, port: MessagePort): void {
  ports.get(file)?.close();
  ports.set(file, new WriterPort(port));
}

export async function parseAndWrite(req: DirectRequest): Promise<DirectResult> {
  const parsed = parseRequest(req);
  const port = ports.get(req.write.file);
  const job = jobOf(req, parsed);
  if (!port || port.closed || job === undefined) return { wrote: false, parsed };
  const { file, projectId, prices } = req.write;
  if (job.events.length) {
    try {
      await port.call<WriteResult>({ file, job: { projectId, prices, ...job } });
    } catch (err) {
      // Not sent, so not written: the server thread writes it its own way.
      if (err instanceof NotOnThread) return { wrote: false, parsed };
      throw err;
    }
  }
  if (req.protocol === "langfuse") {
    const slots = parsed as ParsedRequest["langfuse"];
    return { wrote: true, slots: slots.map((s) => (s.ok ? { ...s, events: [] } : s)), stored: writeOrder(slots).map((s) => s.index) };
  }
  if (req.protocol === "otlp") {
    const { events, rejected } = parsed as ParsedRequest["otlp"];
    return { wrote: true, rejected, candidates: linkCandidates(events) };
  }
  const native = parsed as ParsedRequest["native"];
  return { wrote: true, traceId: native.traceId, observations: native.observations };
}

/** The write a parsed request makes, in the order the server thread would write it; undefined when it must do it itself. */
function jobOf(req: ParseRequest, parsed: ParsedRequest[keyof ParsedRequest]): Pick<WriteJob, "events" | "refuseMoves"> | undefined {
  if (req.protocol === "langfuse") {
    // Creates before updates (the JS SDK does not flush in call order): langfuse/map.ts writeOrder.
    const events: IngestEvent[] = writeOrder(parsed as ParsedRequest["langfuse"]).flatMap((s) => s.events);
    // A score naming a config is checked against it first, which reads the database: the server thread does that.
    if (events.some((e) => e.kind === "score" && e.configId)) return undefined;
    return { events };
  }
  if (req.protocol === "otlp") return { events: (parsed as ParsedRequest["otlp"]).events };
  const native = parsed as ParsedRequest["native"];
  // An id of another trace's observation is a conflict (409), not a silent move.
  return { events: native.events, refuseMoves: { paths: native.observationPaths, fallback: "observations" } };
}
