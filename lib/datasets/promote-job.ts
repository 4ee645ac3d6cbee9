// The PROMOTE job: a bulk promotion in chunks of ~500 sources. After each chunk
// it saves its progress and a cursor that carries the running totals, so a
// job a restart interrupted resumes after the last finished chunk with the
// same counts. Idempotent anyway: a source already in the dataset is skipped.
import "server-only";
import { registerJobHandler, type JobContext } from "../jobs/runner";
import { promote } from "./promote";
import { requireDatasets, resultView, type PromoteJobParams } from "./promote-run";
import { selectionPage, type SelectionCursor } from "./promote-select";
import type { PromotionResultView } from "./promote-schemas";

const CHUNK = 500;

interface Cursor extends SelectionCursor {
  done: number;
  failed: number;
  added: number;
  updated: number;
  skipped: number;
}

function readCursor(raw: string | null): Cursor {
  const zero: Cursor = { done: 0, failed: 0, added: 0, updated: 0, skipped: 0 };
  if (!raw) return zero;
  try {
    return { ...zero, ...(JSON.parse(raw) as Partial<Cursor>) };
  } catch {
    return zero;
  }
}

export async function runPromoteJob(ctx: JobContext<PromoteJobParams>): Promise<Omit<PromotionResultView, "failures">> {
  const { client, job } = ctx;
  const { spec, selection } = job.params;
  const datasets = await requireDatasets(client, job.projectId, spec.datasetIds);
  const size = job.params.chunk ?? CHUNK;
  let at = readCursor(job.cursor);
  const result = () => ({ added: at.added, updated: at.updated, skipped: at.skipped });
  for (let page: SelectionCursor | null = at; page; ) {
    const { refs, next } = await selectionPage(client, job.projectId, selection, page, size);
    if (!refs.length) break;
    const outcome = resultView(
      await promote(client, datasets, refs, spec.mapping, { actorUserId: job.createdByUserId, origin: "PROMOTION", onExisting: spec.onExisting }),
      datasets,
    );
    at = {
      after: next?.after ?? null,
      offset: next?.offset,
      done: at.done + refs.length,
      failed: at.failed + outcome.failures.length,
      added: at.added + outcome.added,
      updated: at.updated + outcome.updated,
      skipped: at.skipped + outcome.skipped,
    };
    // The matching set can grow while the job runs; the total follows what was found.
    await ctx.progress({ done: at.done, failed: at.failed, cursor: JSON.stringify(at), result: result(), failures: outcome.failures });
    page = next;
  }
  // A last page exactly `size` long leaves an empty page after it: the total is settled here then.
  await ctx.progress({ done: at.done, total: at.done, failed: at.failed });
  return result();
}

registerJobHandler<PromoteJobParams>("PROMOTE", runPromoteJob);
