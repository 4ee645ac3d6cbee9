import "server-only";
import { db, type Db } from "../db/client";
import type { ObjectRef } from "../objects/kinds";
import { userNames } from "../objects/users";
import type { CommentView } from "./schemas";

/** Comments on one object, oldest first (a conversation reads top to bottom). */
export async function commentsFor(projectId: string, ref: ObjectRef, client: Db = db): Promise<CommentView[]> {
  const rows = await client.comment.findMany({
    where: { projectId, objectType: ref.objectType, objectId: ref.objectId },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  const names = await userNames(client, rows.map((r) => r.authorUserId));
  return rows.map((r) => ({
    id: r.id,
    content: r.content,
    authorUserId: r.authorUserId,
    authorName: r.authorUserId ? (names.get(r.authorUserId) ?? "deleted user") : null,
    createdAt: r.createdAt.toISOString(),
  }));
}
