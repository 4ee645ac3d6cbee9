import { route } from "@/lib/http/route";
import { getSessionApi } from "@/lib/public-api/queries";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getSessionApi(auth.projectId, String(params.sessionId)));
