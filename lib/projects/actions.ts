"use server";
// Projects, keys and members, made with the one action builder; the rules live in lib functions.
import { redirect } from "next/navigation";
import { projectAction, projectFormAction, userFormAction } from "../auth/action-guard";
import { createApiKey, revokeApiKey } from "../auth/api-keys";
import { DomainError } from "../errors";
import { createProjectFor } from "./create";
import { addMember as addMemberTo, changeRole as changeRoleIn, removeMember as removeMemberFrom } from "./members";
import { addMemberSchema, changeRoleSchema, createKeySchema, createProjectSchema, removeMemberSchema, revokeKeySchema } from "./schemas";

export const createProject = userFormAction({ input: createProjectSchema }, async ({ input, user, db }) => {
  const project = await createProjectFor(db, user.id, input.name);
  redirect(`/${project.id}/settings`);
});

export const createKey = projectFormAction({ input: createKeySchema, permission: "manageKeys", refresh: "settings" }, async ({ input, db }) => {
  const key = await createApiKey(input.projectId, { note: input.note }, db);
  return { publicKey: key.publicKey, secretKey: key.secretKey };
});

export const revokeKey = projectAction({ input: revokeKeySchema, permission: "manageKeys", refresh: "settings" }, async ({ input, db }) => {
  if (!(await revokeApiKey(input.projectId, input.keyId, db))) throw new DomainError("not_found", "That key does not exist or is already revoked.");
});

export const addMember = projectFormAction({ input: addMemberSchema, permission: "manageMembers", refresh: "settings" }, ({ input, access, db }) =>
  addMemberTo(db, access, input),
);

export const changeRole = projectFormAction({ input: changeRoleSchema, permission: "manageMembers", refresh: "settings" }, ({ input, access, db }) =>
  changeRoleIn(db, access, input),
);

export const removeMember = projectAction({ input: removeMemberSchema, permission: "manageMembers", refresh: "settings" }, ({ input, access, db }) =>
  removeMemberFrom(db, access, input),
);
