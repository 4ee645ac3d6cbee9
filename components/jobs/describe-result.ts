// A finished job's outcome in words, per kind, for pages that cannot pass a
// function to <JobProgress> (the job page is a server component). Each area adds its kind.
import { describePromotion } from "@/lib/datasets/promote-schemas";
import { describeRunEvaluation } from "@/lib/evals/schemas";
import type { JobKind } from "@/lib/jobs/schemas";
import { describeRetention } from "@/lib/retention/schemas";

export const DESCRIBE_RESULT: Partial<Record<JobKind, (result: unknown) => string | null>> = {
  PROMOTE: describePromotion,
  EVAL_RUN: describeRunEvaluation,
  RETENTION: describeRetention,
};
