/**
 * What the local and remote rollouts share: they drive the Pulumi engine through the Automation
 * API, count the policy events of a preview to gate the stage, keep the preview's step for each
 * resource (Pulumi's own word on what changes), read the stack's state, apply a step with
 * `target`, and echo progress to stderr.
 */
import { CommandError, Deployment, EngineEvent, OpMap, PulumiCommand, UpdateSummary } from "@pulumi/pulumi/automation";
import { checkpointResources } from "../change/against";
import { nothingDeployed } from "../change/before";
import { stateOfCheckpoint } from "../change/state";
import { CliError } from "../errors";
import { progress } from "../progress";
import { Stage } from "../rolloutFile";
import { PreviewStep } from "../../sdk/change/preview";
import { RolloutStep } from "../../sdk/change/rollout";
import { Health, PreviewVerdict, StageRunner } from "./stageRunner";

type Watch = { onEvent: (event: EngineEvent) => void };

/** Which resources one `up` updates: the step's URNs only, none of their dependents beyond them. */
export interface Targets {
    target: string[];
    targetDependents: false;
}

/** A stack as a LocalWorkspace or RemoteWorkspace gives it, with this rollout's options applied. */
export interface EngineStack {
    preview(options: Watch): Promise<unknown>;
    up(options: Watch & Partial<Targets>): Promise<{ summary: UpdateSummary }>;
    exportStack(): Promise<Deployment>;
}

export interface EngineOptions {
    /** False where the workspace cannot target resources (Pulumi Deployments' remote stacks). */
    appliesSteps: boolean;
    healthy(stage: Stage, step: RolloutStep): Promise<Health>;
}

/** An engine runner, and the steps its last preview of each stack reported. */
export interface EngineRunner extends StageRunner {
    previewSteps(stack: string): ReadonlyMap<string, PreviewStep> | undefined;
}

export function engineRunner(stackOf: (stage: Stage) => Promise<EngineStack>, options: EngineOptions): EngineRunner {
    const previews = new Map<string, Map<string, PreviewStep>>();
    return {
        appliesSteps: options.appliesSteps,
        previewSteps: (stack) => previews.get(stack),
        async preview(stage) {
            const { onEvent, verdict, steps } = watch(stage.stack);
            try {
                await (await stackOf(stage)).preview({ onEvent });
            } catch (e) {
                // A mandatory violation fails the preview; the verdict already says why.
                if (verdict.mandatory === 0) throw commandFailure(stage.stack, "preview", e);
            }
            previews.set(stage.stack, steps);
            return verdict;
        },
        async before(stage) {
            const resources = checkpointResources(await (await stackOf(stage)).exportStack()) ?? [];
            if (!resources.some((r) => r.type !== "pulumi:pulumi:Stack")) return nothingDeployed();
            return { state: stateOfCheckpoint(resources), isState: true, label: `the state of ${stage.stack}` };
        },
        async up(stage, step) {
            if (step && !options.appliesSteps) {
                throw new CliError(`${stage.stack}: this workspace cannot apply a change in steps (no resource targets)`, "Roll the stack out from a machine with the Pulumi CLI (crosscloud rollout), or stage the change in config and roll out each stage.");
            }
            const targets: Partial<Targets> = step ? { target: step.targets, targetDependents: false } : {};
            try {
                const { summary } = await (await stackOf(stage)).up({ onEvent: watch(stage.stack).onEvent, ...targets });
                return `${summary.result}: ${changes(summary.resourceChanges)}`;
            } catch (e) {
                throw commandFailure(stage.stack, "update", e);
            }
        },
        healthy: options.healthy,
    };
}

export async function requirePulumiCli(): Promise<void> {
    try {
        await PulumiCommand.get();
    } catch (e) {
        const message = (e as Error).message;
        const reason = message.includes("ENOENT") ? "`pulumi` is not on PATH" : message.trim().split("\n")[0];
        throw new CliError(
            `a real rollout drives the Pulumi CLI, and it cannot run here: ${reason}`,
            "Install it (https://www.pulumi.com/docs/install/), run `pulumi login` and provide AWS and Google credentials; or rehearse here with `crosscloud rollout --offline`.",
        );
    }
}

/** Counts policy events by level and keeps each resource's step; echoes them, resource steps and errors as progress. */
function watch(stack: string): Watch & { verdict: PreviewVerdict; steps: Map<string, PreviewStep> } {
    const verdict: PreviewVerdict = { mandatory: 0, advisory: 0 };
    const steps = new Map<string, PreviewStep>();
    const onEvent = (event: EngineEvent) => {
        const policy = event.policyEvent;
        if (policy) {
            verdict[policy.enforcementLevel === "mandatory" ? "mandatory" : "advisory"]++;
            progress(`  ${stack}: [${policy.enforcementLevel}] ${policy.policyName}: ${policy.message.trim()}${policy.resourceUrn ? ` (${policy.resourceUrn})` : ""}`);
        }
        const planned = event.resourcePreEvent?.metadata;
        if (planned) steps.set(planned.urn, { op: planned.op, type: planned.type, diffs: planned.diffs, keys: planned.keys });
        const step = event.resOutputsEvent?.metadata;
        if (step && step.op !== "same") progress(`  ${stack}: ${step.op} ${step.type} ${step.urn.slice(step.urn.lastIndexOf("::") + 2)}`);
        if (event.diagnosticEvent?.severity === "error") progress(`  ${stack}: error: ${event.diagnosticEvent.message.trim()}`);
    };
    return { onEvent, verdict, steps };
}

/** A failed Pulumi command as a CliError naming the stack; anything else is returned as it is. */
function commandFailure(stack: string, operation: "preview" | "update", e: unknown): unknown {
    if (!(e instanceof CommandError)) return e;
    const lastLines = e.message.split("\n").filter((line) => line.trim() !== "").slice(-3).join(" | ");
    return new CliError(`${operation} of ${stack} failed: ${lastLines}`, `Run \`pulumi ${operation === "update" ? "up" : "preview"} -s ${stack}\` in the project folder for the full output.`);
}

function changes(resourceChanges: OpMap | undefined): string {
    const entries = Object.entries(resourceChanges ?? {}).filter(([, n]) => (n ?? 0) > 0);
    return entries.length === 0 ? "no changes" : entries.map(([op, n]) => `${n} ${op}`).join(", ");
}
