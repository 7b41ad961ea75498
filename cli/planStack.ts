/**
 * Plans one stack offline: runs its program in-process under the mock harness as a preview (ids
 * and computed outputs stay unknown, as they would in `pulumi preview`), with the stack's config
 * and the outputs of stacks planned before it, then rebuilds the topology from the raw resources,
 * analyses its resilience and runs the policy pack.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPackConfig } from "@pulumi/policy";
import { CapturedResource, capture, Plan, Program, UNKNOWN } from "../offline";
import { SIMULATED_AWS_ACCOUNT_ID, SIMULATED_GCP_PROJECT_NUMBER } from "../offline/identity";
import { judgeStack, StackJudgement, Violation } from "../policy/evaluate";
import { analyzeResilience, ResilienceReport } from "../sdk/resilience";
import { LinkPart } from "../sdk/change/types";
import { Topology } from "../sdk/topology";
import { AlarmReport, alarmReport } from "./alarms";
import type { ChangeReport } from "./change/types";
import { CliError } from "./errors";
import { installFailure } from "./loadFailure";
import { isSecretStandIn, Project, SECRET, StackSettings } from "./project";
import { MissingReference, ReferenceBook, StackOutputs } from "./references";

export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** URN of the provider resource that manages it. */
    provider?: string;
    /** Secrets are "[secret]", values only known after deploy "[unknown]". */
    inputs: Record<string, unknown>;
    dependencies: string[];
    /** Per input that came from other resources, their URNs: a replacement of one changes the input. */
    propertyDependencies?: Record<string, string[]>;
    /** Inputs whose changes Pulumi ignores. */
    ignoreChanges?: string[];
    /** False for components: they hold no cloud state. */
    custom: boolean;
}

/** Everything `crosscloud plan --json` prints for one stack. */
export interface PlanDocument {
    stack: string;
    /** The stack's config as the program read it (secure values "[secret]"). */
    config: Record<string, string>;
    /** The program's exports: what a StackReference to this stack reads. */
    outputs: StackOutputs;
    resources: PlannedResource[];
    topology: Topology;
    /** Per link of the topology, the resources it rides on (what a change to the stack can take down). */
    parts: Record<string, LinkPart[]>;
    resilience: ResilienceReport;
    policy: { violations: Violation[] };
    /** The stack's alarms, and what each single failure of a ready link opens on each cloud. */
    monitoring: AlarmReport;
    /** What the program logged at warning or error level, as `pulumi preview` would show it. */
    diagnostics: Diagnostic[];
    /** With `--against`: what the change from the earlier plan or state does to the links (cli/change). */
    change?: ChangeReport;
}

export interface Diagnostic {
    severity: "warning" | "error";
    message: string;
    /** The logical name of the resource it is about, when it names one. */
    resource?: string;
}

export interface StackToPlan {
    project: Project;
    program: Program;
    settings: StackSettings;
    references: ReferenceBook;
    policyConfig?: PolicyPackConfig;
}

/** Thrown when the program read a stack this run has not planned; the planner may plan it and retry. */
export class UnplannedReferences extends CliError {
    constructor(readonly stack: string, readonly references: MissingReference[]) {
        super(
            `stack ${stack} reads ${references.map((r) => `"${r.reference}"`).join(", ")} through a StackReference, which this run has not planned`,
            "Plan the referenced stacks in the same run: they must be stacks of the same project, with a Pulumi.<stack>.yaml.",
        );
    }
}

export async function planStack({ project, program, settings, references, policyConfig }: StackToPlan): Promise<PlanDocument> {
    const { stackOutputs, missing } = references.lookup();
    let exported: unknown;
    let plan: Plan;
    try {
        plan = await capture(async () => (exported = await program()), {
            project: project.name,
            stack: settings.name.split("/").pop(),
            config: settings.config,
            stackOutputs,
            preview: true,
        });
    } catch (e) {
        if (missing.length > 0) throw new UnplannedReferences(settings.name, missing);
        throw programFailure(e, project, settings);
    }
    const { topology, parts, violations } = judge(plan.resources, policyConfig, settings);
    return {
        stack: settings.name,
        config: Object.fromEntries(Object.entries(settings.config).map(([k, v]) => [k, isSecretStandIn(v) ? SECRET : v])),
        outputs: await shownOutputs(plan.outputs, exported),
        resources: plan.resources.map(plannedResource),
        topology,
        parts,
        resilience: analyzeResilience(topology),
        policy: { violations },
        monitoring: alarmReport(plan.resources, UNKNOWN),
        diagnostics: diagnostics(plan),
    };
}

/** Warnings and errors the program logged; a secret value in one (a config stand-in) is shown as "[secret]". */
function diagnostics(plan: Plan): Diagnostic[] {
    return plan.logs
        .filter((l): l is typeof l & { severity: Diagnostic["severity"] } => l.severity === "warning" || l.severity === "error")
        .map((l) => ({
            severity: l.severity,
            message: shown(l.message, new Set(), "") as string,
            ...(l.urn !== undefined && { resource: l.urn.slice(l.urn.lastIndexOf("::") + 2) }),
        }));
}

/** The pack's verdicts and the topology it reached them on: one extraction, one reading of the config. */
function judge(resources: readonly CapturedResource[], config: PolicyPackConfig | undefined, settings: StackSettings): StackJudgement {
    try {
        return judgeStack(resources, config, { unknown: UNKNOWN });
    } catch (e) {
        throw new CliError(
            `stack ${settings.name}: the policy pack could not run: ${(e as Error).message}`,
            "If it names a policy config value, fix the config file (from --policy-config or rollout.json); otherwise the fault is in the named policy.",
        );
    }
}

function plannedResource(r: CapturedResource): PlannedResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        ...(r.parent !== undefined && { parent: r.parent }),
        ...(r.provider !== undefined && { provider: r.provider.slice(0, r.provider.lastIndexOf("::")) }),
        inputs: shown(r.inputs, new Set(r.secretPaths), "") as Record<string, unknown>,
        dependencies: r.dependencies,
        ...(Object.values(r.propertyDependencies).some((d) => d.length > 0) && {
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).filter(([, d]) => d.length > 0)),
        }),
        ...(r.ignoreChanges.length > 0 && { ignoreChanges: r.ignoreChanges }),
        custom: r.custom,
    };
}

/**
 * The harness hands stack outputs over with secrets unwrapped, so each export's secrecy is read
 * from what the program exported; a secret anywhere inside an export hides the whole export.
 */
async function shownOutputs(outputs: StackOutputs, exported: unknown): Promise<StackOutputs> {
    const exports = (exported ?? {}) as Record<string, unknown>;
    const entries = await Promise.all(Object.entries(outputs).map(async ([key, value]) => {
        const secret = await pulumi.isSecret(pulumi.output(exports[key]));
        return [key, secret ? SECRET : shown(value, new Set(), "")] as const;
    }));
    return Object.fromEntries(entries);
}

/**
 * Invokes (`getCallerIdentity`, `getProject`) are answered with the harness's made-up identities,
 * which flow into inputs untracked: a value holding one is no more known than a computed output.
 */
const SIMULATED_IDENTITIES = [SIMULATED_AWS_ACCOUNT_ID, SIMULATED_GCP_PROJECT_NUMBER];

/**
 * A value as a plan may show it: secrets (by path, or a secret config stand-in anywhere) as
 * "[secret]", anything made from a simulated identity as "[unknown]".
 */
function shown(value: unknown, secretPaths: ReadonlySet<string>, at: string): unknown {
    if (secretPaths.has(at)) return SECRET;
    if (typeof value === "string") {
        if (isSecretStandIn(value)) return SECRET;
        return SIMULATED_IDENTITIES.some((id) => value.includes(id)) ? UNKNOWN : value;
    }
    if (Array.isArray(value)) return value.map((v, i) => shown(v, secretPaths, `${at}[${i}]`));
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v, secretPaths, at ? `${at}.${k}` : k)]));
}

/** A program that threw: its message, where in the program, and what to do. */
function programFailure(e: unknown, project: Project, settings: StackSettings): CliError {
    const error = e instanceof Error ? e : new Error(String(e));
    const missingKey = (error as { key?: unknown }).key;
    if (pulumi.RunError.isInstance(error) && typeof missingKey === "string") {
        const fromEsc = settings.environments.length > 0
            ? ` If it comes from the ESC environment ${settings.environments.join(", ")}, copy it into the stack config: the offline planner cannot open ESC environments.`
            : "";
        return new CliError(
            `stack ${settings.name}: missing required configuration value ${missingKey}`,
            `Add it under \`config:\` in ${path.relative(process.cwd(), settings.file)} (\`${missingKey}: <value>\`), or run \`pulumi config set ${missingKey} <value> -s ${settings.name}\`.${fromEsc}`,
        );
    }
    const install = installFailure(error, settings.name, project.dir);
    if (install) return install;
    const compile = compileFailure(error);
    if (compile) {
        return new CliError(`stack ${settings.name}: the program does not compile: ${compile}`, "Fix the source at that line and plan again.");
    }
    const where = programFrame(error, project);
    return new CliError(
        `stack ${settings.name}: the program failed: ${error.message.split("\n")[0]}${where ? ` (at ${where})` : ""}`,
        "Fix the program (or its config) and plan again; the line above is where it threw.",
    );
}

/**
 * A TypeScript or JavaScript syntax error, as `file:line: message`. ts-node reports TypeScript's
 * diagnostics as a TSError, and swc (when the project transpiles with it) as `x <message>` over a
 * `,-[file:line:column]` frame; a JavaScript syntax error names its file and line in the first line
 * of its stack.
 */
function compileFailure(error: Error): string | undefined {
    const swc = /^\s*x (.+)\n\s*,-\[(.+?):(\d+):\d+\]/.exec(error.message);
    if (swc) return `${path.relative(process.cwd(), swc[2])}:${swc[3]}: ${swc[1]}`;
    const diagnostics = (error as { diagnosticText?: unknown }).diagnosticText;
    if (error.name === "TSError" && typeof diagnostics === "string") {
        return diagnostics.trim().split("\n").map((line) => line.replace(/^(.+?)\((\d+),(\d+)\): /, (_, file: string, line: string) => `${path.relative(process.cwd(), file)}:${line}: `)).join("; ");
    }
    if (error instanceof SyntaxError) {
        const [, file, line] = /^(\/[^\n:]+|[A-Za-z]:\\[^\n:]+):(\d+)\n/.exec(error.stack ?? "") ?? [];
        if (file !== undefined) return `${path.relative(process.cwd(), file)}:${line}: ${error.message}`;
    }
    return undefined;
}

/** The planner's own code, which may share the project's folder (the estate) but is never the program. */
const PLANNER_DIRS = [__dirname, path.resolve(__dirname, "../offline")].map((dir) => dir + path.sep);

/** The first stack frame inside the program's own code, relative to the current directory. */
function programFrame(error: Error, project: Project): string | undefined {
    for (const entry of (error.stack ?? "").split("\n")) {
        const [, file, line] = /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):\d+\)?$/.exec(entry.trim()) ?? [];
        if (file !== undefined && isProgramFile(file, project)) return `${path.relative(process.cwd(), file)}:${line}`;
    }
    return undefined;
}

function isProgramFile(file: string, project: Project): boolean {
    return file.startsWith(project.dir + path.sep)
        && !file.includes(`${path.sep}node_modules${path.sep}`)
        && !PLANNER_DIRS.some((dir) => file.startsWith(dir));
}
