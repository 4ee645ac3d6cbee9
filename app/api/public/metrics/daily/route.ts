import { dailyMetricsParams } from "@/lib/analytics/api-schemas";
import { dailyMetrics } from "@/lib/analytics/daily";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Cost, usage and counts per UTC day, newest first, paged (Langfuse's GET /api/public/metrics/daily).
export const GET = route({ query: dailyMetricsParams }, ({ auth, query }) => dailyMetrics(db, auth.projectId, query));
