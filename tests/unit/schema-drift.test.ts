import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROVIDERS, renderSchema, schemaPath } from "@/lib/db/schema-files";
import path from "node:path";
import { migrationsDir } from "@/lib/db/schema-files";

describe("Prisma schemas", () => {
  it.each(PROVIDERS)("%s schema is generated from prisma/models.prisma (run npm run db:generate)", (provider) => {
    expect(readFileSync(schemaPath(provider), "utf8")).toBe(renderSchema(provider));
  });

  it.each(PROVIDERS)("%s migrations end at the current models (run npm run db:migration -- name)", (provider) => {
    const snapshot = readFileSync(path.join(migrationsDir(provider), "schema.snapshot.prisma"), "utf8");
    expect(snapshot).toBe(renderSchema(provider));
  });
});
