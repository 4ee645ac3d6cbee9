// Applies (and diffs) migrations with Prisma's schema engine compiled to
// WebAssembly: the CLI's native engine cannot be downloaded on our machines
// (see STACK.md). applyMigrations is `prisma migrate deploy` and writes the
// usual _prisma_migrations table, so the official CLI can take over later.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { adapterFactory } from "./adapter";
import { migrationsDir, renderSchema, type Provider } from "./schema-files";
import { databaseTarget, type DatabaseTarget } from "./url";

type WasmGlue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type SchemaEngine = Awaited<ReturnType<WasmGlue["SchemaEngine"]["new"]>>;
type MigrationList = Parameters<SchemaEngine["applyMigrations"]>[0]["migrationsList"];

let glue: Promise<WasmGlue> | undefined;

/** Node 20 cannot import .wasm as a module: instantiate it by hand with the wasm-bindgen glue. */
function loadGlue(): Promise<WasmGlue> {
  glue ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const mod = (await import(gluePath)) as WasmGlue;
    const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": mod as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    mod.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return mod;
  })();
  return glue;
}

type Opened = { engine: SchemaEngine; close: () => Promise<void> };

/**
 * The engine does not close the connections it opens when freed; we track
 * them and close them ourselves (an open SQLite handle would hold its lock).
 */
async function openEngine(target: DatabaseTarget, datamodel: string): Promise<Opened> {
  const { SchemaEngine } = await loadGlue();
  const factory = adapterFactory(target);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking = Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const conn = await factory.connect();
      opened.push(conn);
      return conn;
    },
    connectToShadowDb: async () => {
      const conn = await factory.connectToShadowDb();
      opened.push(conn);
      return conn;
    },
  }) as typeof factory;
  const engine = await SchemaEngine.new(
    { datamodels: [["schema.prisma", datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((c) => c.dispose().catch(() => {})));
    },
  };
}

export function migrationsList(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

export class MigrationError extends Error {}

/** Applies every migration not yet applied. Returns the names applied now. */
export async function applyMigrations(target: DatabaseTarget = databaseTarget()): Promise<string[]> {
  let opened: Opened | undefined;
  try {
    if (target.provider === "sqlite") useWriteAheadLog(target.file);
    opened = await openEngine(target, renderSchema(target.provider));
    const out = await opened.engine.applyMigrations({
      migrationsList: migrationsList(target.provider),
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  } catch (err) {
    throw new MigrationError(`could not apply migrations to ${describe(target)}: ${errorText(err)}`);
  } finally {
    await opened?.close();
  }
}

/**
 * SQL that takes a database from the schema `from` (undefined: empty) to `to`.
 * Schema-to-schema: this engine build cannot introspect a live PostgreSQL for diffs.
 */
export async function diffSchemas(provider: Provider, from: string | undefined, to: string): Promise<string> {
  const target: DatabaseTarget =
    provider === "sqlite"
      ? { provider, url: "file::memory:", file: ":memory:" }
      : { provider, url: process.env.LOUPE_DIFF_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" };
  const { engine, close } = await openEngine(target, to);
  try {
    const result = await engine.diff({
      from: from ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}

/**
 * Write-ahead logging lets readers work while a writer commits. The mode is
 * stored in the file, so it is set once here, before the schema engine opens
 * a connection it keeps until the process ends.
 */
function useWriteAheadLog(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file);
  try {
    conn.pragma("journal_mode = WAL");
  } finally {
    conn.close();
  }
}

function describe(target: DatabaseTarget): string {
  return target.provider === "sqlite" ? `SQLite file ${target.file}` : `PostgreSQL ${redact(target.url)}`;
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "object" && err && "message" in err) return String((err as { message: unknown }).message);
  return String(err);
}
