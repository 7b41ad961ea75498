/** The package's `crosscloud` bin in a child process, as a user runs it, and what a user error must look like. */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the package's `crosscloud` bin with the Node running mocha (the project's Node 22, not the machine's). */
export function crosscloud(...args: string[]): Promise<Run> {
    return node([MANIFEST.bin.crosscloud, ...args]);
}

/** Node, from the repository's root, with these arguments. */
export function node(nodeArgs: string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, nodeArgs, { cwd: ROOT });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

/** The error and its fix, and no stack trace. */
export function assertUserError(run: Run, status: number, ...mentions: RegExp[]): void {
    assert.equal(run.status, status, run.stderr);
    assert.match(run.stderr, /^error: .+\n {2}\S.+/m);
    for (const mention of mentions) assert.match(run.stderr, mention);
    assert.doesNotMatch(run.stderr, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
}
