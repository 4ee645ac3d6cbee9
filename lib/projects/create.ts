// Creating a project with its first owner, in one transaction. Shared by the
// UI action, headless init and the demo seeder.
import { db, type Db } from "../db/client";

/**
 * Project names are unique per creator (a database constraint on createdById +
 * name), not across the server: a refused name only ever names one of your own
 * projects, never reveals someone else's.
 */
export async function createProjectWithOwner(name: string, ownerId: string, client: Db = db, id?: string) {
  return client.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { name, createdById: ownerId, ...(id ? { id } : {}) } });
    await tx.membership.create({ data: { projectId: project.id, userId: ownerId, role: "owner" } });
    return project;
  });
}

export const CANNOT_CREATE_PROJECTS = "Only owners and admins of a project can create projects: ask one to make you an admin.";

/**
 * Who may create projects: a user who owns or administers some project, or one
 * with no project at all yet (the first account). Viewers and members were
 * invited into someone's project to read or annotate it, not given the server.
 */
export async function mayCreateProjects(userId: string, client: Db = db): Promise<boolean> {
  const roles = await client.membership.findMany({ where: { userId }, select: { role: true } });
  return roles.length === 0 || roles.some((m) => m.role === "owner" || m.role === "admin");
}
