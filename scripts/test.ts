// `npm test`: every check, in the order that fails fastest. Integration and
// e2e tests run real servers on the production build, against SQLite and
// PostgreSQL (set LOUPE_TEST_PG_URL to use another server than 127.0.0.1:5432).
import { spawnSync } from "node:child_process";

const steps: [string, string[]][] = [
  ["typecheck", ["npx", "tsc", "--noEmit"]],
  ["lint", ["npx", "eslint", "."]],
  ["unit tests", ["npx", "vitest", "run", "--project", "unit"]],
  ["build", ["npx", "next", "build"]],
  ["integration tests (SQLite + PostgreSQL)", ["npx", "vitest", "run", "--project", "integration"]],
  ["e2e tests (Chromium)", ["npx", "playwright", "test"]],
];

const only = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const total = Date.now();
for (const [name, cmd] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd.join(" ")}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: "inherit", env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${secs}s)`);
}
console.log(`\nall checks passed in ${((Date.now() - total) / 1000).toFixed(0)}s`);
