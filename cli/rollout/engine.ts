/**
 * What the local and remote rollouts share: they drive the Pulumi engine through the Automation
 * API, count the policy events of a preview to gate the stage, and echo progress to stderr.
 */
import { CommandError, EngineEvent, OpMap, PulumiCommand, UpdateSummary } from "@pulumi/pulumi/automation";
import { CliError } from "../errors";
import { progress } from "../progress";
import { Stage } from "../rolloutFile";
import { PreviewVerdict, StageRunner } from "./stageRunner";

type Watch = { onEvent: (event: EngineEvent) => void };

/** A stack as a LocalWorkspace or RemoteWorkspace gives it, with this rollout's options applied. */
export interface EngineStack {
    preview(options: Watch): Promise<unknown>;
    up(options: Watch): Promise<{ summary: UpdateSummary }>;
}

export function engineRunner(stackOf: (stage: Stage) => Promise<EngineStack>): StageRunner {
    return {
        async preview(stage) {
            const { onEvent, verdict } = watch(stage.stack);
            try {
                await (await stackOf(stage)).preview({ onEvent });
            } catch (e) {
                // A mandatory violation fails the preview; the verdict already says why.
                if (verdict.mandatory === 0) throw commandFailure(stage.stack, "preview", e);
            }
            return verdict;
        },
        async up(stage) {
            try {
                const { summary } = await (await stackOf(stage)).up({ onEvent: watch(stage.stack).onEvent });
                return `${summary.result}: ${changes(summary.resourceChanges)}`;
            } catch (e) {
                throw commandFailure(stage.stack, "update", e);
            }
        },
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

/** Counts policy events by level; echoes them, resource steps and errors as progress. */
function watch(stack: string): Watch & { verdict: PreviewVerdict } {
    const verdict: PreviewVerdict = { mandatory: 0, advisory: 0 };
    const onEvent = (event: EngineEvent) => {
        const policy = event.policyEvent;
        if (policy) {
            verdict[policy.enforcementLevel === "mandatory" ? "mandatory" : "advisory"]++;
            progress(`  ${stack}: [${policy.enforcementLevel}] ${policy.policyName}: ${policy.message.trim()}${policy.resourceUrn ? ` (${policy.resourceUrn})` : ""}`);
        }
        const step = event.resOutputsEvent?.metadata;
        if (step && step.op !== "same") progress(`  ${stack}: ${step.op} ${step.type} ${step.urn.slice(step.urn.lastIndexOf("::") + 2)}`);
        if (event.diagnosticEvent?.severity === "error") progress(`  ${stack}: error: ${event.diagnosticEvent.message.trim()}`);
    };
    return { onEvent, verdict };
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
