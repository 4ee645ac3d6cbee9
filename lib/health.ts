import { db, provider } from "./db/client";
import pkg from "../package.json" with { type: "json" };

// Langfuse's health answer: status "OK" (the SDKs check it), else a sentence and 503.
export async function checkHealth(): Promise<{ status: string; healthy: boolean; version: string; database: string }> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { status: "OK", healthy: true, version: pkg.version, database: provider };
  } catch (err) {
    console.error("[health] database check failed", err);
    return { status: "Database not available", healthy: false, version: pkg.version, database: provider };
  }
}
