import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function TraceNotFound() {
  return (
    <div className="page">
      <EmptyState
        title="Trace not found"
        description="It may have been deleted, or the link points to another project."
        action={
          <Link className="btn btn-secondary btn-sm" href="../traces">
            Back to traces
          </Link>
        }
      />
    </div>
  );
}
