import { route } from "@/lib/http/route";
import { deleteModelApi, getModelApi } from "@/lib/prices/api";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getModelApi(auth.projectId, String(params.modelId)));
export const DELETE = route({}, ({ auth, params }) => deleteModelApi(auth.projectId, String(params.modelId)));
