// ESLint rule `loupe/client-boundary`: a "use client" module is bundled for the
// browser, so it must not import the database layer or any module marked
// `import "server-only"`. A directive cannot be matched by a file glob, so the
// rule reads it from the file itself, and follows each "@/..." or relative
// import to its file to see whether that file starts with `import "server-only"`.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];
const SERVER_ONLY = /^\s*import\s+["']server-only["']/m;
const serverOnlyCache = new Map();

function resolveImport(spec, fromFile, root) {
  let base;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(fromFile), spec);
  else return null; // packages: "server-only" itself is matched by name
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function isServerOnly(file) {
  if (!serverOnlyCache.has(file)) serverOnlyCache.set(file, SERVER_ONLY.test(readFileSync(file, "utf8")));
  return serverOnlyCache.get(file);
}

function isDbModule(file, root) {
  const rel = path.relative(root, file).split(path.sep).join("/");
  return rel === "lib/db" || rel.startsWith("lib/db/") || rel.startsWith("lib/db.");
}

/** @type {import("eslint").Rule.RuleModule} */
export const clientBoundary = {
  meta: {
    type: "problem",
    docs: { description: '"use client" files never import lib/db or server-only modules' },
    messages: {
      serverImport: '"use client" file imports {{what}} ("{{spec}}"): pass the data in as props or call a server action instead',
    },
    schema: [],
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClient = body.some(
      (node, i) => node.type === "ExpressionStatement" && node.directive === "use client" && body.slice(0, i).every((n) => n.directive),
    );
    if (!isClient) return {};
    const root = context.cwd;
    function check(node, source) {
      if (!source || typeof source.value !== "string") return;
      if (node.importKind === "type" || node.exportKind === "type") return; // erased at compile time
      const spec = source.value;
      let what = null;
      if (spec === "server-only") what = "server-only";
      else {
        const file = resolveImport(spec, context.filename, root);
        if (file && isDbModule(file, root)) what = "the database layer";
        else if (file && isServerOnly(file)) what = "a server-only module";
      }
      if (what) context.report({ node: source, messageId: "serverImport", data: { what, spec } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source : null),
    };
  },
};

export default { rules: { "client-boundary": clientBoundary } };
