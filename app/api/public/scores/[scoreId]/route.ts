import { route } from "@/lib/http/route";
import { deleteScoreApi, getScoreApi } from "@/lib/public-api/queries";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getScoreApi(auth.projectId, String(params.scoreId), "v1"));
export const DELETE = route({}, ({ auth, params }) => deleteScoreApi(auth.projectId, String(params.scoreId)));
