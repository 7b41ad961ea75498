import { ChildProcess, spawn } from "node:child_process";

/** A Node process started as a Pulumi host starts one, with its output kept. */
export class NodeProcess {
    stdout = "";
    stderr = "";
    /** Resolves with the exit code (or the signal's name) once the process has exited and its output is read. */
    readonly exited: Promise<number | string>;
    private readonly child: ChildProcess;

    constructor(readonly args: readonly string[], readonly cwd: string, readonly env: NodeJS.ProcessEnv) {
        // The Node running the caller: the engines of @pulumi/pulumi are the caller's to meet.
        this.child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
        this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
        this.exited = new Promise((resolve, reject) => {
            this.child.once("error", reject);
            this.child.once("close", (code, signal) => resolve(code ?? signal ?? "unknown"));
        });
    }

    /** The first line the process prints, which is how Pulumi's plugins announce their port. */
    async port(what: string): Promise<number> {
        const line = await new Promise<string>((resolve, reject) => {
            const onData = () => {
                const end = this.stdout.indexOf("\n");
                if (end >= 0) {
                    this.child.stdout!.off("data", onData);
                    resolve(this.stdout.slice(0, end).trim());
                }
            };
            this.child.stdout!.on("data", onData);
            onData();
            this.exited.then((code) => reject(new Error(`${what} exited (${code}) before announcing its port:\n${this.stderr}${this.stdout}`)), reject);
        });
        const port = Number(line);
        if (!Number.isInteger(port) || port <= 0) {
            throw new Error(`${what} printed ${JSON.stringify(line)} where its port belongs:\n${this.stderr}`);
        }
        return port;
    }

    /** Ends the process (SIGTERM, then SIGKILL if it lingers) and waits for it. */
    async stop(): Promise<void> {
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
            return;
        }
        this.child.kill("SIGTERM");
        const lingering = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
        await this.exited.catch(() => undefined);
        clearTimeout(lingering);
    }

    /** Waits for the process to exit on its own, ending it if it outlives `timeoutMs`. */
    async finish(timeoutMs: number, what: string): Promise<number | string> {
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            void this.stop();
        }, timeoutMs);
        try {
            const code = await this.exited;
            if (timedOut) {
                throw new Error(`${what} did not finish within ${timeoutMs} ms and was stopped:\n${this.stderr}`);
            }
            return code;
        } finally {
            clearTimeout(timer);
        }
    }
}
