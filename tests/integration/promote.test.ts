// Promotion from the UI on both databases: a bulk promotion of everything a
// traces filter matches runs as a PROMOTE job over every match (walked by id,
// not capped), a second run adds nothing, failures are listed per source, an
// interrupted job resumes from its saved cursor with the same totals, and a
// viewer's call is refused while the owner's goes through.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { DEFAULT_MAPPING, type Mapping } from "@/lib/datasets/mapping";
import "@/lib/datasets/promote-job";
import { runPromoteJob } from "@/lib/datasets/promote-job";
import { promoteTraceSelection, startPromotion, type PromoteJobParams } from "@/lib/datasets/promote-run";
import { countObservations, listObservations } from "@/lib/observations/list";
import { parseObservationView } from "@/lib/observations/view";
import type { Db } from "@/lib/db/client";
import { jobView, runQueuedJobs, type JobContext } from "@/lib/jobs/runner";
import { isFinished, type JobView } from "@/lib/jobs/schemas";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";
import { actionResult, callAction, loginFormFields, signIn } from "../support/web";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the queue here until the job has ended (the test server's own runner may take it instead: same code, same database). */
async function settle(db: Db, jobId: string): Promise<JobView> {
  const until = Date.now() + 120_000;
  for (;;) {
    await runQueuedJobs(db);
    const job = jobView(await db.job.findUniqueOrThrow({ where: { id: jobId } }));
    if (isFinished(job)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.status}`);
    await sleep(100);
  }
}

async function seedTraces(db: Db, projectId: string, name: string, n: number) {
  const at = Date.now();
  const rows = Array.from({ length: n }, (_, i) => ({
    projectId,
    id: `${name}-${String(i).padStart(5, "0")}`,
    name,
    timestamp: new Date(at - i * 1000),
    input: { question: `q${i}` },
    output: `a${i}`,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.trace.createMany({ data: rows.slice(i, i + 500) });
  return rows.map((r) => r.id);
}

describe.each(targets())("promotion on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let alice: string;
  const spec = (datasetId: string, mapping: Mapping = DEFAULT_MAPPING) => ({ datasetIds: [datasetId], mapping, onExisting: "skip" as const });
  const all = (view: string) => ({ ids: [], allMatching: true, view });

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("promote"), alice, db)).id;
  });

  it("promotes every trace a filter matches as a job, then adds nothing on a second run", async () => {
    const name = uid("bulk");
    await seedTraces(db, projectId, name, 1250);
    await seedTraces(db, projectId, uid("other"), 30); // not matching
    const ds = await createDataset(db, projectId, { name: uid("regressions") });

    const first = await promoteTraceSelection(db, projectId, alice, all(`name=${name}`), spec(ds.id));
    expect(first.kind).toBe("job");
    if (first.kind !== "job") return;
    expect(first.job).toMatchObject({ kind: "PROMOTE", total: 1250 });
    const done = await settle(db, first.job.id);
    // More than the 1,000 rows a selection may name and the 200 promoted in a request: the job walks them all.
    expect(done).toMatchObject({ status: "DONE", done: 1250, total: 1250, failed: 0, result: { added: 1250, updated: 0, skipped: 0 } });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1250);
    const item = await db.datasetItem.findFirstOrThrow({ where: { datasetId: ds.id, sourceTraceId: `${name}-00007` } });
    expect(item).toMatchObject({ input: { question: "q7" }, expectedOutput: "a7", origin: "PROMOTION", sourceObservationId: null });

    const again = await promoteTraceSelection(db, projectId, alice, all(`name=${name}`), spec(ds.id));
    if (again.kind !== "job") throw new Error("expected a job");
    expect(await settle(db, again.job.id)).toMatchObject({ status: "DONE", result: { added: 0, updated: 0, skipped: 1250 } });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1250);
  });

  it("runs a few sources in the request, and lists each failure with its source and reason", async () => {
    const name = uid("few");
    const ids = await seedTraces(db, projectId, name, 3);
    const ds = await createDataset(db, projectId, { name: uid("few") });
    const res = await promoteTraceSelection(db, projectId, alice, { ids: [...ids, "no-such-trace"], allMatching: false, view: "" }, spec(ds.id));
    expect(res).toEqual({ kind: "done", result: { added: 3, updated: 0, skipped: 0, failures: [{ source: "trace no-such-trace", reason: "the trace does not exist" }] } });
    // "Update it from this mapping": the same sources are rewritten, not duplicated.
    const metadata: Mapping = { ...DEFAULT_MAPPING, metadata: { from: "literal", value: { suite: "few" } } };
    const again = await promoteTraceSelection(db, projectId, alice, { ids, allMatching: false, view: "" }, { ...spec(ds.id, metadata), onExisting: "update" });
    expect(again).toEqual({ kind: "done", result: { added: 0, updated: 3, skipped: 0, failures: [] } });
    expect(await db.datasetItem.findMany({ where: { datasetId: ds.id }, select: { metadata: true } })).toEqual([{ metadata: { suite: "few" } }, { metadata: { suite: "few" } }, { metadata: { suite: "few" } }]);
  });

  it("lists a job's failures per source and keeps what succeeded", async () => {
    const name = uid("corr");
    const ids = await seedTraces(db, projectId, name, 250);
    await db.score.create({ data: { projectId, id: uid("c"), traceId: ids[3], name: "output", dataType: "CORRECTION", stringValue: "the right answer", source: "ANNOTATION", timestamp: new Date() } });
    const ds = await createDataset(db, projectId, { name: uid("corrections") });
    const mapping: Mapping = { ...DEFAULT_MAPPING, expectedOutput: { from: "correction" } };
    const res = await promoteTraceSelection(db, projectId, alice, all(`name=${name}`), spec(ds.id, mapping));
    if (res.kind !== "job") throw new Error("expected a job");
    const job = await settle(db, res.job.id);
    expect(job).toMatchObject({ status: "DONE", done: 250, failed: 249, result: { added: 1, updated: 0, skipped: 0 } });
    expect(job.failures).toHaveLength(249);
    expect(job.failures).toContainEqual({ source: `trace ${ids[0]}`, reason: "expectedOutput: this trace has no correction" });
    expect(job.failures.map((f) => f.source)).not.toContain(`trace ${ids[3]}`);
    const item = await db.datasetItem.findFirstOrThrow({ where: { datasetId: ds.id } });
    expect(item).toMatchObject({ sourceTraceId: ids[3], expectedOutput: "the right answer" });
  });

  it("resumes an interrupted job from its saved cursor, with the totals it had", async () => {
    const name = uid("resume");
    await seedTraces(db, projectId, name, 1100);
    const ds = await createDataset(db, projectId, { name: uid("resume") });
    const params: PromoteJobParams = { spec: spec(ds.id), selection: { traceView: `name=${name}`, now: new Date().toISOString() } };
    // Held as RUNNING with a fresh heartbeat, so no runner claims it while the "crash" is staged.
    const row = await db.job.create({ data: { projectId, kind: "PROMOTE", label: "resume", params: params as object, createdByUserId: alice, total: 1100, status: "RUNNING", heartbeatAt: new Date() } });
    const ctx: JobContext<PromoteJobParams> = {
      client: db,
      job: { id: row.id, projectId, params, cursor: null, createdByUserId: alice },
      async progress(p) {
        await db.job.update({ where: { id: row.id }, data: { done: p.done, cursor: p.cursor ?? null } });
        throw new Error("the process stopped"); // after the first chunk was saved
      },
    };
    await expect(runPromoteJob(ctx)).rejects.toThrow("the process stopped");
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(500);
    expect((await db.job.findUniqueOrThrow({ where: { id: row.id } })).cursor).toContain(`"after":"${name}-`);

    await db.job.update({ where: { id: row.id }, data: { status: "QUEUED" } });
    const job = await settle(db, row.id);
    // Restarted from scratch it would report 600 added and 500 skipped.
    expect(job).toMatchObject({ status: "DONE", done: 1100, total: 1100, result: { added: 1100, updated: 0, skipped: 0 } });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1100);
  });

  it("lists observations by the filter and promotes every matching one as a job, each with its trace", async () => {
    const name = uid("gen");
    const traceId = uid("obs-trace");
    const at = Date.now();
    await db.trace.create({ data: { projectId, id: traceId, timestamp: new Date(at) } });
    await db.observation.createMany({
      data: Array.from({ length: 250 }, (_, i) => ({ projectId, id: `${name}-${i}`, traceId, type: i % 5 ? "GENERATION" : "SPAN", name, startTime: new Date(at + i), input: { i }, output: `out ${i}` })),
    });
    const view = parseObservationView({ name, type: "GENERATION" });
    expect(await countObservations(db, projectId, view.filter)).toEqual({ count: 200, capped: false });
    const page = await listObservations(db, projectId, { filter: view.filter, page: 1, limit: 50 });
    expect(page).toHaveLength(50);
    expect(page[0]).toMatchObject({ id: `${name}-249`, traceId, type: "GENERATION", name });

    // 200 generations: promoted in the request; all 250 (spans too): a job.
    const ds = await createDataset(db, projectId, { name: uid("observations") });
    const few = await startPromotion(db, projectId, alice, spec(ds.id), { observationView: `name=${name}&type=GENERATION`, now: new Date().toISOString() });
    expect(few).toMatchObject({ kind: "done", result: { added: 200, failures: [] } });
    const many = await startPromotion(db, projectId, alice, spec(ds.id), { observationView: `name=${name}`, now: new Date().toISOString() });
    if (many.kind !== "job") throw new Error("expected a job");
    expect(await settle(db, many.job.id)).toMatchObject({ status: "DONE", done: 250, result: { added: 50, updated: 0, skipped: 200 } });
    expect(await db.datasetItem.findFirst({ where: { datasetId: ds.id, sourceObservationId: `${name}-7` } })).toMatchObject({ sourceTraceId: traceId, input: { i: 7 }, expectedOutput: "out 7" });
  });

  it("refuses a viewer's promotion over HTTP and lets the owner's through", async () => {
    const v = await createUser({ email: `${uid("viewer")}@itest.dev`, password: "viewer-password" }, db);
    await db.membership.create({ data: { projectId: t.projectId, userId: v.id, role: "viewer" } });
    const fields = await loginFormFields(t.baseUrl);
    const viewer = { cookie: (await signIn(t.baseUrl, fields, { email: v.email, password: "viewer-password" })).cookie! };
    const owner = { cookie: (await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email: t.userEmail, password: t.userPassword })).cookie! };
    const traceId = uid("one");
    await db.trace.create({ data: { projectId: t.projectId, id: traceId, timestamp: new Date(), input: "hi", output: "hello" } });
    const ds = await createDataset(db, t.projectId, { name: uid("http") });
    const promoteSources = { file: "lib/datasets/promote-actions.ts", name: "promoteSources" };
    const bulk = { file: "lib/traces/actions.ts", name: "bulkTraceAction" };
    const createInline = { file: "lib/datasets/promote-actions.ts", name: "createDatasetInline" };
    const call = async (action: { file: string; name: string }, arg: unknown, who: { cookie: string }) => actionResult((await callAction(t.baseUrl, `/${t.projectId}/traces`, action, [arg], who)).text);
    const promotion = spec(ds.id);

    const refused = { ok: false, error: "Your role (viewer) cannot do this." };
    expect(await call(promoteSources, { projectId: t.projectId, promotion, sources: [{ traceId }] }, viewer)).toEqual(refused);
    expect(await call(bulk, { projectId: t.projectId, selection: { ids: [traceId], allMatching: false, view: "" }, action: { action: "dataset", promotion } }, viewer)).toEqual(refused);
    expect(await call(createInline, { projectId: t.projectId, name: uid("nope") }, viewer)).toEqual(refused);
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(0);

    expect(await call(promoteSources, { projectId: t.projectId, promotion, sources: [{ traceId }] }, owner)).toEqual({
      ok: true,
      data: { kind: "done", result: { added: 1, updated: 0, skipped: 0, failures: [] } },
    });
    expect(await db.datasetItem.findFirst({ where: { datasetId: ds.id } })).toMatchObject({ sourceTraceId: traceId, input: "hi", expectedOutput: "hello" });
    // A mapping path that does not parse ("$"-strings are special in the raw action wire format, so none here) is refused with the field named, before anything is written.
    const bad = await call(promoteSources, { projectId: t.projectId, promotion: { ...promotion, mapping: { ...DEFAULT_MAPPING, input: { from: "input", path: "messages..0" } } }, sources: [{ traceId }] }, owner);
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "promotion.mapping.input.path": "must look like $.messages[0].content" } });
  });
});
