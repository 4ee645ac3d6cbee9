// The legacy Langfuse JS SDK (batch ingestion) pointed at a running Loupe, unchanged.
import { Langfuse } from "langfuse";
import { describe, expect, it } from "vitest";
import { api, targets, uid, type TestTarget } from "../support/targets";

type ApiTrace = {
  id: string;
  name: string;
  userId: string;
  sessionId: string;
  tags: string[];
  latency: number;
  totalCost: number;
  input: unknown;
  output: unknown;
  observations: {
    id: string;
    type: string;
    name: string;
    parentObservationId: string | null;
    model: string | null;
    usage: { input: number; output: number; total: number };
    calculatedTotalCost: number | null;
    level: string;
    statusMessage: string | null;
    output: unknown;
  }[];
  scores: { name: string; value: number; source: string; comment: string | null }[];
};

async function getTrace(t: TestTarget, id: string): Promise<ApiTrace> {
  const res = await api(t, `/api/public/traces/${encodeURIComponent(id)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

describe.each(targets())("Langfuse JS SDK on $name", (t) => {
  it("stores traces, nested spans, generations with usage, events and scores", async () => {
    const langfuse = new Langfuse({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl, flushAt: 100 });
    const sessionId = uid("session");
    const trace = langfuse.trace({ name: "sdk-chat", userId: "user-1", sessionId, tags: ["sdk", "test"], input: { question: "hi?" }, metadata: { env: "ci" } });
    const span = trace.span({ name: "retrieve", input: { q: "hi" } });
    const child = span.span({ name: "embed" });
    child.end({ output: [0.1, 0.2] });
    span.end({ output: ["doc-1"] });
    const gen = trace.generation({
      name: "answer",
      model: "gpt-4o-mini",
      modelParameters: { temperature: 0.1 },
      input: [{ role: "user", content: "hi?" }],
      startTime: new Date(Date.now() - 1200),
    });
    gen.end({ output: { role: "assistant", content: "hello!" }, usage: { input: 1000, output: 500 } });
    trace.event({ name: "user-feedback", input: { thumbs: "up" } });
    trace.score({ name: "helpfulness", value: 0.8, comment: "good" });
    trace.update({ output: { answer: "hello!" } });
    await langfuse.flushAsync();
    await langfuse.shutdownAsync();

    const stored = await getTrace(t, trace.id);
    expect(stored).toMatchObject({ name: "sdk-chat", userId: "user-1", sessionId, input: { question: "hi?" }, output: { answer: "hello!" } });
    expect(stored.tags.sort()).toEqual(["sdk", "test"]);
    const byName = Object.fromEntries(stored.observations.map((o) => [o.name, o]));
    expect(Object.keys(byName).sort()).toEqual(["answer", "embed", "retrieve", "user-feedback"]);
    expect(byName.embed.parentObservationId).toBe(byName.retrieve.id);
    expect(byName["user-feedback"].type).toBe("EVENT");
    expect(byName.answer).toMatchObject({ type: "GENERATION", model: "gpt-4o-mini", usage: { input: 1000, output: 500, total: 1500 } });
    // gpt-4o-mini: $0.15 / 1M input, $0.60 / 1M output
    expect(byName.answer.calculatedTotalCost).toBeCloseTo(0.00015 + 0.0003, 10);
    expect(stored.totalCost).toBeCloseTo(0.00045, 10);
    expect(stored.latency).toBeGreaterThanOrEqual(1.1);
    expect(stored.scores).toEqual([expect.objectContaining({ name: "helpfulness", value: 0.8, source: "API", comment: "good" })]);

    const session = await (await api(t, `/api/public/sessions/${sessionId}`)).json();
    expect(session.traces.map((x: { id: string }) => x.id)).toEqual([trace.id]);
  });

  it("records errors with their level and status message", async () => {
    const langfuse = new Langfuse({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl });
    const trace = langfuse.trace({ name: "failing" });
    trace.span({ name: "tool" }).end({ level: "ERROR", statusMessage: "upstream timeout" });
    await langfuse.shutdownAsync();
    const stored = await getTrace(t, trace.id);
    expect(stored.observations[0]).toMatchObject({ level: "ERROR", statusMessage: "upstream timeout" });
    const list = await (await api(t, `/api/public/traces?name=failing&limit=100`)).json();
    expect(list.data.map((x: { id: string }) => x.id)).toContain(trace.id);
  });
});
