// A dataset's export as a streamed HTTP response: items read a page at a time
// with a keyset cursor (listItemsAfter), each page written out before the next
// is read, so a 100,000-item export never holds more than one page.
import "server-only";
import type { Db } from "../../db/client";
import { listItemsAfter, type ItemCursor } from "../item-list";
import type { DatasetView, ItemView } from "../schemas";
import { csvHeader, csvLine, EXPORT_CONTENT_TYPES, exportFileName, jsonlLine, openaiLine, type ExportQuery } from "./format";

const PAGE = 500;

/** Every item of the filter, a page at a time. */
export async function* exportPages(client: Db, dataset: DatasetView, q: Omit<ExportQuery, "format">): AsyncGenerator<ItemView[]> {
  const filter = { search: q.search, status: q.status, origin: q.origin };
  let after: ItemCursor | null = null;
  do {
    const page: { items: ItemView[]; next: ItemCursor | null } = await listItemsAfter(client, dataset.projectId, dataset.id, filter, after, PAGE);
    if (page.items.length) yield page.items;
    after = page.next;
  } while (after);
}

/**
 * Items the OpenAI format must skip. Counted in a first pass, because the count
 * goes in a response header (X-Loupe-Skipped) and JSONL has no room for a
 * trailer; the pass costs about as much as the export itself.
 */
async function countUnshapeable(client: Db, dataset: DatasetView, q: ExportQuery): Promise<{ skipped: number; total: number }> {
  let skipped = 0;
  let total = 0;
  for await (const page of exportPages(client, dataset, q)) {
    total += page.length;
    for (const item of page) if (openaiLine(item) === null) skipped++;
  }
  return { skipped, total };
}

export async function exportResponse(client: Db, dataset: DatasetView, q: ExportQuery): Promise<Response> {
  const headers = new Headers({
    "Content-Type": EXPORT_CONTENT_TYPES[q.format],
    "Content-Disposition": contentDisposition(exportFileName(dataset.name, q.format)),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (q.format === "openai") {
    const { skipped, total } = await countUnshapeable(client, dataset, q);
    headers.set("X-Loupe-Skipped", String(skipped));
    headers.set("X-Loupe-Exported", String(total - skipped));
  }
  const line = q.format === "csv" ? csvLine : q.format === "openai" ? openaiLine : jsonlLine;
  const pages = exportPages(client, dataset, q);
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && q.format === "csv") controller.enqueue(encoder.encode(csvHeader()));
      started = true;
      const next = await pages.next();
      if (next.done) return controller.close();
      let text = "";
      for (const item of next.value) text += line(item) ?? "";
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(body, { headers });
}

/** attachment; filename="…" (ASCII) plus filename*=UTF-8''… (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
