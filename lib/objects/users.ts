// Display names of the users who wrote something (scores, comments, queue reviews).
import type { Db } from "../db/client";

/** Display names of users by id (email when no name); ids of deleted users are absent from the map. */
export async function userNames(client: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const users = await client.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}
