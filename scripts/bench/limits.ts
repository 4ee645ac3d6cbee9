// What the ingestion limits cost per event: the shared check (check-event.ts,
// payload depth included) and the storable-string pass (storable.ts) over the
// demo generator's realistic traces, as the writer sees them.
//   npx tsx scripts/bench/limits.ts [--traces 20000]
import { parseArgs } from "node:util";
import { generateDemo } from "../../lib/demo/generate";
import { eventIssues } from "../../lib/ingest/check-event";
import type { IngestEvent } from "../../lib/ingest/events";
import { makeEventsStorable } from "../../lib/ingest/storable";

const { values } = parseArgs({ options: { traces: { type: "string", default: "20000" } } });
const events: IngestEvent[] = [];
for (const batch of generateDemo({ traces: Number(values.traces), seed: 7, idPrefix: "bench" })) events.push(...batch);
const bytes = events.reduce((n, e) => n + JSON.stringify(e).length, 0);

function time(label: string, run: () => void) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    run();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const ms = runs[2]!;
  console.log(`| ${label} | ${ms.toFixed(1)} ms | ${((ms * 1000) / events.length).toFixed(2)} µs |`);
}

console.log(`${events.length} events, ${(bytes / 1e6).toFixed(1)} MB of JSON (median of 5 runs)\n`);
console.log("| pass | all events | per event |");
console.log("|---|---|---|");
time("eventIssues (limits + payload depth)", () => {
  for (const e of events) eventIssues(e);
});
time("makeEventsStorable (NUL / surrogates)", () => {
  makeEventsStorable(events);
});
time("JSON.stringify (for scale: the writer serialises every payload)", () => {
  for (const e of events) JSON.stringify(e);
});
