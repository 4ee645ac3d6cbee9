// A decoded OTLP trace request → internal events: one ObservationEvent per
// span and one TraceEvent per trace id. A trace event carries only what the
// spans of this request know; the writer merges it with what is stored, so
// nothing here is set to an empty value to mean "unknown".
import { eventIssues, type EventIssue } from "../check-event";
import type { IngestEvent, ObservationEvent, TraceEvent } from "../events";
import { mergeFacts, stripUndefined, type TraceFacts } from "./facts";
import { SPAN_ID_BYTES, TRACE_ID_BYTES, isValidId } from "./ids";
import { mapSpan } from "./map-span";
import type { OtlpSpan, OtlpTraceRequest } from "./types";

export interface RejectedSpan {
  /** The span id as sent, when there was one. */
  spanId?: string;
  reason: string;
}

export interface OtlpMapResult {
  events: IngestEvent[];
  rejected: RejectedSpan[];
}

interface TraceParts {
  /** Stated by a span (langfuse.trace.*, user.id, session.id...): wins. */
  stated?: TraceFacts;
  /** Given by the root span (its name, input, output, start). */
  root?: TraceFacts & { timestamp?: Date };
}

export function mapOtlpToEvents(req: OtlpTraceRequest): OtlpMapResult {
  const traces = new Map<string, TraceParts>();
  const observations: ObservationEvent[] = [];
  const rejected: RejectedSpan[] = [];

  for (const rs of req.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        const problem = idProblem(span);
        if (problem) {
          rejected.push(span.spanId ? { spanId: span.spanId, reason: problem } : { reason: problem });
          continue;
        }
        const mapped = mapSpan(span, ss.scope, rs.resourceAttributes);
        const limits = limitProblem(span, mapped);
        if (limits) {
          rejected.push({ spanId: span.spanId, reason: limits });
          continue;
        }
        observations.push(mapped.observation);
        const parts = traces.get(span.traceId) ?? {};
        // Within one request the first span to state a field wins; metadata merges, tags add up.
        parts.stated = parts.stated ? mergeTraceFacts(parts.stated, mapped.trace) : mapped.trace;
        if (mapped.root && !parts.root) parts.root = mapped.root;
        traces.set(span.traceId, parts);
      }
    }
  }

  const events: IngestEvent[] = [];
  for (const [id, parts] of traces) events.push(traceEvent(id, parts));
  events.push(...observations);
  return { events, rejected };
}

function mergeTraceFacts(a: TraceFacts, b: TraceFacts): TraceFacts {
  return mergeFacts({ trace: a }, { trace: b }).trace ?? {};
}

function traceEvent(id: string, parts: TraceParts): TraceEvent {
  const { timestamp, ...rootFacts } = parts.root ?? {};
  const facts = mergeTraceFacts(parts.stated ?? {}, rootFacts);
  const event: TraceEvent = {
    kind: "trace",
    id,
    // Only a root span knows when its trace began; otherwise the writer infers it.
    timestamp,
    name: facts.name,
    userId: facts.userId,
    sessionId: facts.sessionId,
    release: facts.release,
    version: facts.version,
    environment: facts.environment,
    tags: facts.tags?.length ? facts.tags : undefined,
    metadata: facts.metadata && Object.keys(facts.metadata).length > 0 ? facts.metadata : undefined,
    input: facts.input,
    output: facts.output,
    public: facts.public,
  };
  return stripUndefined(event) as TraceEvent;
}

const OTLP_NAMES: Record<string, string> = { startTime: "startTimeUnixNano", endTime: "endTimeUnixNano", timestamp: "startTimeUnixNano" };

/**
 * The shared limits on what the span maps to (times, lengths, counts, costs,
 * environment, payload depth). A span without a usable start is refused: the
 * server's clock would be a made-up time.
 */
function limitProblem(span: OtlpSpan, mapped: ReturnType<typeof mapSpan>): string | undefined {
  const issues: EventIssue[] = [];
  if (!span.startTime) issues.push({ path: "startTime", issue: "required" });
  issues.push(...eventIssues(mapped.observation));
  const trace = { kind: "trace" as const, id: span.traceId, ...mapped.trace, ...(mapped.root ?? {}) };
  // The root repeats the observation's input and output; only the trace's own fields are new.
  for (const issue of eventIssues(trace)) {
    // The trace's timestamp is the span's start, checked above.
    if (issue.path === "timestamp" || issues.some((seen) => seen.path === issue.path)) continue;
    issues.push({ path: `trace.${issue.path}`, issue: issue.issue });
  }
  if (issues.length === 0) return undefined;
  return issues.map((i) => `${OTLP_NAMES[i.path] ?? i.path}: ${i.issue}`).join("; ");
}

function idProblem(span: OtlpSpan): string | undefined {
  if (span.problem) return span.problem;
  if (!span.traceId) return "span has no traceId";
  if (!isValidId(span.traceId, TRACE_ID_BYTES)) {
    return `traceId ${JSON.stringify(span.traceId.slice(0, 64))} is not ${TRACE_ID_BYTES} non-zero bytes (hex or base64)`;
  }
  if (!span.spanId) return "span has no spanId";
  if (!isValidId(span.spanId, SPAN_ID_BYTES)) {
    return `spanId ${JSON.stringify(span.spanId.slice(0, 64))} is not ${SPAN_ID_BYTES} non-zero bytes (hex or base64)`;
  }
  return undefined;
}
