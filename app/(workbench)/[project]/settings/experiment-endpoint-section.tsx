// Settings → Experiment endpoint: where "Run experiment" sends its signed
// request. Reads its own data, so the settings page places it with one line.
import { experimentEndpoint } from "@/lib/experiments/trigger-queries";
import { ExperimentEndpointForm } from "./experiment-endpoint-form";

export async function ExperimentEndpointSection({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const endpoint = await experimentEndpoint(projectId);
  return (
    <section className="card section" id="experiment-endpoint" aria-labelledby="experiment-endpoint-title">
      <div className="card-head">
        <h2 className="card-title" id="experiment-endpoint-title">
          Experiment endpoint
        </h2>
        <p className="muted small">
          “Run experiment” on a dataset POSTs <code>{"{ projectId, datasetId, datasetName, runName, payload }"}</code> here, signed with the secret
          (<code>x-loupe-signature: sha256=…</code>, an HMAC-SHA256 of the body). Your code runs the items with the SDK and links them; the run fills in on
          the dataset’s Runs tab.
        </p>
      </div>
      <div className="card-body">
        <ExperimentEndpointForm projectId={projectId} canManage={canManage} endpoint={endpoint} />
      </div>
    </section>
  );
}
