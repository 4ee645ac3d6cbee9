// What to do when a dataset has no runs: run it with the SDK (either
// generation), or from the UI once an experiment endpoint is set.
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export function RunsEmpty({ projectId, datasetName }: { projectId: string; datasetName: string }) {
  const name = JSON.stringify(datasetName);
  const v5 = `import { LangfuseClient } from "@langfuse/client";

const langfuse = new LangfuseClient();
const dataset = await langfuse.dataset.get(${name});
await dataset.runExperiment({
  name: "my-agent",
  runName: "release-42",
  task: async (item) => myAgent(item.input),
  evaluators: [/* ({ output, expectedOutput }) => ({ name, value }) */],
});`;
  const v3 = `const dataset = await langfuse.getDataset(${name});
for (const item of dataset.items) {
  const trace = langfuse.trace({ name: "my-agent" });
  trace.update({ output: await myAgent(item.input) });
  await item.link(trace, "release-42", { description: "what changed" });
}`;
  return (
    <EmptyState
      className="runs-empty-state"
      title="No runs yet"
      description={
        <div className="runs-empty">
          <p>
            A run is your application answering every item of this dataset once. Point a Langfuse SDK at Loupe (your project’s API keys, base URL this server) and run the dataset; the run appears
            here as its items are linked.
          </p>
          <p className="strong">@langfuse/client 5.x with @langfuse/otel</p>
          <pre className="code">{v5}</pre>
          <p className="strong">langfuse 3.x</p>
          <pre className="code">{v3}</pre>
          <p>
            Or start a run from here with “Run experiment”, once your application’s experiment endpoint is set in{" "}
            <Link className="link" href={`/${encodeURIComponent(projectId)}/settings`}>
              Settings
            </Link>
            .
          </p>
        </div>
      }
    />
  );
}
