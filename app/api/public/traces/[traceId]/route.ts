import { route } from "@/lib/http/route";
import { deleteTraceApi, getTraceApi } from "@/lib/public-api/queries";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getTraceApi(auth.projectId, String(params.traceId)));
export const DELETE = route({}, ({ auth, params }) => deleteTraceApi(auth.projectId, String(params.traceId)));
