import "server-only";
import { db } from "../db/client";

export async function projectsForUser(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { project: true },
    orderBy: { project: { createdAt: "asc" } },
  });
  const counts = await db.trace.groupBy({
    by: ["projectId"],
    where: { projectId: { in: rows.map((r) => r.projectId) } },
    _count: { _all: true },
  });
  const byProject = new Map(counts.map((c) => [c.projectId, c._count._all]));
  return rows.map((r) => ({ id: r.project.id, name: r.project.name, role: r.role, traceCount: byProject.get(r.projectId) ?? 0 }));
}

export async function projectMembers(projectId: string) {
  const rows = await db.membership.findMany({
    where: { projectId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ userId: r.userId, email: r.user.email, name: r.user.name, role: r.role, since: r.createdAt }));
}

export async function projectApiKeys(projectId: string) {
  return db.apiKey.findMany({
    where: { projectId },
    select: { id: true, publicKey: true, displaySecret: true, note: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}
