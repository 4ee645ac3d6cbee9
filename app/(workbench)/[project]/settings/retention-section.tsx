// Settings → Retention: how long traces are kept, what expiry deletes, and the
// last sweep (its progress while it runs). Reads its own data, so the settings
// page places it with one line.
import { retentionSettings } from "@/lib/retention/queries";
import { RetentionForm } from "./retention-form";

export async function RetentionSection({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const view = await retentionSettings(projectId);
  return (
    <section className="card section" id="retention" aria-labelledby="retention-title">
      <div className="card-head">
        <h2 className="card-title" id="retention-title">
          Retention
        </h2>
        <p className="muted small">
          {view.retentionDays
            ? `Traces older than ${view.retentionDays.toLocaleString("en-US")} day${view.retentionDays === 1 ? "" : "s"} (by trace timestamp) are deleted daily`
            : "Traces are kept forever. With a retention of N days, traces older than N days (by trace timestamp) are deleted daily"}
          , with their observations, scores, comments and queue items. The sweep runs in the background in small batches, so ingestion goes on
          meanwhile; the database file does not shrink by itself (see the README on VACUUM).
        </p>
      </div>
      <div className="card-body">
        <RetentionForm projectId={projectId} canManage={canManage} view={view} />
      </div>
    </section>
  );
}
