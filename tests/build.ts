/**
 * The specs run some code from the build, as users run it: the `crosscloud` bin, the policy pack
 * Pulumi hosts, and every program that imports `@crosscloud/interconnect` (examples/, stacks/; the
 * package's self-reference resolves to lib/). Mocha requires this file first: when a product source
 * is newer than the build, it builds, so no spec ever runs a stale lib/.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

/** What `npm run build` compiles (tsconfig.build.json's include). */
const PRODUCT = ["index.ts", "sdk", "components", "policy", "offline", "cli", "tsconfig.build.json", "tsconfig.json"];

export function ensureBuilt(): void {
    const built = path.join(ROOT, "lib", "index.js");
    if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource()) return;
    const result = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
    // tsc leaves files it did not rewrite alone: mark the build as at least as new as its sources.
    const now = new Date();
    fs.utimesSync(built, now, now);
}

function newestSource(): number {
    return Math.max(...PRODUCT.map((entry) => path.join(ROOT, entry)).flatMap((entry) => {
        if (fs.statSync(entry).isFile()) return [fs.statSync(entry).mtimeMs];
        return fs.readdirSync(entry, { recursive: true, encoding: "utf8" })
            .filter((f) => f.endsWith(".ts"))
            .map((f) => fs.statSync(path.join(entry, f)).mtimeMs);
    }));
}

ensureBuilt();
