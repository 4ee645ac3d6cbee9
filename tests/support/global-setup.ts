// Integration tests run against both databases: for each, a fresh database and
// a real Loupe server on it, with a project and API key made by LOUPE_INIT_*.
import type { TestProject } from "vitest/node";
import { startServer, tempPostgres, tempSqliteUrl, type RunningServer } from "./server";
import type { TestTarget } from "./targets";

export default async function setup(project: TestProject) {
  const only = process.env.LOUPE_TEST_DB; // "sqlite" | "postgresql" to run one
  const cleanups: (() => Promise<void> | void)[] = [];
  const targets: TestTarget[] = [];
  const dbs: { name: TestTarget["name"]; url: string }[] = [];
  if (!only || only === "sqlite") {
    const sqlite = tempSqliteUrl();
    cleanups.push(sqlite.cleanup);
    dbs.push({ name: "sqlite", url: sqlite.url });
  }
  if (!only || only === "postgresql") {
    const pg = await tempPostgres();
    cleanups.push(pg.drop);
    dbs.push({ name: "postgresql", url: pg.url });
  }
  const servers: RunningServer[] = [];
  try {
    for (const { name, url } of dbs) {
      const t = {
        name,
        databaseUrl: url,
        projectId: "itest",
        publicKey: `pk-lf-itest-${name}`,
        secretKey: `sk-lf-itest-${name}`,
        userEmail: "owner@itest.dev",
        userPassword: "owner-password-1",
      };
      const server = await startServer({
        DATABASE_URL: url,
        LOUPE_DEMO: "0",
        LOUPE_INIT_USER_EMAIL: t.userEmail,
        LOUPE_INIT_USER_PASSWORD: t.userPassword,
        LOUPE_INIT_PROJECT_NAME: "Integration tests",
        LOUPE_INIT_PROJECT_ID: t.projectId,
        LOUPE_INIT_PUBLIC_KEY: t.publicKey,
        LOUPE_INIT_SECRET_KEY: t.secretKey,
        LOUPE_MAX_BODY_BYTES: String(10 * 1024 * 1024),
      });
      servers.push(server);
      targets.push({ ...t, baseUrl: server.baseUrl });
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    for (const c of cleanups.reverse()) await c();
    throw err;
  }
  project.provide("targets", targets);
  return async () => {
    // A test that got a 500 says only "expected 500": the server's own account of it, for the CI log.
    for (const [i, s] of servers.entries()) {
      const lines = s.output().split("\n");
      const at = lines.flatMap((l, n) => (l.includes("[api] unhandled error") ? [n] : []));
      for (const n of at.slice(0, 5)) console.error(`server ${targets[i]?.name ?? i}: ${lines.slice(n, n + 12).join("\n")}`);
    }
    await Promise.all(servers.map((s) => s.stop()));
    for (const c of cleanups.reverse()) await c();
  };
}
