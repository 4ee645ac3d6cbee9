// A run survives a failed POST /dataset-run-items: when an experiment trace
// arrives over OTLP naming its dataset, item and run (langfuse.experiment.*)
// and, a little later, no run item of that run holds the item, the link is
// made from the trace. The SDK's own link call comes first (it runs before the
// task, so before any span is exported), so this only fills in for one that
// failed; a run item that exists is never changed.
// The ingestion path only calls scheduleExperimentLinks after its commit: an
// in-memory note and a nudge of the shared scheduler (lib/jobs/nudge.ts, with
// this task's longer delay), no read, nothing awaited, nothing thrown.
// No static import of server-only code (the link writer is loaded on the timer).
import type { Db } from "../../db/client";
import { nudgedTask } from "../../jobs/nudge";
import type { IngestEvent, JsonObject } from "../events";

export interface LinkCandidate {
  traceId: string;
  observationId?: string;
  datasetId: string;
  itemId: string;
  runName: string;
  description?: string;
  metadata?: unknown;
}

/** Long enough for a racing link call to commit first; short enough that the run page fills in while one watches. */
const DELAY_MS = 2_000;
/** A bound on what waits in memory (a flood of experiment traces is linked by the SDK anyway). */
const MAX_PENDING = 10_000;

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The experiment traces among mapped events that name a dataset item and a run. Pure. */
export function linkCandidates(events: IngestEvent[]): LinkCandidate[] {
  const out: LinkCandidate[] = [];
  for (const e of events) {
    if (e.kind !== "trace") continue;
    const x = (e.metadata as JsonObject | null | undefined)?.experiment;
    if (!x || typeof x !== "object" || Array.isArray(x)) continue;
    const datasetId = str(x.datasetId);
    const itemId = str(x.itemId);
    const runName = str(x.name);
    if (!datasetId || !itemId || !runName) continue;
    out.push({ traceId: e.id, observationId: str(x.rootObservationId), datasetId, itemId, runName, description: str(x.description), metadata: x.metadata ?? undefined });
  }
  return out;
}

// The candidates wait in memory per project; the shared scheduler
// (lib/jobs/nudge.ts) looks at a project DELAY_MS after its nudge. Nothing is
// kept across a restart: a candidate lost then is a run item the SDK failed to
// link in the last 2 s before it, and the trace still carries the run name (the
// traces filter finds it by metadata.experiment).
// On globalThis: Next may evaluate this module once per bundle layer.
const holder = globalThis as unknown as { loupeExperimentLinkQueue?: { pending: Map<string, Map<string, LinkCandidate>>; size: number } };
const queue = (holder.loupeExperimentLinkQueue ??= { pending: new Map(), size: 0 });
const pending = queue.pending;

const links = nudgedTask(
  "experiment links",
  async () => {
    const { linkFromTrace } = await import("../../experiments/trace-links");
    return {
      async run(client: Db, projectId: string) {
        const batch = pending.get(projectId);
        if (!batch) return;
        pending.delete(projectId);
        queue.size -= batch.size;
        for (const c of batch.values()) {
          try {
            await linkFromTrace(client, projectId, c);
          } catch (err) {
            console.error(`experiment link of trace ${c.traceId}`, err);
          }
        }
      },
      // Nothing to find on a poll: the candidates are only in memory.
      projects: async () => [],
    };
  },
  { delayMs: DELAY_MS },
);

/** After an OTLP commit: note the candidates; they are looked at DELAY_MS later, off the request. Cheap, never throws. */
export function scheduleExperimentLinks(projectId: string, candidates: LinkCandidate[]): void {
  if (!candidates.length) return;
  let batch = pending.get(projectId);
  for (const c of candidates) {
    if (queue.size >= MAX_PENDING) break;
    batch ??= new Map();
    const key = `${c.datasetId}\u0000${c.runName}\u0000${c.itemId}`;
    if (!batch.has(key)) queue.size++;
    batch.set(key, c);
  }
  if (!batch) return;
  pending.set(projectId, batch);
  links.nudge(projectId);
}

/** The server process (lib/jobs/boot.ts): links are made only there, like the other background work. */
export function startExperimentLinks(client: Db): void {
  links.start(client);
}
