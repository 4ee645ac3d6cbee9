// Compare runs on both databases: two runs of a hand-made dataset, the rows,
// deltas, regressions and improvements, filters, sorts, pass rules and paging,
// each figure as computed by hand below.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { upsertItem } from "@/lib/datasets/items";
import { evaluateRunsOfProject } from "@/lib/evals/on-runs";
import { createEvaluator } from "@/lib/evals/store";
import { compareRuns, PICKER_RUNS, runsForPicker } from "@/lib/experiments/compare";
import { cellKey, loadOutputChanges } from "@/lib/experiments/compare-figures";
import { runPageItems } from "@/lib/experiments/run-page";
import { linkRunItem } from "@/lib/experiments/link";
import { ingestEvents } from "@/lib/ingest/service";
import type { IngestEvent } from "@/lib/ingest/events";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

// item → run → [output, exact, sim, latency ms, cost]; it-4 was not run by v1.
type Plan = [string, number, number, number, number];
const PLAN: Record<string, Record<string, Plan>> = {
  "it-1": { v1: ["4", 1, 1.0, 1000, 0.01], v2: ["four", 0, 0.2, 800, 0.02] }, // regression
  "it-2": { v1: ["5", 0, 0.3, 2000, 0.02], v2: ["6", 1, 0.9, 2500, 0.01] }, // improvement
  "it-3": { v1: ["8", 1, 0.8, 500, 0.005], v2: ["8", 1, 0.8, 500, 0.005] }, // the same
  "it-4": { v2: ["10", 1, 1.0, 100, 0.001] }, // new in v2
  "it-5": { v1: ["a", 1, 0.8, 500, 0.005], v2: ["b", 1, 0.8, 500, 0.005] }, // only the output changed
};

describe.each(targets())("compare runs on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let datasetId: string;
  const run: Record<string, string> = {};

  beforeAll(async () => {
    const alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("compare"), alice, db)).id;
    const ds = await createDataset(db, projectId, { name: uid("ds") });
    datasetId = ds.id;
    for (const [i, id] of ["it-1", "it-2", "it-3", "it-4", "it-5"].entries()) await upsertItem(db, ds, { id, input: `q${i + 1}`, expectedOutput: PLAN[id]!.v1?.[0] ?? "10" }, alice);
    await db.scoreConfig.create({ data: { projectId, name: "sim", dataType: "NUMERIC", minValue: 0, maxValue: 1 } });
    const at = new Date("2026-04-01T10:00:00Z");
    for (const runName of ["v1", "v2"]) {
      for (const [itemId, byRun] of Object.entries(PLAN)) {
        const p = byRun[runName];
        if (!p) continue;
        const [output, exact, sim, ms, cost] = p;
        const tr = `${runName}-${itemId}`;
        const events: IngestEvent[] = [
          { kind: "trace", id: tr, timestamp: at, output: `trace of ${output}` },
          { kind: "observation", id: `${tr}-gen`, traceId: tr, type: "GENERATION", startTime: at, endTime: new Date(at.getTime() + ms), output, cost: { total: cost } },
          { kind: "score", id: `${tr}-exact`, traceId: tr, name: "exact", value: exact, dataType: "NUMERIC", timestamp: new Date(at.getTime() + 10) },
          { kind: "score", id: `${tr}-sim`, traceId: tr, name: "sim", value: sim, dataType: "NUMERIC", timestamp: new Date(at.getTime() + 10) },
        ];
        // An older score of the same name loses to the latest one.
        if (tr === "v2-it-3") events.push({ kind: "score", id: `${tr}-exact-old`, traceId: tr, name: "exact", value: 0, dataType: "NUMERIC", timestamp: at });
        await ingestEvents(projectId, events, db);
        run[runName] = (await linkRunItem(db, projectId, { runName, datasetItemId: itemId, traceId: tr, observationId: `${tr}-gen` })).datasetRunId;
      }
    }
  });

  const compare = (q: Partial<Parameters<typeof compareRuns>[3]> = {}) => compareRuns(db, projectId, datasetId, { runIds: [run.v2!, run.v1!], baselineId: run.v1!, ...q });
  const ids = (v: Awaited<ReturnType<typeof compare>>) => v.rows.map((r) => r.item.id);

  it("gives one row per item with the baseline first, outputs, and deltas per cell", async () => {
    const v = await compare();
    expect(v.runs.map((r) => [r.name, r.isBaseline])).toEqual([["v1", true], ["v2", false]]);
    expect(v.scoreNames).toEqual(["exact", "sim"]);
    expect(v.rules.sim).toEqual({ rule: { kind: "numeric", op: ">=", value: 0.5 }, source: "config" });
    expect(v.rules.exact).toEqual({ rule: { kind: "boolean", pass: true }, source: "default" });
    expect([v.totalItems, v.matchingItems, ids(v)]).toEqual([5, 5, ["it-1", "it-2", "it-3", "it-4", "it-5"]]);
    const [r1, r2, r3, r4, r5] = v.rows;
    expect(r1!.item).toMatchObject({ input: "q1", expectedOutput: "4" });
    expect(r1!.cells.map((c) => c.output)).toEqual(["4", "four"]);
    const c = r1!.cells[1]!;
    expect(c).toMatchObject({ regression: true, improvement: false, latencyDelta: -200, latencyChange: "better", costChange: "worse" });
    expect(c.costDelta).toBeCloseTo(0.01);
    expect(c.scores.map((s) => [s.name, s.pass, s.change])).toEqual([["exact", false, "worse"], ["sim", false, "worse"]]);
    expect(c.scores[1]!.delta).toBeCloseTo(-0.8);
    expect(r2!.cells[1]).toMatchObject({ improvement: true, regression: false, latencyDelta: 500, latencyChange: "worse" });
    expect(r3).toMatchObject({ changed: false, regression: false });
    expect(r3!.cells[1]!.outputChanged).toBe(false);
    // Same scores, another output: changed, neither better nor worse.
    expect(r5).toMatchObject({ changed: true, regression: false, improvement: false });
    expect(r5!.cells[1]).toMatchObject({ outputChanged: true, output: "b" });
    expect(r1!.cells[1]!.outputChanged).toBe(true);
    expect(r3!.cells[1]!.scores[0]).toMatchObject({ score: { value: 1 }, delta: 0, change: "same" });
    expect(r4!.cells[0]).toMatchObject({ figures: null, output: undefined });
    expect(r4).toMatchObject({ changed: true, regression: false });
  });

  it("sums the header over every item", async () => {
    const [a, b] = (await compare({ limit: 1 })).aggregates;
    // v1 ran it-1, 2, 3, 5; v2 ran all five.
    expect(a).toMatchObject({ itemsRun: 4, itemsMissing: 1, regressions: 0, improvements: 0, meanLatencyMs: 1000 });
    expect(a!.totalCost).toBeCloseTo(0.04);
    expect(a!.scores[0]).toMatchObject({ name: "exact", count: 4, mean: 0.75, passRate: 0.75 });
    expect(a!.scores[1]!.mean).toBeCloseTo(2.9 / 4);
    expect(b).toMatchObject({ itemsRun: 5, itemsMissing: 0, regressions: 1, improvements: 1, meanLatencyMs: 880, meanLatencyDelta: -120 });
    expect(b!.totalCost).toBeCloseTo(0.041);
    expect(b!.totalCostDelta).toBeCloseTo(0.001);
    expect(b!.scores[0]).toMatchObject({ mean: 0.8, passRate: 0.8 });
    expect(b!.scores[0]!.passRateDelta).toBeCloseTo(0.05);
    expect(b!.scores[1]!.mean).toBeCloseTo(3.7 / 5);
    expect(b!.scores[1]!.meanDelta).toBeCloseTo(3.7 / 5 - 2.9 / 4);
  });

  it("filters, sorts and pages across all items", async () => {
    expect(ids(await compare({ filter: "regressions" }))).toEqual(["it-1"]);
    expect(ids(await compare({ filter: "improvements" }))).toEqual(["it-2"]);
    const changed = await compare({ filter: "changed" });
    expect([ids(changed), changed.matchingItems, changed.totalItems]).toEqual([["it-1", "it-2", "it-4", "it-5"], 4, 5]);
    // Ties and items without a delta keep dataset order, the latter last.
    expect(ids(await compare({ sort: { by: "score", name: "sim", dir: "asc" } }))).toEqual(["it-1", "it-3", "it-5", "it-2", "it-4"]);
    expect(ids(await compare({ sort: { by: "score", name: "sim", dir: "desc" } }))).toEqual(["it-2", "it-3", "it-5", "it-1", "it-4"]);
    expect(ids(await compare({ sort: { by: "latency", dir: "desc" } }))).toEqual(["it-2", "it-3", "it-5", "it-1", "it-4"]);
    expect(ids(await compare({ sort: { by: "cost", dir: "asc" } }))).toEqual(["it-2", "it-3", "it-5", "it-1", "it-4"]);
    const p2 = await compare({ page: 2, limit: 2 });
    expect([ids(p2), p2.matchingItems]).toEqual([["it-3", "it-4"], 5]);
    expect(ids(await compare({ page: 3, limit: 2 }))).toEqual(["it-5"]);
    const filteredPage = await compare({ filter: "changed", sort: { by: "latency", dir: "desc" }, page: 2, limit: 2 });
    expect([ids(filteredPage), filteredPage.matchingItems]).toEqual([["it-1", "it-4"], 4]);
  });

  it("follows pass rules set in the URL: lower-is-better flips the verdicts", async () => {
    const v = await compare({ rules: { exact: { kind: "none" }, sim: { kind: "numeric", op: "<=", value: 0.5 } } });
    expect(v.rules.sim!.source).toBe("url");
    expect(v.aggregates[1]).toMatchObject({ regressions: 1, improvements: 1 });
    expect(ids(await compare({ filter: "regressions", rules: { exact: { kind: "none" }, sim: { kind: "numeric", op: "<=", value: 0.5 } } }))).toEqual(["it-2"]);
    const c = v.rows[0]!.cells[1]!;
    expect(c).toMatchObject({ improvement: true, regression: false });
    expect(c.scores[1]).toMatchObject({ change: "better", pass: true });
    expect(c.scores[0]).toMatchObject({ pass: null, change: "worse" });
  });

  it("judges a categorical score only once categories are chosen", async () => {
    const ds = await createDataset(db, projectId, { name: uid("cat") });
    const alice = (await db.membership.findFirstOrThrow({ where: { projectId } })).userId;
    await upsertItem(db, ds, { id: "c-1", input: "tone?", expectedOutput: "friendly" }, alice);
    await db.scoreConfig.create({ data: { projectId, name: "tone", dataType: "CATEGORICAL", categories: [{ label: "good", value: 1 }, { label: "bad", value: 0 }, { label: "meh", value: 0.5 }] } });
    const ids: string[] = [];
    for (const [runName, label] of [["c1", "good"], ["c2", "bad"]] as const) {
      const tr = `${runName}-${ds.id}`;
      await ingestEvents(projectId, [{ kind: "trace", id: tr, output: label }, { kind: "score", id: `${tr}-tone`, traceId: tr, name: "tone", value: label, dataType: "CATEGORICAL" }], db);
      ids.push((await linkRunItem(db, projectId, { runName, datasetItemId: "c-1", traceId: tr })).datasetRunId);
    }
    const q = { runIds: ids, baselineId: ids[0]! };
    const plain = await compareRuns(db, projectId, ds.id, q);
    expect(plain.rules.tone).toEqual({ rule: { kind: "none" }, source: "config" });
    expect(plain.categories.tone).toEqual(["good", "bad", "meh"]);
    expect(plain.rows[0]).toMatchObject({ regression: false, changed: true });
    expect(plain.rows[0]!.cells[1]!.scores[0]).toMatchObject({ pass: null, delta: null, change: null });
    const chosen = await compareRuns(db, projectId, ds.id, { ...q, rules: { tone: { kind: "categories", values: ["good", "meh"] } } });
    expect(chosen.rows[0]!.cells[1]!.scores[0]).toMatchObject({ score: { stringValue: "bad" }, pass: false, change: "worse", regression: true });
    expect(chosen.aggregates.map((a) => [a.scores[0]!.passRate, a.regressions])).toEqual([[1, 0], [0, 1]]);
  });

  it("checks each run against the item as that run ran it (its dataset version), like the run page and the evaluators", async () => {
    const ds = await createDataset(db, projectId, { name: uid("ver") });
    const alice = (await db.membership.findFirstOrThrow({ where: { projectId } })).userId;
    await upsertItem(db, ds, { id: uid("v-1"), input: "capital?", expectedOutput: "Paris" }, alice);
    const itemId = (await db.datasetItem.findFirstOrThrow({ where: { datasetId: ds.id } })).id;
    await new Promise((r) => setTimeout(r, 20));
    const version = new Date();
    await new Promise((r) => setTimeout(r, 20));
    // The item is edited after the pinned run's version.
    await upsertItem(db, ds, { id: itemId, input: "capital of France?", expectedOutput: "Lyon" }, alice);
    const ev = await createEvaluator(db, projectId, { name: uid("exact"), config: { kind: "EXACT_MATCH", trim: true, ignoreCase: false }, datasetId: ds.id, filter: null, sampleRate: 1, enabled: true }, alice);
    const runIds: string[] = [];
    for (const [runName, pinned] of [["pinned", true], ["current", false]] as const) {
      const tr = uid(`tr-${runName}`);
      await ingestEvents(projectId, [{ kind: "trace", id: tr, timestamp: new Date(), output: "Paris" }], db);
      runIds.push((await linkRunItem(db, projectId, { runName, datasetItemId: itemId, traceId: tr, ...(pinned ? { datasetVersion: version } : {}) })).datasetRunId);
    }
    const v = await compareRuns(db, projectId, ds.id, { runIds, baselineId: runIds[0]! });
    const row = v.rows[0]!;
    // The item column shows it as the baseline (pinned) ran it; each cell carries its own expected output.
    expect(row.item).toMatchObject({ input: "capital?", expectedOutput: "Paris" });
    expect(row.cells.map((c) => c.expectedOutput)).toEqual(["Paris", "Lyon"]);
    // The run page reads the same versions.
    const pinnedPage = await runPageItems(db, projectId, runIds[0]!, { page: 1, limit: 10 });
    const currentPage = await runPageItems(db, projectId, runIds[1]!, { page: 1, limit: 10 });
    expect([pinnedPage.rows[0]!.expectedOutputPreview, currentPage.rows[0]!.expectedOutputPreview]).toEqual(["Paris", "Lyon"]);
    // And the evaluators: "Paris" equals the pinned run's expected output, not the current run's.
    await evaluateRunsOfProject(db, projectId);
    const scores = await db.score.findMany({ where: { projectId, name: ev.name }, select: { traceId: true, value: true } });
    const traceOf = (runId: string) => db.datasetRunItem.findFirstOrThrow({ where: { datasetRunId: runId } }).then((r) => r.traceId);
    const byTrace = new Map(scores.map((s) => [s.traceId, s.value]));
    expect([byTrace.get(await traceOf(runIds[0]!)), byTrace.get(await traceOf(runIds[1]!))]).toEqual([1, 0]);
  });

  it("does not call an output changed while a side's trace has not arrived", async () => {
    const ds = await createDataset(db, projectId, { name: uid("pending") });
    const alice = (await db.membership.findFirstOrThrow({ where: { projectId } })).userId;
    await upsertItem(db, ds, { id: uid("p-1"), input: "q", expectedOutput: "a" }, alice);
    const itemId = (await db.datasetItem.findFirstOrThrow({ where: { datasetId: ds.id } })).id;
    const arrived = uid("tr-arrived");
    await ingestEvents(projectId, [{ kind: "trace", id: arrived, timestamp: new Date(), output: "a" }], db);
    const runIds: string[] = [];
    for (const [runName, traceId] of [["here", arrived], ["pending", uid("tr-pending")], ["here-too", arrived]] as const) {
      runIds.push((await linkRunItem(db, projectId, { runName, datasetItemId: itemId, traceId })).datasetRunId);
    }
    const [here, pending, hereToo] = runIds as [string, string, string];
    // Either side pending: no output change (the other arrived run with the same output is not one either).
    expect(await loadOutputChanges(db, projectId, here, [here, pending, hereToo])).toEqual(new Set());
    expect(await loadOutputChanges(db, projectId, pending, [pending, here])).toEqual(new Set());
    const v = await compareRuns(db, projectId, ds.id, { runIds: [here, pending], baselineId: here });
    expect(v.rows[0]!.cells[1]).toMatchObject({ outputChanged: null, output: null });
    expect(v.rows[0]!.cells[1]!.figures).toMatchObject({ traceArrived: false });
    // Once the trace arrives with another output, it is a change.
    const pendingTrace = (await db.datasetRunItem.findFirstOrThrow({ where: { datasetRunId: pending } })).traceId;
    await ingestEvents(projectId, [{ kind: "trace", id: pendingTrace, timestamp: new Date(), output: "b" }], db);
    expect(await loadOutputChanges(db, projectId, here, [here, pending])).toEqual(new Set([cellKey(pending, itemId)]));
    expect((await compareRuns(db, projectId, ds.id, { runIds: [here, pending], baselineId: here })).rows[0]!.cells[1]).toMatchObject({ outputChanged: true, output: "b" });
  });

  it("compares JSON outputs by value on both databases: another key order is not a change, another value is", async () => {
    const ds = await createDataset(db, projectId, { name: uid("json") });
    const alice = (await db.membership.findFirstOrThrow({ where: { projectId } })).userId;
    const itemId = uid("j-1");
    await upsertItem(db, ds, { id: itemId, input: "q", expectedOutput: { city: "Paris" } }, alice);
    const outputs = {
      base: { city: "Paris", meta: { score: 1, tags: ["a", "b"] } },
      reordered: { meta: { tags: ["a", "b"], score: 1 }, city: "Paris" },
      other: { city: "Paris", meta: { score: 1, tags: ["b", "a"] } },
    };
    const runs: Record<string, string> = {};
    for (const [name, output] of Object.entries(outputs)) {
      const traceId = uid(`tr-${name}`);
      await ingestEvents(projectId, [{ kind: "trace", id: traceId, timestamp: new Date(), output }], db);
      runs[name] = (await linkRunItem(db, projectId, { runName: name, datasetItemId: itemId, traceId })).datasetRunId;
    }
    const changed = await loadOutputChanges(db, projectId, runs.base!, [runs.base!, runs.reordered!, runs.other!]);
    expect(changed).toEqual(new Set([cellKey(runs.other!, itemId)]));
  });

  it("lists a run older than the picker's newest 200 when a link names it, and refuses more than 10 runs", async () => {
    const ds = await createDataset(db, projectId, { name: uid("many") });
    const old = await db.datasetRun.create({ data: { projectId, datasetId: ds.id, name: "oldest", createdAt: new Date("2020-01-01T00:00:00Z") } });
    await db.datasetRun.createMany({ data: Array.from({ length: PICKER_RUNS }, (_, i) => ({ projectId, datasetId: ds.id, name: `n${i}`, createdAt: new Date(Date.UTC(2021, 0, 1, 0, 0, i)) })) });
    const newest = await runsForPicker(db, projectId, ds.id);
    expect([newest.length, newest.some((r) => r.id === old.id)]).toEqual([PICKER_RUNS, false]);
    const named = await runsForPicker(db, projectId, ds.id, [old.id, "nope"]);
    expect([named.length, named.at(-1)!.name]).toEqual([PICKER_RUNS + 1, "oldest"]);
    const many = [run.v1!, ...Array.from({ length: 10 }, (_, i) => `r${i}`)];
    await expect(compare({ runIds: many })).rejects.toMatchObject({ code: "invalid", path: ["runs"] });
  });

  it("refuses fewer than 2 runs, a baseline outside them, and a run of another dataset", async () => {
    await expect(compare({ runIds: [run.v1!] })).rejects.toMatchObject({ code: "invalid", path: ["runs"] });
    await expect(compare({ runIds: [run.v1!, run.v2!], baselineId: "other" })).rejects.toMatchObject({ code: "invalid", path: ["baseline"] });
    await expect(compare({ runIds: [run.v1!, "nope"] })).rejects.toMatchObject({ code: "not_found", path: ["runs"] });
    expect((await runsForPicker(db, projectId, datasetId)).map((r) => [r.name, r.items])).toEqual([["v2", 5], ["v1", 4]]);
  });
});
