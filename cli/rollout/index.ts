/**
 * `crosscloud rollout`: the stages of rollout.json in order; each is previewed with the policy
 * pack, stopped on a mandatory violation (or an advisory one when the stage is strict), then
 * updated. The first stop ends the rollout: later stages do not run.
 */
import { RolloutCommand, RolloutMode, RolloutTarget } from "../args";
import { CliError, EXIT_FAILED } from "../errors";
import { progress } from "../progress";
import { loadProject, Project } from "../project";
import { plural, table } from "../render/table";
import { loadRollout, rolloutFilePath, Stage } from "../rolloutFile";
import { localRunner } from "./local";
import { offlineRunner } from "./offline";
import { remoteRunner } from "./remote";
import { PreviewVerdict, StageRunner } from "./stageRunner";

interface Outcome {
    stack: string;
    policy: string;
    result: string;
}

export async function rollout(command: RolloutCommand): Promise<number> {
    const project = loadProject(command.cwd ?? process.cwd());
    const stages = loadRollout(project);
    if (stages === undefined) {
        throw new CliError(`project ${project.name} has no rollout file ${rolloutFilePath(project)}`, 'Commit one listing the stacks in order: [{ "stack": "dev", "policyConfig": "policy/config/dev.json" }, { "stack": "prod", "strict": true }].');
    }
    const { mode } = command.target;
    const runner = await runnerFor(command.target, project, stages);
    progress(`rollout of ${project.name} (${mode}): ${stages.map((s) => s.stack + (s.strict ? " (strict)" : "")).join(" → ")}`);

    const outcomes: Outcome[] = [];
    let stop: string | undefined;
    for (const [i, stage] of stages.entries()) {
        if (stop !== undefined) {
            outcomes.push({ stack: stage.stack, policy: "-", result: "not run" });
            continue;
        }
        progress(`[${i + 1}/${stages.length}] ${stage.stack}: preview with the policy pack`);
        try {
            const verdict = await runner.preview(stage);
            const policy = `${verdict.mandatory} mandatory, ${verdict.advisory} advisory`;
            stop = gate(stage, verdict);
            if (stop !== undefined) {
                outcomes.push({ stack: stage.stack, policy, result: "stopped" });
                continue;
            }
            progress(`[${i + 1}/${stages.length}] ${stage.stack}: update`);
            outcomes.push({ stack: stage.stack, policy, result: await runner.up(stage) });
        } catch (e) {
            if (!(e instanceof CliError)) throw e;
            stop = `${stage.stack}: ${e.message} (${e.fix})`;
            outcomes.push({ stack: stage.stack, policy: "-", result: "failed" });
        }
    }

    process.stdout.write(`rollout summary (${mode})\n${table(["stack", "policy", "result"], outcomes.map((o) => [o.stack, o.policy, o.result]))}\n`);
    process.stdout.write(stop === undefined ? `completed: ${plural(stages.length, "stack")}\n` : `stopped at ${stop}\n`);
    return stop === undefined ? 0 : EXIT_FAILED;
}

/** Why a stage must not be updated, or undefined if it may. */
function gate(stage: Stage, verdict: PreviewVerdict): string | undefined {
    if (verdict.mandatory > 0) return `${stage.stack}: ${plural(verdict.mandatory, "mandatory policy violation")}`;
    if (stage.strict && verdict.advisory > 0) return `${stage.stack}: ${plural(verdict.advisory, "advisory policy violation")}, and the stage is strict`;
    return undefined;
}

async function runnerFor(target: RolloutTarget, project: Project, stages: readonly Stage[]): Promise<StageRunner> {
    switch (target.mode) {
        case RolloutMode.Offline:
            return offlineRunner(project, stages);
        case RolloutMode.Local:
            return localRunner(project);
        case RolloutMode.Remote:
            return remoteRunner(project, target.deployments);
    }
}
