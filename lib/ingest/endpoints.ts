// The three ingestion protocols, from a parsed request to committed events and
// the reply each protocol's clients expect. Route handlers call these.
import { readBody, readJsonBytes, mediaType } from "../http/body";
import { DomainError } from "../errors";
import { ApiError, statusOf } from "../http/errors";
import { db } from "../db/client";
import { checkAgainstConfig } from "../scores/validate";
import { DEFAULT_MAX_BATCH_LENGTH, toIngestionReply, writeOrder, type SlotSuccess, type StoreFailure } from "./langfuse/map";
import { otlpTraceResponse } from "./otel/response";
import { linkCandidates, scheduleExperimentLinks } from "./otel/experiment-links";
import { admitIngestion } from "./admission";
import { announceWrite, type Arrival } from "./group-commit";
import { ingestEvents, parseAndIngest } from "./service";

/**
 * Runs an ingestion request if admitted (a 429 when too many are in flight, admission.ts), announced to the
 * group commit from its start (it waits for writes on their way, group-commit.ts); the announcement ends when
 * the write reaches the writer, or when the request ends without one.
 */
async function announced(handle: (arrival: Arrival) => Promise<Response>): Promise<Response> {
  const admitted = admitIngestion();
  const arrival = announceWrite();
  try {
    return await handle(arrival);
  } finally {
    arrival.done();
    admitted.release();
  }
}

const MAX_BATCH = Number(process.env.LOUPE_MAX_BATCH_LENGTH ?? DEFAULT_MAX_BATCH_LENGTH);

/** POST /api/public/ingestion — Langfuse batch: 207 with a result per event. */
export const ingestLangfuseBatch = (req: Request, projectId: string) => announced((arrival) => langfuseBatch(req, projectId, arrival));

async function langfuseBatch(req: Request, projectId: string, arrival: Arrival): Promise<Response> {
  const out = await parseAndIngest(projectId, { protocol: "langfuse", body: await readJsonBytes(req), maxBatchLength: MAX_BATCH });
  if (out.wrote) return Response.json(toIngestionReply(out.slots, new Set(out.stored)), { status: 207 });
  const results = out.parsed;
  // Creates before updates: the JS SDK does not flush in call order.
  const ordered = writeOrder(results);
  const failures = await checkScoreConfigs(projectId, ordered);
  const good = ordered.filter((r) => !failures.has(r.index));
  await ingestEvents(projectId, good.flatMap((r) => r.events), db, { arrival, storable: true });
  const stored = new Set(good.map((r) => r.index));
  return Response.json(toIngestionReply(results, stored, failures), { status: 207 });
}

/** Scores that name a score config must fit it (range, categories, type); a misfit fails its own slot. */
async function checkScoreConfigs(projectId: string, slots: SlotSuccess[]): Promise<Map<number, StoreFailure>> {
  const failures = new Map<number, StoreFailure>();
  for (const slot of slots) {
    for (const e of slot.events) {
      if (e.kind !== "score" || !e.configId) continue;
      try {
        const checked = await checkAgainstConfig(db, projectId, e);
        e.value = checked.value;
        if (checked.stringValue !== undefined) e.stringValue = checked.stringValue;
        e.dataType = checked.dataType as typeof e.dataType;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        failures.set(slot.index, { status: statusOf(err), message: err.describe(["batch", slot.index, "body"]) });
      }
    }
  }
  return failures;
}

/** POST /api/public/otel/v1/traces — OTLP/HTTP, protobuf or JSON, answered in kind. */
export const ingestOtlp = (req: Request, projectId: string) => announced((arrival) => otlp(req, projectId, arrival));

async function otlp(req: Request, projectId: string, arrival: Arrival): Promise<Response> {
  const type = mediaType(req);
  const format = type === "application/x-protobuf" || type === "application/protobuf" ? "protobuf" : type === "application/json" ? "json" : undefined;
  if (!format) {
    throw new ApiError("unsupported_media_type", `Content-Type must be application/x-protobuf or application/json, got "${type || "none"}"`);
  }
  const out = await parseAndIngest(projectId, { protocol: "otlp", format, body: await readBody(req) });
  if (!out.wrote) await ingestEvents(projectId, out.parsed.events, db, { arrival, storable: true });
  // Committed: experiment traces whose link call failed get linked a little later, off this request.
  scheduleExperimentLinks(projectId, out.wrote ? out.candidates : linkCandidates(out.parsed.events));
  const reply = otlpTraceResponse(out.wrote ? out.rejected : out.parsed.rejected, format);
  return new Response(reply.body as BodyInit, { status: 200, headers: { "content-type": reply.contentType } });
}

/** POST /api/public/traces — one trace with its observations nested as a tree. */
export const ingestNativeTrace = (req: Request, projectId: string) => announced((arrival) => nativeTrace(req, projectId, arrival));

async function nativeTrace(req: Request, projectId: string, arrival: Arrival): Promise<Response> {
  const out = await parseAndIngest(projectId, { protocol: "native", body: await readJsonBytes(req) });
  if (out.wrote) return Response.json({ id: out.traceId, observations: out.observations }, { status: 201 });
  const parsed = out.parsed;
  // An id of another trace's observation is a conflict (409), not a silent move.
  await ingestEvents(projectId, parsed.events, db, { refuseMoves: { paths: parsed.observationPaths, fallback: "observations" }, arrival, storable: true });
  return Response.json({ id: parsed.traceId, observations: parsed.observations }, { status: 201 });
}
