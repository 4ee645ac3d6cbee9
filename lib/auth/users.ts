// Users and sign-in credentials. Usable from scripts (headless init) and the app.
import { createHash, randomBytes } from "node:crypto";
import { db, type Db } from "../db/client";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { attemptSucceeded, beginAttempt } from "./throttle";

export const SESSION_DAYS = 30;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(
  input: { email: string; password: string; name?: string | null },
  client: Db = db,
) {
  return client.user.create({
    data: { email: normaliseEmail(input.email), name: input.name || null, passwordHash: await hashPassword(input.password) },
  });
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; error: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks a password, slowing down and then locking out repeated failures per
 * account and, when the client's address is known (a trusted proxy names it),
 * per address. The attempt is counted before the password is checked.
 */
export async function checkCredentials(
  email: string,
  password: string,
  clientAddress: string | undefined,
  client: Db = db,
): Promise<SignInResult> {
  const accountKey = `email:${normaliseEmail(email)}`;
  const addressKeys = clientAddress ? [`ip:${clientAddress}`] : [];
  const state = beginAttempt([accountKey, ...addressKeys]);
  if (state.lockedForMs > 0) {
    const minutes = Math.ceil(state.lockedForMs / 60_000);
    return { ok: false, error: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  if (state.delayMs) await sleep(state.delayMs);
  const user = await client.user.findUnique({ where: { email: normaliseEmail(email) } });
  // Hash even for unknown users, so response time does not reveal which emails exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !valid) return { ok: false, error: "Wrong email or password." };
  attemptSucceeded(accountKey, addressKeys);
  return { ok: true, userId: user.id };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a browser session; returns the raw token for the cookie (only its hash is stored). */
export async function createAuthSession(userId: string, client: Db = db): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await client.authSession.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function userForToken(token: string, client: Db = db) {
  const session = await client.authSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return session.user;
}

export async function deleteAuthSession(token: string, client: Db = db) {
  await client.authSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
