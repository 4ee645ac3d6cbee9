"use server";
// Comment writes, made with the one action builder (lib/auth/action-guard.ts).
import { projectAction, projectFormAction } from "../auth/action-guard";
import { can } from "../auth/roles";
import { unwrap } from "../errors";
import { addCommentSchema, removeCommentSchema } from "./schemas";
import { addComment, deleteComment } from "./write";

export const createComment = projectFormAction({ input: addCommentSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const { projectId, ...rest } = input;
  await addComment(db, projectId, access.user.id, rest);
});

export const removeComment = projectAction({ input: removeCommentSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) =>
  unwrap(await deleteComment(db, input.projectId, access.user.id, input.commentId, can(access.role, "manageSettings"))),
);
