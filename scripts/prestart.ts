// Runs before the server starts (npm start / npm run dev): applies migrations,
// applies LOUPE_INIT_* and loads the demo project, then prints how to sign in.
import { dbReady, db } from "../lib/db/client";
import { applyMigrations, redact } from "../lib/db/migrate";
import { databaseTarget } from "../lib/db/url";
import { applyInitEnv, type InitEnv } from "../lib/setup/init";
import { DEMO, ensureDemo } from "../lib/setup/demo";

async function main() {
  const target = databaseTarget();
  const where = target.provider === "sqlite" ? `SQLite ${target.file}` : `PostgreSQL ${redact(target.url)}`;
  const applied = await applyMigrations(target);
  console.log(`loupe: database ${where}${applied.length ? ` (applied ${applied.length} migration${applied.length > 1 ? "s" : ""})` : ""}`);
  await dbReady();
  for (const note of await applyInitEnv(process.env as InitEnv)) console.log(`loupe: ${note}`);
  const port = process.env.PORT ?? "3000";
  if (process.env.LOUPE_DEMO !== "0") {
    const t0 = Date.now();
    if (await ensureDemo()) console.log(`loupe: loaded the demo project (${DEMO.traces} traces) in ${Date.now() - t0} ms`);
    console.log(
      [
        "",
        `  Loupe is starting on http://localhost:${port}`,
        `  Sign in:        ${DEMO.email} / ${DEMO.password}`,
        `  Demo API keys:  public ${DEMO.publicKey}  secret ${DEMO.secretKey}`,
        `  Send traces:    http://localhost:${port}/api/public/ingestion (Langfuse SDKs: baseUrl http://localhost:${port})`,
        "",
      ].join("\n"),
    );
  } else if (process.env.LOUPE_INIT_USER_EMAIL) {
    console.log(`\n  Loupe is starting on http://localhost:${port}  (sign in as ${process.env.LOUPE_INIT_USER_EMAIL})\n`);
  }
  await db.$disconnect();
}

main().catch((err: Error) => {
  console.error(`loupe: cannot start: ${err.message}`);
  process.exit(1);
});
