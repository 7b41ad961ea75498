/**
 * `npm test`: the type check, the lint and the specs at once, since each is a separate process and
 * the type check and lint mostly wait on their own TypeScript program. Each job's output is printed
 * whole when it ends, in a fixed order, then one closing line: `N passed, N failed`.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

interface Job {
    name: string;
    command: string[];
}

/** A package's command run by this Node directly: npx would start npm first, for each job. */
function bin(pkg: string, name: string, ...args: string[]): string[] {
    const manifest = require.resolve(`${pkg}/package.json`);
    const { bin: bins } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> };
    return [process.execPath, join(dirname(manifest), bins[name]), ...args];
}

const JOBS: Job[] = [
    { name: "typecheck", command: bin("typescript", "tsc", "--noEmit", "-p", ".") },
    { name: "lint", command: bin("eslint", "eslint", ".") },
    { name: "spec", command: bin("mocha", "mocha", "--no-color", "tests/**/*.spec.ts") },
];

function run(job: Job): Promise<{ job: Job; code: number; output: string }> {
    return new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(job.command[0], job.command.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (code) => {
            process.stderr.write(`${job.name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
            resolve({ job, code: code ?? 1, output });
        });
    });
}

async function main(): Promise<void> {
    const results = await Promise.all(JOBS.map(run));
    for (const { job, code, output } of results) {
        const shown = output.trim();
        console.log(`── ${job.name}: ${code === 0 ? "ok" : `failed (exit ${code})`}${shown ? `\n${shown}` : ""}\n`);
    }
    const spec = results.find((r) => r.job.name === "spec")!.output;
    const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(spec)?.[1] ?? 0);
    const failedChecks = results.filter((r) => r.job.name !== "spec" && r.code !== 0).length;
    console.log(`${count("passing")} passed, ${count("failing") + failedChecks} failed`);
    process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
}

void main();
