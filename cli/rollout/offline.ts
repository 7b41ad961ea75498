import { Against } from "../change/against";
import { nothingDeployed, stackBefore } from "../change/before";
import type { Planner } from "../planner";
import { progress } from "../progress";
import { renderViolations } from "../render/violations";
import { RolloutStep } from "../../sdk/change/rollout";
import { Link, LinkStage } from "../../sdk/topology";
import { PreviewVerdict, StageRunner } from "./stageRunner";

/**
 * Rehearses a rollout here: each preview is an offline plan (mock runtime, in-process policy
 * evaluation), the stacks as deployed are the plans given with `--against` (or nothing), and each
 * update deploys nothing: a step says the `pulumi up --target …` a real rollout would run, and the
 * stack's outputs are handed on to later stages.
 */
export function offlineRunner(planner: Planner, against: Against | undefined): StageRunner {
    return {
        appliesSteps: true,
        async preview(stage) {
            const { policy } = await planner.plan(stage.stack);
            if (policy.violations.length > 0) progress(renderViolations(policy.violations));
            const mandatory = policy.violations.filter((v) => v.level === "mandatory").length;
            return { mandatory, advisory: policy.violations.length - mandatory } satisfies PreviewVerdict;
        },
        async before(stage) {
            return against === undefined ? nothingDeployed() : stackBefore(against, stage.stack, planner);
        },
        async up(stage, step) {
            const { resources, topology } = await planner.plan(stage.stack);
            if (step) return `would run ${targetedUp(stage.stack, step)}`;
            return `planned ${resources.length} resources (offline: nothing deployed)${linkStages(topology.links)}`;
        },
        async healthy() {
            return { healthy: true, note: "offline: taken as healthy" };
        },
    };
}

/** `pulumi up -s prod --target urn:… --target urn:…` (as many targets as the step has), shortened for the log. */
export function targetedUp(stack: string, step: RolloutStep): string {
    return `pulumi up -s ${stack} ${step.targets.length === 1 ? "--target" : `--target ×${step.targets.length}`} (${step.changes.slice(0, 3).join(", ")}${step.changes.length > 3 ? ", …" : ""})`;
}

/** `; links: 4 ready, 4 ordered (a-port-1, …)`: where each cross-cloud link is in its life. */
function linkStages(links: readonly Link[]): string {
    if (links.length === 0) return "";
    const ordered = links.filter((l) => l.stage === LinkStage.Ordered).map((l) => l.id);
    return `; links: ${links.length - ordered.length} ready, ${ordered.length} ordered${ordered.length > 0 ? ` (${ordered.join(", ")})` : ""}`;
}
