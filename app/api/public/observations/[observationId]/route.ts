import { route } from "@/lib/http/route";
import { getObservationApi } from "@/lib/public-api/queries";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getObservationApi(auth.projectId, String(params.observationId)));
