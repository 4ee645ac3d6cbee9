import { route } from "@/lib/http/route";
import { createModelApi, createModelBody, listModelsApi } from "@/lib/prices/api";
import { pageSchema } from "@/lib/traces/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ query: pageSchema }, ({ auth, query }) => listModelsApi(auth.projectId, query.page, query.limit));
export const POST = route({ body: createModelBody }, ({ auth, body }) => createModelApi(auth.projectId, body));
