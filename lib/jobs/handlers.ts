// Every job kind's handler, registered in one place: the boot hook imports this
// module, so a queued job finds its handler whichever request queued it.
import "server-only";

// Each domain module registers its own kind when imported:
import "../datasets/promote-job"; // PROMOTE
import "../datasets/import/job"; // IMPORT
// import "../datasets/rules/backfill-job"; (RULE_BACKFILL)
import "../datasets/rules/backfill-job";
import "../evals/job"; // EVAL_RUN
import "../analytics/rollups/backfill-job"; // ROLLUP_BACKFILL
import "../retention/sweep"; // RETENTION
export {};
