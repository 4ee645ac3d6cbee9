import { route } from "@/lib/http/route";
import { listScoresApi } from "@/lib/public-api/queries";
import { scoreListQuery } from "@/lib/public-api/schemas";

export const dynamic = "force-dynamic";

// Langfuse's scores v2 (the SDK's api.scoreV2Get): trace, observation, session and dataset-run scores.
export const GET = route({ query: scoreListQuery }, ({ auth, query }) => listScoresApi(auth.projectId, query));
