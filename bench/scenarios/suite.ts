/**
 * `npm test` here, as a reviewer runs it (its jobs run at once: scripts/test.ts), timed from start
 * to exit; the time of each job comes from the `<job> finished in <s> s` lines it prints. Not run
 * with --quick.
 */
import { spawn } from "node:child_process";
import { elapsedMs, REPO_DIR } from "../measure";
import { Scenario, target } from "./scenario";

interface NpmTest {
    ms: number;
    exitCode: number | null;
    /** Seconds per job, as `npm test` reports them. */
    jobs: Record<string, number>;
    /** Its closing line, e.g. `820 passed, 0 failed`. */
    verdict?: string;
}

/** With the npm that started the benchmarks when there is one. */
function npmTest(): Promise<NpmTest> {
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm, "test"]] : ["npm", ["test"]];
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(command, args, { cwd: REPO_DIR, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (exitCode) => resolve({
            ms: elapsedMs(started),
            exitCode,
            jobs: Object.fromEntries([...stderr.matchAll(/^(\S+) finished in ([\d.]+) s$/gm)].map((m) => [m[1], Number(m[2])])),
            verdict: /^\d+ passed, \d+ failed$/m.exec(stdout)?.[0],
        }));
    });
}

export const suite: Scenario = {
    name: "suite",
    title: "npm test",
    async run({ quick, progress }) {
        if (quick) {
            return { section: { skipped: "--quick" }, targets: [target("npm test ≤ 60 s", null, 60, "s", "not run with --quick")], table: [["npm test", "skipped (--quick)"]] };
        }
        progress("npm test");
        const run = await npmTest();
        return {
            section: run,
            targets: [target("npm test ≤ 60 s", run.ms / 1000, 60, "s", run.exitCode === 0 ? undefined : `it failed (exit ${run.exitCode}); timed anyway`)],
            table: [
                ["job (run at once)", "time"],
                ...Object.entries(run.jobs).map(([job, seconds]) => [job, `${seconds.toFixed(1)} s`]),
                ["npm test", `${(run.ms / 1000).toFixed(1)} s${run.verdict ? ` (${run.verdict})` : ""}${run.exitCode === 0 ? "" : ` FAILED, exit ${run.exitCode}`}`],
            ],
        };
    },
};
