import { metricsV1Params } from "@/lib/analytics/api-schemas";
import { metricsApi } from "@/lib/analytics/metrics-api";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Langfuse's "v1" query API: GET /api/public/metrics?query=<JSON>, every view.
export const GET = route({ query: metricsV1Params }, ({ auth, query }) => metricsApi(auth.projectId, query.query, "v1"));
