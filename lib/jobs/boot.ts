// Background work of the server process, started once from instrumentation.ts:
// queued jobs (and ones a restart interrupted) are picked up, and the queue is
// looked at again now and then so a stale job is resumed. Promotion rules are
// evaluated after each ingestion commit and on the same poll (nothing is missed
// after a restart: each rule resumes from its cursor). Evaluators likewise, on the
// same scheduler (lib/jobs/nudge.ts), as are the links made from OTel experiment
// traces (nudged only, no poll). Retention sweeps are queued by their own
// schedule (lib/retention/schedule.ts).
import "server-only";
import { db } from "../db/client";
import "./handlers";
import { startRuleEvaluation } from "../datasets/rules/nudge";
import { startEvaluators } from "../evals/nudge";
import { startExperimentLinks } from "../ingest/otel/experiment-links";
import { ensureRollupBackfills } from "../analytics/rollups/backfill-job";
import { startRetentionSchedule } from "../retention/schedule";
import { kickJobs } from "./runner";

const POLL_MS = 15_000;

export function startBackgroundWork(): void {
  const marker = globalThis as unknown as { loupeBackground?: boolean };
  if (marker.loupeBackground) return;
  marker.loupeBackground = true;
  // A database migrated with rows in it: its projects' rollups are computed in the background.
  void ensureRollupBackfills(db).catch((e) => console.error("loupe: rollup backfill", e));
  kickJobs(db);
  setInterval(() => kickJobs(db), POLL_MS).unref();
  startRuleEvaluation(db, POLL_MS);
  startEvaluators(db, POLL_MS);
  startExperimentLinks(db);
  // Retention sweeps: queued once a day per project that has a retention (checked every ten minutes).
  startRetentionSchedule(db);
}
