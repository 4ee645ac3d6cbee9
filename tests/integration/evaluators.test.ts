// Deterministic evaluators on both databases: run items scored when linked
// (link before the trace and trace before the link), re-evaluation replacing
// the score, live traces with a filter and a sample, bad configurations
// refused with their field, an item that throws recording an ERROR while the
// others are scored, the EVAL_RUN job to DONE, and the running server scoring
// in the background after an ingestion request; several evaluators of a
// dataset in one pass; results rewritten in batches (changed, new, and two
// writers at once); a deleted run taking its results along; the list's
// bounded counts; a run's latest EVAL_RUN job however many jobs came since.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { upsertItem } from "@/lib/datasets/items";
import { sampled } from "@/lib/query/sample";
import type { Db } from "@/lib/db/client";
import { latestRunEvaluationJob, startRunEvaluation } from "@/lib/evals/job";
import { evaluateRunsOfProject } from "@/lib/evals/on-runs";
import { evaluateLiveTraces } from "@/lib/evals/on-traces";
import { evalScoreId, recordVerdicts, type Verdict } from "@/lib/evals/record";
import type { RunEvaluationResult } from "@/lib/evals/schemas";
import { createEvaluator, listEvaluators, type EvaluatorWrite } from "@/lib/evals/store";
import { linkRunItem } from "@/lib/experiments/link";
import { deleteRun } from "@/lib/experiments/runs";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { settleJob } from "../support/jobs";
import { api, dbFor, targets, uid } from "../support/targets";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(v)}`);
    await sleep(250);
  }
}

const evalScores = (db: Db, projectId: string, name: string) =>
  db.score.findMany({ where: { projectId, name }, select: { id: true, traceId: true, value: true, dataType: true, source: true, comment: true }, orderBy: { traceId: "asc" } });

describe.each(targets())("evaluators on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let alice: string;
  const evaluator = (more: Partial<EvaluatorWrite>): EvaluatorWrite => ({ name: uid("exact"), config: { kind: "EXACT_MATCH", trim: true, ignoreCase: false }, datasetId: null, filter: null, sampleRate: 1, enabled: true, ...more });

  /** A dataset with items 1..n: "q<i>" → expected "a<i>" (item `noExpected` has none). */
  async function dataset(n: number, noExpected?: number) {
    const ds = await createDataset(db, projectId, { name: uid("ds") });
    const ids: string[] = [];
    for (let i = 1; i <= n; i++) {
      const id = uid(`it${i}`);
      await upsertItem(db, ds, { id, input: `q${i}`, ...(i === noExpected ? {} : { expectedOutput: `a${i}` }) }, alice);
      ids.push(id);
    }
    return { ds, ids };
  }

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("evals"), alice, db)).id;
  });

  it("scores a run item linked before its trace once the trace arrives, and one whose trace came first", async () => {
    const { ds, ids } = await dataset(2);
    const ev = await createEvaluator(db, projectId, evaluator({ datasetId: ds.id }), alice);
    const run = uid("run");
    const early = uid("tr");
    const first = await linkRunItem(db, projectId, { runName: run, datasetItemId: ids[0], traceId: early });
    await evaluateRunsOfProject(db, projectId);
    expect(await evalScores(db, projectId, ev.name)).toEqual([]);
    // The trace arrives after the link: scored now, on that trace, source EVAL, BOOLEAN.
    await ingestEvents(projectId, [{ kind: "trace", id: early, timestamp: new Date(), output: " a1 " }], db);
    await evaluateRunsOfProject(db, projectId);
    expect(await evalScores(db, projectId, ev.name)).toEqual([
      { id: evalScoreId(ev.id, "RUN_ITEM", first.id), traceId: early, value: 1, dataType: "BOOLEAN", source: "EVAL", comment: "output equals the expected output" },
    ]);
    // Trace first, link after.
    const late = uid("tr");
    await ingestEvents(projectId, [{ kind: "trace", id: late, timestamp: new Date(), output: "wrong" }], db);
    const second = await linkRunItem(db, projectId, { runName: run, datasetItemId: ids[1], traceId: late });
    await evaluateRunsOfProject(db, projectId);
    const scores = await evalScores(db, projectId, ev.name);
    expect(scores.find((s) => s.traceId === late)).toMatchObject({ id: evalScoreId(ev.id, "RUN_ITEM", second.id), value: 0, comment: 'output "wrong" ≠ expected "a2"' });
    const results = await db.evaluatorResult.findMany({ where: { evaluatorId: ev.id }, orderBy: { targetId: "asc" } });
    expect(results.map((r) => [r.targetType, r.status, r.datasetRunId])).toEqual([
      ["RUN_ITEM", "OK", first.datasetRunId],
      ["RUN_ITEM", "OK", first.datasetRunId],
    ]);
  });

  it("re-evaluates when the trace changes, replacing the score rather than adding one", async () => {
    const { ds, ids } = await dataset(1);
    const ev = await createEvaluator(db, projectId, evaluator({ datasetId: ds.id, config: { kind: "SIMILARITY", trim: false, ignoreCase: false } }), alice);
    const tr = uid("tr");
    await ingestEvents(projectId, [{ kind: "trace", id: tr, timestamp: new Date(), output: "a9" }], db);
    await linkRunItem(db, projectId, { runName: uid("run"), datasetItemId: ids[0], traceId: tr });
    await evaluateRunsOfProject(db, projectId);
    expect((await evalScores(db, projectId, ev.name)).map((s) => [s.value, s.dataType])).toEqual([[0.5, "NUMERIC"]]);
    await sleep(20);
    await ingestEvents(projectId, [{ kind: "trace", id: tr, output: "a1" }], db);
    await evaluateRunsOfProject(db, projectId);
    expect((await evalScores(db, projectId, ev.name)).map((s) => s.value)).toEqual([1]);
    // Looking again with nothing new changes nothing.
    await evaluateRunsOfProject(db, projectId);
    expect(await evalScores(db, projectId, ev.name)).toHaveLength(1);
    expect(await db.evaluatorResult.count({ where: { evaluatorId: ev.id } })).toBe(1);
  });

  it("records an ERROR for an item it cannot evaluate and scores the others; the EVAL_RUN job runs to DONE", async () => {
    const { ds, ids } = await dataset(3, 2);
    const run = uid("run");
    const traces = ids.map(() => uid("tr"));
    await ingestEvents(projectId, traces.map((id, i) => ({ kind: "trace" as const, id, timestamp: new Date(), output: `a${i + 1}` })), db);
    // Linked before the evaluator exists: only "evaluate again" scores them.
    for (let i = 0; i < ids.length; i++) await linkRunItem(db, projectId, { runName: run, datasetItemId: ids[i], traceId: traces[i] });
    const runId = (await db.datasetRun.findFirstOrThrow({ where: { datasetId: ds.id, name: run } })).id;
    await expect(startRunEvaluation(db, projectId, runId, alice, { start: false })).rejects.toMatchObject({ code: "invalid", path: ["runId"] });
    const ev = await createEvaluator(db, projectId, evaluator({ datasetId: ds.id }), alice);
    const job = await startRunEvaluation(db, projectId, runId, alice, { start: false });
    expect(job).toMatchObject({ kind: "EVAL_RUN", status: "QUEUED", total: 3 });
    const done = await settleJob(db, projectId, job.id);
    expect(done).toMatchObject({ status: "DONE", done: 3, total: 3, failed: 1 });
    expect(done.result).toEqual({ items: 3, scored: 2, errors: 1, waiting: 0 } satisfies RunEvaluationResult);
    expect(done.failures).toEqual([{ source: expect.stringContaining(ev.name), reason: "the dataset item has no expected output" }]);
    expect((await evalScores(db, projectId, ev.name)).map((s) => [s.traceId, s.value]).sort()).toEqual([[traces[0], 1], [traces[2], 1]].sort());
    const error = await db.evaluatorResult.findFirstOrThrow({ where: { evaluatorId: ev.id, status: "ERROR" } });
    expect(error).toMatchObject({ error: "the dataset item has no expected output", scoreId: null, datasetRunId: runId });
    // Again: the same scores, replaced, not duplicated.
    await settleJob(db, projectId, (await startRunEvaluation(db, projectId, runId, alice, { start: false })).id);
    expect(await evalScores(db, projectId, ev.name)).toHaveLength(2);
    const [row] = (await listEvaluators(db, projectId)).filter((e) => e.id === ev.id);
    expect(row).toMatchObject({ scored: 2, errors: 1, datasetName: ds.name });
  });

  it("scores live traces that match the filter, at the sampling rate, the same traces every time", async () => {
    const name = uid("live");
    const ev = await createEvaluator(
      db,
      projectId,
      evaluator({ config: { kind: "REGEX", pattern: "^refund", flags: "i" }, filter: [{ type: "stringOptions", column: "name", operator: "any of", value: [name] }], sampleRate: 0.5 }),
      alice,
    );
    const ids = Array.from({ length: 40 }, () => uid("tr"));
    const other = uid("tr");
    await ingestEvents(projectId, [
      ...ids.map((id, i) => ({ kind: "trace" as const, id, name, timestamp: new Date(), output: i % 2 ? "Refund issued" : "No refund" })),
      { kind: "trace" as const, id: other, name: uid("other"), timestamp: new Date(), output: "Refund issued" },
    ], db);
    await evaluateLiveTraces(db, projectId);
    const expected = ids.filter((id) => sampled(ev.id, id, 0.5)).sort();
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(35);
    const scores = await evalScores(db, projectId, ev.name);
    expect(scores.map((s) => s.traceId).sort()).toEqual(expected);
    for (const s of scores) expect(s.value).toBe(ids.indexOf(s.traceId!) % 2 ? 1 : 0);
    // Every trace changes again: the sample does not grow, and no score is duplicated.
    await ingestEvents(projectId, ids.map((id) => ({ kind: "trace" as const, id, tags: ["again"] })), db);
    await evaluateLiveTraces(db, projectId);
    expect((await evalScores(db, projectId, ev.name)).map((s) => s.traceId).sort()).toEqual(expected);
  });

  it("refuses a bad configuration when saved, naming the field and the reason", async () => {
    const { ds } = await dataset(1);
    const refused = (more: Partial<EvaluatorWrite>) => createEvaluator(db, projectId, evaluator({ datasetId: ds.id, ...more }), alice);
    await expect(refused({ config: { kind: "REGEX", pattern: "(open", flags: "" } })).rejects.toMatchObject({ code: "invalid", path: ["config", "pattern"], message: expect.stringMatching(/regular expression/) });
    await expect(refused({ config: { kind: "JSON_SCHEMA", schema: { type: "nope" } } })).rejects.toMatchObject({ code: "invalid", path: ["config", "schema"], message: expect.stringMatching(/JSON Schema/) });
    await expect(refused({ filter: [] })).rejects.toMatchObject({ path: ["config", "reference"] });
    await expect(refused({ config: { kind: "JSON_VALID" }, filter: [{ type: "string", column: "nope", operator: "=", value: "x" }] })).rejects.toMatchObject({ path: ["conditions"] });
    await expect(refused({ datasetId: null })).rejects.toMatchObject({ path: ["datasetId"] });
    const ok = await refused({});
    await expect(refused({ name: ok.name })).rejects.toMatchObject({ code: "conflict", path: ["name"] });
    expect(await db.evaluator.count({ where: { projectId, datasetId: ds.id } })).toBe(1);
  });

  it("the running server scores in the background after an ingestion request, off the acknowledging path", async () => {
    const sp = t.projectId;
    const ds = await createDataset(db, sp, { name: uid("http") });
    await upsertItem(db, ds, { id: uid("it"), input: "2+2", expectedOutput: "4" }, null);
    const item = await db.datasetItem.findFirstOrThrow({ where: { datasetId: ds.id } });
    const onRun = await createEvaluator(db, sp, evaluator({ datasetId: ds.id }), null);
    const name = uid("http-live");
    const live = await createEvaluator(db, sp, evaluator({ config: { kind: "THRESHOLD", metric: "latency", operator: "<=", value: 60_000 }, filter: [{ type: "stringOptions", column: "name", operator: "any of", value: [name] }] }), null);
    const tr = uid("tr");
    const lt = uid("tr");
    await linkRunItem(db, sp, { runName: uid("run"), datasetItemId: item.id, traceId: tr });
    const now = new Date().toISOString();
    const later = new Date(Date.parse(now) + 100).toISOString();
    const ev = (type: string, body: Record<string, unknown>) => ({ id: uid("ev"), timestamp: now, type, body });
    const res = await api(t, "/api/public/ingestion", {
      method: "POST",
      body: JSON.stringify({ batch: [ev("trace-create", { id: tr, name: "run item", output: "4" }), ev("trace-create", { id: lt, name, output: "x" }), ev("span-create", { id: `${lt}-s`, traceId: lt, startTime: now, endTime: later })] }),
    });
    expect(res.status).toBe(207);
    const [scored] = await waitFor("the run item's score", () => evalScores(db, sp, onRun.name), (v) => v.length > 0);
    expect(scored).toMatchObject({ traceId: tr, value: 1, source: "EVAL" });
    const [liveScore] = await waitFor("the live score", () => evalScores(db, sp, live.name), (v) => v.length > 0);
    expect(liveScore).toMatchObject({ traceId: lt, value: 1, dataType: "BOOLEAN" });
    await db.evaluator.deleteMany({ where: { id: { in: [onRun.id, live.id] } } });
  });

  it("scores a run item once for every evaluator of its dataset, in one pass", async () => {
    // A project of its own: the summary counts everything the look scored.
    const pid = (await createProjectWithOwner(uid("one-pass"), alice, db)).id;
    const ds = await createDataset(db, pid, { name: uid("ds") });
    const ids = [uid("it1"), uid("it2"), uid("it3")];
    for (const [i, id] of ids.entries()) await upsertItem(db, ds, { id, input: `q${i + 1}`, expectedOutput: `a${i + 1}` }, alice);
    const exact = await createEvaluator(db, pid, evaluator({ datasetId: ds.id }), alice);
    const similar = await createEvaluator(db, pid, evaluator({ name: uid("similar"), datasetId: ds.id, config: { kind: "SIMILARITY", trim: false, ignoreCase: false } }), alice);
    const run = uid("run");
    const traces = ids.map(() => uid("tr"));
    await ingestEvents(pid, traces.map((id, i) => ({ kind: "trace" as const, id, timestamp: new Date(), output: `a${i + 1}` })), db);
    for (let i = 0; i < ids.length; i++) await linkRunItem(db, pid, { runName: run, datasetItemId: ids[i], traceId: traces[i] });
    const summary = await evaluateRunsOfProject(db, pid);
    // Each run item counted once, scored by both.
    expect(summary).toMatchObject({ items: 3, scored: 6, errors: 0, waiting: 0 });
    expect((await evalScores(db, pid, exact.name)).map((s) => s.value)).toEqual([1, 1, 1]);
    expect((await evalScores(db, pid, similar.name)).map((s) => s.value)).toEqual([1, 1, 1]);
  });

  it("rewrites changed results in batches, keeping their ids, alongside new ones, and survives two writers at once", async () => {
    const { ds } = await dataset(1);
    const ev = await createEvaluator(db, projectId, evaluator({ datasetId: ds.id }), alice);
    const tr = uid("tr");
    await ingestEvents(projectId, [{ kind: "trace", id: tr, timestamp: new Date(), output: "x" }], db);
    // 550 targets: more than one write chunk (400).
    const targets = Array.from({ length: 550 }, (_, i) => ({ type: "RUN_ITEM" as const, id: uid(`ri${i}`), traceId: tr, observationId: null, datasetRunId: uid("run") }));
    const e = { id: ev.id, name: ev.name };
    const ok = (t: (typeof targets)[number], value = 1): Verdict => ({ evaluator: e, target: t, ok: true, outcome: { dataType: "BOOLEAN", value, comment: "c" } });
    const failed = (t: (typeof targets)[number], i: number): Verdict => ({ evaluator: e, target: t, ok: false, error: `error ${i}` });
    const results = async () => new Map((await db.evaluatorResult.findMany({ where: { evaluatorId: ev.id } })).map((r) => [r.targetId, r]));
    const first = new Date(Date.now() - 60_000);
    expect(await recordVerdicts(db, projectId, targets.slice(0, 500).map((t) => ok(t)), first)).toEqual({ scored: 500, errors: 0 });
    const before = await results();
    expect(before.size).toBe(500);
    // Half become errors (each its own message), the rest stay, 50 are new.
    const second = new Date(Date.now() - 30_000);
    const n = await recordVerdicts(db, projectId, targets.map((t, i) => (i < 250 ? failed(t, i) : ok(t))), second);
    expect(n).toEqual({ scored: 300, errors: 250 });
    const after = await results();
    expect(after.size).toBe(550);
    for (const [i, t] of targets.entries()) {
      const r = after.get(t.id)!;
      if (i < 250) {
        expect(r).toMatchObject({ id: before.get(t.id)!.id, createdAt: before.get(t.id)!.createdAt, status: "ERROR", error: `error ${i}`, scoreId: null, datasetRunId: t.datasetRunId, updatedAt: second });
      } else if (i < 500) {
        // Unchanged: not rewritten by a background look.
        expect(r).toMatchObject({ id: before.get(t.id)!.id, status: "OK", scoreId: evalScoreId(ev.id, "RUN_ITEM", t.id), updatedAt: first });
      } else {
        expect(r).toMatchObject({ status: "OK", scoreId: evalScoreId(ev.id, "RUN_ITEM", t.id), updatedAt: second });
      }
    }
    expect(await db.score.count({ where: { projectId, name: ev.name } })).toBe(300);
    // Back to OK, twice at once (the background loop and an "evaluate again" job): one result each, all OK.
    const third = new Date();
    await Promise.all([recordVerdicts(db, projectId, targets.map((t) => ok(t, 0)), third), recordVerdicts(db, projectId, targets.map((t) => ok(t, 0)), third, { touch: true })]);
    const last = await results();
    expect(last.size).toBe(550);
    for (const t of targets) expect(last.get(t.id)).toMatchObject({ id: after.get(t.id)!.id, status: "OK", error: null, scoreId: evalScoreId(ev.id, "RUN_ITEM", t.id), updatedAt: third });
    expect(await db.evaluatorResult.count({ where: { evaluatorId: ev.id } })).toBe(550);
    // Brand-new targets from two writers at once.
    const more = Array.from({ length: 30 }, (_, i) => ({ ...targets[0], id: uid(`new${i}`) }));
    await Promise.all([recordVerdicts(db, projectId, more.map((t) => ok(t)), third), recordVerdicts(db, projectId, more.map((t, i) => failed(t, i)), third)]);
    expect(await db.evaluatorResult.count({ where: { evaluatorId: ev.id, targetId: { in: more.map((t) => t.id) } } })).toBe(30);
  });

  it("deleting a run deletes its evaluator results; the list counts stay bounded; the run's latest job is found however many jobs came since", async () => {
    const { ds, ids } = await dataset(3, 3);
    const ev = await createEvaluator(db, projectId, evaluator({ datasetId: ds.id }), alice);
    const traces = ids.map(() => uid("tr"));
    await ingestEvents(projectId, traces.map((id, i) => ({ kind: "trace" as const, id, timestamp: new Date(), output: `a${i + 1}` })), db);
    const [keep, gone] = [uid("keep"), uid("gone")];
    for (const runName of [keep, gone]) for (let i = 0; i < ids.length; i++) await linkRunItem(db, projectId, { runName, datasetItemId: ids[i], traceId: traces[i] });
    const runOf = async (name: string) => (await db.datasetRun.findFirstOrThrow({ where: { datasetId: ds.id, name } })).id;
    const [keepId, goneId] = [await runOf(keep), await runOf(gone)];
    const job = await startRunEvaluation(db, projectId, goneId, alice, { start: false });
    await settleJob(db, projectId, job.id);
    await settleJob(db, projectId, (await startRunEvaluation(db, projectId, keepId, alice, { start: false })).id);
    // 2 scores and 1 error per run.
    const [all] = (await listEvaluators(db, projectId)).filter((e) => e.id === ev.id);
    expect(all).toMatchObject({ scored: 4, errors: 2, countedOver: null });
    // Capped: the counts are over the latest results only (lower bounds), the last result is still the latest.
    const [capped] = (await listEvaluators(db, projectId, { countCap: 4 })).filter((e) => e.id === ev.id);
    expect(capped.countedOver).toBe(4);
    expect(capped.scored + capped.errors).toBe(4);
    expect(capped.lastResultAt).toBe(all.lastResultAt);

    // The run's own job, after 60 later jobs of another run.
    const later = Date.now() + 1_000;
    await db.job.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ projectId, kind: "EVAL_RUN", status: "DONE", label: "other", params: { runId: keepId }, createdAt: new Date(later + i), finishedAt: new Date(later + i) })),
    });
    expect((await latestRunEvaluationJob(db, projectId, goneId))?.id).toBe(job.id);
    const newest = await db.job.findFirstOrThrow({ where: { projectId, kind: "EVAL_RUN", createdAt: new Date(later + 59) } });
    expect((await latestRunEvaluationJob(db, projectId, keepId))?.id).toBe(newest.id);
    expect(await latestRunEvaluationJob(db, projectId, "no-such-run")).toBeNull();

    await deleteRun(db, projectId, goneId);
    expect(await db.evaluatorResult.count({ where: { evaluatorId: ev.id, datasetRunId: goneId } })).toBe(0);
    expect(await db.evaluatorResult.count({ where: { evaluatorId: ev.id, datasetRunId: keepId } })).toBe(3);
    expect((await listEvaluators(db, projectId)).find((e) => e.id === ev.id)).toMatchObject({ scored: 2, errors: 1 });
  });
});
