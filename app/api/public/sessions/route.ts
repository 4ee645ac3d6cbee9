import { route } from "@/lib/http/route";
import { listSessionsApi } from "@/lib/public-api/queries";
import { sessionListQuery } from "@/lib/public-api/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ query: sessionListQuery }, ({ auth, query }) => listSessionsApi(auth.projectId, query));
