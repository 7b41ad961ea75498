/**
 * `npm test`: the type check, the lint and the specs at once, since each is a separate process and
 * the type check and lint mostly wait on their own TypeScript program. Each job's output is printed
 * whole when it ends, in a fixed order, then one closing line: `N passed, N failed`.
 */
import { spawn } from "node:child_process";

interface Job {
    name: string;
    command: string[];
}

const JOBS: Job[] = [
    { name: "typecheck", command: ["npx", "tsc", "--noEmit", "-p", "."] },
    { name: "lint", command: ["npx", "eslint", "."] },
    { name: "spec", command: ["npx", "mocha", "tests/**/*.spec.ts"] },
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
        const shown = output.split("\n").filter((line) => !/Unknown user config "nodedir"/.test(line)).join("\n").trim();
        console.log(`── ${job.name}: ${code === 0 ? "ok" : `failed (exit ${code})`}${shown ? `\n${shown}` : ""}\n`);
    }
    const spec = results.find((r) => r.job.name === "spec")!.output;
    const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(spec)?.[1] ?? 0);
    const failedChecks = results.filter((r) => r.job.name !== "spec" && r.code !== 0).length;
    console.log(`${count("passing")} passed, ${count("failing") + failedChecks} failed`);
    process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
}

void main();
