// Runs in the browser before the app's own code (Next's instrumentation-client hook).
// zod compiles object parsers with `new Function` unless told not to, and probes
// for that when a schema is created; under the CSP (no 'unsafe-eval', proxy.ts)
// the probe is a reported violation. Forms parse small objects: the interpreter is plenty.
import { config } from "zod";

config({ jitless: true });
