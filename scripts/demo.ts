// `npm run demo -- --traces 5000 [--project demo] [--seed 7]`: writes generated
// traces into a project through the ingestion write path, with progress.
// The database must be set up already (npm start / npm run db:migrate).
import { parseArgs } from "node:util";
import { db, dbReady } from "../lib/db/client";
import { writeDemoTraces } from "../lib/setup/demo";

const { values } = parseArgs({
  options: { traces: { type: "string", default: "1000" }, project: { type: "string", default: "demo" }, seed: { type: "string", default: "1" } },
});
const traces = Number(values.traces);
if (!Number.isInteger(traces) || traces < 1) {
  console.error("--traces must be a positive whole number");
  process.exit(1);
}
await dbReady();
const project = await db.project.findUnique({ where: { id: values.project } });
if (!project) {
  console.error(`project "${values.project}" not found (start the server once to create the demo project, or pass --project <id>)`);
  process.exit(1);
}
const t0 = Date.now();
await writeDemoTraces(db, project.id, {
  traces,
  seed: Number(values.seed),
  idPrefix: `gen${values.seed}-${Date.now().toString(36)}`,
  onProgress: (done) => process.stdout.write(`\r${done.toLocaleString("en-US")} / ${traces.toLocaleString("en-US")} traces`),
});
console.log(`\nwrote ${traces.toLocaleString("en-US")} traces to "${project.name}" in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
await db.$disconnect();
