// "Run experiment" in a dataset's header: reads whether the project has an
// experiment endpoint, so the page places it with one line.
import { experimentEndpoint } from "@/lib/experiments/trigger-queries";
import { RunExperimentDialog } from "./run-experiment-dialog";

export async function RunExperiment({ projectId, datasetId, datasetName }: { projectId: string; datasetId: string; datasetName: string }) {
  const endpoint = await experimentEndpoint(projectId);
  return <RunExperimentDialog projectId={projectId} datasetId={datasetId} datasetName={datasetName} endpointUrl={endpoint.url && endpoint.secretHint ? endpoint.url : null} />;
}
