// ESLint: the recommended rule sets (JS, typescript-eslint without type
// information, Next) plus the layer rules of the README's Architecture section.
// typescript-eslint comes from the tools/lint workspace package, which gives it
// the TypeScript 6 JS API it needs (the project compiles with TypeScript 7).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "@loupe/lint";
import loupe from "@loupe/lint/client-boundary.mjs";

// lib/ is the layer below components/ and app/: it never imports them.
const LIB_IMPORTS_UPWARD = {
  group: ["@/components", "@/components/**", "@/app", "@/app/**", "**/components/**", "**/app/**"],
  message: "lib/ never imports components/ or app/: move the type or function into lib/ and import it from there.",
};

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "data/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    // Only the two classic hook rules (v7's "recommended" adds the React Compiler's), where React code lives.
    files: ["app/**", "components/**"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    plugins: { loupe },
    rules: {
      "loupe/client-boundary": "error",
      // `_`-prefixed names are deliberately unused (e.g. a destructured field left out).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["**/*.mjs"], // config files run on Node
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [LIB_IMPORTS_UPWARD] }] },
  },
);
