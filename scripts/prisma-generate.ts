// Writes prisma/{sqlite,postgres}/schema.prisma from prisma/models.prisma and
// generates a Prisma client per provider into lib/db/generated/.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { PROVIDERS, renderSchema, schemaPath } from "../lib/db/schema-files";

for (const provider of PROVIDERS) {
  const file = schemaPath(provider);
  const schema = renderSchema(provider);
  if (!existsSync(file) || readFileSync(file, "utf8") !== schema) writeFileSync(file, schema);
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["generate", `--schema=${file}`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      // Prisma 7's CLI downloads a native schema engine first; we never use it
      // (migrations run on the WebAssembly engine, lib/db/migrate.ts).
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/loupe.db",
    },
  });
}
console.log(`prisma: generated clients for ${PROVIDERS.join(" and ")}`);
