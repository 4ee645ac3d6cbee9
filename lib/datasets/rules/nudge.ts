// When promotion rules are evaluated: after each ingestion commit (a nudge,
// coalesced to one look per project a second) and on the background poll —
// the shared scheduler in lib/jobs/nudge.ts, which evaluators use too.
// No static import of server-only code: lib/ingest/service.ts imports this
// module, and scripts run that without Next.
import type { Db } from "../../db/client";
import { nudgedTask } from "../../jobs/nudge";

const rules = nudgedTask("promotion rules", async () => {
  const { evaluateRules, projectsWithRules } = await import("./evaluate");
  return { run: evaluateRules, projects: projectsWithRules };
});

/** After an ingestion commit: look at this project's rules soon. Cheap, never throws. */
export function nudgeRules(projectId: string): void {
  rules.nudge(projectId);
}

/** The server process: evaluate on nudges, and every `pollMs` for every project with rules. */
export function startRuleEvaluation(client: Db, pollMs: number): void {
  rules.start(client, pollMs);
}
