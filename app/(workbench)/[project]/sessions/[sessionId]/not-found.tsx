import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function SessionNotFound() {
  return (
    <div className="page">
      <EmptyState
        title="Session not found"
        description="No trace of this project carries that session id."
        action={
          <Link className="btn btn-secondary btn-sm" href="../sessions">
            Back to sessions
          </Link>
        }
      />
    </div>
  );
}
