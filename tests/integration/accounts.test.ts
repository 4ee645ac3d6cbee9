import { describe, expect, it } from "vitest";
import { createUser, checkCredentials, createAuthSession, userForToken, deleteAuthSession } from "@/lib/auth/users";
import { can } from "@/lib/auth/roles";
import { recordFailure } from "@/lib/auth/throttle";
import { createProjectWithOwner } from "@/lib/projects/create";
import { isUniqueViolation } from "@/lib/forms";
import { applyInitEnv, InitError } from "@/lib/setup/init";
import { dbFor, targets, uid } from "../support/targets";

describe.each(targets())("accounts on $name", (t) => {
  const db = dbFor(t);

  it("signs in with the right password only, and never says which part was wrong", async () => {
    const email = `${uid("u")}@example.com`;
    await createUser({ email, password: "correct horse battery" }, db);
    expect(await checkCredentials(email.toUpperCase(), "correct horse battery", uid("ip"), db)).toMatchObject({ ok: true });
    expect(await checkCredentials(email, "wrong", uid("ip"), db)).toEqual({ ok: false, error: "Wrong email or password." });
    expect(await checkCredentials(`nobody-${email}`, "x", uid("ip"), db)).toEqual({ ok: false, error: "Wrong email or password." });
    const stored = await db.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain("correct horse");
  });

  it("slows down and then locks out repeated failures", async () => {
    const email = `${uid("u")}@example.com`;
    await createUser({ email, password: "right-password" }, db);
    const ip = uid("ip");
    for (let i = 0; i < 4; i++) await checkCredentials(email, "wrong", ip, db);
    const t0 = Date.now();
    await checkCredentials(email, "wrong", ip, db);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450); // 5th failure waits 500 ms
    // five more failures (recorded directly: waiting out each growing delay adds nothing to the test)
    recordFailure([`email:${email}`], Date.now());
    recordFailure([`email:${email}`], Date.now());
    recordFailure([`email:${email}`], Date.now());
    recordFailure([`email:${email}`], Date.now());
    recordFailure([`email:${email}`], Date.now());
    const locked = await checkCredentials(email, "right-password", ip, db);
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.error).toMatch(/Too many failed sign-in attempts/);
  });

  it("keeps browser sessions by token hash and ends them on sign-out", async () => {
    const user = await createUser({ email: `${uid("u")}@example.com`, password: "password-123" }, db);
    const { token } = await createAuthSession(user.id, db);
    expect((await userForToken(token, db))?.id).toBe(user.id);
    expect(await db.authSession.count({ where: { tokenHash: token } })).toBe(0);
    await deleteAuthSession(token, db);
    expect(await userForToken(token, db)).toBeNull();
  });

  it("creates a project with its owner, and refuses a duplicate name without a half-made project", async () => {
    const owner = await createUser({ email: `${uid("u")}@example.com`, password: "password-123" }, db);
    const name = uid("project");
    const p = await createProjectWithOwner(name, owner.id, db);
    expect(await db.membership.findUnique({ where: { projectId_userId: { projectId: p.id, userId: owner.id } } })).toMatchObject({ role: "owner" });
    const before = await db.project.count();
    const err = await createProjectWithOwner(name, owner.id, db).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await db.project.count()).toBe(before);
  });

  it("gives each role what it may do", () => {
    expect(can("viewer", "read")).toBe(true);
    expect(can("viewer", "annotate")).toBe(false);
    expect(can("member", "annotate")).toBe(true);
    expect(can("member", "manageKeys")).toBe(false);
    expect(can("admin", "manageKeys")).toBe(true);
    expect(can("admin", "deleteProject")).toBe(false);
    expect(can("owner", "deleteProject")).toBe(true);
  });

  it("applies LOUPE_INIT_* idempotently and rejects half a key pair", async () => {
    const env = {
      LOUPE_INIT_USER_EMAIL: `${uid("init")}@example.com`,
      LOUPE_INIT_USER_PASSWORD: "init-password",
      LOUPE_INIT_PROJECT_NAME: uid("Init project"),
      LOUPE_INIT_PUBLIC_KEY: `pk-lf-${uid()}`,
      LOUPE_INIT_SECRET_KEY: `sk-lf-${uid()}`,
    };
    expect(await applyInitEnv(env, db)).toHaveLength(3);
    expect(await applyInitEnv(env, db)).toEqual([]);
    expect(await db.project.count({ where: { name: env.LOUPE_INIT_PROJECT_NAME } })).toBe(1);
    await expect(applyInitEnv({ ...env, LOUPE_INIT_SECRET_KEY: undefined }, db)).rejects.toThrow(InitError);
  });
});
