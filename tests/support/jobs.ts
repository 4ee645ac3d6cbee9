// Waiting for a background job in tests: the test process runs the queue
// itself, but the server under test may claim the same job first (it runs
// every product kind), so a test waits for the job to finish, whoever ran it.
import type { Db } from "@/lib/db/client";
import { getJob, runQueuedJobs } from "@/lib/jobs/runner";
import { isFinished, type JobView } from "@/lib/jobs/schemas";

export async function settleJob(db: Db, projectId: string, jobId: string, timeoutMs = 60_000): Promise<JobView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await runQueuedJobs(db);
    const job = await getJob(db, projectId, jobId);
    if (isFinished(job)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
