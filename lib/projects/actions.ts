"use server";
import { revalidatePath } from "next/cache";
import { guarded } from "../auth/action-guard";
import { redirect } from "next/navigation";
import { createApiKey, revokeApiKey } from "../auth/api-keys";
import { requirePermission, requireUser } from "../auth/session";
import { createUser } from "../auth/users";
import { db } from "../db/client";
import { fieldErrors, formObject, isUniqueViolation, type FormState } from "../forms";
import { CANNOT_CREATE_PROJECTS, createProjectWithOwner, mayCreateProjects } from "./create";
import { addMemberSchema, changeRoleSchema, createKeySchema, createProjectSchema } from "./schemas";

export async function createProject(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser();
  if (!(await mayCreateProjects(user.id))) return { ok: false, error: CANNOT_CREATE_PROJECTS };
  const parsed = createProjectSchema.safeParse(formObject(form));
  if (!parsed.success) return fieldErrors(parsed.error);
  let projectId: string;
  try {
    projectId = (await createProjectWithOwner(parsed.data.name, user.id)).id;
  } catch (err) {
    // Names are unique per creator: this can only be one of the user's own projects.
    if (isUniqueViolation(err)) {
      return { ok: false, error: `You already have a project named "${parsed.data.name}".`, fieldErrors: { name: "You already have a project with this name" } };
    }
    throw err;
  }
  redirect(`/${projectId}/settings`);
}

export async function createKey(_prev: FormState<{ publicKey: string; secretKey: string }>, form: FormData) {
  return guarded<{ publicKey: string; secretKey: string }>(async () => {
    const parsed = createKeySchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    await requirePermission(parsed.data.projectId, "manageKeys");
    const key = await createApiKey(parsed.data.projectId, { note: parsed.data.note });
    revalidatePath(`/${parsed.data.projectId}/settings`);
    return { ok: true, data: { publicKey: key.publicKey, secretKey: key.secretKey } };
  });
}

export async function revokeKey(projectId: string, keyId: string): Promise<FormState> {
  return guarded(async () => {
    await requirePermission(projectId, "manageKeys");
    const done = await revokeApiKey(projectId, keyId);
    revalidatePath(`/${projectId}/settings`);
    return done ? { ok: true } : { ok: false, error: "That key does not exist or is already revoked." };
  });
}

export async function addMember(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded(async () => {
    const parsed = addMemberSchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    const { projectId, email, role, password, name } = parsed.data;
    const access = await requirePermission(projectId, "manageMembers");
    if (role === "owner" && access.role !== "owner") return { ok: false, error: "Only an owner can add another owner." };
    let user = await db.user.findUnique({ where: { email } });
    if (!user) {
      if (!password) {
        return {
          ok: false,
          error: `No account exists for ${email}: set an initial password to create one.`,
          fieldErrors: { password: "Required for a new account" },
        };
      }
      user = await createUser({ email, password, name });
    }
    try {
      await db.membership.create({ data: { projectId, userId: user.id, role } });
    } catch (err) {
      if (isUniqueViolation(err)) return { ok: false, error: `${email} is already a member.`, fieldErrors: { email: "Already a member" } };
      throw err;
    }
    revalidatePath(`/${projectId}/settings`);
    return { ok: true };
  });
}

export async function changeRole(_prev: FormState, form: FormData): Promise<FormState> {
  return guarded(async () => {
    const parsed = changeRoleSchema.safeParse(formObject(form));
    if (!parsed.success) return fieldErrors(parsed.error);
    const { projectId, userId, role } = parsed.data;
    const access = await requirePermission(projectId, "manageMembers");
    const target = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    if (!target) return { ok: false, error: "That user is not a member." };
    if ((target.role === "owner" || role === "owner") && access.role !== "owner") {
      return { ok: false, error: "Only an owner can grant or change the owner role." };
    }
    if (target.role === "owner" && role !== "owner" && (await ownerCount(projectId)) <= 1) {
      return { ok: false, error: "A project needs at least one owner." };
    }
    await db.membership.update({ where: { projectId_userId: { projectId, userId } }, data: { role } });
    revalidatePath(`/${projectId}/settings`);
    return { ok: true };
  });
}

export async function removeMember(projectId: string, userId: string): Promise<FormState> {
  return guarded(async () => {
    const access = await requirePermission(projectId, "manageMembers");
    const target = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
    if (!target) return { ok: false, error: "That user is not a member." };
    if (target.role === "owner" && access.role !== "owner") return { ok: false, error: "Only an owner can remove an owner." };
    if (target.role === "owner" && (await ownerCount(projectId)) <= 1) return { ok: false, error: "A project needs at least one owner." };
    await db.membership.delete({ where: { projectId_userId: { projectId, userId } } });
    revalidatePath(`/${projectId}/settings`);
    return { ok: true };
  });
}

function ownerCount(projectId: string) {
  return db.membership.count({ where: { projectId, role: "owner" } });
}
