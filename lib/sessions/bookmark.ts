// Bookmarking a session; takes the client so integration tests reach it.
import type { Db } from "../db/client";
import { DomainError } from "../errors";

export async function setSessionBookmark(client: Db, projectId: string, sessionId: string, bookmarked: boolean): Promise<void> {
  const res = await client.session.updateMany({ where: { projectId, id: sessionId }, data: { bookmarked } });
  if (!res.count) throw new DomainError("not_found", "That session does not exist.");
}
