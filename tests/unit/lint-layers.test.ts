// The layer rules of eslint.config.mjs, run through ESLint itself on small
// sources placed (virtually) at real paths of this repository.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

// The first lint loads the config and its plugins (seconds on a busy machine): not any one case's time.
beforeAll(() => eslint.lintText("", { filePath: path.join(root, "lib/example.ts") }), 60_000);

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe("lib/ never imports components/ or app/", () => {
  it.each([
    ['import type { X } from "@/components/trace/types";'],
    ['import { Y } from "@/app/(workbench)/layout";'],
    ['import { Z } from "../../components/ui/button";'],
    ['import { W } from "../app/api/public/health/route";'],
  ])("refuses %s", async (line) => {
    expect(await ruleIds("lib/traces/example.ts", `${line}\nexport const v = [X, Y, Z, W];\n`)).toContain("no-restricted-imports");
  });

  it("lets components/ import lib/, and lib/ import lib/", async () => {
    expect(await ruleIds("components/example.tsx", 'import { fieldErrors } from "@/lib/forms";\nexport const f = fieldErrors;\n')).toEqual([]);
    expect(await ruleIds("lib/example.ts", 'import { isoOrNull } from "@/lib/iso";\nexport const f = isoOrNull;\n')).toEqual([]);
  });
});

describe('"use client" files never import lib/db or server-only modules', () => {
  const client = (line: string) => `"use client";\n${line}\nexport const v = x;\n`;

  it.each([
    ['import "server-only";'],
    ['import { x } from "@/lib/db/client";'],
    ['import { x } from "@/lib/db/sql";'],
    ['import { x } from "@/lib/traces/queries";'], // starts with import "server-only"
    ['import { x } from "../lib/auth/session";'],
    ['export { x } from "@/lib/projects/queries";'],
  ])("refuses %s", async (line) => {
    expect(await ruleIds("components/example.tsx", client(line))).toContain("loupe/client-boundary");
  });

  it("allows schemas, type-only imports, and the same imports in server files", async () => {
    expect(await ruleIds("components/example.tsx", client('import { x } from "@/lib/scores/schemas";'))).toEqual([]);
    expect(await ruleIds("components/example.tsx", client('import type { x } from "@/lib/traces/queries";'))).toEqual([]);
    expect(await ruleIds("components/example.tsx", 'import { x } from "@/lib/traces/queries";\nexport const v = x;\n')).toEqual([]);
  });

  it("only reads the directive from the top of the file", async () => {
    const code = 'import { x } from "@/lib/db/client";\nfunction f() {\n  "use client";\n}\nexport const v = [x, f];\n';
    expect(await ruleIds("components/example.tsx", code)).toEqual([]);
  });
});
