// `npm test`: every check, in the order that fails fastest. Integration and
// e2e tests run real servers on the production build, against SQLite and
// PostgreSQL (set LOUPE_TEST_PG_URL to use another server than 127.0.0.1:5432).
// The server suites are independent (their own databases, servers and ports),
// so they run at once after the build, each line prefixed with its suite; the
// run fails if any does. The integration files run in two shards (vitest
// --shard: each its own global setup, so its own servers and databases): one
// process of them took 9+ minutes alone, mostly waiting on servers and jobs.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

type Step = [string, string[]];
const steps: Step[] = [
  ["typecheck", ["npx", "tsc", "--noEmit"]],
  ["lint", ["npx", "eslint", "."]],
  ["unit tests", ["npx", "vitest", "run", "--project", "unit"]],
  ["build", ["npx", "next", "build"]],
];
/** Run at once after the build; each output line is prefixed with the suite's tag (the step's first word). */
const parallel: Step[] = [
  ["integration-1/2 tests (SQLite + PostgreSQL)", ["npx", "vitest", "run", "--project", "integration", "--shard=1/2"]],
  ["integration-2/2 tests (SQLite + PostgreSQL)", ["npx", "vitest", "run", "--project", "integration", "--shard=2/2"]],
  ["e2e tests (Chromium)", ["npx", "playwright", "test"]],
];

const only = process.argv.slice(2);
const wanted = ([name]: Step) => !only.length || only.some((o) => name.startsWith(o));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const total = Date.now();
const secs = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

for (const [name, cmd] of steps.filter(wanted)) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd.join(" ")}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs(t0)}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${name} (${secs(t0)}s)`);
}

/** Runs a suite with its output prefixed line by line; resolves with its exit code. */
function run([name, cmd]: Step): Promise<number> {
  const tag = name.split(" ")[0];
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd.join(" ")}`);
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...env, FORCE_COLOR: "0" } });
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on("line", (line) => console.log(`[${tag}] ${line}`));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      console.log(code === 0 ? `✓ ${name} (${secs(t0)}s)` : `✗ ${name} failed after ${secs(t0)}s`);
      resolve(code ?? 1);
    }),
  );
}

const suites = parallel.filter(wanted);
const codes = await Promise.all(suites.map(run));
if (codes.some((c) => c !== 0)) process.exit(1);
console.log(`\nall checks passed in ${((Date.now() - total) / 1000).toFixed(0)}s`);
