// "Run experiment": the workbench asks the team's own code to run a dataset.
// It POSTs { projectId, datasetId, datasetName, runName, payload }, signed
// (lib/experiments/signature.ts), to the project's endpoint; that code runs
// the items with an SDK and links them, so the run fills in on its page like
// any SDK run. Each request is recorded (ExperimentTrigger) with what came
// back: SENT (2xx), REFUSED (another status) or UNREACHABLE (no answer).
import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { DbNull } from "../db/models";
import { requireDataset } from "../datasets/datasets";
import { DomainError } from "../errors";
import { makeJsonStorable } from "../ingest/storable";
import { endpointForSending } from "./endpoint";
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
  const outcome = await deliver(endpoint.url, body, {
    "content-type": "application/json",
    "user-agent": "Loupe-Experiments/1",
    ...signatureHeaders(endpoint.secret, body),
    [DELIVERY_HEADER]: id,
  }, opts.timeoutMs ?? TRIGGER_TIMEOUT_MS);
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

async function deliver(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  let res: Response;
  try {
    // No redirects: a POST must not turn into a GET elsewhere; a 3xx is an answer to show.
    res = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { status: "UNREACHABLE", httpStatus: null, head: networkReason(err, timeoutMs) };
  }
  let head: string | null;
  try {
    head = answerHead(await readBounded(res, READ_MAX_BYTES));
  } catch (err) {
    head = `(the answer could not be read: ${networkReason(err, timeoutMs)})`;
  }
  return { status: res.ok ? "SENT" : "REFUSED", httpStatus: res.status, head };
}

/** The first bytes of the answer; the rest is cancelled, so a huge or endless answer costs nothing. */
async function readBounded(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(all.subarray(0, maxBytes));
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

/** "connect ECONNREFUSED 127.0.0.1:9" rather than undici's bare "fetch failed". */
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
  const reason = describe(cause) ?? (err instanceof Error ? err.message : String(err));
  return reason.slice(0, HEAD_MAX_CHARS);
}
