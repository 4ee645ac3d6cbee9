import { db } from "@/lib/db/client";
import { requireDatasetByName } from "@/lib/datasets/datasets";
import { startImport } from "@/lib/datasets/import/job";
import { importQuerySchema } from "@/lib/datasets/import/schemas";
import { saveUpload } from "@/lib/datasets/import/upload";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// A Loupe extension (Langfuse has no import endpoint): the body is the file; the answer is the IMPORT job.
export const POST = route({ query: importQuerySchema }, async ({ req, auth, params, query }) => {
  const dataset = await requireDatasetByName(db, auth.projectId, String(params.name));
  const { file } = await saveUpload(db, req);
  const job = await startImport(db, { dataset, file, fileName: query.fileName ?? `upload.${query.options.format}`, options: query.options, actorUserId: null });
  return Response.json({ id: job.id, status: job.status, done: job.done, total: job.total }, { status: 202 });
});
