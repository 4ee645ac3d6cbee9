// Langfuse's v1 dataset by name (older SDKs): with every active item and the run names.
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { getDatasetV1Api } from "@/lib/public-api/datasets";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ auth, params }) => getDatasetV1Api(db, auth.projectId, String(params.name)));
