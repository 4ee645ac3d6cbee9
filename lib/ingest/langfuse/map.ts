// The Langfuse batch adapter: request body → one result per batch slot.
// Pure: no database, no HTTP. The route handler calls parseIngestionBatch,
// hands the successes' events to the writer, then builds the 207 reply with
// toIngestionReply from the slots the writer committed.

import { eventIssues } from "../check-event";
import type { IngestEvent } from "../events";
import { formatPath } from "../../errors";
import { issueMessages, summarise, toIssueDetails, type IssueDetail } from "./issues";
import { mapLangfuseEvent } from "./map-events";
import {
  BODY_SCHEMAS,
  eventEnvelopeSchema,
  ingestionRequestSchema,
  type IngestionError,
  type IngestionReply,
  type IngestionSuccess,
  type LangfuseEventType,
} from "./schemas";

export type { IssueDetail } from "./issues";

/** Default cap on events per request; the JS SDK flushes 15 at a time. */
export const DEFAULT_MAX_BATCH_LENGTH = 1000;

export interface SlotSuccess {
  ok: true;
  /** position in `batch` */
  index: number;
  eventId: string;
  type: LangfuseEventType;
  /** the envelope timestamp: when the client created the event (Langfuse orders by it) */
  timestamp: Date;
  /** empty for sdk-log, which is acknowledged and dropped */
  events: IngestEvent[];
}

export interface SlotFailure {
  ok: false;
  index: number;
  /** the event's id when it had a string one, else "unknown" (as Langfuse answers) */
  eventId: string;
  status: 400;
  message: string;
  details: IssueDetail[];
}

export type SlotResult = SlotSuccess | SlotFailure;

export interface ParsedBatch {
  ok: true;
  results: SlotResult[];
}

/** The whole request is unusable: answer it with this status, no 207. */
export interface EnvelopeError {
  ok: false;
  status: 400 | 413;
  message: string;
  details: IssueDetail[];
}

export interface ParseBatchOptions {
  /** more events than this → 413 for the request (default DEFAULT_MAX_BATCH_LENGTH) */
  maxBatchLength?: number;
}

function rawEventId(raw: unknown): string {
  if (typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "string" && raw.id) {
    return raw.id;
  }
  return "unknown";
}

function failure(index: number, raw: unknown, details: IssueDetail[]): SlotFailure {
  return { ok: false, index, eventId: rawEventId(raw), status: 400, message: summarise(details), details };
}

/** Validate and map one batch slot. Paths in errors start at `batch[index]`. */
export function parseIngestionEvent(raw: unknown, index: number): SlotResult {
  const at = ["batch", index];
  const envelope = eventEnvelopeSchema.safeParse(raw, { error: issueMessages });
  // The body is judged by its type; with an unknown type only the envelope is reported.
  const type = envelope.success
    ? envelope.data.type
    : typeof raw === "object" && raw !== null && "type" in raw && typeof raw.type === "string"
      ? (raw.type as LangfuseEventType)
      : undefined;
  const schema = type !== undefined && Object.hasOwn(BODY_SCHEMAS, type) ? BODY_SCHEMAS[type] : undefined;
  const rawBody = typeof raw === "object" && raw !== null && "body" in raw ? raw.body : undefined;
  const bodyIsObject = typeof rawBody === "object" && rawBody !== null && !Array.isArray(rawBody);
  const body = schema && bodyIsObject ? schema.safeParse(rawBody, { error: issueMessages }) : undefined;

  const details = [
    ...(envelope.success ? [] : toIssueDetails(envelope.error, at)),
    ...(body && !body.success ? toIssueDetails(body.error, [...at, "body"]) : []),
  ];
  if (!envelope.success || !body || !body.success || details.length > 0) {
    return failure(index, raw, details);
  }

  const { id: eventId, timestamp } = envelope.data;
  const events = mapLangfuseEvent(envelope.data.type, body.data, { eventId, timestamp });
  // What only the mapped event shows (payload depth, merged usage) is checked on it.
  const limits = events.flatMap((event) =>
    eventIssues(event).map((issue) => ({ path: `${formatPath([...at, "body"])}.${issue.path}`, issue: issue.issue })),
  );
  if (limits.length > 0) return failure(index, raw, limits);
  return { ok: true, index, eventId, type: envelope.data.type, timestamp, events };
}

/**
 * Parse `POST /api/public/ingestion`. Either the request is unusable (not an
 * object, batch not an array, too many events), or every slot gets a result in
 * batch order: its internal events, or a 400 naming the wrong field.
 */
export function parseIngestionBatch(body: unknown, options: ParseBatchOptions = {}): ParsedBatch | EnvelopeError {
  const maxBatchLength = options.maxBatchLength ?? DEFAULT_MAX_BATCH_LENGTH;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const issue = `expected a JSON object with a batch array, received ${body === null ? "null" : Array.isArray(body) ? "array" : typeof body}`;
    return { ok: false, status: 400, message: issue, details: [{ path: "", issue }] };
  }
  const envelope = ingestionRequestSchema.safeParse(body, { error: issueMessages });
  if (!envelope.success) {
    const details = toIssueDetails(envelope.error);
    return { ok: false, status: 400, message: summarise(details), details };
  }
  const { batch } = envelope.data;
  if (batch.length > maxBatchLength) {
    const issue = `must have at most ${maxBatchLength} events, received ${batch.length}`;
    return { ok: false, status: 413, message: `batch: ${issue}`, details: [{ path: formatPath(["batch"]), issue }] };
  }
  return { ok: true, results: batch.map((raw, index) => parseIngestionEvent(raw, index)) };
}

const UPDATE_TYPES: ReadonlySet<LangfuseEventType> = new Set(["span-update", "generation-update", "observation-update"]);

/**
 * The good slots in the order to write them, as Langfuse sorts a batch:
 * creates before updates, each group by envelope timestamp (stable on ties).
 * The merge itself orders every field by event time (an update beats a
 * create of the same millisecond), so this order only settles exact ties
 * between events of one kind (the later in the batch wins) and makes the
 * create's traceId the one an observation keeps.
 */
export function writeOrder(results: readonly SlotResult[]): SlotSuccess[] {
  const good = results.filter((result): result is SlotSuccess => result.ok);
  const byTime = (a: SlotSuccess, b: SlotSuccess) => a.timestamp.getTime() - b.timestamp.getTime();
  return [
    ...good.filter((result) => !UPDATE_TYPES.has(result.type)).sort(byTime),
    ...good.filter((result) => UPDATE_TYPES.has(result.type)).sort(byTime),
  ];
}

/** Why the writer did not store a good event (e.g. a score config that does not exist). */
export interface StoreFailure {
  status: number;
  message: string;
}

/**
 * The 207 body the Langfuse SDKs read. A good slot is a success when its index
 * is in `stored` or it had nothing to store (sdk-log); `failures` names why the
 * writer refused one; any other good slot was not committed and reports 500.
 */
export function toIngestionReply(
  results: readonly SlotResult[],
  stored: ReadonlySet<number>,
  failures: ReadonlyMap<number, StoreFailure> = new Map(),
): IngestionReply {
  const successes: IngestionSuccess[] = [];
  const errors: IngestionError[] = [];
  for (const result of results) {
    if (!result.ok) {
      errors.push({ id: result.eventId, status: result.status, message: result.message, error: result.details });
      continue;
    }
    const refused = failures.get(result.index);
    if (refused) errors.push({ id: result.eventId, status: refused.status, message: refused.message });
    else if (stored.has(result.index) || result.events.length === 0) {
      successes.push({ id: result.eventId, status: 201 });
    } else errors.push({ id: result.eventId, status: 500, message: "event was not stored" });
  }
  return { successes, errors };
}
