import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { getDatasetApi } from "@/lib/public-api/datasets";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getDatasetApi(db, auth.projectId, String(params.datasetName)));
