// Reads DATABASE_URL and says which provider it names. SQLite is the default:
// an embedded file at ./data/loupe.db.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/loupe.db";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

export class DatabaseUrlError extends Error {}

export function databaseTarget(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new DatabaseUrlError(`DATABASE_URL "${url}" names no file (expected file:./data/loupe.db)`);
    return { provider: "sqlite", url, file: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL (expected postgresql://user@host:5432/db)`);
    }
    return { provider: "postgresql", url };
  }
  throw new DatabaseUrlError(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:..."`,
  );
}
