// One big agent trace as ingestion events, for the big-trace bench and tests:
// a root agent span whose input is the (huge) trace input, then steps of
// chain spans holding a generation (model, usage), tool calls, a retriever
// with nested spans, and events; every observation carries a few KB of input
// and output. Deterministic: the same arguments give the same events.
import type { IngestEvent, Json, ObservationEvent } from "../../lib/ingest/events";

export interface BigTraceOptions {
  traceId: string;
  observations: number;
  /** Characters of the trace's input (and its root span's input), e.g. 5_000_000. */
  inputChars: number;
  /** Characters of each other observation's input and output. */
  ioChars?: number;
  start?: Date;
}

const WORDS = "the agent reads the ticket then searches the index and calls a tool to fetch the order before it drafts a reply for the customer".split(" ");

/** Readable filler text of exactly `chars` characters (deterministic per seed). */
export function filler(chars: number, seed = 0): string {
  let out = "";
  let i = seed;
  while (out.length < chars) out += WORDS[i++ % WORDS.length] + (i % 17 === 0 ? ".\n" : " ");
  return out.slice(0, chars);
}

/** The observation id at position `i` of a big trace (0 is the root). */
export const bigObservationId = (traceId: string, i: number) => `${traceId}-o${String(i).padStart(5, "0")}`;

export function bigTraceEvents(o: BigTraceOptions): IngestEvent[] {
  const io = o.ioChars ?? 2_000;
  const t0 = (o.start ?? new Date("2026-12-01T10:00:00Z")).getTime();
  const bigInput: Json = {
    messages: [
      { role: "system", content: "You answer questions about the attached document." },
      { role: "user", content: filler(o.inputChars, 1) },
    ],
  };
  const events: IngestEvent[] = [];
  const rootId = bigObservationId(o.traceId, 0);
  let n = 1;
  let clock = t0 + 5;
  const obs = (e: Omit<ObservationEvent, "kind" | "traceId" | "id"> & { durMs: number }): string => {
    const id = bigObservationId(o.traceId, n++);
    const { durMs, ...rest } = e;
    const startTime = new Date(clock);
    clock += Math.max(1, Math.round(durMs / 4));
    events.push({ kind: "observation", traceId: o.traceId, id, startTime, endTime: new Date(startTime.getTime() + durMs), ...rest });
    return id;
  };
  const payload = (what: string, k: number): Json => ({ [what]: filler(io, k), step: k });

  for (let step = 0; n < o.observations; step++) {
    const chain = obs({ type: "CHAIN", name: `step-${step}`, parentObservationId: rootId, durMs: 900, input: payload("task", step), output: payload("result", step) });
    if (n >= o.observations) break;
    obs({
      type: "GENERATION",
      name: "plan",
      parentObservationId: chain,
      durMs: 600,
      completionStartTime: new Date(clock + 150),
      model: step % 3 === 0 ? "gpt-4o-mini" : "gpt-4o",
      modelParameters: { temperature: 0.2, max_tokens: 800 },
      input: [
        { role: "system", content: "Plan the next step." },
        { role: "user", content: filler(io, step) },
      ],
      output: { role: "assistant", content: filler(io / 2, step + 1) },
      usage: { input: 800 + (step % 50), output: 120 + (step % 30) },
      level: step % 97 === 5 ? "WARNING" : "DEFAULT",
    });
    if (n >= o.observations) break;
    const retr = obs({ type: "RETRIEVER", name: "search-index", parentObservationId: chain, durMs: 120, input: { query: filler(200, step), topK: 5 }, output: payload("documents", step) });
    if (n >= o.observations) break;
    obs({ type: "EMBEDDING", name: "embed-query", parentObservationId: retr, durMs: 40, model: "text-embedding-3-small", usage: { input: 60 }, input: filler(200, step), output: null });
    if (n >= o.observations) break;
    const tool = obs({
      type: "TOOL",
      name: step % 2 ? "fetch-order" : "lookup-customer",
      parentObservationId: chain,
      durMs: 200,
      input: { args: filler(io / 4, step) },
      output: payload("rows", step),
      level: step % 89 === 7 ? "ERROR" : "DEFAULT",
      statusMessage: step % 89 === 7 ? "upstream timed out" : null,
    });
    if (n >= o.observations) break;
    obs({ type: "SPAN", name: "http-get", parentObservationId: tool, durMs: 150, input: { url: `https://orders.example/${step}` }, output: payload("body", step) });
    if (n >= o.observations) break;
    obs({ type: "EVENT", name: "step-done", parentObservationId: chain, durMs: 0, input: null, output: { ok: true, step } });
  }

  const end = new Date(clock + 1000);
  events.unshift(
    { kind: "trace", id: o.traceId, timestamp: new Date(t0), name: "big-agent-run", userId: "big-user", input: bigInput, output: { answer: filler(io, 9) }, tags: ["big"] },
    { kind: "observation", traceId: o.traceId, id: rootId, type: "AGENT", name: "agent", startTime: new Date(t0), endTime: end, input: bigInput, output: { answer: filler(io, 9) } },
  );
  return events;
}

/** The events in batches of a size a client would send. */
export function batches<T>(items: readonly T[], size = 250): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
