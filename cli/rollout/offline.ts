import { Planner } from "../planner";
import { progress } from "../progress";
import { Project } from "../project";
import { renderViolations } from "../render/violations";
import { Stage } from "../rolloutFile";
import { Link, LinkStage } from "../../sdk/topology";
import { PreviewVerdict, StageRunner } from "./stageRunner";

/**
 * Rehearses a rollout here: each preview is an offline plan (mock runtime, in-process policy
 * evaluation) and each update deploys nothing, but hands the stack's outputs on to later stages.
 */
export function offlineRunner(project: Project, stages: readonly Stage[]): StageRunner {
    const planner = new Planner(project, (stack) => stages.find((s) => s.stack === stack)?.policyConfig);
    return {
        async preview(stage) {
            const { policy } = await planner.plan(stage.stack);
            if (policy.violations.length > 0) progress(renderViolations(policy.violations));
            const mandatory = policy.violations.filter((v) => v.level === "mandatory").length;
            return { mandatory, advisory: policy.violations.length - mandatory } satisfies PreviewVerdict;
        },
        async up(stage) {
            const { resources, topology } = await planner.plan(stage.stack);
            return `planned ${resources.length} resources (offline: nothing deployed)${linkStages(topology.links)}`;
        },
    };
}

/** `; links: 4 ready, 4 ordered (a-port-1, …)`: where each cross-cloud link is in its life. */
function linkStages(links: readonly Link[]): string {
    if (links.length === 0) return "";
    const ordered = links.filter((l) => l.stage === LinkStage.Ordered).map((l) => l.id);
    return `; links: ${links.length - ordered.length} ready, ${ordered.length} ordered${ordered.length > 0 ? ` (${ordered.join(", ")})` : ""}`;
}
