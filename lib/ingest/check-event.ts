// The limits (limits.ts) checked on the internal events every protocol
// produces. The protocol schemas check most fields first, where they can name
// the client's own field; this check is the one place that holds for every
// protocol (OTLP's attributes have no schema) and for what only the mapped
// event shows: payload depth, end before start, merged usage and cost.
// Paths are the internal field names (usage.details.cache_read, input, endTime).
import type { Cost, IngestEvent, ObservationEvent, ScoreEvent, TraceEvent, Usage } from "./events";
import { LIMITS, costProblem, countProblem, environmentProblem, timeProblem } from "./limits";
import { depthProblem } from "./storable";

export interface EventIssue {
  path: string;
  issue: string;
}

type Out = EventIssue[];

function id(out: Out, path: string, value: string | null | undefined, required = false) {
  if (value === null || value === undefined) {
    if (required) out.push({ path, issue: "required" });
    return;
  }
  if (required && value === "") out.push({ path, issue: "must not be empty" });
  if (value.length > LIMITS.idLength) out.push({ path, issue: `must be at most ${LIMITS.idLength} characters` });
}

function text(out: Out, path: string, value: string | null | undefined) {
  if (typeof value === "string" && value.length > LIMITS.indexedStringLength) {
    out.push({ path, issue: `must be at most ${LIMITS.indexedStringLength} characters` });
  }
}

function time(out: Out, path: string, value: Date | null | undefined) {
  if (!value) return;
  const problem = timeProblem(value);
  if (problem) out.push({ path, issue: problem });
}

function environment(out: Out, value: string | null | undefined) {
  if (value === null || value === undefined) return;
  const problem = environmentProblem(value);
  if (problem) out.push({ path: "environment", issue: problem });
}

function payload(out: Out, path: string, value: unknown) {
  if (value === null || typeof value !== "object") return;
  const problem = depthProblem(value);
  if (problem) out.push({ path, issue: problem });
}

function numbers(out: Out, path: string, given: Usage | Cost | null | undefined, check: (n: number) => string | undefined) {
  if (!given) return;
  for (const key of ["input", "output", "total"] as const) {
    const v = given[key];
    if (v === undefined || v === null) continue;
    const problem = typeof v === "number" ? check(v) : "must be a number";
    if (problem) out.push({ path: `${path}.${key}`, issue: problem });
  }
  for (const [key, v] of Object.entries(given.details ?? {})) {
    if (v === undefined || v === null) continue;
    const problem = typeof v === "number" ? check(v) : "must be a number";
    if (problem) out.push({ path: `${path}.details.${key}`, issue: problem });
  }
}

function traceIssues(out: Out, e: TraceEvent) {
  id(out, "id", e.id, true);
  time(out, "timestamp", e.timestamp);
  for (const key of ["name", "userId", "sessionId", "release", "version"] as const) text(out, key, e[key]);
  if (e.sessionId !== null && e.sessionId !== undefined) id(out, "sessionId", e.sessionId);
  environment(out, e.environment);
  if (e.tags) {
    if (e.tags.length > LIMITS.tagCount) out.push({ path: "tags", issue: `must have at most ${LIMITS.tagCount} items` });
    e.tags.forEach((tag, i) => text(out, `tags[${i}]`, tag));
  }
  for (const key of ["input", "output", "metadata"] as const) payload(out, key, e[key]);
}

function observationIssues(out: Out, e: ObservationEvent) {
  id(out, "id", e.id, true);
  // An update may name no trace: the writer holds it until its create names one.
  id(out, "traceId", e.traceId, !e.isUpdate);
  id(out, "parentObservationId", e.parentObservationId);
  for (const key of ["name", "version", "model", "promptName"] as const) text(out, key, e[key]);
  environment(out, e.environment);
  time(out, "startTime", e.startTime);
  time(out, "endTime", e.endTime);
  time(out, "completionStartTime", e.completionStartTime);
  if (e.startTime && e.endTime && e.endTime.getTime() < e.startTime.getTime()) {
    out.push({ path: "endTime", issue: `must not be before startTime (${e.startTime.toISOString()})` });
  }
  if (typeof e.promptVersion === "number") {
    const problem = countProblem(e.promptVersion);
    if (problem) out.push({ path: "promptVersion", issue: problem });
  }
  numbers(out, "usage", e.usage, countProblem);
  numbers(out, "cost", e.cost, costProblem);
  for (const key of ["input", "output", "metadata", "modelParameters"] as const) payload(out, key, e[key]);
}

function scoreIssues(out: Out, e: ScoreEvent) {
  id(out, "id", e.id, true);
  text(out, "name", e.name);
  for (const key of ["traceId", "observationId", "sessionId", "datasetRunId"] as const) id(out, key, e[key]);
  environment(out, e.environment);
  time(out, "timestamp", e.timestamp);
  if (typeof e.value === "number" && !Number.isFinite(e.value)) out.push({ path: "value", issue: "must be a finite number" });
  if (e.dataType === "CORRECTION") out.push(...correctionIssues(e));
  payload(out, "metadata", e.metadata);
}

/**
 * Langfuse's rules for a correction: text (empty too, as Langfuse takes it:
 * an output corrected to nothing), on a trace or an observation only, no config. Shared by the protocol schemas (which name the client's fields)
 * and the internal-event check (which holds for every path in).
 */
export function correctionIssues(e: Pick<ScoreEvent, "traceId" | "sessionId" | "datasetRunId" | "configId"> & { value: unknown }): EventIssue[] {
  const out: Out = [];
  if (typeof e.value !== "string") out.push({ path: "value", issue: "must be a string (the corrected output) for dataType CORRECTION" });
  else if (e.value.length > LIMITS.correctionLength) out.push({ path: "value", issue: `must be at most ${LIMITS.correctionLength} characters` });
  if (e.sessionId) out.push({ path: "sessionId", issue: CORRECTION_TARGET_ISSUE.session });
  if (e.datasetRunId) out.push({ path: "datasetRunId", issue: CORRECTION_TARGET_ISSUE.datasetRun });
  if (e.configId) out.push({ path: "configId", issue: "must be absent for dataType CORRECTION (a correction has no score config)" });
  return out;
}

/** Langfuse's wording: a correction belongs to a trace or an observation. */
export const CORRECTION_TARGET_ISSUE = {
  session: "CORRECTION scores cannot be associated with sessions. Please associate with a trace or observation instead.",
  datasetRun: "CORRECTION scores cannot be associated with dataset runs. Please associate with a trace or observation instead.",
} as const;

/** Every limit an event breaks, named by its internal field; empty when it can be stored. */
export function eventIssues(event: IngestEvent): EventIssue[] {
  const out: Out = [];
  if (event.kind === "trace") traceIssues(out, event);
  else if (event.kind === "observation") observationIssues(out, event);
  else scoreIssues(out, event);
  return out;
}
