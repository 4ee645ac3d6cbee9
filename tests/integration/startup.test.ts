import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function prestart(databaseUrl: string) {
  return spawnSync("npx", ["tsx", "scripts/prestart.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOUPE_DEMO: "0" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("server start", () => {
  it("refuses to start with a clear message when DATABASE_URL is not a supported database", () => {
    const r = prestart("mysql://root@localhost/loupe");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL must start with "file:" (SQLite) or "postgresql://"');
  });

  it("refuses to start when migrations cannot be applied, and hides the password", () => {
    const r = prestart("postgresql://loupe:secret@127.0.0.1:1/loupe");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot start: could not apply migrations to PostgreSQL postgresql:\/\/loupe:\*\*\*@127\.0\.0\.1:1\/loupe/);
    expect(r.stderr).not.toContain("secret");
  });
});
