import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { datasetItemListQuery, postDatasetItemBody } from "@/lib/public-api/dataset-schemas";
import { listItemsApi, upsertItemApi } from "@/lib/public-api/datasets";

export const dynamic = "force-dynamic";

export const POST = route({ body: postDatasetItemBody }, ({ auth, body }) => upsertItemApi(db, auth.projectId, body));
export const GET = route({ query: datasetItemListQuery }, ({ auth, query }) => listItemsApi(db, auth.projectId, query));
