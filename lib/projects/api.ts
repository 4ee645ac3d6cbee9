import { db } from "../db/client";

export async function projectForKey(projectId: string) {
  const p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  return { id: p.id, name: p.name, metadata: {} };
}
