"use server";
// Queue actions, made with the one action builder: the work is in lib/queues.
import { projectAction, projectFormAction } from "../auth/action-guard";
import { unwrap } from "../errors";
import { typedValues } from "../scores/reviewer";
import { matchingSessionIds } from "../sessions/list";
import { parseSessionView } from "../sessions/filter";
import { queryToRecord } from "../query/url";
import { addItems, createQueue } from "./items";
import { claimNext, completeItem, openItem, previousItem, skipItem } from "./review";
import { addItemsSchema, addMatchingSessionsSchema, completeItemSchema, createQueueSchema, nextItemSchema, queueItemRefSchema } from "./schemas";

export const addItemsToQueue = projectAction({ input: addItemsSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) =>
  unwrap(await addItems(db, input.projectId, input.queueId, input.objectType, input.objectIds)),
);

/** "Select all matching" on the sessions table: the filter is re-read from the table's query string. */
export const addMatchingSessionsToQueue = projectAction({ input: addMatchingSessionsSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  // The table's own reading of its query string (lib/sessions/filter.ts): same conditions, same time range.
  const { filter } = parseSessionView(queryToRecord(input.search));
  const ids = await matchingSessionIds(db, input.projectId, filter);
  if (!ids.length) return { added: 0 };
  return unwrap(await addItems(db, input.projectId, input.queueId, "SESSION", ids));
});

export const createAnnotationQueue = projectFormAction({ input: createQueueSchema, permission: "annotate", refresh: "project" }, async ({ input, db }) => {
  const { projectId, ...rest } = input;
  return unwrap(await createQueue(db, projectId, rest));
});

/** The reviewer's next item: the one they hold, else the first free one (after `afterItemId`). */
export const nextQueueItem = projectAction({ input: nextItemSchema, permission: "annotate" }, async ({ input, access, db }) => {
  const item = await claimNext(db, input.projectId, input.queueId, access.user.id, { afterItemId: input.afterItemId });
  return { itemId: item?.id ?? null };
});

export const previousQueueItem = projectAction({ input: queueItemRefSchema, permission: "annotate" }, async ({ input, access, db }) => {
  const item = await previousItem(db, input.projectId, input.itemId, access.user.id);
  return { itemId: item?.id ?? null };
});

/** Holds the item the reviewer opened (when free); the page shows who holds it otherwise. */
export const holdQueueItem = projectAction({ input: queueItemRefSchema, permission: "annotate" }, async ({ input, access, db }) => {
  const { heldBy } = await openItem(db, input.projectId, input.itemId, access.user.id);
  return { held: heldBy === access.user.id };
});

export const skipQueueItem = projectAction({ input: queueItemRefSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const next = await skipItem(db, input.projectId, input.itemId, access.user.id);
  return { itemId: next?.id ?? null };
});

export const completeQueueItem = projectAction({ input: completeItemSchema, permission: "annotate", refresh: "project" }, async ({ input, access, db }) => {
  const values = await typedValues(db, input.projectId, input.values.filter((v) => v.value !== ""));
  const { next } = await completeItem(db, input.projectId, input.itemId, access.user.id, values);
  return { itemId: next?.id ?? null };
});
