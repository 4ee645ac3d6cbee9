// The IMPORT job: an uploaded file (saved by upload.ts) read back as a stream
// and imported with runImport, progress saved after every chunk (the cursor
// lets a restarted server go on from the last written chunk). The file is
// removed when the job ends, however it ends.
import "server-only";
import type { Db } from "../../db/client";
import { DomainError } from "../../errors";
import { enqueueJob, registerJobHandler } from "../../jobs/runner";
import type { JobView } from "../../jobs/schemas";
import { requireDataset } from "../datasets";
import type { DatasetView } from "../schemas";
import { runImport } from "./run";
import { describeRowError, type ImportOptions } from "./schemas";
import { openUpload, removeUpload, uploadExists } from "./upload";

interface ImportParams extends ImportOptions {
  datasetId: string;
  file: string;
  fileName: string;
}

/** Queues the import of a saved upload into a dataset (the job starts at once in the server process). */
export async function startImport(
  client: Db,
  input: { dataset: DatasetView; file: string; fileName: string; options: ImportOptions; actorUserId: string | null },
  opts: { start?: boolean } = {},
): Promise<JobView> {
  const params: ImportParams = { ...input.options, datasetId: input.dataset.id, file: input.file, fileName: input.fileName };
  return enqueueJob(
    client,
    { projectId: input.dataset.projectId, kind: "IMPORT", label: `Import ${input.fileName} into ${input.dataset.name}`, params, createdByUserId: input.actorUserId },
    opts,
  );
}

registerJobHandler<ImportParams>("IMPORT", async (ctx) => {
  const p = ctx.job.params;
  try {
    const dataset = await requireDataset(ctx.client, ctx.job.projectId, p.datasetId);
    if (!(await uploadExists(p.file))) throw new DomainError("not_found", "The uploaded file is gone (was the data directory cleared?); upload it again.");
    const { result, errors } = await runImport(ctx.client, dataset, {
      format: p.format,
      mode: p.mode,
      mapping: p.mapping,
      actorUserId: ctx.job.createdByUserId,
      open: () => openUpload(p.file),
      resumeFrom: ctx.job.cursor,
      idSeed: ctx.job.id,
      onProgress: (q) =>
        ctx.progress({
          done: q.done,
          total: q.total,
          failed: q.failed,
          result: q.result,
          ...(q.cursor ? { cursor: q.cursor } : {}),
          failures: q.failures.map((e) => ({ source: `row ${e.row}`, reason: describeRowError(e).replace(/^row \d+: /, "") })),
        }),
    });
    if (p.mode === "all" && result.failed > 0) {
      const n = result.failed.toLocaleString("en-US");
      const written = result.created + result.updated;
      await ctx.progress({ done: result.rows, total: result.rows, failed: result.failed, result });
      // A row refused only while writing (the check had passed: something changed the dataset
      // meanwhile) leaves the rows written before it; say so rather than claim nothing was.
      if (written > 0) throw new DomainError("invalid", `Stopped part-way: ${n} rows were refused while writing, after the check had passed (the dataset changed meanwhile); ${written.toLocaleString("en-US")} rows were written. The first refused is ${describeRowError(errors[0])}.`);
      throw new DomainError("invalid", `Nothing imported: ${n} of ${result.rows.toLocaleString("en-US")} rows are not valid (all-or-nothing). The first is ${describeRowError(errors[0])}.`);
    }
    await ctx.progress({ done: result.rows, total: result.rows, failed: result.failed, result });
    return result;
  } finally {
    // Done, failed or cancelled, the job will not run again; a crash (no finally) leaves the file for the resumed run.
    await removeUpload(p.file).catch(() => {});
  }
});
