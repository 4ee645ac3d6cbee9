// When evaluators run: after each ingestion commit and each run-item link (a
// nudge, coalesced to one look per project a second) and on the background
// poll — the scheduler promotion rules use (lib/jobs/nudge.ts). Never on the
// acknowledging path: the nudge only records the project in memory.
// No static import of server-only code: lib/ingest/service.ts imports this
// module, and scripts run that without Next.
import type { Db } from "../db/client";
import { nudgedTask } from "../jobs/nudge";

const evaluators = nudgedTask("evaluators", async () => {
  const [{ evaluateRunsOfProject }, { evaluateLiveTraces }] = await Promise.all([import("./on-runs"), import("./on-traces")]);
  return {
    async run(client: Db, projectId: string) {
      await evaluateRunsOfProject(client, projectId);
      await evaluateLiveTraces(client, projectId);
    },
    async projects(client: Db) {
      const rows = await client.evaluator.findMany({ where: { enabled: true }, select: { projectId: true }, distinct: ["projectId"] });
      return rows.map((r) => r.projectId);
    },
  };
});

/** After an ingestion commit or a run-item link: look at this project's evaluators soon. Cheap, never throws. */
export function nudgeEvaluators(projectId: string): void {
  evaluators.nudge(projectId);
}

/** The server process: evaluate on nudges, and every `pollMs` for every project with an enabled evaluator. */
export function startEvaluators(client: Db, pollMs: number): void {
  evaluators.start(client, pollMs);
}
