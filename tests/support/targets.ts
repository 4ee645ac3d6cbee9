// The databases and servers every integration test runs against: a fresh
// SQLite file and a fresh PostgreSQL database, each behind its own running
// Loupe server. Made by global-setup.ts, read by tests through inject().
import { inject } from "vitest";

export interface TestTarget {
  name: "sqlite" | "postgresql";
  databaseUrl: string;
  baseUrl: string;
  /** The project made by LOUPE_INIT_* on start, with its key pair. */
  projectId: string;
  publicKey: string;
  secretKey: string;
  userEmail: string;
  userPassword: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    targets: TestTarget[];
  }
}

export function targets(): TestTarget[] {
  return inject("targets");
}

export function basicAuth(publicKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;
}

import { createDb, type Db } from "@/lib/db/client";
import { databaseTarget } from "@/lib/db/url";

const clients = new Map<string, Db>();

/** A Prisma client on the target's database, for arranging and checking data directly. */
export function dbFor(t: TestTarget): Db {
  let c = clients.get(t.databaseUrl);
  if (!c) {
    c = createDb(databaseTarget(t.databaseUrl));
    clients.set(t.databaseUrl, c);
  }
  return c;
}

/** fetch against a target with its API key. */
export function api(t: TestTarget, path: string, init: RequestInit = {}, keys = { publicKey: t.publicKey, secretKey: t.secretKey }) {
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("authorization", basicAuth(keys.publicKey, keys.secretKey));
  if (init.body && typeof init.body === "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${t.baseUrl}${path}`, { ...init, headers });
}

/** A unique id for records a test makes, so tests never collide. */
export function uid(prefix = "t"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
