// A run survives a failed POST /dataset-run-items: when an experiment trace
// arrives over OTLP naming its dataset, item and run (langfuse.experiment.*)
// and, a little later, no run item of that run holds the item, the link is
// made from the trace. The SDK's own link call comes first (it runs before the
// task, so before any span is exported), so this only fills in for one that
// failed; a run item that exists is never changed.
// The ingestion path only calls scheduleExperimentLinks after its commit: an
// in-memory note and a timer, no read, nothing awaited, nothing thrown.
// No static import of server-only code (the link writer is loaded on the timer).
import type { Db } from "../../db/client";
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

interface LinkState {
  pending: Map<string, { projectId: string; c: LinkCandidate }>;
  timer: ReturnType<typeof setTimeout> | null;
}

// On globalThis: Next may evaluate this module once per bundle layer.
const holder = globalThis as unknown as { loupeExperimentLinks?: LinkState };
const state = (holder.loupeExperimentLinks ??= { pending: new Map(), timer: null });

/** After an OTLP commit: note the candidates; they are looked at DELAY_MS later, off the request. */
export function scheduleExperimentLinks(client: Db, projectId: string, candidates: LinkCandidate[]): void {
  for (const c of candidates) {
    if (state.pending.size >= MAX_PENDING) break;
    state.pending.set(`${projectId}\u0000${c.datasetId}\u0000${c.runName}\u0000${c.itemId}`, { projectId, c });
  }
  arm(client);
}

function arm(client: Db) {
  if (state.timer || !state.pending.size) return;
  state.timer = setTimeout(() => void drain(client), DELAY_MS);
  state.timer.unref?.();
}

async function drain(client: Db): Promise<void> {
  const batch = [...state.pending.values()];
  state.pending.clear();
  try {
    const { linkFromTrace } = await import("../../experiments/trace-links");
    for (const { projectId, c } of batch) {
      try {
        await linkFromTrace(client, projectId, c);
      } catch (err) {
        console.error(`experiment link of trace ${c.traceId}`, err);
      }
    }
  } catch (err) {
    console.error("experiment links", err);
  } finally {
    state.timer = null;
    // Noted while this look ran: look again after the delay.
    arm(client);
  }
}
