// Promotion rules on both databases: traces promoted as they arrive (the
// evaluator called directly, and through a running server after an ingestion
// request), a late score making a trace match, stable sampling, a deleted
// dataset switching its rule off, and the backfill job over stored traces.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset, deleteDataset } from "@/lib/datasets/datasets";
import { DEFAULT_MAPPING } from "@/lib/datasets/mapping";
import { startBackfill } from "@/lib/datasets/rules/backfill-job";
import { evaluateRules } from "@/lib/datasets/rules/evaluate";
import { sampled } from "@/lib/query/sample";
import { createRule, deleteRule, getRule, setRuleEnabled, type RuleWrite } from "@/lib/datasets/rules/store";
import type { Db } from "@/lib/db/client";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { getJob, runQueuedJobs } from "@/lib/jobs/runner";
import { createProjectWithOwner } from "@/lib/projects/create";
import type { Filter } from "@/lib/query/filter";
import { api, dbFor, targets, uid } from "../support/targets";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A trace, failing (an ERROR observation) or not. */
function traceEvents(id: string, name: string, failing: boolean): IngestEvent[] {
  const at = new Date();
  return [
    { kind: "trace", id, name, timestamp: at, input: { question: `q of ${id}` }, output: `a of ${id}` },
    { kind: "observation", id: `${id}-span`, traceId: id, type: "SPAN", name: "step", startTime: at, level: failing ? "ERROR" : "DEFAULT" },
  ];
}

async function itemsOf(db: Db, datasetId: string) {
  return db.datasetItem.findMany({ where: { datasetId }, select: { sourceTraceId: true, origin: true, ruleId: true, input: true, expectedOutput: true } });
}

async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(v)}`);
    await sleep(200);
  }
}

describe.each(targets())("promotion rules on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let alice: string;
  const rule = (datasetId: string, filter: Filter, more: Partial<RuleWrite> = {}): RuleWrite => ({
    name: uid("rule"),
    datasetId,
    filter,
    mapping: DEFAULT_MAPPING,
    sampleRate: 1,
    enabled: true,
    ...more,
  });

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("rules"), alice, db)).id;
  });

  it("promotes a matching trace as it arrives, once, with origin RULE; a trace that does not match stays out", async () => {
    const ds = await createDataset(db, projectId, { name: uid("failures") });
    const name = uid("chat");
    const r = await createRule(db, projectId, rule(ds.id, [{ type: "string", column: "level", operator: "=", value: "error" }, { type: "stringOptions", column: "name", operator: "any of", value: [name] }]), alice);
    const bad = uid("tr");
    const good = uid("tr");
    await ingestEvents(projectId, [...traceEvents(bad, name, true), ...traceEvents(good, name, false)], db);
    const first = await evaluateRules(db, projectId);
    // 1, unless the test server's own poll (every 15 s, on this same database) looked first; either way the
    // trace is promoted once (the items and the rule's counter below).
    expect([0, 1]).toContain(first.added);
    const items = await itemsOf(db, ds.id);
    expect(items).toEqual([{ sourceTraceId: bad, origin: "RULE", ruleId: r.id, input: { question: `q of ${bad}` }, expectedOutput: `a of ${bad}` }]);
    // Looking again (the trace changed, or the poll ran) adds nothing.
    await ingestEvents(projectId, [{ kind: "trace", id: bad, tags: ["seen"] }], db);
    expect((await evaluateRules(db, projectId)).added).toBe(0);
    expect(await itemsOf(db, ds.id)).toHaveLength(1);
    const view = await getRule(db, projectId, r.id);
    expect(view.itemsCreated).toBe(1);
    expect(view.lastMatchAt).not.toBeNull();
  });

  it("promotes a trace when a score posted long after it makes it match", async () => {
    const ds = await createDataset(db, projectId, { name: uid("unhelpful") });
    const name = uid("late");
    const r = await createRule(db, projectId, rule(ds.id, [{ type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 }, { type: "stringOptions", column: "name", operator: "any of", value: [name] }]), alice);
    const id = uid("tr");
    await ingestEvents(projectId, traceEvents(id, name, false), db);
    expect((await evaluateRules(db, projectId)).added).toBe(0);
    // An hour passes: the trace row is old and the rule's cursor is past it.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await db.trace.updateMany({ where: { projectId, id }, data: { updatedAt: hourAgo } });
    await db.promotionRule.update({ where: { id: r.id }, data: { cursor: new Date() } });
    await sleep(50);
    await ingestEvents(projectId, [{ kind: "score", id: uid("sc"), traceId: id, name: "helpfulness", value: 0.2, dataType: "NUMERIC" }], db);
    expect((await db.trace.findFirstOrThrow({ where: { projectId, id } })).updatedAt.getTime()).toBe(hourAgo.getTime());
    expect((await evaluateRules(db, projectId)).added).toBe(1);
    expect((await itemsOf(db, ds.id)).map((i) => i.sourceTraceId)).toEqual([id]);
  });

  it("samples by a stable hash: 0 % promotes nothing, 50 % the same traces every time", async () => {
    const name = uid("sampled");
    const ids = Array.from({ length: 40 }, () => uid("tr"));
    const none = await createDataset(db, projectId, { name: uid("none") });
    const half = await createDataset(db, projectId, { name: uid("half") });
    await createRule(db, projectId, rule(none.id, [{ type: "stringOptions", column: "name", operator: "any of", value: [name] }], { sampleRate: 0 }), alice);
    const r50 = await createRule(db, projectId, rule(half.id, [{ type: "stringOptions", column: "name", operator: "any of", value: [name] }], { sampleRate: 0.5 }), alice);
    await ingestEvents(projectId, ids.flatMap((id) => traceEvents(id, name, true)), db);
    await evaluateRules(db, projectId);
    expect(await itemsOf(db, none.id)).toEqual([]);
    const expected = ids.filter((id) => sampled(r50.id, id, 0.5)).sort();
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(35);
    expect((await itemsOf(db, half.id)).map((i) => i.sourceTraceId).sort()).toEqual(expected);
    // Every trace changes again: the sample does not grow.
    await ingestEvents(projectId, ids.map((id): IngestEvent => ({ kind: "trace", id, tags: ["again"] })), db);
    await evaluateRules(db, projectId);
    expect((await itemsOf(db, half.id)).map((i) => i.sourceTraceId).sort()).toEqual(expected);
    expect(await itemsOf(db, none.id)).toEqual([]);
  });

  it("switches a rule off with a reason when its dataset is deleted, and skips it", async () => {
    const ds = await createDataset(db, projectId, { name: uid("doomed") });
    const name = uid("orphan");
    const r = await createRule(db, projectId, rule(ds.id, [{ type: "stringOptions", column: "name", operator: "any of", value: [name] }]), alice);
    await deleteDataset(db, projectId, ds.id);
    const view = await getRule(db, projectId, r.id);
    expect(view).toMatchObject({ enabled: false, datasetId: null });
    expect(view.disabledReason).toContain(ds.name);
    await ingestEvents(projectId, traceEvents(uid("tr"), name, true), db);
    await evaluateRules(db, projectId);
    expect((await getRule(db, projectId, r.id)).itemsCreated).toBe(0);
    // Evaluation never looks at it, even if switched on behind the UI's back.
    await db.promotionRule.update({ where: { id: r.id }, data: { enabled: true } });
    await expect(evaluateRules(db, projectId)).resolves.toBeDefined();
    await expect(setRuleEnabled(db, projectId, r.id, true)).rejects.toMatchObject({ path: ["datasetId"] });
  });

  it("refuses a taken name, an empty filter and a column traces do not have, naming the field", async () => {
    const ds = await createDataset(db, projectId, { name: uid("checks") });
    const first = rule(ds.id, [{ type: "string", column: "level", operator: "=", value: "error" }]);
    await createRule(db, projectId, first, alice);
    await expect(createRule(db, projectId, { ...first }, alice)).rejects.toMatchObject({ code: "conflict", path: ["name"] });
    await expect(createRule(db, projectId, rule(ds.id, []), alice)).rejects.toMatchObject({ path: ["conditions"] });
    await expect(createRule(db, projectId, rule(ds.id, [{ type: "number", column: "nope", operator: ">", value: 1 }]), alice)).rejects.toMatchObject({ path: ["conditions"] });
    await expect(createRule(db, projectId, rule("no-such-dataset", [{ type: "string", column: "level", operator: "=", value: "error" }]), alice)).rejects.toMatchObject({ path: ["datasetId"] });
  });

  it("backfills stored matches with progress, and a second run adds nothing", async () => {
    const ds = await createDataset(db, projectId, { name: uid("backfill") });
    const name = uid("stored");
    const failing = Array.from({ length: 1100 }, () => uid("tr"));
    const events = [...failing.flatMap((id) => traceEvents(id, name, true)), ...Array.from({ length: 20 }, () => uid("ok")).flatMap((id) => traceEvents(id, name, false))];
    for (let i = 0; i < events.length; i += 500) await ingestEvents(projectId, events.slice(i, i + 500), db);
    const r = await createRule(db, projectId, rule(ds.id, [{ type: "string", column: "level", operator: "=", value: "error" }, { type: "stringOptions", column: "name", operator: "any of", value: [name] }]), alice);
    const run = async () => {
      const job = await startBackfill(db, projectId, r.id, alice, { start: false });
      expect(job.total).toBe(1100);
      await runQueuedJobs(db);
      // The test server drains the same queue: whichever process claimed it, wait for the end.
      return waitFor("the backfill", () => getJob(db, projectId, job.id), (j) => j.status === "DONE" || j.status === "FAILED");
    };
    const done = await run();
    expect(done).toMatchObject({ status: "DONE", done: 1100, total: 1100, failed: 0 });
    // The server's rule poll may have looked first: the rule looks back RULE_LAG_MS before its creation, so on
    // a slow machine it can take the last batch's traces live. Either way each match is promoted once.
    const first = done.result as { matched: number; added: number; skipped: number };
    expect(first.matched).toBe(1100);
    expect(first.added + first.skipped).toBe(1100);
    expect(await db.datasetItem.count({ where: { datasetId: ds.id, ruleId: r.id, origin: "RULE" } })).toBe(1100);
    const again = await run();
    expect(again.result).toMatchObject({ matched: 1100, added: 0, skipped: 1100 });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1100);
    expect((await getRule(db, projectId, r.id)).itemsCreated).toBe(1100);
  });

  it("promotes a failing trace sent over HTTP to the running server, in the background", async () => {
    const sp = t.projectId;
    const ds = await createDataset(db, sp, { name: uid("http") });
    const name = uid("http-chat");
    const r = await createRule(db, sp, rule(ds.id, [{ type: "string", column: "level", operator: "=", value: "error" }, { type: "stringOptions", column: "name", operator: "any of", value: [name] }]), null);
    try {
      const bad = uid("tr");
      const fine = uid("tr");
      const now = new Date().toISOString();
      const ev = (type: string, body: Record<string, unknown>) => ({ id: uid("ev"), timestamp: now, type, body });
      const res = await api(t, "/api/public/ingestion", {
        method: "POST",
        body: JSON.stringify({
          batch: [
            ev("trace-create", { id: bad, name, input: "hi", output: "oops" }),
            ev("span-create", { id: `${bad}-s`, traceId: bad, name: "tool", startTime: now, level: "ERROR" }),
            ev("trace-create", { id: fine, name, input: "hi", output: "fine" }),
          ],
        }),
      });
      expect(res.status).toBe(207);
      const items = await waitFor("the rule's item", () => itemsOf(db, ds.id), (v) => v.length > 0);
      expect(items.map((i) => [i.sourceTraceId, i.origin, i.ruleId])).toEqual([[bad, "RULE", r.id]]);
      await waitFor("the rule's counter", () => getRule(db, sp, r.id), (v) => v.itemsCreated === 1);
      // A later score over the scores API re-checks its trace: the fine one now fails a score condition.
      await db.promotionRule.update({ where: { id: r.id }, data: { filter: [{ type: "numericScore", column: "score", key: "correct", operator: "=", value: 0 }, { type: "stringOptions", column: "name", operator: "any of", value: [name] }] } });
      const score = await api(t, "/api/public/scores", { method: "POST", body: JSON.stringify({ traceId: fine, name: "correct", value: 0 }) });
      expect(score.status).toBe(200);
      const later = await waitFor("the scored trace", () => itemsOf(db, ds.id), (v) => v.length === 2);
      expect(later.map((i) => i.sourceTraceId).sort()).toEqual([bad, fine].sort());
    } finally {
      await deleteRule(db, sp, r.id);
    }
  });
});
