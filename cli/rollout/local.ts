/**
 * The real rollout, through the Pulumi Automation API on this machine. It needs what `pulumi up`
 * needs: the Pulumi CLI on PATH, a backend login (`pulumi login`, or PULUMI_ACCESS_TOKEN for Pulumi
 * Cloud), AWS and Google credentials (the stack's ESC environment, or the usual AWS_* and
 * GOOGLE_* variables), and crosscloud installed with its dependencies (the policy pack runs from it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { CliError } from "../errors";
import { POLICY_PACK_DIR } from "../../policy/pack";
import { Project } from "../project";
import { EngineRunner, engineRunner, requirePulumiCli } from "./engine";
import { healthCheck } from "./health";

export async function localRunner(project: Project): Promise<EngineRunner> {
    await requirePulumiCli();
    if (!fs.existsSync(path.join(POLICY_PACK_DIR, "PulumiPolicy.yaml"))) {
        throw new CliError(`no policy pack at ${POLICY_PACK_DIR} (PulumiPolicy.yaml is missing)`, "Restore the crosscloud policy pack, or rehearse with `crosscloud rollout --offline`.");
    }
    const stacks = new Map<string, Stack>();
    return engineRunner(async (stage) => {
        const stack = stacks.get(stage.stack) ?? (await LocalWorkspace.createOrSelectStack({ stackName: stage.stack, workDir: project.dir }));
        stacks.set(stage.stack, stack);
        const gate = {
            policyPacks: [POLICY_PACK_DIR],
            policyPackConfigs: stage.policyConfig === undefined ? [] : [stage.policyConfig],
            color: "never" as const,
        };
        return {
            preview: (watch) => stack.preview({ ...gate, ...watch }),
            // A step's `target` list and `targetDependents: false` go to `pulumi up --target …` as they are.
            up: (options) => stack.up({ ...gate, ...options }),
            exportStack: () => stack.exportStack(),
        };
    }, { appliesSteps: true, healthy: healthCheck(project) });
}
