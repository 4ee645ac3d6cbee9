// One scheduler for background work that follows ingestion (promotion rules,
// evaluators): a nudge after each commit (coalesced: at most one look per
// project every DEBOUNCE_MS, 1 s) and a background poll, so nothing is missed
// after a restart. A nudge only records the project in memory and arms a timer
// — no database read, nothing awaited, nothing thrown: it is what the
// acknowledging path calls. A task does nothing until the server process
// starts it (lib/jobs/boot.ts), so scripts and tests that ingest are not
// followed by background work.
// No static import of server-only code: lib/ingest/service.ts imports this
// module (through each task's nudge), and scripts run that without Next.
import type { Db } from "../db/client";

/**
 * Each look also re-reads the last few seconds (late commits), so under steady
 * ingestion a change is looked at about (lag + debounce) / debounce times: 1 s
 * keeps that near 3 while the work still lands within a second or two.
 */
const DEBOUNCE_MS = 1_000;
const ALL = "*";

/** What a task does per project, and which projects the poll looks at. */
export interface NudgedWork {
  run(client: Db, projectId: string): Promise<unknown>;
  projects(client: Db): Promise<string[]>;
}

interface TaskState {
  client: Db | null;
  pending: Set<string>;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
}

export interface NudgedTask {
  /** After a commit: look at this project soon. Cheap, never throws. */
  nudge(projectId: string): void;
  /** The server process: look on nudges, and every `pollMs` at every project `projects` names (no poll without one). */
  start(client: Db, pollMs?: number): void;
}

export interface NudgedTaskOptions {
  /**
   * How long after a nudge the look runs (default DEBOUNCE_MS). A task whose
   * work should wait for something racing it (experiment links wait for the
   * SDK's own link call) takes a longer one.
   */
  delayMs?: number;
}

/**
 * A named task; `load` imports its work lazily (the work is server code).
 * State lives on globalThis: Next may evaluate this module once per bundle layer.
 */
export function nudgedTask(name: string, load: () => Promise<NudgedWork>, opts: NudgedTaskOptions = {}): NudgedTask {
  const delayMs = opts.delayMs ?? DEBOUNCE_MS;
  const holder = globalThis as unknown as { loupeNudged?: Map<string, TaskState> };
  const tasks = (holder.loupeNudged ??= new Map());
  const state: TaskState = tasks.get(name) ?? { client: null, pending: new Set(), timer: null, running: false };
  tasks.set(name, state);

  function arm(delay = delayMs) {
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
      const work = await load();
      const ids = projects.includes(ALL) ? [...new Set([...projects.filter((p) => p !== ALL), ...(await work.projects(client))])] : projects;
      for (const projectId of ids) {
        try {
          await work.run(client, projectId);
        } catch (err) {
          console.error(`${name} of project ${projectId}`, err);
        }
      }
    } catch (err) {
      console.error(name, err);
    } finally {
      state.running = false;
      // Nudged while this look ran: look again after the delay, not at once.
      arm();
    }
  }

  return {
    nudge(projectId) {
      if (!state.client) return;
      state.pending.add(projectId);
      arm();
    },
    start(client, pollMs) {
      if (state.client) return;
      state.client = client;
      if (!pollMs) return;
      const poll = () => {
        state.pending.add(ALL);
        arm(0);
      };
      poll();
      setInterval(poll, pollMs).unref();
    },
  };
}
