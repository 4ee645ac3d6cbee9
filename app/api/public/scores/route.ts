import { route } from "@/lib/http/route";
import { createScoreApi, listScoresApi } from "@/lib/public-api/queries";
import { createScoreBody, scoreListQuery } from "@/lib/public-api/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ query: scoreListQuery }, ({ auth, query }) => listScoresApi(auth.projectId, query, "v1"));
export const POST = route({ body: createScoreBody }, ({ auth, body }) => createScoreApi(auth.projectId, body));
