// `npm test`: every check. Integration and e2e tests run real servers on the
// production build, against SQLite and PostgreSQL (set LOUPE_TEST_PG_URL to
// use another server than 127.0.0.1:5432). In phases, each running its steps
// at once with every output line prefixed by its step: lint and unit tests
// beside the build; the typecheck after it (it reads the build's .next/types,
// which must not be half-written); then the server suites, which are
// independent (their own databases, servers and ports). The integration files run in two shards (vitest
// --shard: each its own global setup, so its own servers and databases): one
// process of them took 9+ minutes alone, mostly waiting on servers and jobs.
// The run fails if any step does.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

type Step = [string, string[]];
const phases: Step[][] = [
  [
    ["lint", ["npx", "eslint", "."]],
    ["unit tests", ["npx", "vitest", "run", "--project", "unit"]],
    ["build", ["npx", "next", "build"]],
  ],
  [["typecheck", ["npx", "tsc", "--noEmit"]]],
  [
    ["integration-1/2 tests (SQLite + PostgreSQL)", ["npx", "vitest", "run", "--project", "integration", "--shard=1/2"]],
    ["integration-2/2 tests (SQLite + PostgreSQL)", ["npx", "vitest", "run", "--project", "integration", "--shard=2/2"]],
    ["e2e tests (Chromium)", ["npx", "playwright", "test"]],
  ],
];

const only = process.argv.slice(2);
const wanted = ([name]: Step) => !only.length || only.some((o) => name.startsWith(o));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const total = Date.now();
const secs = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

/** Runs a step with its output prefixed line by line; resolves with its exit code. */
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

for (const phase of phases) {
  const codes = await Promise.all(phase.filter(wanted).map(run));
  if (codes.some((c) => c !== 0)) process.exit(1);
}
console.log(`\nall checks passed in ${((Date.now() - total) / 1000).toFixed(0)}s`);
