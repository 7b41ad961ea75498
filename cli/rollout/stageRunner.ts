import type { Before } from "../change/before";
import { Stage } from "../rolloutFile";
import { RolloutStep } from "../../sdk/change/rollout";
import { PreviewStep } from "../../sdk/change/preview";

/** What the policy pack said about a stage's preview. */
export interface PreviewVerdict {
    mandatory: number;
    advisory: number;
}

/** After a step: carry on, or stop here and say why (the rollout resumes from the stack's state). */
export type Health = { healthy: true; note: string } | { healthy: false; reason: string };

/** One way to run stages: offline, through the local Pulumi CLI, or on Pulumi Deployments. */
export interface StageRunner {
    /** Previews the stage with the policy pack; throws a CliError if the preview itself fails. */
    preview(stage: Stage): Promise<PreviewVerdict>;
    /** The stack before this rollout: its state, or, rehearsing offline, the plan given with --against. */
    before(stage: Stage): Promise<Before>;
    /** Whether the runner can apply a subset of the changes (`pulumi up --target`). */
    readonly appliesSteps: boolean;
    /** Updates the stage: only the step's targets, or everything when no step is given. Returns what changed, in a few words. */
    up(stage: Stage, step?: RolloutStep): Promise<string>;
    /** Waits until what the step touched is healthy again. */
    healthy(stage: Stage, step: RolloutStep): Promise<Health>;
    /** The steps the last preview of a stack reported, where the runner previews with an engine. */
    previewSteps?(stack: string): ReadonlyMap<string, PreviewStep> | undefined;
}
