import { route } from "@/lib/http/route";
import { projectForKey } from "@/lib/projects/api";

export const dynamic = "force-dynamic";

// Langfuse-compatible: the project the API key belongs to (SDKs call this to check their keys).
export const GET = route({}, async ({ auth }) => ({ data: [await projectForKey(auth.projectId)] }));
