// The one server-action builder (lib/auth/action-guard.ts), over real HTTP as
// Next's client calls actions: the role check comes with every action, input
// is parsed before anything runs and a refusal names the field, and domain
// errors come back as the form's state.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { dbFor, targets, uid } from "../support/targets";
import { actionResult, callAction, callFormAction, loginFormFields, signIn } from "../support/web";

describe.each(targets())("server actions on $name", (t) => {
  const db = dbFor(t);
  const removeModelPrice = { file: "lib/prices/actions.ts", name: "removeModelPrice" };
  const setTraceBookmark = { file: "lib/traces/actions.ts", name: "setTraceBookmark" };
  const updateScore = { file: "lib/scores/actions.ts", name: "updateScore" };
  const archiveScoreConfig = { file: "lib/scores/actions.ts", name: "archiveScoreConfig" };
  const createComment = { file: "lib/comments/actions.ts", name: "createComment" };
  const page = "/itest/settings";
  let owner: { cookie: string };
  let viewer: { cookie: string };
  let stranger: { cookie: string };

  const signedIn = async (email: string, password: string) => {
    const reply = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email, password });
    expect(reply.cookie, email).toBeTruthy();
    return { cookie: reply.cookie! };
  };
  const call = async (action: { file: string; name: string }, args: unknown[], who: { cookie: string }) =>
    actionResult((await callAction(t.baseUrl, page, action, args, who)).text);

  beforeAll(async () => {
    owner = await signedIn(t.userEmail, t.userPassword);
    const v = await createUser({ email: `${uid("viewer")}@itest.dev`, password: "viewer-password" }, db);
    await db.membership.create({ data: { projectId: "itest", userId: v.id, role: "viewer" } });
    viewer = await signedIn(v.email, "viewer-password");
    const s = await createUser({ email: `${uid("stranger")}@itest.dev`, password: "stranger-password" }, db);
    stranger = await signedIn(s.email, "stranger-password");
  });

  it("refuses a viewer's call to a write action, and a non-member's, and changes nothing", async () => {
    const price = await db.modelPrice.create({ data: { projectId: "itest", modelName: uid("m"), matchPattern: "^m$", prices: { input: 1e-6 } } });
    const traceId = uid("trace");
    await db.trace.create({ data: { projectId: "itest", id: traceId, timestamp: new Date() } });

    expect(await call(removeModelPrice, [{ projectId: "itest", id: price.id }], viewer)).toEqual({ ok: false, error: "Your role (viewer) cannot do this." });
    expect(await call(setTraceBookmark, [{ projectId: "itest", traceId, value: true }], viewer)).toEqual({ ok: false, error: "Your role (viewer) cannot do this." });
    expect(await call(removeModelPrice, [{ projectId: "itest", id: price.id }], stranger)).toEqual({ ok: false, error: "You are not a member of this project." });
    const form = await callFormAction(t.baseUrl, page, createComment, { projectId: "itest", objectType: "TRACE", objectId: traceId, content: "hi" }, viewer);
    expect(form.result).toEqual({ ok: false, error: "Your role (viewer) cannot do this." });

    expect(await db.modelPrice.count({ where: { id: price.id } })).toBe(1);
    expect((await db.trace.findUnique({ where: { projectId_id: { projectId: "itest", id: traceId } } }))?.bookmarked).toBe(false);
    expect(await db.comment.count({ where: { projectId: "itest", objectId: traceId } })).toBe(0);
    // The owner's same call goes through.
    expect(await call(setTraceBookmark, [{ projectId: "itest", traceId, value: true }], owner)).toEqual({ ok: true });
    expect((await db.trace.findUnique({ where: { projectId_id: { projectId: "itest", id: traceId } } }))?.bookmarked).toBe(true);
  });

  it("names the wrong field of bad input, before any role check or write", async () => {
    expect(await call(updateScore, [{ projectId: "itest", scoreId: "s-1", value: "  " }], owner)).toEqual({
      ok: false,
      error: "Enter a value",
      fieldErrors: { value: "Enter a value" },
    });
    expect(await call(setTraceBookmark, [{ projectId: "itest", traceId: "t", value: "yes" }], viewer)).toMatchObject({
      ok: false,
      fieldErrors: { value: expect.any(String) },
    });
    const form = await callFormAction(t.baseUrl, page, createComment, { projectId: "itest", objectType: "TRACE", objectId: "t", content: " " }, owner);
    expect(form.result).toEqual({ ok: false, error: "Write something first", fieldErrors: { content: "Write something first" } });
    // Positional arguments (the old call shape) are not taken on trust: the input is one object.
    expect(await call(removeModelPrice, ["itest", "x"], owner)).toMatchObject({ ok: false, fieldErrors: { "(root)": expect.any(String) } });
  });

  it("answers a domain error as the form's state", async () => {
    expect(await call(archiveScoreConfig, [{ projectId: "itest", configId: uid("missing"), archived: true }], owner)).toEqual({
      ok: false,
      error: "That score config does not exist.",
    });
    expect(await call(updateScore, [{ projectId: "itest", scoreId: uid("missing"), value: "1" }], owner)).toEqual({ ok: false, error: "That score no longer exists." });
  });
});
