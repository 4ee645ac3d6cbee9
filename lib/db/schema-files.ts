// Builds the per-provider Prisma schemas from the one source of truth,
// prisma/models.prisma. Used by scripts/prisma-generate.ts and by the test
// that fails when a committed schema drifts from the models.
import { readFileSync } from "node:fs";
import path from "node:path";

export type Provider = "sqlite" | "postgresql";
export const PROVIDERS: Provider[] = ["sqlite", "postgresql"];

const root = path.resolve(import.meta.dirname, "../..");

/** Folder under prisma/ holding a provider's schema and migrations. */
export function providerDir(provider: Provider): string {
  return path.join(root, "prisma", provider === "sqlite" ? "sqlite" : "postgres");
}

export function schemaPath(provider: Provider): string {
  return path.join(providerDir(provider), "schema.prisma");
}

export function migrationsDir(provider: Provider): string {
  return path.join(providerDir(provider), "migrations");
}

export function renderSchema(provider: Provider): string {
  const models = readFileSync(path.join(root, "prisma", "models.prisma"), "utf8");
  const out = provider === "sqlite" ? "sqlite" : "postgres";
  return [
    "// GENERATED from prisma/models.prisma by scripts/prisma-generate.ts. Do not edit.",
    "",
    "generator client {",
    '  provider = "prisma-client"',
    `  output   = "../../lib/db/generated/${out}"`,
    "}",
    "",
    "datasource db {",
    `  provider = "${provider}"`,
    "}",
    "",
    models,
  ].join("\n");
}
