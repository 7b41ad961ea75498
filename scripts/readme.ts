/**
 * Keeps the README's example programs equal to the files in examples/: a block that follows
 * `<!-- file: examples/x.ts -->` is that file. `npm run readme` rewrites the blocks;
 * tests/readme.spec.ts fails when they drift.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export const README_PATH = path.resolve(__dirname, "..", "README.md");
const EMBED = /<!-- file: (\S+) -->\n```ts\n[\s\S]*?```/g;

/** The README with every embedded example replaced by its file's current text. */
export function renderReadme(readme: string, root = path.dirname(README_PATH)): string {
    return readme.replace(EMBED, (_, file: string) => `<!-- file: ${file} -->\n\`\`\`ts\n${readFileSync(path.join(root, file), "utf8").trimEnd()}\n\`\`\``);
}

/** The example files the README embeds. */
export function embeddedFiles(readme: string): string[] {
    return [...readme.matchAll(EMBED)].map((m) => m[1]);
}

if (require.main === module) {
    writeFileSync(README_PATH, renderReadme(readFileSync(README_PATH, "utf8")));
}
