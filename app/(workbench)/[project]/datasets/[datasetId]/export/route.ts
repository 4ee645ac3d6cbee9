import { db } from "@/lib/db/client";
import { requireDataset } from "@/lib/datasets/datasets";
import { exportQuerySchema } from "@/lib/datasets/export/format";
import { exportResponse } from "@/lib/datasets/export/stream";
import { invalid } from "@/lib/http/errors";
import { paramOf, sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";

// ?format=jsonl|csv|openai plus the items table's filters (search, status, origin): a streamed download.
export const GET = sessionRoute("read", async ({ req, params, access }) => {
  const parsed = exportQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw invalid(parsed.error, "query parameters");
  const dataset = await requireDataset(db, access.projectId, paramOf(params, "datasetId"));
  return exportResponse(db, dataset, parsed.data);
});
