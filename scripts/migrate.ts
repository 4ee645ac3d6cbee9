// `npm run db:migrate`: applies committed migrations to DATABASE_URL.
import { applyMigrations, redact } from "../lib/db/migrate";
import { databaseTarget } from "../lib/db/url";

try {
  const target = databaseTarget();
  const applied = await applyMigrations(target);
  const where = target.provider === "sqlite" ? target.file : redact(target.url);
  console.log(applied.length ? `applied ${applied.join(", ")} to ${where}` : `${where} is up to date`);
} catch (err) {
  console.error(`error: ${(err as Error).message}`);
  process.exit(1);
}
