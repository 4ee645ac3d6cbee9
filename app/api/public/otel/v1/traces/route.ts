import { ingestOtlp } from "@/lib/ingest/endpoints";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route({}, ({ req, auth }) => ingestOtlp(req, auth.projectId));
