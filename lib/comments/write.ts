// Comment writes; take the client so integration tests run them on both databases.
import type { Db } from "../db/client";
import { fail, ok, type Result } from "../errors";
import { requireObject } from "../objects/resolve";
import type { AddCommentInput } from "./schemas";

/** Adds a comment after checking the object exists in the project (throws a not_found DomainError when not). */
export async function addComment(client: Db, projectId: string, userId: string, input: Omit<AddCommentInput, "projectId">) {
  await requireObject(client, projectId, input);
  return client.comment.create({
    data: { projectId, objectType: input.objectType, objectId: input.objectId, authorUserId: userId, content: input.content },
  });
}

/** Authors delete their own comments; admins (mayTouchOthers) any. */
export async function deleteComment(client: Db, projectId: string, userId: string, commentId: string, mayTouchOthers = false): Promise<Result> {
  const c = await client.comment.findFirst({ where: { id: commentId, projectId } });
  if (!c) return fail("not_found", "That comment no longer exists.");
  if (c.authorUserId !== userId && !mayTouchOthers) return fail("forbidden", "Only the author or an admin can delete this comment.");
  await client.comment.delete({ where: { id: commentId } });
  return ok();
}
