// A 2,000-observation trace with a 5 MB input, on both databases: the page's
// readers ship summaries and clipped payloads, the whole comes on request, and
// the trace page's HTML shows the tree and the selected observation's input
// while staying far smaller than the IO the trace holds.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "@/lib/ingest/service";
import { unpackObservations } from "@/lib/objects/observation-pack";
import { observationDetail, observationPayload, traceObservations, traceObservationSummaries } from "@/lib/objects/observations";
import { INLINE_PAYLOAD_CHARS, PAYLOAD_PREVIEW_CHARS } from "@/lib/objects/payload-clip";
import { traceIoForPage } from "@/lib/traces/trace-io";
import { batches, bigObservationId, bigTraceEvents, filler } from "../support/big-trace";
import { dbFor, targets, uid } from "../support/targets";
import { loginFormFields, signIn } from "../support/web";

const INPUT_CHARS = 5_000_000;

describe.each(targets())("a big trace on $name", (t) => {
  const db = dbFor(t);
  const traceId = uid("big");
  const events = bigTraceEvents({ traceId, observations: 2_000, inputChars: INPUT_CHARS });
  const ioChars = events.reduce((n, e) => n + ("input" in e ? JSON.stringify(e.input ?? null).length + JSON.stringify(e.output ?? null).length : 0), 0);
  let cookie: string;

  beforeAll(async () => {
    for (const b of batches(events)) await ingestEvents(t.projectId, b, db);
    const reply = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email: t.userEmail, password: t.userPassword });
    cookie = reply.cookie!;
  }, 120_000);

  it("lists 2,000 summaries that say what the full rows say", async () => {
    const packed = await traceObservationSummaries(t.projectId, traceId, db);
    const views = unpackObservations(packed);
    expect(views).toHaveLength(2_000);
    const full = await traceObservations(t.projectId, traceId, db);
    const fields = (o: (typeof views)[number]) => [o.id, o.parentObservationId, o.type, o.name, o.startTime, o.endTime, o.completionStartTime, o.level, o.model, o.totalTokens, o.totalCost, o.latencyMs];
    expect(views.map(fields)).toEqual(full.map(fields));
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(full).length / 3);
  });

  it("clips the 5 MB input of the trace and its root observation, and gives the whole on request", async () => {
    const io = (await traceIoForPage(t.projectId, traceId, db))!;
    expect(io.output.inline).toBe(true);
    expect(io.input.inline).toBe(false);
    if (io.input.inline) return;
    // The size of its JSON text (PostgreSQL's jsonb text spaces its separators: a few characters more).
    const stored = JSON.stringify(events[0].kind === "trace" && events[0].input).length;
    expect(Math.abs(io.input.preview.chars - stored)).toBeLessThan(stored * 0.001);
    expect(io.input.preview.text.length).toBe(PAYLOAD_PREVIEW_CHARS);
    expect(io.input.preview.text).toContain(JSON.stringify(filler(200, 1)).slice(1, -1));

    const root = bigObservationId(traceId, 0);
    const detail = (await observationDetail(t.projectId, traceId, root, db))!;
    expect(detail.input).toBeUndefined();
    expect(detail.clipped?.input?.chars).toBeGreaterThan(INPUT_CHARS);
    expect(detail.clipped?.output).toBeUndefined();
    expect(detail.output).toEqual({ answer: filler(2_000, 9) });
    const whole = (await observationPayload(t.projectId, traceId, root, "input", db)) as { messages: { content: string }[] };
    expect(whole.messages[1].content).toHaveLength(INPUT_CHARS);
    // Bound to the trace the viewer shows.
    expect(await observationPayload(t.projectId, "another-trace", root, "input", db)).toBeUndefined();
  });

  it("sends a small payload whole", async () => {
    const gen = (await observationDetail(t.projectId, traceId, bigObservationId(traceId, 2), db))!;
    expect(gen.clipped).toBeUndefined();
    expect(JSON.stringify(gen.input).length).toBeLessThan(INLINE_PAYLOAD_CHARS);
    expect(gen.input).toEqual([
      { role: "system", content: "Plan the next step." },
      { role: "user", content: filler(2_000, 0) },
    ]);
  });

  it("renders the tree and the selected observation's input in a page far smaller than the trace's IO", async () => {
    const gen = bigObservationId(traceId, 2);
    const res = await fetch(`${t.baseUrl}/${t.projectId}/traces/${traceId}?observation=${gen}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('role="tree"');
    expect(html).toContain("step-0");
    expect(html).toContain('aria-label="Observation detail"');
    expect(html).toContain("Plan the next step.");
    // The huge trace input shows its start and size, not its body.
    expect(html).toContain("Show all (");
    expect(ioChars).toBeGreaterThan(14_000_000);
    expect(html.length).toBeLessThan(ioChars / 20);
  });
});
