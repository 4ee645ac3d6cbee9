// "Run experiment" and the project's experiment endpoint: the shapes shared by
// the settings form, the dialog and the server. No server imports (the dialog
// and the settings section import this file).
import { z } from "zod";
import { jsonTextSchema } from "../datasets/schemas";
import { runNameSchema } from "./schemas";

export const TRIGGER_STATUSES = ["SENT", "REFUSED", "UNREACHABLE"] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];

/** Where the team's code listens: http or https, nothing else (no file:, no javascript:). */
export const endpointUrlSchema = z
  .string({ message: "must be text" })
  .trim()
  .min(1, "Enter the endpoint's URL")
  .max(2000, "URLs are at most 2,000 characters")
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a full URL, e.g. https://app.example.com/loupe/experiments" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: "must start with http:// or https://" });
    else if (!url.hostname) ctx.addIssue({ code: "custom", message: "must name a host" });
    // Credentials in the URL would be stored and shown in Settings and every trigger's record: the secret signs requests instead.
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: "must not contain a user name or password (the signing secret authenticates the request)" });
  });

const secretText = z
  .string({ message: "must be text" })
  .trim()
  .min(16, "Secrets are at least 16 characters (use Generate)")
  .max(200, "Secrets are at most 200 characters")
  .regex(/^[\x21-\x7e]+$/, "Use printable characters without spaces");

/** The settings form: an empty secret keeps the stored one (it is never sent back to the browser). */
export const endpointFormSchema = z.object({
  projectId: z.string().min(1),
  url: endpointUrlSchema,
  secret: z.union([z.literal(""), secretText]).optional(),
});
export type EndpointFormInput = z.output<typeof endpointFormSchema>;

export const projectRefSchema = z.object({ projectId: z.string().min(1) });

/** The dialog: a run name and an optional JSON payload handed to the team's code as is. */
export const triggerFormSchema = z.object({
  projectId: z.string().min(1),
  datasetId: z.string().min(1),
  runName: runNameSchema,
  // Handed to the team's code in the request body: a few settings, not data (that is the dataset).
  payload: z.string({ message: "must be text" }).max(100_000, "Payloads are at most 100,000 characters").optional().pipe(jsonTextSchema),
});
export type TriggerFormInput = z.output<typeof triggerFormSchema>;

/** What Settings shows of the endpoint: the URL and the secret's last 4 characters. */
export interface EndpointView {
  url: string | null;
  secretHint: string | null;
}

/** One "Run experiment" request and what came of it. */
export interface TriggerView {
  id: string;
  datasetId: string;
  runName: string;
  url: string;
  status: TriggerStatus;
  httpStatus: number | null;
  /** The first lines of the answer, or the network error: text, never HTML. */
  responseHead: string | null;
  createdAt: string;
  createdBy: string | null;
}

/** A secret as Settings shows it once saved. */
export function maskSecret(secret: string): string {
  return `••••${secret.slice(-4)}`;
}

/** 32 random bytes as hex with a recognisable prefix; Web Crypto, so the browser's Generate button and Node both run it. */
export function generateExperimentSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return `lxs_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A run name to start from: the date and time, so two runs of a day stay apart. */
export function defaultRunName(now = new Date()): string {
  return `run-${now.toISOString().slice(0, 16).replace("T", "-").replace(":", "")}`;
}
