import { ingestLangfuseBatch } from "@/lib/ingest/endpoints";
import { refusals, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route({}, ({ req, auth }) => ingestLangfuseBatch(req, auth.projectId));
// proxy.ts does not run for this route (PROXY_SKIPS): it answers the methods it does not serve itself.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = refusals("/api/public/ingestion");
