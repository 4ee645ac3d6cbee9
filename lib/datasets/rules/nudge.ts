// When promotion rules are evaluated: a nudge after each ingestion commit
// (coalesced: at most one evaluation per project every DEBOUNCE_MS, 1 s) and a
// background poll, so nothing is missed after a restart. The nudge is what the
// ingestion path calls: it only records the project in memory and arms a
// timer — no database read, nothing awaited, nothing thrown. It does nothing
// until the server process switches evaluation on (lib/jobs/boot.ts), so
// scripts and tests that ingest are not followed by background work.
// No static import of server-only code: lib/ingest/service.ts imports this
// module, and scripts run that without Next.
import type { Db } from "../../db/client";

/**
 * Each look also re-reads the last RULE_LAG_MS (late commits), so under steady
 * ingestion a trace is looked at about (lag + debounce) / debounce times: 1 s
 * keeps that near 3 while a failure still lands in its dataset within a second or two.
 */
const DEBOUNCE_MS = 1_000;
const ALL = "*";

interface RuleScheduler {
  client: Db | null;
  pending: Set<string>;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
}

// On globalThis: Next may evaluate this module once per bundle layer.
const holder = globalThis as unknown as { loupeRules?: RuleScheduler };
const state = (holder.loupeRules ??= { client: null, pending: new Set(), timer: null, running: false });

function arm(delay = DEBOUNCE_MS) {
  if (state.timer || state.running || !state.pending.size) return;
  state.timer = setTimeout(drain, delay);
  state.timer.unref?.();
}

async function drain() {
  state.timer = null;
  const client = state.client;
  if (!client) return;
  state.running = true;
  const projects = [...state.pending];
  state.pending.clear();
  try {
    const { evaluateRules, projectsWithRules } = await import("./evaluate");
    const ids = projects.includes(ALL) ? [...new Set([...projects.filter((p) => p !== ALL), ...(await projectsWithRules(client))])] : projects;
    for (const projectId of ids) {
      try {
        await evaluateRules(client, projectId);
      } catch (err) {
        console.error(`promotion rules of project ${projectId}`, err);
      }
    }
  } catch (err) {
    console.error("promotion rules", err);
  } finally {
    state.running = false;
    // Nudged while this look ran: look again after the debounce, not at once.
    arm();
  }
}

/** After an ingestion commit: look at this project's rules soon. Cheap, never throws. */
export function nudgeRules(projectId: string): void {
  if (!state.client) return;
  state.pending.add(projectId);
  arm();
}

/** The server process: evaluate on nudges, and every `pollMs` for every project with rules. */
export function startRuleEvaluation(client: Db, pollMs: number): void {
  if (state.client) return;
  state.client = client;
  const poll = () => {
    state.pending.add(ALL);
    arm(0);
  };
  poll();
  setInterval(poll, pollMs).unref();
}
