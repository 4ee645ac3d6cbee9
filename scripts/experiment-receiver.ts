// A reference receiver for "Run experiment" (copy it into your application).
// Loupe POSTs { projectId, datasetId, datasetName, runName, payload } signed
// with the project's experiment secret; this answers 202 at once (Loupe waits
// at most 10 s), then runs every item of the dataset through the langfuse 3.x
// SDK: a trace per item with the task's output, linked to the item under the
// run name. The run fills in on the dataset's Runs tab as items are linked.
//
//   LOUPE_EXPERIMENT_SECRET=lxs_… LANGFUSE_PUBLIC_KEY=pk-… LANGFUSE_SECRET_KEY=sk-… \
//   LANGFUSE_BASEURL=http://localhost:3000 PORT=8787 npx tsx scripts/experiment-receiver.ts
//
// Replace `echoTask` with a call to your application.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { Langfuse } from "langfuse";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../lib/experiments/signature";

export interface ExperimentRequest {
  projectId: string;
  datasetId: string;
  datasetName: string;
  runName: string;
  payload: unknown;
}

export interface LangfuseKeys {
  publicKey: string;
  secretKey: string;
  baseUrl: string;
}

/** What the application does with one item: its output for the item's input. */
export type Task = (input: unknown, ctx: { itemId: string; expectedOutput: unknown; payload: unknown }) => unknown;

export interface RunResult {
  runName: string;
  items: number;
  linked: number;
  /** Items whose task threw (still linked, with the error as output) or whose link was refused. */
  failures: { itemId: string; error: string }[];
}

/** The trivial task: says what it was given. */
export const echoTask: Task = (input) => (typeof input === "string" ? `echo: ${input}` : { echo: input });

/** Runs every item of the dataset through `task` and links each trace to its item under the run name. */
export async function runDatasetItems(keys: LangfuseKeys, req: ExperimentRequest, task: Task = echoTask): Promise<RunResult> {
  const langfuse = new Langfuse({ ...keys, flushAt: 50 });
  const failures: RunResult["failures"] = [];
  let linked = 0;
  try {
    const dataset = await langfuse.getDataset(req.datasetName);
    for (const item of dataset.items) {
      const trace = langfuse.trace({ name: `experiment ${req.runName}`, input: item.input, metadata: { datasetItemId: item.id, payload: req.payload } });
      let output: unknown;
      try {
        output = await task(item.input, { itemId: item.id, expectedOutput: item.expectedOutput, payload: req.payload });
      } catch (err) {
        // One failing item never loses the run: it is linked with its error.
        output = { error: (err as Error).message };
        failures.push({ itemId: item.id, error: (err as Error).message });
      }
      trace.update({ output });
      const link = (await item.link(trace, req.runName, {
        description: "Started from the Loupe workbench",
        metadata: req.payload ?? undefined,
      })) as { id?: string; message?: string } | undefined;
      // The SDK logs a refused link rather than throwing: check the answer.
      if (link?.id) linked++;
      else failures.push({ itemId: item.id, error: `link refused: ${JSON.stringify(link).slice(0, 300)}` });
    }
    return { runName: req.runName, items: dataset.items.length, linked, failures };
  } finally {
    await langfuse.shutdownAsync();
  }
}

const MAX_BODY = 1_000_000;

async function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseRequest(raw: Buffer): ExperimentRequest | null {
  try {
    const b = JSON.parse(raw.toString("utf8")) as Partial<ExperimentRequest>;
    return typeof b.datasetName === "string" && typeof b.runName === "string" ? (b as ExperimentRequest) : null;
  } catch {
    return null;
  }
}

export interface ReceiverOptions {
  secret: string;
  langfuse: LangfuseKeys;
  task?: Task;
  /** The receiver's clock for the signature's timestamp check (tests); the real clock by default. */
  now?: () => Date;
  /** Called when a run ends (tests wait on it; the script logs it). */
  onRunEnd?: (result: RunResult | Error, req: ExperimentRequest) => void;
}

/** An HTTP server that verifies the signature, answers 202 at once, then runs the items. */
export function createReceiver(opts: ReceiverOptions): Server {
  return createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return reply(405, { error: "POST only" });
    const raw = await readRaw(req);
    if (!raw) return reply(413, { error: "body too large" });
    // Verify the bytes as received, before parsing anything; the signed timestamp
    // must be within 5 minutes of now, so a captured request cannot be replayed later.
    const signature = req.headers[SIGNATURE_HEADER] as string | undefined;
    const timestamp = req.headers[TIMESTAMP_HEADER] as string | undefined;
    if (!verifySignature(opts.secret, raw, signature, timestamp, { now: opts.now?.() })) return reply(401, { error: "bad signature" });
    const body = parseRequest(raw);
    if (!body) return reply(400, { error: "expected { datasetName, runName, … }" });
    reply(202, { accepted: true, runName: body.runName, delivery: req.headers[DELIVERY_HEADER] ?? null });
    // After the answer: Loupe never waits for the run itself.
    runDatasetItems(opts.langfuse, body, opts.task).then(
      (result) => opts.onRunEnd?.(result, body),
      (err: Error) => opts.onRunEnd?.(err, body),
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const need = (name: string) => {
    const v = process.env[name];
    if (!v) {
      console.error(`${name} is not set`);
      process.exit(1);
    }
    return v;
  };
  const secret = need("LOUPE_EXPERIMENT_SECRET");
  const keys = { publicKey: need("LANGFUSE_PUBLIC_KEY"), secretKey: need("LANGFUSE_SECRET_KEY"), baseUrl: process.env.LANGFUSE_BASEURL ?? "http://localhost:3000" };
  const port = Number(process.env.PORT ?? 8787);
  createReceiver({
    secret,
    langfuse: keys,
    onRunEnd: (r, req) =>
      console.log(r instanceof Error ? `run "${req.runName}" failed: ${r.message}` : `run "${r.runName}": ${r.linked}/${r.items} items linked${r.failures.length ? `, ${r.failures.length} failures` : ""}`),
  }).listen(port, () => console.log(`experiment receiver on http://localhost:${port}, sending to ${keys.baseUrl}`));
}
