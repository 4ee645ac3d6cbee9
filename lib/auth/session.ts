import "server-only";
// The signed-in user of the current request (cookie → session row), and the
// project access pages and the action builder (action-guard.ts) check.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db/client";
import { clientAddressFrom } from "../http/client-address";
import { isRole, type Role } from "./roles";
import { userForToken } from "./users";

export const SESSION_COOKIE = "loupe_session";

export type CurrentUser = { id: string; email: string; name: string | null };

export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? userForToken(token) : null;
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

export async function setSessionCookie(token: string, expiresAt: Date) {
  const secure = (await headers()).get("x-forwarded-proto") === "https" || process.env.LOUPE_SECURE_COOKIES === "1";
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt });
}

/** The client's address when a trusted proxy names it (LOUPE_TRUSTED_PROXIES), else undefined: never a shared stand-in. */
export async function clientAddress(): Promise<string | undefined> {
  return clientAddressFrom((await headers()).get("x-forwarded-for"));
}

export type ProjectAccess = { user: CurrentUser; projectId: string; projectName: string; role: Role };

/** The user's membership of a project, or null (pages answer 404 for projects you cannot see). */
export const projectAccess = cache(async (projectId: string): Promise<ProjectAccess | null> => {
  const user = await currentUser();
  if (!user) return null;
  const m = await db.membership.findUnique({
    where: { projectId_userId: { projectId, userId: user.id } },
    include: { project: { select: { name: true } } },
  });
  if (!m || !isRole(m.role)) return null;
  return { user, projectId, projectName: m.project.name, role: m.role };
});
