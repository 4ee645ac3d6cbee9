// An item's history: every version, newest first, with who made it. The item
// page diffs each against the one before (components/diff).
import "server-only";
import type { Db } from "../db/client";
import { isoAlways as iso } from "../iso";
import { userNames } from "../objects/users";
import type { ItemChange, ItemStatus, ItemVersionView } from "./schemas";

export async function listVersions(client: Db, projectId: string, itemId: string, limit = 200): Promise<ItemVersionView[]> {
  const rows = await client.datasetItemVersion.findMany({ where: { projectId, itemId }, orderBy: { version: "desc" }, take: limit });
  const names = await userNames(client, rows.map((r) => r.changedByUserId));
  return rows.map((r) => ({
    version: r.version,
    change: r.change as ItemChange,
    status: r.status as ItemStatus | "DELETED",
    // A model read: JSON fields are values already.
    input: r.input ?? null,
    expectedOutput: r.expectedOutput ?? null,
    metadata: r.metadata ?? null,
    changedBy: r.changedByUserId ? (names.get(r.changedByUserId) ?? "a deleted user") : null,
    validFrom: iso(r.validFrom),
  }));
}
