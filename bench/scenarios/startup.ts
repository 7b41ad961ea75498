/**
 * Start-up: loading the package's build vs loading the Pulumi SDK modules it uses, and `npm start`
 * (the built CLI planning the example estate) vs that same bare SDK load. Each load runs in a fresh
 * `node -e …` process, with no TypeScript loader (nothing here is TypeScript any more); repetitions
 * interleave the three so load on the shared machine hits them alike.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { median, REPO_DIR, repeat, RESULT_MARKER, runChild } from "../measure";
import { Scenario, target } from "./scenario";

interface LoadResult {
    /** In-process: `process.hrtime` around the requires. */
    ms: number;
    /** RSS right after. */
    rssMb: number;
}

interface LoadRun extends LoadResult {
    /** The whole child process, node and TypeScript loader start-up included. */
    processMs: number;
}

/**
 * The `@pulumi/*` modules the components import at run time (type-only imports are erased), read
 * from their source so the list cannot drift from the code.
 */
export function pulumiModulesImported(dir: string): string[] {
    const modules = new Set<string>();
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
        const source = fs.readFileSync(path.join(dir, file), "utf8");
        for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?\bfrom\s+"(@pulumi\/[^"]+)"/gm)) modules.add(match[1]);
    }
    return [...modules].sort();
}

/** The `-e` program of a load child: requires `modules` and reports how long that took. */
export function loadProgram(modules: readonly string[]): string {
    const requires = modules.map((m) => `require(${JSON.stringify(m)});`).join(" ");
    return [
        "const started = process.hrtime.bigint();",
        requires,
        "const ms = Number(process.hrtime.bigint() - started) / 1e6;",
        `process.stdout.write(${JSON.stringify(RESULT_MARKER)} + JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 2 ** 20 }) + "\\n");`,
    ].join(" ");
}

async function load(modules: readonly string[]): Promise<LoadRun> {
    const run = await runChild<LoadResult>(["-e", loadProgram(modules)], { plainNode: true });
    return { ...run.result!, processMs: run.wallMs };
}

/** `npm start` is `node lib/cli/main.js plan`; run without npm's own start-up, SVGs to a temporary folder. */
async function npmStart(out: string): Promise<{ processMs: number; exitCode: number | null }> {
    const run = await runChild(["lib/cli/main.js", "plan", "--out", out], { expectResult: false, plainNode: true, timeoutMs: 300_000 });
    if (run.exitCode !== 0) throw new Error(`npm start (lib/cli/main.js plan) exited with ${run.exitCode}:\n${run.stderr.slice(-2000)}`);
    return { processMs: run.wallMs, exitCode: run.exitCode };
}

const summary = (runs: LoadRun[]) => ({
    medianMs: median(runs.map((r) => r.ms)),
    medianRssMb: median(runs.map((r) => r.rssMb)),
    medianProcessMs: median(runs.map((r) => r.processMs)),
    runs,
});

export const startup: Scenario = {
    name: "startup",
    title: "start-up",
    async run({ quick, progress }) {
        const sdkModules = pulumiModulesImported(path.join(REPO_DIR, "components"));
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "crosscloud-bench-"));
        const entryRuns: LoadRun[] = [];
        const sdkRuns: LoadRun[] = [];
        const startRuns: { processMs: number }[] = [];
        try {
            await repeat(quick ? 1 : 5, async (rep) => {
                progress(`start-up, repetition ${rep + 1}`);
                entryRuns.push(await load(["./lib/index.js"]));
                sdkRuns.push(await load(sdkModules));
                if (!quick) startRuns.push(await npmStart(out));
            });
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
        const entry = summary(entryRuns);
        const sdk = summary(sdkRuns);
        const npmStartMs = startRuns.length > 0 ? median(startRuns.map((r) => r.processMs)) : null;
        const section = {
            sdkModules,
            entry,
            bareSdk: sdk,
            entryOverSdk: entry.medianMs / sdk.medianMs,
            npmStart: { command: "node lib/cli/main.js plan", medianProcessMs: npmStartMs, runs: startRuns },
            npmStartOverSdk: npmStartMs === null ? null : npmStartMs / sdk.medianProcessMs,
        };
        const row = (what: string, load: ReturnType<typeof summary>) =>
            [what, `${load.medianMs.toFixed(0)} ms`, `${load.medianRssMb.toFixed(0)} MiB`, `${load.medianProcessMs.toFixed(0)} ms`];
        return {
            section,
            targets: [target("npm start ≤ 1.3 × bare SDK load (process wall time)", section.npmStartOverSdk, 1.3, "×",
                npmStartMs === null ? "not run with --quick" : undefined)],
            table: [
                ["load", "in-process", "RSS after", "process"],
                row("require(\"./lib/index.js\") (the build)", entry),
                row(`bare SDK modules (${sdkModules.length})`, sdk),
                ["npm start (plan the estate)", "", "", npmStartMs === null ? "skipped (--quick)" : `${npmStartMs.toFixed(0)} ms`],
                ["entry ÷ bare SDK (in-process)", `${section.entryOverSdk.toFixed(2)}×`, "", ""],
            ],
        };
    },
};
