// The one database client, picked from DATABASE_URL. Both generated clients
// come from the same models, so they share one type (Db).
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { adapterFactory } from "./adapter";
import type { Provider } from "./schema-files";
import { dialectFor, type Dialect } from "./sql";
import { WAL_AUTOCHECKPOINT_PAGES } from "./sqlite-wal";
import { databaseTarget, type DatabaseTarget } from "./url";

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// On globalThis: Next dev evaluates this module once per bundle layer (RSC, SSR, actions), and
// the shared `db` below must be recognised by every copy of dialectOf.
const globalMaps = globalThis as unknown as { loupeProviders?: WeakMap<object, Provider>; loupeTargets?: WeakMap<object, DatabaseTarget> };
const providers = (globalMaps.loupeProviders ??= new WeakMap<object, Provider>());
const targets = (globalMaps.loupeTargets ??= new WeakMap<object, DatabaseTarget>());

export function createDb(target: DatabaseTarget = databaseTarget()): Db {
  const adapter = adapterFactory(target);
  const client =
    target.provider === "sqlite" ? new SqliteClient({ adapter }) : (new PostgresClient({ adapter }) as unknown as Db);
  providers.set(client, target.provider);
  targets.set(client, target);
  return client;
}

/** The SQL dialect of a client (raw queries differ in a few places). */
export function dialectOf(client: Db | Tx): Dialect {
  const provider = providers.get(client) ?? txProviders.get(client);
  if (!provider) throw new Error("dialectOf: client was not made by createDb");
  return dialectFor(provider);
}

/** The database a client was made for (the ingestion writer opens its own SQLite handle on it). */
export function targetOf(client: Db): DatabaseTarget {
  const target = targets.get(client);
  if (!target) throw new Error("targetOf: client was not made by createDb");
  return target;
}

const txProviders = new WeakMap<object, Provider>();

/**
 * SQLite's "database is busy": a deferred transaction that read and then
 * wants to write while another connection (the ingestion writer's own
 * handle, lib/ingest/store.ts) committed meanwhile fails at once (WAL's
 * busy snapshot; the busy timeout cannot help it). Prisma reports it as P1008.
 */
function isSqliteBusy(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === "P1008" || e.meta?.driverAdapterError?.cause?.kind === "SocketTimeout";
}

/**
 * An interactive transaction whose client still knows its dialect. On SQLite
 * a busy failure rolled the whole transaction back, so it is run again (a
 * few times, with a short growing pause): `fn` must not act outside the
 * database before it commits.
 */
export async function transaction<T>(client: Db, fn: (tx: Tx) => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const provider = providers.get(client);
  const once = () =>
    client.$transaction(
      async (tx) => {
        if (provider) txProviders.set(tx, provider);
        return fn(tx);
      },
      { timeout: timeoutMs, maxWait: timeoutMs },
    );
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (err) {
      if (provider !== "sqlite" || attempt >= 8 || !isSqliteBusy(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}

const globalForDb = globalThis as unknown as { loupeDb?: Db; loupeDbReady?: Promise<void> };

/** The process-wide client (kept on globalThis so dev hot reloads don't open new pools). */
export const db: Db = (globalForDb.loupeDb ??= createDb());

/** The provider of the process-wide client. */
export const provider = databaseTarget().provider;

/**
 * SQLite: per-connection settings (the WAL journal mode itself is set in the
 * file by applyMigrations). NORMAL sync is safe with WAL and much faster; the
 * checkpoint threshold is the writer's (sqlite-wal.ts).
 */
export function dbReady(client: Db = db, target = databaseTarget()): Promise<void> {
  if (target.provider !== "sqlite") return Promise.resolve();
  const run = async () => {
    await client.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  };
  if (client === db) return (globalForDb.loupeDbReady ??= run());
  return run();
}
