import { db, provider } from "./db/client";
import pkg from "../package.json" with { type: "json" };

export async function checkHealth(): Promise<{ status: "ok" | "error"; version: string; database: string; message?: string }> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { status: "ok", version: pkg.version, database: provider };
  } catch (err) {
    console.error("[health] database check failed", err);
    return { status: "error", version: pkg.version, database: provider, message: "database unreachable" };
  }
}
