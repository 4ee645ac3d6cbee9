// The parse thread: decodes, validates and maps ingestion request bodies
// (parse-request.ts) off the event loop that serves pages, on the second core.
import { parseRequest, type ParseRequest } from "../parse-request";
import { serve } from "../threads/serve";

serve((req: ParseRequest) => parseRequest(req));
