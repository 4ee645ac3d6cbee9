// Creating a project with its first owner, in one transaction. Shared by the
// UI action, headless init and the demo seeder.
import { db, type Db } from "../db/client";

export async function createProjectWithOwner(name: string, ownerId: string, client: Db = db, id?: string) {
  return client.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { name, ...(id ? { id } : {}) } });
    await tx.membership.create({ data: { projectId: project.id, userId: ownerId, role: "owner" } });
    return project;
  });
}
