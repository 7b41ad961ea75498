import { Planner } from "../planner";
import { progress } from "../progress";
import { Project } from "../project";
import { renderViolations } from "../render/violations";
import { Stage } from "../rolloutFile";
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
            const { resources } = await planner.plan(stage.stack);
            return `planned ${resources.length} resources (offline: nothing deployed)`;
        },
    };
}
