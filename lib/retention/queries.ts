// Retention reads for pages (the process-wide client).
import "server-only";
import { db } from "../db/client";
import { getRetention } from "./settings";

export const retentionSettings = (projectId: string) => getRetention(db, projectId);
