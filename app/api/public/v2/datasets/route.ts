import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { datasetPageQuery, postDatasetBody } from "@/lib/public-api/dataset-schemas";
import { listDatasetsApi, upsertDatasetApi } from "@/lib/public-api/datasets";

export const dynamic = "force-dynamic";

export const POST = route({ body: postDatasetBody }, ({ auth, body }) => upsertDatasetApi(db, auth.projectId, body, { v1: false }));
export const GET = route({ query: datasetPageQuery }, ({ auth, query }) => listDatasetsApi(db, auth.projectId, query));
