import { db } from "@/lib/db/client";
import { requireDataset } from "@/lib/datasets/datasets";
import { startImport } from "@/lib/datasets/import/job";
import { importQuerySchema } from "@/lib/datasets/import/schemas";
import { saveUpload } from "@/lib/datasets/import/upload";
import { invalid } from "@/lib/http/errors";
import { paramOf, sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";

// The import page uploads here (a server action's body is capped): the file is the body, the options the query.
export const POST = sessionRoute("annotate", async ({ req, params, access }) => {
  const parsed = importQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw invalid(parsed.error, "query parameters");
  const dataset = await requireDataset(db, access.projectId, paramOf(params, "datasetId"));
  const { file } = await saveUpload(db, req);
  const { options, fileName } = parsed.data;
  const job = await startImport(db, { dataset, file, fileName: fileName ?? `upload.${options.format}`, options, actorUserId: access.user.id });
  return Response.json(job, { status: 202 });
});
