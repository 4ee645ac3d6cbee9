// Score configs and reviewer scores and comments, through the lib functions the
// server actions call, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { addComment, deleteComment } from "@/lib/comments/write";
import { commentsFor } from "@/lib/comments/queries";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { deleteAnnotationScore, saveAnnotationScores, updateAnnotationScore } from "@/lib/scores/annotate";
import { createConfig, listConfigs, setConfigArchived } from "@/lib/scores/configs";
import { scoresForObject } from "@/lib/scores/queries";
import { createConfigSchema } from "@/lib/scores/schemas";
import { dbFor, targets, uid } from "../support/targets";

describe.each(targets())("scores and comments on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let alice: string;
  let bob: string;
  const config = async (fields: Record<string, unknown>) => {
    const res = await createConfig(db, createConfigSchema.parse({ projectId, ...fields }));
    if (!res.ok) throw res.error;
    return res.data;
  };

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    bob = (await createUser({ email: `${uid("bob")}@itest.dev`, password: "password-123" }, db)).id;
    projectId = (await createProjectWithOwner(uid("scores"), alice, db)).id;
    await ingestEvents(projectId, [
      { kind: "trace", id: "tr-1", sessionId: "sess-1", timestamp: new Date("2026-01-01T00:00:00Z") },
      { kind: "observation", id: "ob-1", traceId: "tr-1", type: "GENERATION", startTime: new Date("2026-01-01T00:00:00Z") },
      { kind: "score", id: "api-1", traceId: "tr-1", name: "toxicity", value: 0.1, source: "EVAL" },
    ], db);
  });

  it("validates configs: ranges, categories, unique names", () => {
    const bad = (fields: Record<string, unknown>) => createConfigSchema.safeParse({ projectId: "p", ...fields });
    expect(bad({ name: "x", dataType: "NUMERIC", minValue: "5", maxValue: "1" }).success).toBe(false);
    expect(bad({ name: "x", dataType: "CATEGORICAL", categoryLabel: ["only"], categoryValue: ["1"] }).success).toBe(false);
    expect(bad({ name: "x", dataType: "CATEGORICAL", categoryLabel: ["a", "a"], categoryValue: ["1", "2"] }).success).toBe(false);
    expect(bad({ name: "x", dataType: "CATEGORICAL", categoryLabel: ["a", "b"], categoryValue: ["1", "z"] }).success).toBe(false);
    expect(bad({ name: "", dataType: "BOOLEAN" }).success).toBe(false);
    const ok = bad({ name: "tone", dataType: "CATEGORICAL", categoryLabel: ["good", "bad", ""], categoryValue: ["1", "0", ""] });
    expect(ok.success && ok.data.categories).toEqual([{ label: "good", value: 1 }, { label: "bad", value: 0 }]);
  });

  it("creates, lists and archives configs; a duplicate name is refused", async () => {
    const c = await config({ name: "helpfulness", dataType: "NUMERIC", minValue: "0", maxValue: "5" });
    expect(c).toMatchObject({ dataType: "NUMERIC", minValue: 0, maxValue: 5, isArchived: false });
    const dup = await createConfig(db, createConfigSchema.parse({ projectId, name: "helpfulness", dataType: "BOOLEAN" }));
    expect(!dup.ok && [dup.error.code, dup.error.path]).toEqual(["conflict", ["name"]]);
    expect(await setConfigArchived(db, projectId, c.id, true)).toBe(true);
    expect((await listConfigs(db, projectId)).map((x) => x.name)).not.toContain("helpfulness");
    expect((await listConfigs(db, projectId, { includeArchived: true })).find((x) => x.id === c.id)?.isArchived).toBe(true);
    // archived configs take no new scores
    await expect(saveAnnotationScores(db, projectId, alice, { objectType: "TRACE", objectId: "tr-1" }, [{ configId: c.id, value: 3 }])).rejects.toThrow(/archived/);
    expect(await setConfigArchived(db, "other-project", c.id, false)).toBe(false);
  });

  it("adds, re-scores (no duplicate), edits and deletes a reviewer's scores beside API ones", async () => {
    const quality = await config({ name: "quality", dataType: "NUMERIC", minValue: "1", maxValue: "5" });
    const tone = await config({ name: "tone", dataType: "CATEGORICAL", categoryLabel: ["good", "bad"], categoryValue: ["1", "0"] });
    const correct = await config({ name: "correct", dataType: "BOOLEAN" });
    const ref = { objectType: "TRACE" as const, objectId: "tr-1" };

    await expect(saveAnnotationScores(db, projectId, alice, ref, [{ configId: quality.id, value: 9 }])).rejects.toThrow(/quality: must be at most 5/);
    await expect(saveAnnotationScores(db, projectId, alice, ref, [{ configId: tone.id, value: "meh" }])).rejects.toThrow(/one of good, bad/);
    await expect(saveAnnotationScores(db, projectId, alice, { objectType: "TRACE", objectId: "missing" }, [{ configId: correct.id, value: 1 }])).rejects.toThrow(/not found/);

    await saveAnnotationScores(db, projectId, alice, ref, [{ configId: quality.id, value: 4, comment: "solid" }, { configId: tone.id, value: "good" }, { configId: correct.id, value: 1 }]);
    await saveAnnotationScores(db, projectId, alice, ref, [{ configId: quality.id, value: 5 }]); // same reviewer again: replaces
    await saveAnnotationScores(db, projectId, bob, ref, [{ configId: quality.id, value: 2 }]);

    const scores = await scoresForObject(projectId, ref, db);
    const byAuthor = (name: string, author: string | null) => scores.filter((s) => s.name === name && s.authorUserId === author);
    expect(byAuthor("quality", alice)).toHaveLength(1);
    expect(byAuthor("quality", alice)[0]).toMatchObject({ value: 5, source: "ANNOTATION", authorName: "Alice", configId: quality.id });
    expect(byAuthor("tone", alice)[0]).toMatchObject({ stringValue: "good", dataType: "CATEGORICAL" });
    expect(byAuthor("correct", alice)[0]).toMatchObject({ value: 1, stringValue: "True", dataType: "BOOLEAN" });
    expect(byAuthor("toxicity", null)[0]).toMatchObject({ source: "EVAL", authorName: null });
    expect(byAuthor("quality", bob)[0].authorName).toMatch(/^bob-/);

    const mine = byAuthor("quality", alice)[0].id;
    expect(await updateAnnotationScore(db, projectId, bob, mine, { value: 1 })).toMatchObject({ ok: false });
    expect(await updateAnnotationScore(db, projectId, alice, mine, { value: 3, comment: "on reflection" })).toEqual({ ok: true });
    await expect(updateAnnotationScore(db, projectId, alice, mine, { value: 6 })).rejects.toThrow(/at most 5/);
    const apiScore = await updateAnnotationScore(db, projectId, alice, "api-1", { value: 0 });
    expect(!apiScore.ok && apiScore.error.message).toMatch(/API or an evaluator/);
    const edited = await db.score.findUnique({ where: { projectId_id: { projectId, id: mine } } });
    expect(edited).toMatchObject({ value: 3, comment: "on reflection", authorUserId: alice, source: "ANNOTATION" });

    expect(await deleteAnnotationScore(db, projectId, bob, mine)).toMatchObject({ ok: false });
    expect(await deleteAnnotationScore(db, projectId, bob, mine, true)).toEqual({ ok: true }); // an admin may
    expect(await db.score.count({ where: { projectId, id: mine } })).toBe(0);
  });

  it("scores observations and sessions on their own ids", async () => {
    const c = await config({ name: "on-target", dataType: "BOOLEAN" });
    await saveAnnotationScores(db, projectId, alice, { objectType: "OBSERVATION", objectId: "ob-1" }, [{ configId: c.id, value: 0 }]);
    await saveAnnotationScores(db, projectId, alice, { objectType: "SESSION", objectId: "sess-1" }, [{ configId: c.id, value: 1 }]);
    const obs = await scoresForObject(projectId, { objectType: "OBSERVATION", objectId: "ob-1" }, db);
    expect(obs).toHaveLength(1);
    expect(await db.score.findUnique({ where: { projectId_id: { projectId, id: obs[0].id } } })).toMatchObject({ traceId: "tr-1", observationId: "ob-1" });
    const sess = await scoresForObject(projectId, { objectType: "SESSION", objectId: "sess-1" }, db);
    expect(sess.map((s) => s.value)).toEqual([1]);
    // the trace's own list leaves out its observation's score
    expect((await scoresForObject(projectId, { objectType: "TRACE", objectId: "tr-1" }, db)).some((s) => s.name === "on-target")).toBe(false);
  });

  it("adds and deletes comments; only the author or an admin deletes", async () => {
    const ref = { objectType: "TRACE" as const, objectId: "tr-1" };
    const c = await addComment(db, projectId, alice, { ...ref, content: "<b>not html</b>" });
    await addComment(db, projectId, bob, { objectType: "SESSION", objectId: "sess-1", content: "session note" });
    await expect(addComment(db, projectId, alice, { objectType: "TRACE", objectId: "missing", content: "x" })).rejects.toThrow(/not found/);
    const list = await commentsFor(projectId, ref, db);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ content: "<b>not html</b>", authorName: "Alice" });
    expect(await deleteComment(db, projectId, bob, c.id)).toMatchObject({ ok: false });
    expect(await deleteComment(db, "other", alice, c.id)).toMatchObject({ ok: false });
    expect(await deleteComment(db, projectId, alice, c.id)).toEqual({ ok: true });
    expect(await commentsFor(projectId, ref, db)).toHaveLength(0);
    expect(await commentsFor(projectId, { objectType: "SESSION", objectId: "sess-1" }, db)).toHaveLength(1);
  });
});
