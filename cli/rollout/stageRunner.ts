import { Stage } from "../rolloutFile";

/** What the policy pack said about a stage's preview. */
export interface PreviewVerdict {
    mandatory: number;
    advisory: number;
}

/** One way to run stages: offline, through the local Pulumi CLI, or on Pulumi Deployments. */
export interface StageRunner {
    /** Previews the stage with the policy pack; throws a CliError if the preview itself fails. */
    preview(stage: Stage): Promise<PreviewVerdict>;
    /** Updates the stage; returns what changed, in a few words. */
    up(stage: Stage): Promise<string>;
}
