/**
 * How the benchmarks measure: each measurement runs in a child process of its own (so its peak
 * RSS is its own), which reports back one marked JSON line on stdout; the parent keeps medians.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

export const REPO_DIR = path.resolve(__dirname, "..");

/** Prefixes the one line a child reports its result on; anything else it prints is ignored. */
export const RESULT_MARKER = "BENCH_RESULT ";

export interface ChildRun<R> {
    /** What the child reported, if it reported anything. */
    result?: R;
    /** From spawn to exit, as seen by the parent: process start-up included. */
    wallMs: number;
    exitCode: number | null;
    stderr: string;
}

export interface ChildOptions {
    /** Kill the child after this long. */
    timeoutMs?: number;
    /** Run `args` with plain `node`, without the TypeScript loader. */
    plainNode?: boolean;
    /** A child that must report a result; one that does not (or fails) rejects. Default true. */
    expectResult?: boolean;
    /** Where the child runs; the repository by default. */
    cwd?: string;
    /** Set in the child's environment, over this process's own. */
    env?: Record<string, string>;
}

/**
 * Runs `node -r ./scripts/register.js <args>` in the repository with the Node that runs
 * the benchmarks (`process.execPath`: the `node` devDependency under `npm run bench`).
 */
export function runChild<R>(args: readonly string[], options: ChildOptions = {}): Promise<ChildRun<R>> {
    const argv = options.plainNode ? [...args] : ["-r", "./scripts/register.js", ...args];
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, argv, { cwd: options.cwd ?? REPO_DIR, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
        child.on("error", reject);
        child.on("close", (exitCode) => {
            clearTimeout(timer);
            const run: ChildRun<R> = { result: parseResult<R>(stdout), wallMs: elapsedMs(started), exitCode, stderr };
            if ((options.expectResult ?? true) && (exitCode !== 0 || run.result === undefined)) {
                reject(new Error(`child \`node ${argv.join(" ")}\` ${exitCode === null ? "was killed (timeout?)" : `exited with ${exitCode}`} without a result:\n${tail(stderr)}`));
                return;
            }
            resolve(run);
        });
    });
}

/** The result a child reported with `reportResult`, if any. */
export function parseResult<R>(stdout: string): R | undefined {
    const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
    return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as R);
}

/** In a child: hands the parent its result. */
export function reportResult(result: unknown): void {
    process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** The median; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
    if (values.length === 0) throw new RangeError("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function elapsedMs(started: bigint): number {
    return Number(process.hrtime.bigint() - started) / 1e6;
}

/** This process's peak resident set so far, in MiB (`maxRSS` is in KiB). */
export function peakRssMb(): number {
    return process.resourceUsage().maxRSS / 1024;
}

export function rssMb(): number {
    return process.memoryUsage().rss / 2 ** 20;
}

/** Runs `measure` `times` times, one after the other (never in parallel: the cores are shared). */
export async function repeat<T>(times: number, measure: (rep: number) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (let rep = 0; rep < times; rep++) results.push(await measure(rep));
    return results;
}

function tail(text: string, lines = 15): string {
    return text.trim().split("\n").slice(-lines).join("\n");
}
