import { metricsV2Params } from "@/lib/analytics/api-schemas";
import { metricsApi } from "@/lib/analytics/metrics-api";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// GET /api/public/v2/metrics?query=<JSON>: the v1 object without the traces view, at most 100 rows unless config.row_limit says.
export const GET = route({ query: metricsV2Params }, ({ auth, query }) => metricsApi(auth.projectId, query.query, "v2"));
