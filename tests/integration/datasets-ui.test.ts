// The datasets pages' actions and reads, on both databases, over real HTTP as
// the browser calls them: a viewer reads but cannot change anything, form
// errors name their field (a taken name, bad JSON, a schema misfit with its
// path), and the correction follow-up offers the reviewer's changed correction.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { correctionFollowUp, takeNewCorrection } from "@/lib/datasets/correction";
import { createDataset } from "@/lib/datasets/datasets";
import { ITEM_PREVIEW_CHARS, listItemRows, ROW_SCAN_COUNT_CAP } from "@/lib/datasets/item-table";
import { getItem, upsertItem, writeItems } from "@/lib/datasets/items";
import { DEFAULT_MAPPING } from "@/lib/datasets/mapping";
import { promote } from "@/lib/datasets/promote";
import { listVersions } from "@/lib/datasets/versions";
import { dbFor, targets, uid } from "../support/targets";
import { actionResult, callAction, callFormAction, loginFormFields, signIn } from "../support/web";

const FILE = "lib/datasets/actions.ts";
const act = (name: string) => ({ file: FILE, name });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(targets())("datasets workbench on $name", (t) => {
  const db = dbFor(t);
  const page = "/itest/datasets";
  const projectId = "itest";
  let owner: { cookie: string };
  let viewer: { cookie: string };
  let ownerId: string;

  const signedIn = async (email: string, password: string) => {
    const reply = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email, password });
    expect(reply.cookie, email).toBeTruthy();
    return { cookie: reply.cookie! };
  };
  const call = async (name: string, args: unknown[], who: { cookie: string }) => actionResult((await callAction(t.baseUrl, page, act(name), args, who)).text);
  const form = async (name: string, fields: Record<string, string>, who: { cookie: string }) => (await callFormAction(t.baseUrl, page, act(name), fields, who)).result;

  beforeAll(async () => {
    owner = await signedIn(t.userEmail, t.userPassword);
    ownerId = (await db.user.findFirstOrThrow({ where: { email: t.userEmail } })).id;
    const v = await createUser({ email: `${uid("viewer")}@itest.dev`, password: "viewer-password" }, db);
    await db.membership.create({ data: { projectId, userId: v.id, role: "viewer" } });
    viewer = await signedIn(v.email, "viewer-password");
  });

  it("lets a viewer read but refuses every write, and changes nothing", async () => {
    const refused = { ok: false, error: "Your role (viewer) cannot do this." };
    const name = uid("viewer-ds");
    expect(await form("saveDataset", { projectId, name }, viewer)).toEqual(refused);
    expect(await db.dataset.count({ where: { projectId, name } })).toBe(0);

    const ds = await createDataset(db, projectId, { name: uid("held") });
    const { item } = await upsertItem(db, ds, { input: "kept" }, null);
    expect(await form("saveDataset", { projectId, datasetId: ds.id, name: "renamed" }, viewer)).toEqual(refused);
    expect(await form("addItem", { projectId, datasetId: ds.id, input: '"new"' }, viewer)).toEqual(refused);
    expect(await form("updateItem", { projectId, datasetId: ds.id, itemId: item.id, input: '"changed"' }, viewer)).toEqual(refused);
    expect(await call("setItemStatus", [{ projectId, itemId: item.id, status: "ARCHIVED" }], viewer)).toEqual(refused);
    expect(await call("deleteItemAction", [{ projectId, itemId: item.id }], viewer)).toEqual(refused);
    expect(await call("deleteDatasetAction", [{ projectId, datasetId: ds.id }], viewer)).toEqual(refused);

    expect(await db.dataset.findUnique({ where: { id: ds.id } })).toMatchObject({ name: ds.name });
    expect(await getItem(db, projectId, item.id)).toMatchObject({ input: "kept", status: "ACTIVE", version: 1 });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1);
    // The viewer still sees the pages.
    const res = await fetch(`${t.baseUrl}/itest/datasets/${ds.id}/items/${item.id}`, { headers: viewer });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("__next_error__");
    expect(html).toContain("History (1 version)");
    expect(html).not.toContain("Save item");
  });

  it("creates, edits and deletes a dataset, each bad field named", async () => {
    const name = uid("ds");
    const created = (await form("saveDataset", { projectId, name, description: "first", metadata: '{"owner": "qa"}', inputSchema: "", expectedOutputSchema: '{"type": "string"}' }, owner)) as { ok: boolean; data: { id: string } };
    expect(created.ok).toBe(true);
    expect(await db.dataset.findUnique({ where: { id: created.data.id } })).toMatchObject({ name, description: "first", metadata: { owner: "qa" }, inputSchema: null, expectedOutputSchema: { type: "string" } });

    expect(await form("saveDataset", { projectId, name }, owner)).toMatchObject({ ok: false, fieldErrors: { name: `A dataset named "${name}" already exists.` } });
    expect(await form("saveDataset", { projectId, name: uid("x"), metadata: "{oops" }, owner)).toMatchObject({ ok: false, fieldErrors: { metadata: expect.stringMatching(/^is not valid JSON/) } });
    expect(await form("saveDataset", { projectId, name: uid("x"), inputSchema: '"a string"' }, owner)).toMatchObject({ ok: false, fieldErrors: { inputSchema: expect.any(String) } });
    expect(await form("saveDataset", { projectId, name: uid("x"), inputSchema: '{"type": "no-such-type"}' }, owner)).toMatchObject({ ok: false, fieldErrors: { inputSchema: expect.stringMatching(/not a valid JSON Schema/) } });
    expect(await form("saveDataset", { projectId, name: "  " }, owner)).toMatchObject({ ok: false, fieldErrors: { name: "Enter a name" } });

    // Edit: emptied fields clear (the schema goes), the name may stay.
    expect(await form("saveDataset", { projectId, datasetId: created.data.id, name, description: "", metadata: "", expectedOutputSchema: "" }, owner)).toMatchObject({ ok: true });
    expect(await db.dataset.findUnique({ where: { id: created.data.id } })).toMatchObject({ description: null, metadata: null, expectedOutputSchema: null });

    const ds = await db.dataset.findUniqueOrThrow({ where: { id: created.data.id } });
    await upsertItem(db, { ...ds, metadata: null, inputSchema: null, expectedOutputSchema: null, createdAt: "", updatedAt: "" }, { input: 1 }, null);
    await db.promotionRule.create({ data: { projectId, name: uid("rule"), datasetId: ds.id, filter: [], mapping: DEFAULT_MAPPING as object } });
    // What the confirmation names (any member may read it).
    expect(await call("loadDatasetFootprint", [projectId, ds.id], viewer)).toEqual({ items: 1, runs: 0, rules: 1 });
    expect(await call("deleteDatasetAction", [{ projectId, datasetId: ds.id }], owner)).toEqual({ ok: true });
    expect(await db.dataset.count({ where: { id: ds.id } })).toBe(0);
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(0);
  });

  it("adds an item by hand, refuses bad JSON and a schema misfit at the field with its path, and versions every edit", async () => {
    const ds = await createDataset(db, projectId, { name: uid("items"), inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } });
    expect(await form("addItem", { projectId, datasetId: ds.id, input: '{"q": 3}' }, owner)).toMatchObject({ ok: false, fieldErrors: { "input.q": expect.stringMatching(/does not match the dataset's schema: must be string/) } });
    expect(await form("addItem", { projectId, datasetId: ds.id, input: '{"q": "2+2?"}', expectedOutput: "4 or so" }, owner)).toMatchObject({ ok: false, fieldErrors: { expectedOutput: expect.stringMatching(/^is not valid JSON/) } });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(0);

    const added = (await form("addItem", { projectId, datasetId: ds.id, input: '{"q": "2+2?"}', expectedOutput: '"4"', metadata: "" }, owner)) as { ok: boolean; data: { id: string } };
    expect(added.ok).toBe(true);
    const id = added.data.id;
    // A string stays a string: "4", not 4.
    expect(await getItem(db, projectId, id)).toMatchObject({ input: { q: "2+2?" }, expectedOutput: "4", metadata: null, origin: "MANUAL", version: 1 });
    expect(await form("addItem", { projectId, datasetId: ds.id, itemId: id, input: '{"q": "again"}' }, owner)).toMatchObject({ ok: false, fieldErrors: { itemId: expect.stringMatching(/already exists/) } });

    expect(await form("updateItem", { projectId, datasetId: ds.id, itemId: id, input: '{"q": "2+2?"}', expectedOutput: '"four"', metadata: '{"checked": true}' }, owner)).toMatchObject({ ok: true, data: { change: "updated", version: 2 } });
    expect(await form("updateItem", { projectId, datasetId: ds.id, itemId: id, input: '{"q": "2+2?"}', expectedOutput: '"four"', metadata: '{"checked": true}' }, owner)).toMatchObject({ ok: true, data: { change: "unchanged" } });
    expect(await form("updateItem", { projectId, datasetId: ds.id, itemId: id, input: "{}", expectedOutput: '"four"' }, owner)).toMatchObject({ ok: false, fieldErrors: { input: expect.stringMatching(/must have required property 'q'/) } });
    // An item of another dataset is not edited through this one.
    const other = await createDataset(db, projectId, { name: uid("other") });
    expect(await form("updateItem", { projectId, datasetId: other.id, itemId: id, input: '"x"' }, owner)).toMatchObject({ ok: false, fieldErrors: { itemId: expect.any(String) } });

    expect(await call("setItemStatus", [{ projectId, itemId: id, status: "ARCHIVED" }], owner)).toEqual({ ok: true });
    const versions = await listVersions(db, projectId, id);
    expect(versions.map((v) => [v.version, v.change, v.expectedOutput])).toEqual([
      [3, "ARCHIVE", "four"],
      [2, "UPDATE", "four"],
      [1, "CREATE", "4"],
    ]);
    expect(versions[0].changedBy).toBeTruthy();

    const active = await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, status: "ACTIVE" });
    const archived = await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, status: "ARCHIVED" });
    expect([active.totalItems, archived.totalItems]).toEqual([0, 1]);
    expect(archived.rows[0]).toMatchObject({ id, inputPreview: expect.stringContaining("2+2?"), expectedOutputPreview: '"four"', origin: "MANUAL", status: "ARCHIVED" });
    expect(await call("deleteItemAction", [{ projectId, itemId: id }], owner)).toEqual({ ok: true });
    expect(await getItem(db, projectId, id)).toBeNull();
  });

  it("pages, searches and filters the items table with bounded previews", async () => {
    const ds = await createDataset(db, projectId, { name: uid("table") });
    const big = "x".repeat(10_000);
    for (let i = 0; i < 7; i++) {
      await upsertItem(db, ds, { id: uid(`row${i}`), input: { text: i === 3 ? `needle 50%_off ${big}` : `hay ${i}` }, expectedOutput: i === 5 ? "NEEDLE in output" : "plain" }, null, i % 2 ? "MANUAL" : "API");
    }
    const p1 = await listItemRows(db, projectId, ds.id, { page: 1, limit: 3 });
    const p3 = await listItemRows(db, projectId, ds.id, { page: 3, limit: 3 });
    expect(p1.totalItems).toBe(7);
    expect([p1.rows.length, p3.rows.length]).toEqual([3, 1]);
    const found = await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, search: "needle" });
    expect(found.rows.map((r) => r.expectedOutputPreview ?? "").sort()).toEqual(['"NEEDLE in output"', '"plain"']);
    expect(Math.max(...found.rows.map((r) => r.inputPreview!.length))).toBeLessThanOrEqual(ITEM_PREVIEW_CHARS);
    // LIKE wildcards in the search are literal.
    expect((await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, search: "50%_off" })).totalItems).toBe(1);
    expect((await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, search: "0%_o" })).totalItems).toBe(1);
    expect((await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, search: "0%%_o" })).totalItems).toBe(0);
    expect((await listItemRows(db, projectId, ds.id, { page: 1, limit: 50, origin: "MANUAL" })).totalItems).toBe(3);
    // Another project's dataset id reads as empty.
    const stranger = (await db.project.create({ data: { id: uid("p"), name: "elsewhere" } })).id;
    expect(await listItemRows(db, stranger, ds.id, { page: 1, limit: 50 })).toEqual({ rows: [], totalItems: 0, totalCapped: false });
  });

  it("counts a search to 1,000+ and pages it in the same order as the unfiltered table", async () => {
    const ds = await createDataset(db, projectId, { name: uid("many") });
    // One batch: every item shares createdAt, so the order within it is by id.
    const writes = Array.from({ length: ROW_SCAN_COUNT_CAP + 20 }, (_, i) => ({ id: `m-${String(i).padStart(5, "0")}`, input: i % 100 === 7 ? `rare ${i}` : `common ${i}` }));
    await writeItems(db, ds, writes, null);
    const all = await listItemRows(db, projectId, ds.id, { page: 2, limit: 25 });
    expect(all).toMatchObject({ totalItems: ROW_SCAN_COUNT_CAP + 20, totalCapped: false });
    const common = await listItemRows(db, projectId, ds.id, { page: 2, limit: 25, search: "common" });
    expect([common.totalItems, common.totalCapped]).toEqual([ROW_SCAN_COUNT_CAP, true]);
    const order = (await listItemRows(db, projectId, ds.id, { page: 1, limit: 200 })).rows.map((r) => r.id).filter((id) => writes.find((w) => w.id === id)!.input.startsWith("common"));
    expect(common.rows.map((r) => r.id)).toEqual(order.slice(25, 50));
    // A page past the first 1,000 matches is read by a second, ordered scan: still the same order.
    const everyCommon = (await listItemRows(db, projectId, ds.id, { page: 1, limit: 2000 })).rows.map((r) => r.id).filter((id) => writes.find((w) => w.id === id)!.input.startsWith("common"));
    const deep = await listItemRows(db, projectId, ds.id, { page: 41, limit: 25, search: "common" });
    expect(deep.rows.map((r) => r.id)).toEqual(everyCommon.slice(1000, 1025));
    expect(deep.rows).toHaveLength(ROW_SCAN_COUNT_CAP + 20 - 11 - 1000);
    const rare = await listItemRows(db, projectId, ds.id, { page: 2, limit: 4, search: "RARE" });
    expect([rare.totalItems, rare.totalCapped]).toEqual([11, false]);
    const rareOrder = (await listItemRows(db, projectId, ds.id, { page: 1, limit: 2000 })).rows.map((r) => r.id).filter((id) => writes.find((w) => w.id === id)!.input.startsWith("rare"));
    expect(rare.rows.map((r) => r.id)).toEqual(rareOrder.slice(4, 8));
    expect((await listItemRows(db, projectId, ds.id, { page: 9, limit: 4, search: "rare" })).rows).toEqual([]);
  });

  it("offers the reviewer's changed or newer correction, and takes it as a new version", async () => {
    const traceId = uid("tr");
    const at = new Date("2026-03-01T00:00:00Z");
    await db.trace.create({ data: { projectId, id: traceId, timestamp: at, input: { question: "2+2?" }, output: "5" } });
    const scoreId = uid("corr");
    await db.score.create({ data: { projectId, id: scoreId, traceId, name: "output", dataType: "CORRECTION", stringValue: "4", source: "ANNOTATION", timestamp: at } });
    const ds = await createDataset(db, projectId, { name: uid("corr") });
    await promote(db, [ds], [{ traceId }], DEFAULT_MAPPING, { actorUserId: ownerId, origin: "PROMOTION" });
    const item = (await listItemRows(db, projectId, ds.id, { page: 1, limit: 1 })).rows[0];
    expect(await getItem(db, projectId, item.id)).toMatchObject({ expectedOutput: "4" });
    expect(await correctionFollowUp(db, projectId, item.id)).toBeNull();

    // The reviewer edits the correction after promotion.
    await sleep(5);
    await db.score.update({ where: { projectId_id: { projectId, id: scoreId } }, data: { stringValue: "4 (four)" } });
    const offer = await correctionFollowUp(db, projectId, item.id);
    expect(offer).toMatchObject({ scoreId, reason: "edited", current: "4", next: "4 (four)" });
    const page = await fetch(`${t.baseUrl}/itest/datasets/${ds.id}/items/${item.id}`, { headers: owner });
    expect(await page.text()).toContain("The reviewer&#x27;s correction changed");

    expect(await call("adoptNewCorrection", [{ projectId, itemId: item.id, scoreId }], viewer)).toEqual({ ok: false, error: "Your role (viewer) cannot do this." });
    expect(await call("adoptNewCorrection", [{ projectId, itemId: item.id, scoreId }], owner)).toEqual({ ok: true, data: { version: 2 } });
    expect(await getItem(db, projectId, item.id)).toMatchObject({ expectedOutput: "4 (four)", version: 2 });
    expect(await correctionFollowUp(db, projectId, item.id)).toBeNull();
    expect((await listVersions(db, projectId, item.id))[0]).toMatchObject({ change: "UPDATE", expectedOutput: "4 (four)" });

    // A newer correction on the same trace replaces it; an observation's correction is another source.
    await sleep(5);
    const newer = uid("corr2");
    await db.score.create({ data: { projectId, id: newer, traceId, observationId: null, name: "output", dataType: "CORRECTION", stringValue: "four", source: "ANNOTATION", timestamp: new Date(at.getTime() + 1000) } });
    await db.score.create({ data: { projectId, id: uid("obs-corr"), traceId, observationId: uid("ob"), name: "output", dataType: "CORRECTION", stringValue: "elsewhere", source: "ANNOTATION", timestamp: new Date(at.getTime() + 2000) } });
    expect(await correctionFollowUp(db, projectId, item.id)).toMatchObject({ scoreId: newer, reason: "newer", current: "4 (four)", next: "four" });
    // Taking an offer that is no longer the current one is refused.
    await expect(takeNewCorrection(db, projectId, item.id, scoreId, ownerId)).rejects.toMatchObject({ code: "conflict" });
    await takeNewCorrection(db, projectId, item.id, newer, ownerId);
    expect(await getItem(db, projectId, item.id)).toMatchObject({ expectedOutput: "four", version: 3 });
    expect(await correctionFollowUp(db, projectId, item.id)).toBeNull();

    // An item edited by hand to the correction's text has nothing to take.
    await sleep(5);
    await db.score.update({ where: { projectId_id: { projectId, id: newer } }, data: { stringValue: "4" } });
    await upsertItem(db, ds, { id: item.id, expectedOutput: "4" }, ownerId);
    expect(await correctionFollowUp(db, projectId, item.id)).toBeNull();
  });
});
