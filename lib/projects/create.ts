// Creating a project with its first owner, in one transaction. Shared by the
// UI action, headless init and the demo seeder.
import { db, type Db } from "../db/client";
import { DomainError, isUniqueViolation } from "../errors";

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

/** What the "New project" form does: the creator's right first, then the project; a taken name is one of the user's own. */
export async function createProjectFor(client: Db, userId: string, name: string) {
  if (!(await mayCreateProjects(userId, client))) throw new DomainError("forbidden", CANNOT_CREATE_PROJECTS);
  try {
    return await createProjectWithOwner(name, userId, client);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("conflict", `You already have a project named "${name}".`, { path: "name" });
    throw err;
  }
}
