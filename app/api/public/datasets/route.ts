// Langfuse's v1 datasets: create or update by name; the list with item ids and run names.
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { datasetPageQuery, postDatasetBody } from "@/lib/public-api/dataset-schemas";
import { listDatasetsV1Api, upsertDatasetApi } from "@/lib/public-api/datasets";

export const dynamic = "force-dynamic";

export const POST = route({ body: postDatasetBody }, ({ auth, body }) => upsertDatasetApi(db, auth.projectId, body, { v1: true }));
export const GET = route({ query: datasetPageQuery }, ({ auth, query }) => listDatasetsV1Api(db, auth.projectId, query));
