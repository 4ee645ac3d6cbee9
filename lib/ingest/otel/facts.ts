// What one convention learned from a span, and how the findings of several
// conventions combine. Conventions run in priority order; an earlier finding
// wins, object-valued findings (metadata, parameters, usage details) merge
// key by key with the earlier key winning, tags add up.
import type { Cost, Json, JsonObject, Level, ObservationType, Usage } from "../events";
import type { SpanAttributes } from "./span-attributes";
import type { OtlpScope, OtlpSpan, Attributes } from "./types";

export interface TraceFacts {
  name?: string;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  metadata?: JsonObject;
  input?: Json;
  output?: Json;
  public?: boolean;
  release?: string;
  version?: string;
  environment?: string;
}

export interface SpanFacts {
  name?: string;
  input?: Json;
  output?: Json;
  model?: string;
  modelParameters?: JsonObject;
  usage?: Usage;
  cost?: Cost;
  completionStartTime?: Date;
  level?: Level;
  statusMessage?: string;
  promptName?: string;
  promptVersion?: number;
  version?: string;
  /** The client's own metadata, spread at the top of the observation's metadata. */
  metadata?: JsonObject;
  /** Span events a convention turned into input/output, left out of metadata.events. */
  consumedEvents?: number[];
  trace?: TraceFacts;
}

export interface SpanContext {
  span: OtlpSpan;
  scope: OtlpScope;
  resourceAttributes: Attributes;
  type: ObservationType;
  /** GENERATION or EMBEDDING: the only types convention-derived usage and cost attach to (see map.ts). */
  generationLike: boolean;
}

/** A convention reads what it understands; `known` is what higher-priority conventions already found. */
export type Convention = (attrs: SpanAttributes, ctx: SpanContext, known: SpanFacts) => SpanFacts;

function mergeObj<T extends object>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return { ...b, ...a };
}

function mergeUsage<T extends Usage | Cost>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    ...a,
    input: a.input ?? b.input,
    output: a.output ?? b.output,
    total: a.total ?? b.total,
    details: mergeObj(a.details, b.details),
  };
}

function mergeTrace(a: TraceFacts | undefined, b: TraceFacts | undefined): TraceFacts | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: TraceFacts = overlay(b, a);
  out.metadata = mergeObj(a.metadata, b.metadata);
  out.tags = a.tags || b.tags ? [...new Set([...(a.tags ?? []), ...(b.tags ?? [])])] : undefined;
  return out;
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return overlay({}, o) as Partial<T>;
}

/** `base` with every defined field of `top` laid over it (a plain loop: this runs per span, per convention). */
function overlay<T extends object>(base: T, top: Partial<T>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const k in top) {
    const v = (top as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** `a` is the higher-priority finding. */
export function mergeFacts(a: SpanFacts, b: SpanFacts): SpanFacts {
  const out: SpanFacts = overlay(b, a);
  out.modelParameters = mergeObj(a.modelParameters, b.modelParameters);
  out.metadata = mergeObj(a.metadata, b.metadata);
  out.usage = mergeUsage(a.usage, b.usage);
  out.cost = mergeUsage(a.cost, b.cost);
  out.trace = mergeTrace(a.trace, b.trace);
  if (a.consumedEvents || b.consumedEvents) out.consumedEvents = [...(a.consumedEvents ?? []), ...(b.consumedEvents ?? [])];
  return out;
}
