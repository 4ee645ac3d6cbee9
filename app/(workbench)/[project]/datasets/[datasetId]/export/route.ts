import { db } from "@/lib/db/client";
import { requireDataset } from "@/lib/datasets/datasets";
import { exportFormatSchema } from "@/lib/datasets/export/format";
import { readItemFilter } from "@/lib/datasets/item-filter";
import { exportResponse } from "@/lib/datasets/export/stream";
import { invalid } from "@/lib/http/errors";
import { paramOf, sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";

// ?format=jsonl|csv|openai plus the items table's own filter (q, status, origin): a streamed download.
export const GET = sessionRoute("read", async ({ req, params, access }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = exportFormatSchema.safeParse({ format: query.format });
  if (!parsed.success) throw invalid(parsed.error, "query parameters");
  const { search, status, origin } = readItemFilter(query);
  const dataset = await requireDataset(db, access.projectId, paramOf(params, "datasetId"));
  return exportResponse(db, dataset, { format: parsed.data.format, search, status, origin });
});
