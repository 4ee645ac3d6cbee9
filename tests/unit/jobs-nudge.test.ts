// The scheduler promotion rules, evaluators and experiment links share: nothing runs before the
// server starts a task; nudges are coalesced to one look per project after
// the debounce; the poll looks at every project the task names; a failing
// project is logged and the others still run.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { nudgedTask } from "@/lib/jobs/nudge";

const client = {} as Db;
let n = 0;

describe("nudged tasks", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function task(projects: string[] = [], opts?: { delayMs?: number }) {
    const runs: string[] = [];
    const t = nudgedTask(
      `test-${++n}`,
      async () => ({
        run: async (_c: Db, projectId: string) => {
          if (projectId === "broken") throw new Error("boom");
          runs.push(projectId);
        },
        projects: async () => projects,
      }),
      opts,
    );
    return { t, runs };
  }

  it("does nothing until started (scripts and tests that ingest are not followed by background work)", async () => {
    const { t, runs } = task();
    t.nudge("p1");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual([]);
  });

  it("coalesces nudges: one look per project after the debounce, none before", async () => {
    const { t, runs } = task();
    t.start(client, 60_000);
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toEqual([]); // the first poll found no projects
    for (let i = 0; i < 50; i++) t.nudge(i % 2 ? "p1" : "p2");
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    expect(runs.sort()).toEqual(["p1", "p2"]);
  });

  it("polls every project the task names, and a failing one does not stop the rest", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { t, runs } = task(["broken", "a", "b"]);
    t.start(client, 15_000);
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toEqual(["a", "b"]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("broken"), expect.any(Error));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(runs).toEqual(["a", "b", "a", "b"]);
    error.mockRestore();
  });

  it("takes a longer delay for a task that waits for a racing write (experiment links: 2 s), and no poll without pollMs", async () => {
    const { t, runs } = task(["polled"], { delayMs: 2_000 });
    t.start(client);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual([]); // no poll: nothing but nudges
    t.nudge("p1");
    await vi.advanceTimersByTimeAsync(1_900);
    expect(runs).toEqual([]);
    t.nudge("p2"); // coalesced into the armed look
    await vi.advanceTimersByTimeAsync(200);
    expect(runs.sort()).toEqual(["p1", "p2"]);
  });
});
