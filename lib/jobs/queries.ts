// Job reads for pages (the process-wide client).
import "server-only";
import { db } from "../db/client";
import { getJob, listJobs } from "./runner";
import type { JobKind } from "./schemas";

export const recentJobs = (projectId: string, opts: { kind?: JobKind; limit?: number } = {}) => listJobs(db, projectId, opts);
export const jobById = (projectId: string, jobId: string) => getJob(db, projectId, jobId);
