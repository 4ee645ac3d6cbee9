// The demo and benchmark data generator: seeded and deterministic. It yields
// realistic traces as internal ingestion events (one array per trace), which
// the demo seeder writes through lib/ingest/write and the benchmarks replay
// over HTTP. Two apps: a support chatbot (multi-turn sessions, retrieval,
// order lookups) and a research agent (planning, web searches, summaries),
// with errors, slow steps and a few scores.
import type { IngestEvent, ObservationEvent } from "../ingest/events";
import { RELEASES, RESEARCH_QUESTIONS, SEARCH_RESULTS, SUPPORT_FOLLOWUPS, SUPPORT_SYSTEM, SUPPORT_TOPICS, USERS } from "./content";
import { Rng } from "./random";

export interface DemoOptions {
  seed?: number;
  /** Number of traces to produce. */
  traces: number;
  /** Traces end before this time; they spread over `days` before it. */
  end?: Date;
  days?: number;
  /** Prefix for ids, so several runs can share a database. */
  idPrefix?: string;
}

const SUPPORT_MODELS = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini-2.0-flash"];
const AGENT_MODELS = ["gpt-4o", "claude-sonnet-4-20250514", "gpt-4.1"];

type Ctx = { rng: Rng; id: () => string; obs: ObservationEvent[]; traceId: string };

function tokens(text: string): number {
  return Math.max(1, Math.round(text.length / 4));
}

function span(ctx: Ctx, o: Omit<ObservationEvent, "kind" | "traceId" | "id"> & { id?: string }): ObservationEvent {
  const e: ObservationEvent = { kind: "observation", traceId: ctx.traceId, id: o.id ?? ctx.id(), ...o };
  ctx.obs.push(e);
  return e;
}

function generation(
  ctx: Ctx,
  parent: string | undefined,
  name: string,
  model: string,
  start: number,
  messages: { role: string; content: string }[],
  answer: string,
  slow = false,
): number {
  const inTok = messages.reduce((n, m) => n + tokens(m.content), 0) + ctx.rng.int(20, 60);
  const outTok = tokens(answer) + ctx.rng.int(0, 20);
  const ttft = ctx.rng.int(180, 700) * (slow ? 6 : 1);
  const dur = ttft + outTok * ctx.rng.int(8, 20);
  span(ctx, {
    type: "GENERATION",
    name,
    parentObservationId: parent,
    startTime: new Date(start),
    completionStartTime: new Date(start + ttft),
    endTime: new Date(start + dur),
    model,
    modelParameters: { temperature: 0.2, max_tokens: 1024 },
    input: messages,
    output: { role: "assistant", content: answer },
    usage: { input: inTok, output: outTok, total: inTok + outTok },
    level: slow ? "WARNING" : undefined,
    statusMessage: slow ? "slow response: time to first token above 2s" : undefined,
  });
  return start + dur;
}

function supportTurn(ctx: Ctx, start: number, turn: number, order: string): { end: number; question: string; answer: string; failed: boolean } {
  const { rng } = ctx;
  const topic = turn === 0 ? rng.pick(SUPPORT_TOPICS) : undefined;
  const follow = topic ? undefined : rng.pick(SUPPORT_FOLLOWUPS);
  const question = (topic?.q ?? follow!.q).replaceAll("{order}", order);
  let answer = (topic?.a ?? follow!.a).replaceAll("{order}", order);
  const root = span(ctx, { type: "CHAIN", name: "handle-message", startTime: new Date(start), input: { message: question } });
  let t = start + rng.int(2, 10);
  const retrieveEnd = t + rng.int(40, 250);
  span(ctx, {
    type: "RETRIEVER",
    name: "search-help-center",
    parentObservationId: root.id,
    startTime: new Date(t),
    endTime: new Date(retrieveEnd),
    input: { query: question, topK: 3 },
    output: [{ id: `kb-${rng.int(100, 999)}`, score: Number((0.7 + rng.next() * 0.29).toFixed(3)), content: topic?.doc ?? "Refunds and support contact policy." }],
  });
  t = retrieveEnd + 2;
  let failed = false;
  if (topic?.tool) {
    const toolEnd = t + rng.int(60, 400);
    failed = rng.chance(0.12);
    span(ctx, {
      type: "TOOL",
      name: "lookup_order",
      parentObservationId: root.id,
      startTime: new Date(t),
      endTime: new Date(failed ? t + 5000 : toolEnd),
      input: { order_id: order },
      output: failed ? { error: "upstream timeout after 5000 ms" } : { order_id: order, status: rng.pick(["shipped", "processing", "delivered"]), carrier: "UPS" },
      level: failed ? "ERROR" : undefined,
      statusMessage: failed ? "orders-api: upstream timeout after 5000 ms" : undefined,
    });
    t = (failed ? t + 5000 : toolEnd) + 3;
    if (failed) answer = "I'm sorry, I can't look up your order right now. Please try again in a few minutes.";
  }
  const model = rng.pick(SUPPORT_MODELS);
  const end = generation(
    ctx,
    root.id,
    "answer",
    model,
    t,
    [
      { role: "system", content: SUPPORT_SYSTEM },
      { role: "user", content: question },
    ],
    answer,
    rng.chance(0.06),
  );
  const guardEnd = end + rng.int(15, 60);
  span(ctx, { type: "GUARDRAIL", name: "pii-filter", parentObservationId: root.id, startTime: new Date(end + 1), endTime: new Date(guardEnd), input: answer, output: { passed: true } });
  root.endTime = new Date(guardEnd);
  root.output = { reply: answer };
  return { end: guardEnd, question, answer, failed };
}

function researchRun(ctx: Ctx, start: number, question: string): { end: number; answer: string; failed: boolean } {
  const { rng } = ctx;
  const model = rng.pick(AGENT_MODELS);
  const agent = span(ctx, { type: "AGENT", name: "research-agent", startTime: new Date(start), input: { question } });
  const plan = `1. Search for recent sources on: ${question}\n2. Read the two most relevant\n3. Summarise with citations`;
  let t = generation(ctx, agent.id, "plan", model, start + 5, [
    { role: "system", content: "You are a careful research agent. Plan, search, read, then answer with citations." },
    { role: "user", content: question },
  ], plan);
  const searches = rng.int(1, 3);
  let failed = false;
  const notes: string[] = [];
  for (let i = 0; i < searches; i++) {
    const step = span(ctx, { type: "SPAN", name: `step-${i + 1}`, parentObservationId: agent.id, startTime: new Date(t + 2) });
    const q = `${question.split(" ").slice(0, 6).join(" ")} ${["2025", "review", "evidence"][i] ?? ""}`.trim();
    const results = [rng.pick(SEARCH_RESULTS), rng.pick(SEARCH_RESULTS)];
    const searchEnd = t + rng.int(300, 1500);
    span(ctx, { type: "TOOL", name: "web_search", parentObservationId: step.id, startTime: new Date(t + 3), endTime: new Date(searchEnd), input: { query: q }, output: results });
    const fetchFailed = rng.chance(0.08);
    const fetchEnd = searchEnd + (fetchFailed ? 10_000 : rng.int(200, 2500));
    span(ctx, {
      type: "TOOL",
      name: "fetch_page",
      parentObservationId: step.id,
      startTime: new Date(searchEnd + 1),
      endTime: new Date(fetchEnd),
      input: { url: results[0].url },
      output: fetchFailed ? null : { text: `${results[0].snippet} ${results[1].snippet}`.repeat(3) },
      level: fetchFailed ? "ERROR" : undefined,
      statusMessage: fetchFailed ? `fetch ${results[0].url}: timed out after 10s` : undefined,
    });
    failed ||= fetchFailed;
    notes.push(results[0].snippet);
    step.endTime = new Date(fetchEnd + 1);
    t = fetchEnd + 2;
  }
  const answer = `Based on ${searches} search${searches > 1 ? "es" : ""}: ${notes.join(" ")}${failed ? " (one source could not be read)" : ""}`;
  t = generation(ctx, agent.id, "summarise", model, t + 3, [
    { role: "system", content: "Summarise the notes into an answer with citations." },
    { role: "user", content: `Question: ${question}\nNotes:\n- ${notes.join("\n- ")}` },
  ], answer, rng.chance(0.05));
  agent.endTime = new Date(t + 2);
  agent.output = { answer };
  return { end: t + 2, answer, failed };
}

/** Yields the events of one trace at a time, oldest first. */
export function* generateDemo(opts: DemoOptions): Generator<IngestEvent[]> {
  const rng = new Rng(opts.seed ?? 42);
  const prefix = opts.idPrefix ?? "demo";
  const end = (opts.end ?? new Date()).getTime();
  const span_ms = (opts.days ?? 14) * 86_400_000;
  let n = 0;
  let idSeq = 0;
  let session = 0;
  while (n < opts.traces) {
    session++;
    const research = rng.chance(0.35);
    const turns = research ? 1 : Math.min(rng.int(1, 4), opts.traces - n);
    const user = rng.pick(USERS);
    const release = rng.pick(RELEASES);
    const sessionId = `${prefix}-session-${session}`;
    // Spread evenly over the window (by progress) with jitter, so the newest trace is near `end`.
    let t = end - span_ms + Math.floor((n / opts.traces) * span_ms) + rng.int(0, 60_000);
    const order = String(rng.int(10000, 99999));
    const question = research ? rng.pick(RESEARCH_QUESTIONS) : "";
    for (let turn = 0; turn < turns; turn++, n++) {
      const traceId = `${prefix}-trace-${n + 1}`;
      const ctx: Ctx = { rng, obs: [], traceId, id: () => `${prefix}-obs-${++idSeq}` };
      const result = research ? researchRun(ctx, t, question) : supportTurn(ctx, t, turn, order);
      const input = research ? question : ctx.obs[0].input;
      const events: IngestEvent[] = [
        {
          kind: "trace",
          id: traceId,
          timestamp: new Date(t),
          name: research ? "research-agent" : "support-chat",
          userId: user,
          sessionId: research ? undefined : sessionId,
          release,
          environment: rng.chance(0.85) ? "production" : "staging",
          tags: [research ? "agent" : "support", ...(result.failed ? ["error"] : [])],
          metadata: { app: research ? "research" : "support", region: rng.pick(["eu-west-1", "us-east-1"]), turn },
          input,
          output: research ? result.answer : { reply: result.answer },
        },
        ...ctx.obs,
      ];
      // Scores carry the time they were given, as SDK scores do: just after their trace ends (an eval, then the
      // API's check), so score-over-time charts spread over the window. A fixed offset keeps the random sequence (and
      // so the demo's content) as it was; never past `end` unless the trace itself is.
      const scoredAt = (offset_ms: number) => new Date(Math.max(t, Math.min(result.end + offset_ms, end)));
      if (rng.chance(0.3)) {
        const helpful = result.failed ? rng.next() * 0.4 : 0.5 + rng.next() * 0.5;
        events.push({ kind: "score", id: `${traceId}-helpfulness`, traceId, name: "helpfulness", value: Number(helpful.toFixed(2)), dataType: "NUMERIC", source: "EVAL", comment: result.failed ? "The answer did not resolve the request." : undefined, timestamp: scoredAt(1_500) });
      }
      if (rng.chance(0.15)) {
        events.push({ kind: "score", id: `${traceId}-correct`, traceId, name: "correct", value: result.failed ? 0 : 1, dataType: "BOOLEAN", source: "API", timestamp: scoredAt(4_000) });
      }
      yield events;
      t = result.end + rng.int(20_000, 180_000);
    }
  }
}
