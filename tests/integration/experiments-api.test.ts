// The Langfuse-compatible runs API over HTTP on both databases: linking run
// items before and after their trace, by observation alone, refused bodies and
// items by name, the dataset as of `datasetVersion`, the runs list and one run
// with its items, delete; run-level scores; experiment traces over OTLP,
// recognisable, filterable (with legacy-linked traces, over the traces page), and linked from the trace when the link call failed.
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { context, trace as otelTrace } from "@opentelemetry/api";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { createUser } from "@/lib/auth/users";
import { loadRunItemResults } from "@/lib/experiments/results";
import { createProjectWithOwner } from "@/lib/projects/create";
import { listTraces } from "@/lib/traces/list";
import { parseTraceTableParams } from "@/lib/traces/table-params";
import { api, basicAuth, dbFor, targets, uid, type TestTarget } from "../support/targets";
import { loginFormFields, signIn } from "../support/web";

// Field for field after Langfuse's APIDatasetRun and APIDatasetRunItem.
const RUN_FIELDS = ["id", "name", "description", "metadata", "datasetId", "datasetName", "createdAt", "updatedAt"].sort();
const RUN_ITEM_FIELDS = ["id", "datasetRunId", "datasetRunName", "datasetItemId", "traceId", "observationId", "createdAt", "updatedAt"].sort();

const enc = encodeURIComponent;
const keys = (o: object) => Object.keys(o).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Keys = { publicKey: string; secretKey: string };

async function call(t: TestTarget, method: string, path: string, body?: unknown, keyPair?: Keys) {
  const res = await api(t, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, keyPair);
  return { status: res.status, body: await res.json() };
}

async function ok(t: TestTarget, method: string, path: string, body?: unknown, keyPair?: Keys) {
  const res = await call(t, method, path, body, keyPair);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A dataset with `n` items (ids it-0 … it-n-1 made unique), over the dataset API. */
async function dataset(t: TestTarget, n: number, prefix = "runs ds/with slash") {
  const name = uid(prefix);
  const ds = await ok(t, "POST", "/api/public/v2/datasets", { name });
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const item = await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id: uid(`it-${i}`), input: { n: i }, expectedOutput: String(i * 2) });
    items.push(item.id);
  }
  return { name, id: ds.id as string, items };
}

async function ingest(t: TestTarget, batch: object[]) {
  const res = await api(t, "/api/public/ingestion", { method: "POST", body: JSON.stringify({ batch }) });
  expect(res.status).toBe(207);
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toEqual([]);
}

const traceEvent = (id: string, output: unknown) => ({ id: uid("ev"), type: "trace-create", timestamp: new Date().toISOString(), body: { id, name: "task", output } });
const spanEvent = (id: string, traceId: string, output: unknown) => ({
  id: uid("ev"),
  type: "span-create",
  timestamp: new Date().toISOString(),
  body: { id, traceId, name: "step", startTime: new Date(Date.now() - 1200).toISOString(), endTime: new Date().toISOString(), output },
});

describe.each(targets())("runs API on $name", (t) => {
  const db = dbFor(t);

  it("links before the trace arrives and after; the link holds either way and reads the trace once it is there", async () => {
    const ds = await dataset(t, 2);
    const run = uid("run one/a b");
    const early = uid("tr-early");
    const first = await ok(t, "POST", "/api/public/dataset-run-items", { runName: run, runDescription: "first try", metadata: { model: "m1" }, datasetItemId: ds.items[0], traceId: early });
    expect(keys(first)).toEqual(RUN_ITEM_FIELDS);
    expect(first).toMatchObject({ datasetRunName: run, datasetItemId: ds.items[0], traceId: early, observationId: null });
    expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);

    let [r] = await loadRunItemResults(db, t.projectId, [first.datasetRunId], [ds.items[0]!]);
    expect(r).toMatchObject({ traceArrived: false, output: null });
    await ingest(t, [traceEvent(early, "0")]);
    [r] = await loadRunItemResults(db, t.projectId, [first.datasetRunId], [ds.items[0]!]);
    expect(r).toMatchObject({ traceArrived: true, output: "0" });

    // The second item's trace comes first, then its link (with its observation).
    const late = uid("tr-late");
    const obs = uid("ob");
    await ingest(t, [traceEvent(late, "trace output"), spanEvent(obs, late, "2")]);
    const second = await ok(t, "POST", "/api/public/dataset-run-items", { runName: run, datasetItemId: ds.items[1], traceId: late, observationId: obs });
    expect(second.datasetRunId).toBe(first.datasetRunId);

    const got = await ok(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/${enc(run)}`);
    expect(keys(got)).toEqual([...RUN_FIELDS, "datasetRunItems"].sort());
    expect(got).toMatchObject({ id: first.datasetRunId, name: run, description: "first try", metadata: { model: "m1" }, datasetId: ds.id, datasetName: ds.name });
    expect(got.datasetRunItems.map((i: { traceId: string }) => i.traceId)).toEqual([early, late]);
    expect(keys(got.datasetRunItems[0])).toEqual(RUN_ITEM_FIELDS);
    const results = await loadRunItemResults(db, t.projectId, [first.datasetRunId], ds.items);
    expect(results.find((x) => x.traceId === late)).toMatchObject({ traceArrived: true, output: "2" });

    // Linking the same item again points it at the new attempt; the run's description stays unless given.
    const retry = uid("tr-retry");
    await ok(t, "POST", "/api/public/dataset-run-items", { runName: run, datasetItemId: ds.items[0], traceId: retry });
    const after = await ok(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/${enc(run)}`);
    expect(after.datasetRunItems).toHaveLength(2);
    expect(after.datasetRunItems.find((i: { datasetItemId: string }) => i.datasetItemId === ds.items[0]).traceId).toBe(retry);
    expect(after.description).toBe("first try");
  });

  it("links by observation alone, looking its trace up; an unknown observation is a 404 naming it", async () => {
    const ds = await dataset(t, 1);
    const tr = uid("tr");
    const obs = uid("ob");
    await ingest(t, [traceEvent(tr, "x"), spanEvent(obs, tr, "y")]);
    const linked = await ok(t, "POST", "/api/public/dataset-run-items", { runName: "by-observation", datasetItemId: ds.items[0], observationId: obs });
    expect(linked).toMatchObject({ traceId: tr, observationId: obs });
    const missing = await call(t, "POST", "/api/public/dataset-run-items", { runName: "by-observation", datasetItemId: ds.items[0], observationId: uid("nope") });
    expect(missing.status).toBe(404);
    expect(missing.body.error.details).toContainEqual(expect.objectContaining({ path: "observationId" }));
  });

  it("refuses bad bodies with 400 naming the key, and missing or archived items with 404", async () => {
    const ds = await dataset(t, 2);
    const unknown = await call(t, "POST", "/api/public/dataset-run-items", { runName: "r", datasetItemId: ds.items[0], traceId: "x", colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const neither = await call(t, "POST", "/api/public/dataset-run-items", { runName: "r", datasetItemId: ds.items[0] });
    expect(neither.status).toBe(400);
    expect(neither.body.error.details).toContainEqual(expect.objectContaining({ path: "traceId" }));
    const noRun = await call(t, "POST", "/api/public/dataset-run-items", { datasetItemId: ds.items[0], traceId: "x" });
    expect(noRun.status).toBe(400);
    expect(noRun.body.error.details).toContainEqual(expect.objectContaining({ path: "runName" }));

    const nowhere = await call(t, "POST", "/api/public/dataset-run-items", { runName: "r", datasetItemId: uid("no-such-item"), traceId: "x" });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.details).toContainEqual(expect.objectContaining({ path: "datasetItemId" }));
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: ds.name, id: ds.items[1], status: "ARCHIVED" });
    const archived = await call(t, "POST", "/api/public/dataset-run-items", { runName: "r", datasetItemId: ds.items[1], traceId: "x" });
    expect(archived.status).toBe(404);
    expect(archived.body.error.details).toContainEqual(expect.objectContaining({ path: "datasetItemId" }));
    // Nothing was made by the refused calls.
    expect((await call(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/r`)).status).toBe(404);
  });

  it("honours datasetVersion: the item as it was at that time", async () => {
    const ds = await dataset(t, 1);
    await sleep(30);
    const whileActive = new Date().toISOString();
    await sleep(30);
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: ds.name, id: ds.items[0], status: "ARCHIVED" });
    const before = new Date(Date.now() - 60 * 60_000).toISOString();

    // Archived now, but active at `whileActive`: the run of that version may link it.
    const linked = await ok(t, "POST", "/api/public/dataset-run-items", { runName: "pinned", datasetItemId: ds.items[0], traceId: uid("tr"), datasetVersion: whileActive });
    expect(linked.datasetItemId).toBe(ds.items[0]);
    const row = await db.datasetRunItem.findUniqueOrThrow({ where: { id: linked.id } });
    expect(row.datasetVersion?.toISOString()).toBe(whileActive);
    // Before the item existed, and now (archived): 404.
    expect((await call(t, "POST", "/api/public/dataset-run-items", { runName: "pinned", datasetItemId: ds.items[0], traceId: "x", datasetVersion: before })).status).toBe(404);
    expect((await call(t, "POST", "/api/public/dataset-run-items", { runName: "now", datasetItemId: ds.items[0], traceId: "x" })).status).toBe(404);
    const bad = await call(t, "POST", "/api/public/dataset-run-items", { runName: "pinned", datasetItemId: ds.items[0], traceId: "x", datasetVersion: "yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ path: "datasetVersion" }));
  });

  it("lists runs newest first and a run's items in link order, paged with Langfuse's meta", async () => {
    const ds = await dataset(t, 3);
    for (let i = 0; i < 3; i++) {
      for (const item of ds.items) await ok(t, "POST", "/api/public/dataset-run-items", { runName: `release ${i}`, datasetItemId: item, traceId: uid("tr") });
      await sleep(15);
    }
    const page1 = await ok(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs?limit=2`);
    expect(page1.meta).toEqual({ page: 1, limit: 2, totalItems: 3, totalPages: 2 });
    expect(page1.data.map((r: { name: string }) => r.name)).toEqual(["release 2", "release 1"]);
    expect(keys(page1.data[0])).toEqual(RUN_FIELDS);
    expect(page1.data[0]).toMatchObject({ datasetId: ds.id, datasetName: ds.name, description: null, metadata: null });
    const page2 = await ok(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs?limit=2&page=2`);
    expect(page2.data.map((r: { name: string }) => r.name)).toEqual(["release 0"]);
    expect((await call(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs?limit=101`)).status).toBe(400);
    expect((await call(t, "GET", `/api/public/datasets/${enc(uid("no such"))}/runs`)).status).toBe(404);

    const items = await ok(t, "GET", `/api/public/dataset-run-items?datasetId=${enc(ds.id)}&runName=${enc("release 1")}&limit=2`);
    expect(items.meta).toEqual({ page: 1, limit: 2, totalItems: 3, totalPages: 2 });
    expect(items.data.map((i: { datasetItemId: string }) => i.datasetItemId)).toEqual(ds.items.slice(0, 2));
    expect(keys(items.data[0])).toEqual(RUN_ITEM_FIELDS);
    expect(items.data[0].datasetRunName).toBe("release 1");
    const rest = await ok(t, "GET", `/api/public/dataset-run-items?datasetId=${enc(ds.id)}&runName=${enc("release 1")}&limit=2&page=2`);
    expect(rest.data.map((i: { datasetItemId: string }) => i.datasetItemId)).toEqual([ds.items[2]]);

    const noRun = await call(t, "GET", `/api/public/dataset-run-items?datasetId=${enc(ds.id)}&runName=nope`);
    expect(noRun.status).toBe(404);
    expect(noRun.body.error.details).toContainEqual(expect.objectContaining({ path: "runName" }));
    const noDataset = await call(t, "GET", `/api/public/dataset-run-items?datasetId=nope&runName=x`);
    expect(noDataset.status).toBe(404);
    const noQuery = await call(t, "GET", "/api/public/dataset-run-items");
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["datasetId", "runName"]);
  });

  it("stores run-level scores (batch and POST /scores), reads them back by datasetRunId, and deletes them with the run", async () => {
    const ds = await dataset(t, 1);
    const run = uid("scored run");
    const link = await ok(t, "POST", "/api/public/dataset-run-items", { runName: run, datasetItemId: ds.items[0], traceId: uid("tr") });
    const runId = link.datasetRunId;
    const viaPost = await ok(t, "POST", "/api/public/scores", { datasetRunId: runId, name: "accuracy", value: 0.75, dataType: "NUMERIC", comment: "3 of 4" });
    const batchId = uid("sc");
    await ingest(t, [{ id: uid("ev"), type: "score-create", timestamp: new Date().toISOString(), body: { id: batchId, datasetRunId: runId, name: "passed", value: 1, dataType: "BOOLEAN" } }]);

    for (const path of ["/api/public/scores", "/api/public/v2/scores"]) {
      const listed = await ok(t, "GET", `${path}?datasetRunId=${enc(runId)}`);
      expect(listed.data.map((s: { name: string }) => s.name).sort()).toEqual(["accuracy", "passed"]);
      expect(listed.data.every((s: { datasetRunId: string; traceId: string | null }) => s.datasetRunId === runId && s.traceId === null)).toBe(true);
    }
    expect(await ok(t, "GET", `/api/public/v2/scores/${enc(viaPost.id)}`)).toMatchObject({ datasetRunId: runId, value: 0.75, comment: "3 of 4" });
    expect(await ok(t, "GET", `/api/public/scores/${enc(batchId)}`)).toMatchObject({ datasetRunId: runId, value: 1, dataType: "BOOLEAN" });

    expect(await ok(t, "DELETE", `/api/public/datasets/${enc(ds.name)}/runs/${enc(run)}`)).toEqual({ message: "Dataset run successfully deleted" });
    expect((await call(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/${enc(run)}`)).status).toBe(404);
    expect((await call(t, "DELETE", `/api/public/datasets/${enc(ds.name)}/runs/${enc(run)}`)).status).toBe(404);
    expect((await ok(t, "GET", `/api/public/v2/scores?datasetRunId=${enc(runId)}`)).data).toEqual([]);
    expect(await db.datasetRunItem.count({ where: { datasetRunId: runId } })).toBe(0);
    // The dataset and its items stay.
    expect((await ok(t, "GET", `/api/public/dataset-items/${enc(ds.items[0])}`)).status).toBe("ACTIVE");
  });

  it("keeps another project's key out of runs", async () => {
    const ds = await dataset(t, 1);
    await ok(t, "POST", "/api/public/dataset-run-items", { runName: "private", datasetItemId: ds.items[0], traceId: uid("tr") });
    const owner = await createUser({ email: `${uid("other")}@itest.dev`, password: "password-123", name: "Other" }, db);
    const other = await createProjectWithOwner(uid("other-project"), owner.id, db);
    const theirs = await createApiKey(other.id, {}, db);
    expect((await call(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/private`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "DELETE", `/api/public/datasets/${enc(ds.name)}/runs/private`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "GET", `/api/public/dataset-run-items?datasetId=${enc(ds.id)}&runName=private`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "POST", "/api/public/dataset-run-items", { runName: "hijack", datasetItemId: ds.items[0], traceId: "x" }, theirs)).status).toBe(404);
    expect((await ok(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/private`)).datasetRunItems).toHaveLength(1);
  });
});

/** Spans with the experiment attributes the Langfuse SDK sets, sent by the OTLP JSON exporter. */
async function sendExperimentSpans(t: TestTarget, exp: { datasetId: string; itemId: string; runName: string }) {
  const exporter = new OTLPTraceExporter({ url: `${t.baseUrl}/api/public/otel/v1/traces`, headers: { authorization: basicAuth(t.publicKey, t.secretKey) } });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("langfuse-sdk");
  const propagated = {
    "langfuse.environment": "sdk-experiment",
    "langfuse.experiment.id": uid("exp"),
    "langfuse.experiment.name": exp.runName,
    "langfuse.experiment.dataset.id": exp.datasetId,
    "langfuse.experiment.item.id": exp.itemId,
    "langfuse.experiment.metadata": JSON.stringify({ model: "m-otel" }),
  };
  const root = tracer.startSpan("experiment-item-run", { attributes: { ...propagated, "langfuse.experiment.description": "over OTLP", "langfuse.experiment.item.expected_output": "42", "langfuse.observation.output": "42" } });
  root.setAttribute("langfuse.experiment.item.root_observation_id", root.spanContext().spanId);
  const child = tracer.startSpan("answer", { attributes: { ...propagated, "langfuse.experiment.item.root_observation_id": root.spanContext().spanId } }, otelTrace.setSpan(context.active(), root));
  child.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { traceId: root.spanContext().traceId, rootId: root.spanContext().spanId };
}

describe.each(targets())("experiment traces over OTLP on $name", (t) => {
  const db = dbFor(t);

  it("marks the trace (environment sdk-experiment, metadata.experiment) and the traces table filters on it", async () => {
    const ds = await dataset(t, 1, "otel ds");
    const runName = uid("otel run");
    await ok(t, "POST", "/api/public/dataset-run-items", { runName, datasetItemId: ds.items[0], traceId: "0".repeat(31) + "1" });
    const { traceId, rootId } = await sendExperimentSpans(t, { datasetId: ds.id, itemId: ds.items[0], runName });
    const tr = await ok(t, "GET", `/api/public/traces/${traceId}`);
    expect(tr.environment).toBe("sdk-experiment");
    expect(tr.metadata.experiment).toMatchObject({ name: runName, datasetId: ds.id, itemId: ds.items[0], description: "over OTLP", expectedOutput: "42", rootObservationId: rootId, metadata: { model: "m-otel" } });

    const p = parseTraceTableParams({ experiment: runName, environment: "sdk-experiment" });
    const rows = await listTraces(db, t.projectId, { filter: p.filter, sort: p.sort, page: 1, limit: 10 });
    expect(rows.map((r) => r.id)).toEqual([traceId]);
    const none = parseTraceTableParams({ experiment: uid("other run") });
    expect(await listTraces(db, t.projectId, { filter: none.filter, sort: none.sort, page: 1, limit: 10 })).toEqual([]);

    // The run already held the item (the SDK's link): the trace never replaces it.
    await sleep(2_600);
    const run = await ok(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/${enc(runName)}`);
    expect(run.datasetRunItems.map((i: { traceId: string }) => i.traceId)).toEqual(["0".repeat(31) + "1"]);
  });

  it("the traces page's Experiment run filter finds every trace of a run: legacy item.link / plain API links and OTel traces, also one whose link failed", async () => {
    const ds = await dataset(t, 2, "filter ds");
    const runName = uid("filter run");
    // Legacy SDK / plain API: a trace over the ingestion API, linked by POST /dataset-run-items (no experiment metadata).
    const legacy = uid("tr-legacy");
    await ingest(t, [traceEvent(legacy, "legacy answer")]);
    await ok(t, "POST", "/api/public/dataset-run-items", { runName, datasetItemId: ds.items[0], traceId: legacy });
    // OTel SDK: its trace carries metadata.experiment.name and links itself a little later.
    const otel = await sendExperimentSpans(t, { datasetId: ds.id, itemId: ds.items[1], runName });
    // An OTel trace whose link can never be made (its item does not exist): found by its metadata.
    const unlinked = await sendExperimentSpans(t, { datasetId: ds.id, itemId: uid("no such item"), runName });
    // Another run of the same dataset, to be left out.
    const other = uid("tr-other");
    await ingest(t, [traceEvent(other, "other answer")]);
    await ok(t, "POST", "/api/public/dataset-run-items", { runName: uid("other run"), datasetItemId: ds.items[0], traceId: other });

    const owner = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email: t.userEmail, password: t.userPassword });
    const page = async (params: Record<string, string>) => {
      const res = await fetch(`${t.baseUrl}/${t.projectId}/traces?${new URLSearchParams(params)}`, { headers: { cookie: owner.cookie! } });
      expect(res.status).toBe(200);
      const html = await res.text();
      // The rows reach the table as its props (in the page's flight data): an id is on the page only as a row.
      return [legacy, otel.traceId, unlinked.traceId, other].filter((id) => html.includes(id));
    };
    expect(await page({ experiment: runName })).toEqual([legacy, otel.traceId, unlinked.traceId]);
    // Once the OTel trace's own link has landed it is still found once (EXISTS, not a join that repeats rows).
    await sleep(2_600);
    const p = parseTraceTableParams({ experiment: runName });
    expect((await listTraces(db, t.projectId, { filter: p.filter, sort: p.sort, page: 1, limit: 10 })).map((r) => r.id).sort()).toEqual([legacy, otel.traceId, unlinked.traceId].sort());
    expect(await page({ experiment: uid("no run") })).toEqual([]);
    // The other operators go through the same test: "in no run so named" leaves all three out.
    const notIn = (id: string) => listTraces(db, t.projectId, { filter: [{ type: "string", column: "experiment", operator: "!=", value: runName }, { type: "string", column: "search", operator: "contains", value: id }], page: 1, limit: 5 });
    expect((await notIn(other)).map((r) => r.id)).toEqual([other]);
    expect(await notIn(legacy)).toEqual([]);
    expect(await notIn(unlinked.traceId)).toEqual([]);
    const prefix = await listTraces(db, t.projectId, { filter: [{ type: "string", column: "experiment", operator: "starts with", value: runName.slice(0, -3) }], page: 1, limit: 50 });
    expect(prefix.map((r) => r.id).sort()).toEqual([legacy, otel.traceId, unlinked.traceId].sort());
  });

  it("links the trace to its run from the spans when the dataset-run-items call never came", async () => {
    const ds = await dataset(t, 1, "otel ds");
    const runName = uid("lost link run");
    const { traceId, rootId } = await sendExperimentSpans(t, { datasetId: ds.id, itemId: ds.items[0], runName });
    let run: { status: number; body: { description?: string; metadata?: unknown; datasetRunItems?: { traceId: string; observationId: string }[] } } = { status: 0, body: {} };
    for (let i = 0; i < 40 && run.status !== 200; i++) {
      await sleep(250);
      run = await call(t, "GET", `/api/public/datasets/${enc(ds.name)}/runs/${enc(runName)}`);
    }
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ description: "over OTLP", metadata: { model: "m-otel" } });
    expect(run.body.datasetRunItems).toEqual([expect.objectContaining({ traceId, observationId: rootId, datasetItemId: ds.items[0] })]);
  });
});
