"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { fieldErrors, formObject, type FormState } from "../forms";
import { signInSchema } from "../projects/schemas";
import { safeNextPath } from "./next-path";
import { clientAddress, SESSION_COOKIE, setSessionCookie } from "./session";
import { checkCredentials, createAuthSession, deleteAuthSession } from "./users";

export async function signIn(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(formObject(form));
  if (!parsed.success) return fieldErrors(parsed.error);
  const result = await checkCredentials(parsed.data.email, parsed.data.password, await clientAddress());
  if (!result.ok) return { ok: false, error: result.error };
  const { token, expiresAt } = await createAuthSession(result.userId);
  await setSessionCookie(token, expiresAt);
  redirect(safeNextPath(parsed.data.next));
}

export async function signOut(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await deleteAuthSession(token);
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
