import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "none" }, async () => {
  const { healthy, ...health } = await checkHealth();
  return Response.json(health, { status: healthy ? 200 : 503 });
});
