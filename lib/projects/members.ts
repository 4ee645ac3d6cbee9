// Membership rules: who may add, promote, demote and remove whom. Only an owner
// touches the owner role, and a project always keeps one owner. Each change of
// a role runs in one transaction that first takes the project's row lock (so
// changes to one project's members queue up, on PostgreSQL as on SQLite) and
// re-counts the owners after writing: two demotions at once cannot leave a
// project without one. Functions take the client so integration tests run them
// on both databases.
import { transaction, type Db, type Tx } from "../db/client";
import { DomainError, isUniqueViolation } from "../errors";
import type { Role } from "../auth/roles";
import { createUser } from "../auth/users";
import type { AddMemberInput, ChangeRoleInput } from "./schemas";

/** The member making the change (their role in the project). */
export type Actor = { role: Role };

const NEEDS_OWNER = "A project needs at least one owner.";
const NOT_MEMBER = "That user is not a member.";

export async function addMember(client: Db, actor: Actor, input: AddMemberInput): Promise<void> {
  const { projectId, email, role, password, name } = input;
  if (role === "owner" && actor.role !== "owner") throw new DomainError("forbidden", "Only an owner can add another owner.", { path: "role" });
  let user = await client.user.findUnique({ where: { email } });
  if (!user) {
    if (!password) throw new DomainError("invalid", `No account exists for ${email}: set an initial password to create one.`, { path: "password" });
    user = await createUser({ email, password, name }, client);
  }
  try {
    await client.membership.create({ data: { projectId, userId: user.id, role } });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("conflict", `${email} is already a member.`, { path: "email" });
    throw err;
  }
}

export async function changeRole(client: Db, actor: Actor, input: ChangeRoleInput): Promise<void> {
  const { projectId, userId, role } = input;
  await transaction(client, async (tx) => {
    await lockProject(tx, projectId);
    const target = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    if (!target) throw new DomainError("not_found", NOT_MEMBER);
    if ((target.role === "owner" || role === "owner") && actor.role !== "owner") {
      throw new DomainError("forbidden", "Only an owner can grant or change the owner role.");
    }
    await tx.membership.update({ where: { projectId_userId: { projectId, userId } }, data: { role } });
    if (target.role === "owner" && (await tx.membership.count({ where: { projectId, role: "owner" } })) < 1) throw new DomainError("conflict", NEEDS_OWNER);
  });
}

export async function removeMember(client: Db, actor: Actor, input: { projectId: string; userId: string }): Promise<void> {
  const { projectId, userId } = input;
  await transaction(client, async (tx) => {
    await lockProject(tx, projectId);
    const target = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    if (!target) throw new DomainError("not_found", NOT_MEMBER);
    if (target.role === "owner" && actor.role !== "owner") throw new DomainError("forbidden", "Only an owner can remove an owner.");
    await tx.membership.delete({ where: { projectId_userId: { projectId, userId } } });
    if (target.role === "owner" && (await tx.membership.count({ where: { projectId, role: "owner" } })) < 1) throw new DomainError("conflict", NEEDS_OWNER);
  });
}

/** A no-op write to the project row: its lock is held until the transaction ends. */
async function lockProject(tx: Tx, projectId: string) {
  await tx.$executeRaw`UPDATE "Project" SET "name" = "name" WHERE "id" = ${projectId}`;
}
