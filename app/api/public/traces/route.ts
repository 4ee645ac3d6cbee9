import { route } from "@/lib/http/route";
import { ingestNativeTrace } from "@/lib/ingest/endpoints";
import { listTracesApi } from "@/lib/public-api/queries";
import { traceListQuery } from "@/lib/public-api/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ query: traceListQuery }, ({ auth, query }) => listTracesApi(auth.projectId, query));

// The plain HTTP API: one trace with its observations nested as a tree.
export const POST = route({}, ({ req, auth }) => ingestNativeTrace(req, auth.projectId));
