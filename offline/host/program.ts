import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CapturedResource, Plan } from "../plan";
import { decodeProperties } from "../wire";
import { LogEntry } from "../plan";
import { FakeEngine, startEngine } from "./engine";
import { fullKey, locateModule, programLocation, readProjectFile, readStackConfig } from "./project";
import { NodeProcess } from "./process";

export interface RunOptions {
    /** The project directory, where `Pulumi.yaml` is; it may live anywhere, with its own node_modules. */
    dir: string;
    /** Defaults to `dev`. */
    stack?: string;
    /** Defaults to `organization`, the name self-managed backends use. */
    organization?: string;
    /** `pulumi preview` rather than `pulumi up`: ids and computed outputs of new resources stay unknown. */
    preview?: boolean;
    /** Config over what `Pulumi.<stack>.yaml` holds; bare keys belong to the project, non-strings are stored as JSON. */
    config?: Record<string, unknown>;
    /** Config keys (full or bare) whose values are secrets. */
    secretKeys?: string[];
    /** Outputs of each stack a StackReference may read, keyed by stack name (`org/project/stack`). */
    stackOutputs?: Record<string, Record<string, unknown>>;
    /** Set in the program's environment, over the caller's own (which it inherits, as from the CLI). */
    env?: Record<string, string>;
    /** Arguments after the entry point. */
    args?: string[];
    /** Stops a program that has not finished after this long; defaults to five minutes. */
    timeoutMs?: number;
}

/** What one run of a program registered, and how it ended. */
export class ProgramRun extends Plan {
    constructor(
        resources: readonly CapturedResource[],
        outputs: Record<string, unknown>,
        /** Paths of the stack outputs that are secrets. */
        readonly secretOutputs: string[],
        /** What the program and its runner sent to the engine's log, in order. */
        logs: LogEntry[],
        /** 0 on success; 32 when the runner has already logged the error (Pulumi's "bail" code). */
        readonly exitCode: number | string,
        readonly stdout: string,
        readonly stderr: string,
        /** The process as started: arguments after the Node binary, working directory, and the environment it was given over the caller's. */
        readonly invocation: { args: readonly string[]; cwd: string; env: Record<string, string> },
    ) {
        super(resources, outputs, logs);
    }

    /** The messages logged as errors: how a program's failure reaches the engine. */
    get errors(): string[] {
        return this.logs.filter((l) => l.severity === "error").map((l) => l.message);
    }
}

/**
 * Runs the Pulumi program in `options.dir` as `pulumi up` (or `pulumi preview`) does: Pulumi's Node
 * language host starts `@pulumi/pulumi/cmd/run`, resolved from the program's directory, with the
 * arguments and environment of sdk/nodejs/cmd/pulumi-language-nodejs main.go (`execRuntime`,
 * `constructArguments`, `constructConfig`), against a fake engine and resource monitor. Resolves
 * once the program has exited, whatever its exit code.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    const root = resolve(options.dir);
    const projectFile = readProjectFile(root, "Pulumi.yaml");
    const project = projectFile.name ?? "";
    if (project === "") {
        throw new Error(`${join(root, "Pulumi.yaml")} names no project`);
    }
    const stack = options.stack ?? "dev";
    const organization = options.organization ?? "organization";
    const { programDirectory, entryPoint } = programLocation(root, projectFile.main);
    const config = {
        ...readStackConfig(root, { ...projectFile, name: project }, stack),
        ...Object.fromEntries(Object.entries(options.config ?? {}).map(([key, value]) => [fullKey(key, project), typeof value === "string" ? value : JSON.stringify(value)])),
    };
    const secretKeys = (options.secretKeys ?? []).map((key) => fullKey(key, project));
    const runPath = locateModule("@pulumi/pulumi/cmd/run", programDirectory, "pulumi install");

    const engine = await startEngine({
        project, stack, organization, config, secretKeys,
        preview: options.preview ?? false,
        stackOutputs: options.stackOutputs,
        packagesFrom: programDirectory,
    });
    // The host passes a directory for synchronous invokes; this SDK never opens it (`tryGetSyncInvokes` has no callers).
    const syncDirectory = mkdtempSync(join(tmpdir(), "pulumi-node-pipes"));
    try {
        const args = [
            ...projectFile.runtime.nodeargs,
            runPath,
            "--monitor", engine.address,
            "--engine", engine.address,
            "--sync", syncDirectory,
            "--organization", organization,
            "--project", project,
            "--root-directory", root,
            "--stack", stack,
            "--pwd", programDirectory,
            ...(engine.settings.preview ? ["--dry-run"] : []),
            "--parallel", String(engine.settings.parallel),
            entryPoint,
            ...(options.args ?? []),
        ];
        const env: Record<string, string> = {
            PULUMI_CONFIG: JSON.stringify(legacyConfigKeys(config)),
            PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
            ...(projectFile.runtime.typescript && { PULUMI_NODEJS_TYPESCRIPT: "true" }),
            ...(projectFile.runtime.tsconfig !== undefined && { PULUMI_NODEJS_TSCONFIG_PATH: projectFile.runtime.tsconfig }),
            ...options.env,
        };
        const program = new NodeProcess(args, programDirectory, { ...process.env, ...env });
        const exitCode = await program.finish(options.timeoutMs ?? 300_000, `The program in ${root}`);
        return result(engine, exitCode, program, { args, cwd: programDirectory, env });
    } finally {
        engine.stop();
        rmSync(syncDirectory, { recursive: true, force: true });
    }
}

function result(engine: FakeEngine, exitCode: number | string, program: NodeProcess, invocation: ProgramRun["invocation"]): ProgramRun {
    const plan = engine.plan();
    const stack = plan.resources.find((r) => r.urn === engine.stackUrn);
    const wireOutputs = stack === undefined ? {} : engine.registeredOutputs(stack.urn);
    return new ProgramRun(plan.resources, plan.outputs, decodeProperties(wireOutputs).secretPaths, engine.logs, exitCode, program.stdout, program.stderr, invocation);
}

/** `aws:region` → `aws:config:region`: the form the language host still hands to the SDK, which reads both. */
function legacyConfigKeys(config: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([key, value]) => {
        const at = key.indexOf(":");
        return [`${key.slice(0, at)}:config:${key.slice(at + 1)}`, value];
    }));
}
