"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { DomainError } from "../errors";
import { signInSchema } from "../projects/schemas";
import { publicFormAction } from "./action-guard";
import { safeNextPath } from "./next-path";
import { clientAddress, SESSION_COOKIE, setSessionCookie } from "./session";
import { checkCredentials, createAuthSession, deleteAuthSession } from "./users";

export const signIn = publicFormAction({ input: signInSchema }, async ({ input }) => {
  const result = await checkCredentials(input.email, input.password, await clientAddress());
  if (!result.ok) throw new DomainError("forbidden", result.error);
  const { token, expiresAt } = await createAuthSession(result.userId);
  await setSessionCookie(token, expiresAt);
  redirect(safeNextPath(input.next));
});

/** Signing out needs no input and no role: it ends whatever session the cookie names. */
export async function signOut(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await deleteAuthSession(token);
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
