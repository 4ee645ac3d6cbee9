// The plain HTTP trace adapter: one nested trace → internal events.
// Pure: no database, no HTTP. Parents come from the nesting, missing ids are
// generated, and errors name the field: observations[0].children[2].startTime.

import { eventIssues } from "../check-event";
import type { Cost, IngestEvent, ObservationEvent, TraceEvent, Usage } from "../events";
import { formatPath } from "../../errors";
import { issueMessages, summarise, toIssueDetails, type IssueDetail } from "../langfuse/issues";
import { summariseGiven } from "../langfuse/map-usage";
import {
  nativeTraceSchema,
  type NativeCost,
  type NativeObservation,
  type NativeObservationIds,
  type NativeTrace,
  type NativeUsage,
} from "./schemas";

export const DEFAULT_MAX_OBSERVATIONS = 1000;
export const DEFAULT_MAX_DEPTH = 100;

export interface NativeTraceOptions {
  /** id for a trace or observation sent without one (default crypto.randomUUID) */
  generateId?: () => string;
  /** the time of a trace that carries no time at all (default: now) */
  now?: () => Date;
  /** more observations than this → 413 (default DEFAULT_MAX_OBSERVATIONS) */
  maxObservations?: number;
  /** deeper nesting than this → 400 (default DEFAULT_MAX_DEPTH) */
  maxDepth?: number;
}

export interface NativeTraceMapped {
  ok: true;
  traceId: string;
  /** every observation id, depth-first in request order (parents before children) */
  observationIds: string[];
  /** the same ids shaped like the request's tree */
  observations: NativeObservationIds[];
  /** where each observation id sits in the request, e.g. observations[0].children[1].id (errors name it) */
  observationPaths: Map<string, string>;
  /** the trace first, then its observations parents-first */
  events: IngestEvent[];
}

export interface NativeTraceError {
  ok: false;
  status: 400 | 413;
  message: string;
  details: IssueDetail[];
}

function error(status: 400 | 413, details: IssueDetail[]): NativeTraceError {
  return { ok: false, status, message: summarise(details), details };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Count and depth are checked on the raw body before zod walks it, so a
 * hostile nesting cannot exhaust the stack or the CPU.
 */
function checkShape(body: Record<string, unknown>, maxObservations: number, maxDepth: number): NativeTraceError | null {
  let count = 0;
  const stack: Array<{ list: unknown; path: PropertyKey[]; depth: number }> = [
    { list: body.observations, path: ["observations"], depth: 1 },
  ];
  while (stack.length > 0) {
    const { list, path, depth } = stack.pop()!;
    if (!Array.isArray(list)) continue;
    count += list.length;
    if (count > maxObservations) {
      return error(413, [{ path: formatPath(path), issue: `a trace may hold at most ${maxObservations} observations` }]);
    }
    list.forEach((node, index) => {
      if (isRecord(node) && Array.isArray(node.children)) {
        stack.push({ list: node.children, path: [...path, index, "children"], depth: depth + 1 });
      }
    });
    if (depth > maxDepth) {
      return error(400, [{ path: formatPath(path), issue: `nesting deeper than ${maxDepth} levels` }]);
    }
  }
  return null;
}

function toUsage(usage: NativeUsage | null | undefined): Usage | undefined {
  return usage ? summariseGiven(usage) : undefined;
}

function toCost(cost: NativeCost | null | undefined): Cost | undefined {
  return cost ? summariseGiven(cost) : undefined;
}

function earliestStart(nodes: readonly NativeObservation[] | null | undefined): Date | undefined {
  let earliest: Date | undefined;
  for (const node of nodes ?? []) {
    for (const time of [node.startTime, earliestStart(node.children)]) {
      if (time && (!earliest || time < earliest)) earliest = time;
    }
  }
  return earliest;
}

/** Map a parsed trace. Ids must be unique within it; parseNativeTrace checks that. */
export function mapNativeTrace(trace: NativeTrace, options: NativeTraceOptions = {}): NativeTraceMapped {
  const generateId = options.generateId ?? (() => crypto.randomUUID());
  const traceId = trace.id ?? generateId();
  // Prefer a time the client gave (the trace's, else its first observation's):
  // a resent payload then lands on the same times.
  const timestamp = trace.timestamp ?? earliestStart(trace.observations) ?? (options.now ?? (() => new Date()))();
  const traceEvent: TraceEvent = {
    kind: "trace",
    id: traceId,
    timestamp,
    name: trace.name,
    userId: trace.userId,
    sessionId: trace.sessionId,
    release: trace.release,
    version: trace.version,
    environment: trace.environment,
    tags: trace.tags,
    metadata: trace.metadata,
    input: trace.input,
    output: trace.output,
    public: trace.public,
  };
  const events: IngestEvent[] = [traceEvent];
  const observationIds: string[] = [];
  const observationPaths = new Map<string, string>();

  const walk = (nodes: readonly NativeObservation[], parentId: string | undefined, parentStart: Date, path: PropertyKey[]): NativeObservationIds[] =>
    nodes.map((node, index) => {
      const id = node.id ?? generateId();
      const at = [...path, index];
      observationPaths.set(id, formatPath([...at, "id"]));
      // A child without a start sits at its parent's start; the writer needs one.
      const startTime = node.startTime ?? parentStart;
      const observation: ObservationEvent = {
        kind: "observation",
        id,
        traceId,
        type: node.type,
        parentObservationId: parentId,
        name: node.name,
        startTime,
        endTime: node.endTime,
        completionStartTime: node.completionStartTime,
        level: node.level,
        statusMessage: node.statusMessage,
        version: node.version,
        environment: node.environment ?? trace.environment,
        input: node.input,
        output: node.output,
        metadata: node.metadata,
        model: node.model,
        modelParameters: node.modelParameters,
        promptName: node.promptName,
        promptVersion: node.promptVersion,
        usage: toUsage(node.usage),
        cost: toCost(node.cost),
      };
      events.push(observation);
      observationIds.push(id);
      return { id, children: walk(node.children ?? [], id, startTime, [...at, "children"]) };
    });

  const observations = walk(trace.observations ?? [], undefined, timestamp, ["observations"]);
  return { ok: true, traceId, observationIds, observations, observationPaths, events };
}

/** Two nodes with one id would merge into one observation with two parents. */
function duplicateIds(trace: NativeTrace): IssueDetail[] {
  const seen = new Map<string, string>();
  const details: IssueDetail[] = [];
  const visit = (nodes: readonly NativeObservation[], path: PropertyKey[]) =>
    nodes.forEach((node, index) => {
      const at = [...path, index];
      if (node.id != null) {
        const first = seen.get(node.id);
        if (first !== undefined) details.push({ path: formatPath([...at, "id"]), issue: `duplicate id (also at ${first})` });
        else seen.set(node.id, formatPath([...at, "id"]));
      }
      visit(node.children ?? [], [...at, "children"]);
    });
  visit(trace.observations ?? [], ["observations"]);
  return details;
}

/** Parse `POST /api/public/traces`: the events to write and the ids to answer with, or a 4xx naming the field. */
export function parseNativeTrace(body: unknown, options: NativeTraceOptions = {}): NativeTraceMapped | NativeTraceError {
  if (!isRecord(body)) {
    return error(400, [{ path: "", issue: "expected a JSON object (one trace)" }]);
  }
  const shape = checkShape(body, options.maxObservations ?? DEFAULT_MAX_OBSERVATIONS, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (shape) return shape;
  const parsed = nativeTraceSchema.safeParse(body, { error: issueMessages });
  if (!parsed.success) return error(400, toIssueDetails(parsed.error));
  const duplicates = duplicateIds(parsed.data);
  if (duplicates.length > 0) return error(400, duplicates);
  const mapped = mapNativeTrace(parsed.data, options);
  const limits = limitIssues(parsed.data, mapped.events);
  return limits.length > 0 ? error(400, limits) : mapped;
}

/** The shared limits (check-event.ts) on the mapped events, named by where each sits in the request. */
function limitIssues(trace: NativeTrace, events: readonly IngestEvent[]): IssueDetail[] {
  // Events are the trace, then observations depth-first in request order.
  const paths: PropertyKey[][] = [[]];
  const visit = (nodes: readonly NativeObservation[], path: PropertyKey[]) =>
    nodes.forEach((node, index) => {
      paths.push([...path, index]);
      visit(node.children ?? [], [...path, index, "children"]);
    });
  visit(trace.observations ?? [], ["observations"]);
  return events.flatMap((event, i) =>
    eventIssues(event).map((issue) => {
      const at = formatPath(paths[i] ?? []);
      return { path: at ? `${at}.${issue.path}` : issue.path, issue: issue.issue };
    }),
  );
}
