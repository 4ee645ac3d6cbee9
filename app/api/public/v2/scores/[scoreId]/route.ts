import { route } from "@/lib/http/route";
import { getScoreApi } from "@/lib/public-api/queries";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getScoreApi(auth.projectId, String(params.scoreId)));
