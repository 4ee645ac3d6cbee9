// typescript-eslint parses with TypeScript's JS API, which TypeScript 7 (the
// native compiler the project builds with) does not have. Installed from this
// workspace package, typescript-eslint resolves `typescript` to the 6.x copy in
// tools/lint/node_modules, while the root `typescript` stays 7.x for `tsc`.
export { default } from "typescript-eslint";
