/**
 * `npm test` here: its three steps (type check, lint, specs) run and timed one after the other,
 * as `npm test` chains them. Not run with --quick.
 */
import { spawn } from "node:child_process";
import { elapsedMs, REPO_DIR } from "../measure";
import { Scenario, target } from "./scenario";

const STEPS = ["typecheck", "lint", "spec"] as const;

interface StepRun {
    step: string;
    ms: number;
    exitCode: number | null;
}

/** `npm run <script>`, with the npm that started the benchmarks when there is one. */
function npmRun(script: string): Promise<StepRun> {
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm, "run", "--silent", script]] : ["npm", ["run", "--silent", script]];
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(command, args, { cwd: REPO_DIR, stdio: "ignore" });
        child.on("error", reject);
        child.on("close", (exitCode) => resolve({ step: script, ms: elapsedMs(started), exitCode }));
    });
}

export const suite: Scenario = {
    name: "suite",
    title: "npm test",
    async run({ quick, progress }) {
        if (quick) {
            return { section: { skipped: "--quick" }, targets: [target("npm test ≤ 60 s", null, 60, "s", "not run with --quick")], table: [["npm test", "skipped (--quick)"]] };
        }
        const steps: StepRun[] = [];
        for (const step of STEPS) {
            progress(`npm run ${step}`);
            steps.push(await npmRun(step));
        }
        const totalMs = steps.reduce((sum, s) => sum + s.ms, 0);
        const failed = steps.filter((s) => s.exitCode !== 0).map((s) => s.step);
        return {
            section: { steps, totalMs, passed: failed.length === 0 },
            targets: [target("npm test ≤ 60 s", totalMs / 1000, 60, "s", failed.length > 0 ? `failing steps (timed anyway): ${failed.join(", ")}` : undefined)],
            table: [
                ["step", "time", "exit"],
                ...steps.map((s) => [`npm run ${s.step}`, `${(s.ms / 1000).toFixed(1)} s`, String(s.exitCode)]),
                ["npm test (sum)", `${(totalMs / 1000).toFixed(1)} s`, failed.length === 0 ? "passed" : "FAILED"],
            ],
        };
    },
};
