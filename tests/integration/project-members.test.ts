// The membership rules behind Settings → Members (lib/projects/members.ts), on
// both databases: only an owner touches the owner role, and a project always
// keeps one owner, also when two owners are demoted at the same moment.
import { beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { DomainError } from "@/lib/errors";
import { addMember, changeRole, removeMember } from "@/lib/projects/members";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof DomainError ? { code: err.code, message: err.message, path: err.path } : err),
  );

describe.each(targets())("project members on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let owner: string;
  const user = async (name: string) => (await createUser({ email: `${uid(name)}@itest.dev`, password: "password-123" }, db)).id;
  const roleOf = async (userId: string) => (await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } }))?.role ?? null;

  beforeEach(async () => {
    owner = await user("owner");
    projectId = (await createProjectWithOwner(uid("members"), owner, db)).id;
  });

  it("adds members; only an owner adds an owner; a new account needs a password; no one twice", async () => {
    const email = `${uid("new")}@itest.dev`;
    expect(await refusal(addMember(db, { role: "owner" }, { projectId, email, role: "member" }))).toMatchObject({ code: "invalid", path: ["password"] });
    await addMember(db, { role: "admin" }, { projectId, email, role: "member", password: "initial-password" });
    const added = await db.user.findUnique({ where: { email } });
    expect(await roleOf(added!.id)).toBe("member");
    expect(await refusal(addMember(db, { role: "admin" }, { projectId, email, role: "viewer" }))).toMatchObject({ code: "conflict", path: ["email"] });
    const other = `${uid("other")}@itest.dev`;
    expect(await refusal(addMember(db, { role: "admin" }, { projectId, email: other, role: "owner", password: "initial-password" }))).toMatchObject({
      code: "forbidden",
      message: "Only an owner can add another owner.",
    });
    expect(await db.user.count({ where: { email: other } })).toBe(0);
  });

  it("keeps the owner role to owners and never demotes or removes the last owner", async () => {
    const admin = await user("admin");
    await db.membership.create({ data: { projectId, userId: admin, role: "admin" } });
    // An admin may not promote to owner, nor touch an owner.
    expect(await refusal(changeRole(db, { role: "admin" }, { projectId, userId: admin, role: "owner" }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(changeRole(db, { role: "admin" }, { projectId, userId: owner, role: "member" }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(removeMember(db, { role: "admin" }, { projectId, userId: owner }))).toMatchObject({ code: "forbidden" });
    // The last owner stays, whether demoted or removed: the write is rolled back.
    expect(await refusal(changeRole(db, { role: "owner" }, { projectId, userId: owner, role: "admin" }))).toMatchObject({ code: "conflict", message: "A project needs at least one owner." });
    expect(await refusal(removeMember(db, { role: "owner" }, { projectId, userId: owner }))).toMatchObject({ code: "conflict" });
    expect(await roleOf(owner)).toBe("owner");
    // With a second owner, the first may step down.
    await changeRole(db, { role: "owner" }, { projectId, userId: admin, role: "owner" });
    await changeRole(db, { role: "owner" }, { projectId, userId: owner, role: "viewer" });
    expect([await roleOf(owner), await roleOf(admin)]).toEqual(["viewer", "owner"]);
    expect(await refusal(removeMember(db, { role: "owner" }, { projectId, userId: uid("ghost") }))).toMatchObject({ code: "not_found" });
    await removeMember(db, { role: "owner" }, { projectId, userId: owner });
    expect(await roleOf(owner)).toBeNull();
  });

  it("lets only one of two owners demoted at the same moment go", async () => {
    // Several projects at once, so the two changes of each really overlap on the database.
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const [a, b] = [await user("a"), await user("b")];
        const id = (await createProjectWithOwner(uid("race"), a, db)).id;
        await db.membership.create({ data: { projectId: id, userId: b, role: "owner" } });
        return { id, a, b };
      }),
    );
    const results = await Promise.all(
      pairs.map(({ id, a, b }) =>
        Promise.all([
          refusal(changeRole(db, { role: "owner" }, { projectId: id, userId: a, role: "member" })),
          refusal(removeMember(db, { role: "owner" }, { projectId: id, userId: b })),
        ]),
      ),
    );
    for (const [i, pair] of results.entries()) {
      expect(pair.filter((r) => r === null), `project ${i}`).toHaveLength(1);
      expect(pair.filter((r) => r !== null)).toEqual([expect.objectContaining({ code: "conflict" })]);
      expect(await db.membership.count({ where: { projectId: pairs[i].id, role: "owner" } })).toBe(1);
    }
  });
});
