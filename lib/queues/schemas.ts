// Annotation queues: the shapes forms and actions share. No server imports.
import { z } from "zod";
import { OBJECT_TYPES } from "../objects/kinds";

/** How long an opened item stays with its reviewer before others may take it. */
export const HOLD_MS = 10 * 60_000;

export const createQueueSchema = z.object({
  projectId: z.string().min(1),
  name: z
    .string()
    .trim()
    .min(1, "Enter a name")
    .max(80, "Names are at most 80 characters"),
  description: z.string().trim().max(500, "Descriptions are at most 500 characters").optional(),
  scoreConfigIds: z
    .union([z.string(), z.array(z.string())], { message: "Pick at least one score config" })
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])].filter(Boolean))
    .refine((v) => v.length > 0, "Pick at least one score config"),
});
export type CreateQueueInput = z.infer<typeof createQueueSchema>;

export const addItemsSchema = z.object({
  projectId: z.string().min(1),
  queueId: z.string().min(1, "Pick a queue"),
  objectType: z.enum(OBJECT_TYPES),
  objectIds: z.array(z.string().min(1).max(500)).min(1, "Select something to add").max(10_000, "At most 10,000 items at a time"),
});

/** "Select all matching" on the sessions table: the table's query string, re-read on the server. */
export const addMatchingSessionsSchema = z.object({
  projectId: z.string().min(1),
  queueId: z.string().min(1, "Pick a queue"),
  search: z.string().max(8000),
});

/** The reviewer's next item in a queue: the one they hold, else the first free one (after `afterItemId`). */
export const nextItemSchema = z.object({ projectId: z.string().min(1), queueId: z.string().min(1), afterItemId: z.string().min(1).optional() });

export const queueItemRefSchema = z.object({ projectId: z.string().min(1), itemId: z.string().min(1) });

/** One value per queue config; empty values are left unscored. */
export const completeItemSchema = z.object({
  projectId: z.string().min(1),
  itemId: z.string().min(1),
  values: z.array(
    z.object({
      configId: z.string().min(1),
      value: z.string().trim(),
      comment: z.string().trim().max(2000).optional(),
    }),
  ),
});

export interface QueueSummary {
  id: string;
  name: string;
  description: string | null;
  scoreConfigIds: string[];
  total: number;
  completed: number;
  createdAt: string;
}

export interface QueueProgress {
  total: number;
  completed: number;
  pending: number;
  /** Pending items currently held by a reviewer (hold not expired). */
  held: number;
  byReviewer: { userId: string; name: string; completed: number }[];
}
