// Langfuse's dataset run items: link a trace (or observation) to a dataset item in a run; list a run's items.
import { db } from "@/lib/db/client";
import { linkRunItemBody } from "@/lib/experiments/schemas";
import { route } from "@/lib/http/route";
import { linkRunItemApi, listRunItemsApi } from "@/lib/public-api/dataset-runs";
import { runItemListQuery } from "@/lib/public-api/dataset-runs-shapes";

export const dynamic = "force-dynamic";

export const POST = route({ body: linkRunItemBody }, ({ auth, body }) => linkRunItemApi(db, auth.projectId, body));
export const GET = route({ query: runItemListQuery }, ({ auth, query }) => listRunItemsApi(db, auth.projectId, query));
