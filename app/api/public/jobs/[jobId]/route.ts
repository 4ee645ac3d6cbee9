import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { getJob } from "@/lib/jobs/runner";

export const dynamic = "force-dynamic";

// A Loupe extension: a background job's progress (an import started through the API).
export const GET = route({}, async ({ auth, params }) => getJob(db, auth.projectId, String(params.jobId)));
