"use server";
// The promote dialog's server side: the preview's source, an inline "new
// dataset", and the promotion itself (in the request, or queued as a job).
// Bulk promotion from the traces table goes through lib/traces/actions.ts.
import { projectAction } from "../auth/action-guard";
import { createDataset } from "./datasets";
import { inlineDatasetSchema, previewSourceSchema, promoteObservationViewSchema, promoteSourcesSchema } from "./promote-schemas";
import { previewSource } from "./promote-queries";
import { startPromotion } from "./promote-run";

/** The source the preview maps: what promotion itself would read. */
export const loadPromotionSource = projectAction({ input: previewSourceSchema, permission: "read" }, async ({ input, db }) => ({
  source: await previewSource(db, input.projectId, input.source),
}));

export const createDatasetInline = projectAction({ input: inlineDatasetSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  const ds = await createDataset(db, input.projectId, { name: input.name, description: input.description || null });
  return { id: ds.id, name: ds.name };
});

/** One trace, one observation, or the rows ticked: promoted now, or queued when there are many. */
export const promoteSources = projectAction({ input: promoteSourcesSchema, permission: "annotate", refresh: "traces" }, async ({ input, access, db }) =>
  startPromotion(db, input.projectId, access.user.id, input.promotion, { refs: input.sources.map((s) => ({ traceId: s.traceId, observationId: s.observationId ?? null })) }),
);

/** Every observation matching the observations list's filter: re-read on the server, walked by id in a job when many. */
export const promoteObservationView = projectAction({ input: promoteObservationViewSchema, permission: "annotate", refresh: "traces" }, async ({ input, access, db }) =>
  startPromotion(db, input.projectId, access.user.id, input.promotion, { observationView: input.view, now: new Date().toISOString() }),
);
