// Next.js calls register() once when the server starts: background work
// (jobs, promotion rules) runs in the Node.js server process only.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startBackgroundWork } = await import("./lib/jobs/boot");
    startBackgroundWork();
  }
}
