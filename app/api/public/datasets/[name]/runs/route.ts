// Langfuse's v1 runs of a dataset (the legacy SDK's getDatasetRuns), newest first, paged.
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { datasetPageQuery } from "@/lib/public-api/dataset-schemas";
import { listRunsApi } from "@/lib/public-api/dataset-runs";

export const dynamic = "force-dynamic";

export const GET = route({ query: datasetPageQuery }, ({ auth, params, query }) => listRunsApi(db, auth.projectId, String(params.name), query));
