// How this repo's own scripts, specs and CLI load TypeScript: ts-node, transpile-only, with swc as
// the transpiler. TypeScript's transpiler costs each process about a second to warm up; swc does
// the same per-file work natively. Type errors are `tsc --noEmit`'s job (npm test runs it).
// Pulumi's own hosts keep their ts-node set-up: this file is not in tsconfig's "ts-node" section.
require("ts-node").register({ swc: true, project: require("node:path").join(__dirname, "../tsconfig.json") });
