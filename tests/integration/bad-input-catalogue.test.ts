// The bad-input catalogue (issue 12, tests/support/bad-inputs.ts) against a
// running server on each database: no answer is a 5xx, every refusal names
// the field, nothing refused is stored, the good event beside a bad one is
// stored, every accepted value reads back through the read API, and the
// trace pages of accepted traces render.
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ExportTraceServiceRequest, ExportTraceServiceResponse } from "@/lib/ingest/otel/proto";
import { ingestEvents } from "@/lib/ingest/service";
import { BAD_INPUT_CASES, nested, toRequestJson, type BadInputCase } from "../support/bad-inputs";
import { api, dbFor, targets, uid, type TestTarget } from "../support/targets";

const T0 = "2026-03-01T10:00:00.000Z";
const T1 = "2026-03-01T10:00:01.000Z";
const nanos = (iso: string) => `${BigInt(Date.parse(iso)) * 1_000_000n}`;
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** A real object nested `levels` deep (nested() gives a marker beyond 1,000 levels, for request bodies). */
function deepObject(levels: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

interface Outcome {
  /** the trace whose page should render, for accepted cases */
  traceId?: string;
}

type Refusal = { path?: string; issue?: string };

function names(field: string, message: string | undefined, details: Refusal[] | undefined): boolean {
  if (message?.includes(field)) return true;
  return (details ?? []).some((d) => d.path?.includes(field) || d.issue?.includes(field));
}

function postJson(t: TestTarget, path: string, body: unknown) {
  return api(t, path, { method: "POST", headers: { "content-type": "application/json" }, body: toRequestJson(body) });
}

// ─── per endpoint ──────────────────────────────────────────────────────────

async function runIngestion(t: TestTarget, c: Extract<BadInputCase, { endpoint: "ingestion" }>): Promise<Outcome> {
  const db = dbFor(t);
  const good = uid("good");
  const traceId = uid("bt");
  const body: Record<string, unknown> = { ...c.input.body };
  if (!("id" in c.input.body)) body.id = uid("bad");
  if (c.input.type === "generation-create" || c.input.type === "span-create") body.traceId ??= traceId;
  if (c.input.type === "score-create") body.traceId ??= good;
  const now = new Date().toISOString();
  const goodEvent = { id: uid("evt"), timestamp: now, type: "trace-create", body: { id: good, name: "good neighbour" } };
  const badEvent = { id: uid("evt"), timestamp: now, type: c.input.type, body, ...c.input.envelope };
  const res = await postJson(t, "/api/public/ingestion", { batch: [goodEvent, badEvent] });
  const text = await res.text();
  expect(res.status, text).toBe(207);
  const reply = JSON.parse(text) as { successes: { id: string }[]; errors: { id: string; status: number; message: string; error?: Refusal[] }[] };
  expect(reply.errors.filter((e) => e.status >= 500), text).toEqual([]);
  expect(reply.successes.map((s) => s.id)).toContain(goodEvent.id);
  expect(await db.trace.findUnique({ where: { projectId_id: { projectId: t.projectId, id: good } } })).not.toBeNull();

  const id = String(body.id);
  const stored = () =>
    c.input.type === "trace-create"
      ? db.trace.findUnique({ where: { projectId_id: { projectId: t.projectId, id } } })
      : c.input.type === "score-create"
        ? db.score.findUnique({ where: { projectId_id: { projectId: t.projectId, id } } })
        : db.observation.findUnique({ where: { projectId_id: { projectId: t.projectId, id } } });

  if (c.field) {
    expect(reply.errors, text).toHaveLength(1);
    const [error] = reply.errors;
    expect(error!.status).toBe(400);
    expect(names(c.field, error!.message, error!.error), `${error!.message} should name ${c.field}`).toBe(true);
    expect(await stored()).toBeNull();
    return {};
  }
  expect(reply.errors, text).toEqual([]);
  if (c.input.type === "trace-create") {
    const got = await api(t, `/api/public/traces/${encodeURIComponent(id)}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject(c.expect ?? {});
    return { traceId: id };
  }
  if (c.input.type === "score-create") {
    expect(await stored()).toMatchObject(c.expect ?? {});
    return {};
  }
  const got = await api(t, `/api/public/observations/${encodeURIComponent(id)}`);
  expect(got.status).toBe(200);
  expect(await got.json()).toMatchObject(c.expect ?? {});
  return { traceId: String(body.traceId) };
}

/** Plain JS attribute values → OTLP KeyValues (an object with a *Value key is an AnyValue already). */
function attributes(values: Record<string, unknown> | undefined) {
  return Object.entries(values ?? {}).map(([key, v]) => {
    if (typeof v === "object" && v !== null && Object.keys(v).some((k) => k.endsWith("Value"))) return { key, value: v };
    if (typeof v === "number") return { key, value: Number.isInteger(v) ? { intValue: v } : { doubleValue: v } };
    if (typeof v === "boolean") return { key, value: { boolValue: v } };
    return { key, value: { stringValue: String(v) } };
  });
}

async function runOtlp(t: TestTarget, c: Extract<BadInputCase, { endpoint: "otlp-json" | "otlp-proto" }>): Promise<Outcome> {
  const db = dbFor(t);
  const proto = c.endpoint === "otlp-proto";
  const good = { traceId: hex(16), spanId: hex(8) };
  const bad = { traceId: hex(16), spanId: hex(8) };
  const spanOf = (ids: typeof good, name: string) => ({ ...ids, name, startTimeUnixNano: nanos(T0), endTimeUnixNano: nanos(T1) });
  const badSpan = { ...spanOf(bad, "bad"), attributes: attributes(c.input.attributes), ...c.input.span };
  const body = {
    resourceSpans: [
      { resource: { attributes: [] }, scopeSpans: [{ scope: { name: "catalogue" }, spans: [spanOf(good, "good neighbour")] }] },
      { resource: { attributes: attributes(c.input.resource) }, scopeSpans: [{ scope: { name: "catalogue" }, spans: c.input.spans ?? [badSpan] }] },
    ],
  };
  let res: Response;
  if (proto) {
    const asBytes = (s: { traceId: string; spanId: string }) => ({ ...s, traceId: Buffer.from(s.traceId, "hex"), spanId: Buffer.from(s.spanId, "hex") });
    const message = {
      resourceSpans: body.resourceSpans.map((rs) => ({
        ...rs,
        scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: (ss.spans as Array<typeof good>).map(asBytes) })),
      })),
    };
    const bytes = ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(message)).finish();
    res = await api(t, "/api/public/otel/v1/traces", { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: bytes as unknown as BodyInit });
  } else {
    res = await postJson(t, "/api/public/otel/v1/traces", body);
  }
  expect(res.status).toBeLessThan(500);
  const observation = (spanId: string) => db.observation.findUnique({ where: { projectId_id: { projectId: t.projectId, id: spanId } } });

  if (c.whole) {
    const error = (await res.json()) as { error: { message: string; details?: Refusal[] } };
    expect(res.status).toBe(400);
    expect(names(c.field!, error.error.message, error.error.details), `${error.error.message} should name ${c.field}`).toBe(true);
    expect(await observation(good.spanId)).toBeNull();
    expect(await observation(bad.spanId)).toBeNull();
    return {};
  }
  expect(res.status).toBe(200);
  const reply = proto
    ? (ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number }) as {
        partialSuccess?: { rejectedSpans?: number; errorMessage?: string };
      })
    : ((await res.json()) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } });
  expect(await observation(good.spanId)).not.toBeNull();
  if (c.field) {
    expect(Number(reply.partialSuccess?.rejectedSpans)).toBe(1);
    const message = reply.partialSuccess?.errorMessage ?? "";
    expect(names(c.field, message, undefined), `${message} should name ${c.field}`).toBe(true);
    expect(await observation(bad.spanId)).toBeNull();
    return {};
  }
  expect(Number(reply.partialSuccess?.rejectedSpans ?? 0), reply.partialSuccess?.errorMessage).toBe(0);
  const got = await api(t, `/api/public/observations/${bad.spanId}`);
  expect(got.status).toBe(200);
  expect(await got.json()).toMatchObject(c.expect ?? {});
  return { traceId: bad.traceId };
}

async function runNative(t: TestTarget, c: Extract<BadInputCase, { endpoint: "traces" }>): Promise<Outcome> {
  const db = dbFor(t);
  const observationId = uid("no");
  const body: Record<string, unknown> = {
    id: uid("nt"),
    name: "native",
    observations: [{ id: observationId, type: "span", name: "step", startTime: T0, endTime: T1, ...c.input.observation }],
    ...c.input.trace,
  };
  const res = await postJson(t, "/api/public/traces", body);
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  const id = String(body.id);
  if (c.field) {
    expect(res.status, text).toBe(400);
    const { error } = JSON.parse(text) as { error: { message: string; details?: Refusal[] } };
    expect(names(c.field, error.message, error.details), `${error.message} should name ${c.field}`).toBe(true);
    expect(await db.trace.findUnique({ where: { projectId_id: { projectId: t.projectId, id } } })).toBeNull();
    expect(await db.observation.findUnique({ where: { projectId_id: { projectId: t.projectId, id: observationId } } })).toBeNull();
    return {};
  }
  expect(res.status, text).toBe(201);
  const got = await api(t, `/api/public/traces/${encodeURIComponent(id)}`);
  expect(got.status).toBe(200);
  expect(await got.json()).toMatchObject(c.expect ?? {});
  if (c.expectObservation) {
    const obs = await api(t, `/api/public/observations/${encodeURIComponent(observationId)}`);
    expect(await obs.json()).toMatchObject(c.expectObservation);
  }
  return { traceId: id };
}

async function runScore(t: TestTarget, c: Extract<BadInputCase, { endpoint: "scores" }>, traceId: string): Promise<Outcome> {
  const db = dbFor(t);
  const body: Record<string, unknown> = { id: uid("sc"), traceId, name: "quality", value: 1, ...c.input };
  const res = await postJson(t, "/api/public/scores", body);
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  const stored = () => db.score.findUnique({ where: { projectId_id: { projectId: t.projectId, id: String(body.id) } } });
  if (c.field) {
    expect(res.status, text).toBe(400);
    const { error } = JSON.parse(text) as { error: { message: string; details?: Refusal[] } };
    expect(names(c.field, error.message, error.details), `${error.message} should name ${c.field}`).toBe(true);
    expect(await stored()).toBeNull();
    return {};
  }
  expect(res.status, text).toBe(200);
  expect(await stored()).toMatchObject(c.expect ?? {});
  return {};
}

// ─── the suite ─────────────────────────────────────────────────────────────

const label = (c: BadInputCase) => `${c.endpoint} · ${c.cls} · ${c.name} → ${c.field ? `refused (${c.field})` : "accepted"}`;

describe("the catalogue", () => {
  it("holds at least 120 cases over every endpoint and class", () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.endpoint))).toEqual(new Set(["ingestion", "otlp-json", "otlp-proto", "traces", "scores"]));
    const classes = new Set(BAD_INPUT_CASES.map((c) => c.cls));
    for (const cls of ["timestamp", "nul-surrogate", "oversized", "int-overflow", "bad-number", "deep-nesting", "environment", "wrong-type", "end-before-start", "correction"]) {
      expect(classes).toContain(cls);
    }
  });
});

describe.each(targets())("bad-input catalogue on $name", (t) => {
  let scoredTrace = "";
  let cookie = "";
  const rendered: string[] = [];

  beforeAll(async () => {
    scoredTrace = uid("scored");
    const res = await postJson(t, "/api/public/traces", { id: scoredTrace, name: "scored" });
    expect(res.status).toBe(201);
    // A signed-in browser for the pages: a session row as sign-in would write it.
    const db = dbFor(t);
    const user = await db.user.findUniqueOrThrow({ where: { email: t.userEmail } });
    const token = randomBytes(32).toString("base64url");
    await db.authSession.create({
      data: { tokenHash: createHash("sha256").update(token).digest("hex"), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    cookie = `loupe_session=${token}`;
  });

  const page = (path: string) => fetch(`${t.baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });

  it.each(BAD_INPUT_CASES.map((c) => [label(c), c] as const))("%s", async (_label, c) => {
    let outcome: Outcome;
    const k = c as BadInputCase;
    switch (k.endpoint) {
      case "ingestion":
        outcome = await runIngestion(t, k);
        break;
      case "otlp-json":
      case "otlp-proto":
        outcome = await runOtlp(t, k);
        break;
      case "traces":
        outcome = await runNative(t, k);
        break;
      default:
        outcome = await runScore(t, k, scoredTrace);
    }
    if (outcome.traceId) {
      // Every accepted trace renders on its page.
      const res = await page(`/${t.projectId}/traces/${encodeURIComponent(outcome.traceId)}`);
      expect(res.status, `trace page of ${outcome.traceId}`).toBe(200);
      rendered.push(outcome.traceId);
    }
  });

  it("a batch of 99 good events and one nested 10,000 levels stores the 99", async () => {
    const now = new Date().toISOString();
    const ids = Array.from({ length: 99 }, () => uid("many"));
    const batch: unknown[] = ids.map((id) => ({ id: uid("evt"), timestamp: now, type: "trace-create", body: { id, name: "one of 99" } }));
    const deep = uid("deep");
    batch.splice(50, 0, { id: uid("evt"), timestamp: now, type: "trace-create", body: { id: deep, input: nested(10_000) } });
    const res = await postJson(t, "/api/public/ingestion", { batch });
    expect(res.status).toBe(207);
    const reply = (await res.json()) as { successes: unknown[]; errors: { status: number; message: string }[] };
    expect(reply.successes).toHaveLength(99);
    expect(reply.errors).toEqual([expect.objectContaining({ status: 400, message: expect.stringContaining("batch[50].body.input") })]);
    const db = dbFor(t);
    expect(await db.trace.count({ where: { projectId: t.projectId, id: { in: ids } } })).toBe(99);
    expect(await db.trace.findUnique({ where: { projectId_id: { projectId: t.projectId, id: deep } } })).toBeNull();
  });

  it("a trace whose observations add up past 2^31-1 tokens is stored at that ceiling", async () => {
    const now = new Date().toISOString();
    const traceId = uid("big");
    const max = 2_147_483_647;
    const batch = [0, 1, 2].map((i) => ({
      id: uid("evt"),
      timestamp: now,
      type: "generation-create",
      // input alone: with output the observation's own total would pass the bound (and be refused)
      body: { id: `${traceId}-${i}`, traceId, name: "g", startTime: T0, usage: { input: max } },
    }));
    const res = await postJson(t, "/api/public/ingestion", { batch });
    const reply = (await res.json()) as { successes: unknown[]; errors: unknown[] };
    expect(reply.errors).toEqual([]);
    const got = await (await api(t, `/api/public/traces/${traceId}`)).json();
    expect(got.observations).toHaveLength(3);
    const row = await dbFor(t).trace.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id: traceId } } });
    expect(row).toMatchObject({ inputTokens: max, outputTokens: 0, totalTokens: max });
    // A later write to the saturated trace aggregates again and stays at the ceiling.
    const more = await postJson(t, "/api/public/ingestion", {
      batch: [{ id: uid("evt"), timestamp: now, type: "span-create", body: { id: `${traceId}-s`, traceId, name: "s", startTime: T0 } }],
    });
    expect(more.status).toBe(207);
    const after = await dbFor(t).trace.findUniqueOrThrow({ where: { projectId_id: { projectId: t.projectId, id: traceId } } });
    expect(after).toMatchObject({ totalTokens: max, observationCount: 4 });
  });

  it("rows stored around the limits (before they existed) still read and render", async () => {
    // Written with the writer directly, as an older Loupe would have stored them.
    const id = uid("legacy");
    await ingestEvents(
      t.projectId,
      [
        { kind: "trace", id, name: "legacy", timestamp: new Date(T0), input: deepObject(4_000) as never },
        { kind: "observation", id: `${id}-o`, traceId: id, type: "SPAN", startTime: new Date(T0), output: deepObject(4_000) as never },
        { kind: "observation", id: `${id}-far`, traceId: id, type: "SPAN", startTime: new Date("+100000-01-01T00:00:00Z"), endTime: new Date("+100000-01-01T00:00:01Z") },
      ],
      dbFor(t),
    );
    const trace = await api(t, `/api/public/traces/${id}`);
    expect(trace.status).toBe(200);
    const res = await page(`/${t.projectId}/traces/${id}`);
    expect(res.status).toBe(200);
    const selected = await page(`/${t.projectId}/traces/${id}?observation=${id}-o`);
    expect(selected.status).toBe(200);
  });

  it("after the whole catalogue, every list and page still reads", async () => {
    expect(rendered.length).toBeGreaterThan(10);
    for (const path of ["/api/public/traces?limit=100", "/api/public/observations?limit=100", "/api/public/scores?limit=100", "/api/public/sessions?limit=100"]) {
      const res = await api(t, path);
      expect(res.status, path).toBe(200);
    }
    for (const path of [`/${t.projectId}/traces`, `/${t.projectId}/sessions`]) {
      const res = await page(path);
      expect(res.status, path).toBe(200);
    }
  });
});
