import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { deleteItemApi, getItemApi } from "@/lib/public-api/datasets";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getItemApi(db, auth.projectId, String(params.datasetItemId)));
export const DELETE = route({}, ({ auth, params }) => deleteItemApi(db, auth.projectId, String(params.datasetItemId)));
