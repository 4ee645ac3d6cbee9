// The Prisma driver adapter factory for a database target: better-sqlite3 for
// the embedded file, node-postgres for a team server.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { turnTaking } from "./turn-taking-adapter";
import type { DatabaseTarget } from "./url";

export function adapterFactory(target: DatabaseTarget) {
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.file), { recursive: true });
    // Timestamps as integer milliseconds: compact, and latency is plain subtraction in SQL.
    // Its writes take turns with the ingestion writer thread (turn-taking-adapter.ts).
    return turnTaking(new PrismaBetterSqlite3({ url: `file:${target.file}` }, { timestampFormat: "unixepoch-ms" }), target.file);
  }
  return new PrismaPg({ connectionString: target.url, max: Number(process.env.LOUPE_PG_POOL ?? 10) });
}
