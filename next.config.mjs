/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (e.g. parallel work trees of one checkout) coexist.
  distDir: process.env.LOUPE_DIST_DIR || ".next",
  // Native and WebAssembly-backed packages load from node_modules at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/schema-engine-wasm",
    "protobufjs",
  ],
  poweredByHeader: false,
  // Headers that never vary, on every response including static files; the CSP
  // (a nonce per page) and HSTS (only over HTTPS) are set in proxy.ts.
  // Same values as STATIC_SECURITY_HEADERS in lib/http/security-headers.ts (a test compares them).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
        ],
      },
    ];
  },
  // The links the Langfuse SDKs print (getTraceUrl, runExperiment's datasetRunUrl and
  // format()) are Langfuse's /project/<id>/… pages: each leads to Loupe's own page.
  async redirects() {
    return [
      { source: "/project/:project/traces/:traceId", destination: "/:project/traces/:traceId", permanent: false },
      { source: "/project/:project/datasets/:datasetId/runs/:runId", destination: "/:project/datasets/:datasetId/runs/:runId", permanent: false },
      { source: "/project/:project/datasets/:datasetId/items/:itemId", destination: "/:project/datasets/:datasetId/items/:itemId", permanent: false },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "10mb" },
  },
};

export default nextConfig;
