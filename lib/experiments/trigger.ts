// "Run experiment": the workbench asks the team's own code to run a dataset.
// It POSTs { projectId, datasetId, datasetName, runName, payload }, signed
// (lib/experiments/signature.ts), to the project's endpoint; that code runs
// the items with an SDK and links them, so the run fills in on its page like
// any SDK run. Each request is recorded (ExperimentTrigger) with what came
// back: SENT (2xx), REFUSED (another status) or UNREACHABLE (no answer).
import "server-only";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Db } from "../db/client";
import { DbNull } from "../db/models";
import { requireDataset } from "../datasets/datasets";
import { DomainError } from "../errors";
import { makeJsonStorable } from "../ingest/storable";
import { endpointForSending } from "./endpoint";
import { checkingLookup, checkLiteralHost, endpointPolicyFromEnv, type EndpointPolicy } from "./endpoint-address";
import { DELIVERY_HEADER, signatureHeaders } from "./signature";
import type { TriggerFormInput, TriggerStatus, TriggerView } from "./trigger-schemas";

export const TRIGGER_TIMEOUT_MS = 10_000;
/** What is kept of the answer: enough to read an error, never a whole page. */
export const HEAD_MAX_LINES = 20;
export const HEAD_MAX_CHARS = 2_000;
/** Bytes read from the answer before the rest is dropped (the head is cut from these). */
const READ_MAX_BYTES = 16_384;

export interface TriggerOptions {
  timeoutMs?: number;
  /** Which addresses may be sent to; LOUPE_EXPERIMENT_ENDPOINTS by default (endpoint-address.ts). */
  endpoints?: EndpointPolicy;
}

export async function triggerExperiment(
  client: Db,
  projectId: string,
  input: Omit<TriggerFormInput, "projectId">,
  userId: string | null,
  opts: TriggerOptions = {},
): Promise<TriggerView> {
  const dataset = await requireDataset(client, projectId, input.datasetId);
  const endpoint = await endpointForSending(client, projectId);
  if (!endpoint) throw new DomainError("invalid", "This project has no experiment endpoint yet: set one in Settings.");
  const id = triggerId();
  const payload = input.payload ?? null;
  const body = JSON.stringify({ projectId, datasetId: dataset.id, datasetName: dataset.name, runName: input.runName, payload });
  const policy = opts.endpoints ?? endpointPolicyFromEnv();
  const outcome = await deliver(endpoint.url, body, {
    "content-type": "application/json",
    "user-agent": "Loupe-Experiments/1",
    ...signatureHeaders(endpoint.secret, body),
    [DELIVERY_HEADER]: id,
  }, opts.timeoutMs ?? TRIGGER_TIMEOUT_MS, policy);
  const row = await client.experimentTrigger.create({
    data: {
      id,
      projectId,
      datasetId: dataset.id,
      runName: input.runName,
      payload: payload === null ? DbNull : makeJsonStorable(structuredClone(payload) as object),
      url: endpoint.url,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      responseHead: outcome.head,
      createdByUserId: userId,
    },
  });
  return {
    id: row.id,
    datasetId: row.datasetId,
    runName: row.runName,
    url: row.url,
    status: outcome.status,
    httpStatus: row.httpStatus,
    responseHead: row.responseHead,
    createdAt: row.createdAt.toISOString(),
    createdBy: null,
  };
}

let seq = 0;
/** Sorts by time, then by order within the process: "newest first" holds for two requests in one millisecond. */
function triggerId(): string {
  seq = (seq + 1) % 36 ** 4;
  return `xt${Date.now().toString(36).padStart(9, "0")}${seq.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

interface Outcome {
  status: TriggerStatus;
  httpStatus: number | null;
  head: string | null;
}

/**
 * One POST with node:http(s), so the socket's DNS lookup is ours: under
 * LOUPE_EXPERIMENT_ENDPOINTS=public it refuses non-public addresses after
 * resolution, on the address actually connected to (endpoint-address.ts). No
 * redirects are followed (node:http never does): a POST must not turn into a
 * GET elsewhere; a 3xx is an answer to show. The timeout covers connecting,
 * the answer's headers and the bytes read of its body.
 */
function deliver(url: string, body: string, headers: Record<string, string>, timeoutMs: number, policy: EndpointPolicy): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    let answered: number | null = null;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(o);
    };
    const failed = (err: unknown) =>
      finish(answered === null
        ? { status: "UNREACHABLE", httpStatus: null, head: networkReason(err, timeoutMs) }
        : { status: answered < 300 && answered >= 200 ? "SENT" : "REFUSED", httpStatus: answered, head: `(the answer could not be read: ${networkReason(err, timeoutMs)})` });
    const target = new URL(url);
    try {
      if (policy === "public") checkLiteralHost(target.hostname);
    } catch (err) {
      // A promise executor's throw would reject; this is an outcome to record, like any refusal to connect.
      resolve({ status: "UNREACHABLE", httpStatus: null, head: networkReason(err, timeoutMs) });
      return;
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(target, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      ...(policy === "public" ? { lookup: checkingLookup } : {}),
    });
    const timer = setTimeout(() => failed(Object.assign(new Error("timeout"), { name: "TimeoutError" })), timeoutMs);
    req.on("error", failed);
    req.on("response", (res) => {
      answered = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks).subarray(0, READ_MAX_BYTES));
        finish({ status: answered! >= 200 && answered! < 300 ? "SENT" : "REFUSED", httpStatus: answered, head: answerHead(text) });
      };
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        // The first bytes are enough: the rest is dropped, so a huge or endless answer costs nothing.
        if (size >= READ_MAX_BYTES) done();
      });
      res.on("end", done);
      res.on("error", failed);
    });
    req.end(body);
  });
}

/** At most HEAD_MAX_LINES lines and HEAD_MAX_CHARS characters, marked when cut; null when empty. */
export function answerHead(text: string): string | null {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let head = lines.slice(0, HEAD_MAX_LINES).join("\n");
  let cut = lines.length > HEAD_MAX_LINES;
  if (head.length > HEAD_MAX_CHARS) {
    head = head.slice(0, HEAD_MAX_CHARS);
    cut = true;
  }
  head = head.trimEnd();
  if (!head) return null;
  return cut ? `${head}\n…` : head;
}

/** "connect ECONNREFUSED 127.0.0.1:9", or each address's error when a name has several. */
function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`;
  const cause = err instanceof Error ? (err.cause as unknown) : undefined;
  const describe = (e: unknown): string | null => {
    if (!e || typeof e !== "object") return null;
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    // localhost may resolve to ::1 and 127.0.0.1: the AggregateError's parts say what each did.
    if (Array.isArray(errors) && errors.length) return errors.map(describe).filter(Boolean).join("; ");
    if (typeof message === "string" && message) return message;
    return typeof code === "string" ? code : null;
  };
  // fetch-style errors wrap the socket's error in `cause`; node:http hands it over as is.
  const reason = describe(cause) ?? describe(err) ?? String(err);
  return reason.slice(0, HEAD_MAX_CHARS);
}
