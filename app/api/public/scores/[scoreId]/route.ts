import { route } from "@/lib/http/route";
import { deleteScoreApi } from "@/lib/public-api/queries";

export const dynamic = "force-dynamic";

export const DELETE = route({}, ({ auth, params }) => deleteScoreApi(auth.projectId, String(params.scoreId)));
