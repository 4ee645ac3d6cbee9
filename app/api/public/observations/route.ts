import { route } from "@/lib/http/route";
import { listObservationsApi } from "@/lib/public-api/queries";
import { observationListQuery } from "@/lib/public-api/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ query: observationListQuery }, ({ auth, query }) => listObservationsApi(auth.projectId, query));
