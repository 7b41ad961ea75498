/**
 * `crosscloud rollout`: the stages of rollout.json in order. Each is previewed with the policy pack
 * and stopped on a mandatory violation (or an advisory one when the stage is strict); then its
 * change is judged against the stack as deployed (cli/change): the resource changes, what each does
 * to the cross-cloud links while it applies, and the steps that keep the stack's requirement met.
 * A change no step can apply safely stops the rollout, with what to do. The steps are applied one
 * after another (`pulumi up --target`, the last one a plain `pulumi up`), each after the links the
 * previous one touched are healthy again. The first stop ends the rollout: later stages do not run.
 * Each stage's steps, and how far they got, are written to `crosscloud-out/rollout-<stack>.json`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RolloutCommand, RolloutMode, RolloutTarget } from "../args";
import { Against, readAgainst } from "../change/against";
import type { ChangeReport } from "../change/types";
import { CliError, EXIT_FAILED, usageError } from "../errors";
import { DIAGRAM_FOLDER } from "../plan";
import type { PlanDocument } from "../planStack";
import type { Planner } from "../planner";
import { progress } from "../progress";
import { loadProject, Project } from "../project";
import { renderRollout } from "../render/impact";
import { plural, table } from "../render/table";
import { loadRollout, rolloutFilePath, Stage } from "../rolloutFile";
import { RolloutStep } from "../../sdk/change/rollout";
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
    for (const stack of command.acceptWindow) {
        if (!stages.some((s) => s.stack === stack)) throw usageError(`--accept-window ${stack}: no such stage in ${rolloutFilePath(project)}`, `Name one of: ${stages.map((s) => s.stack).join(", ")}.`);
    }
    const against = command.against === undefined ? undefined : readAgainst(command.against);
    if (against !== undefined && against.kind !== "plans") {
        throw usageError(`--against ${path.basename(against.file)} describes one stack, and a rollout has ${plural(stages.length, "stage")}`, "Pass the plans of the deployed stacks: crosscloud plan --json > deployed.json.");
    }
    const { mode } = command.target;
    // The planner brings in the Pulumi SDK and the providers: only once the input is known to be good.
    const { Planner } = await import("../planner");
    const planner = new Planner(project, (stack) => stages.find((s) => s.stack === stack)?.policyConfig);
    const runner = await runnerFor(command.target, project, planner, against);
    progress(`rollout of ${project.name} (${mode}): ${stages.map((s) => s.stack + (s.strict ? " (strict)" : "")).join(" → ")}`);

    const outcomes: Outcome[] = [];
    let stop: string | undefined;
    for (const [i, stage] of stages.entries()) {
        if (stop !== undefined) {
            outcomes.push({ stack: stage.stack, policy: "-", result: "not run" });
            continue;
        }
        const at = `[${i + 1}/${stages.length}] ${stage.stack}`;
        progress(`${at}: preview with the policy pack`);
        let policy = "-";
        try {
            const verdict = await runner.preview(stage);
            policy = `${verdict.mandatory} mandatory, ${verdict.advisory} advisory`;
            stop = gate(stage, verdict);
            if (stop !== undefined) {
                outcomes.push({ stack: stage.stack, policy, result: "stopped" });
                continue;
            }
            const window = command.acceptWindow.includes(stage.stack);
            const report = await judge(stage, runner, planner, window);
            if (report === undefined) {
                // Not judged, and the user accepted a window: one plain update, as before change safety.
                outcomes.push({ stack: stage.stack, policy, result: await runner.up(stage) });
                continue;
            }
            const record = new StepRecord(project, stage.stack, mode, report);
            progress(`${at}: change against ${report.against}\n${renderRollout(report.rollout)}`);
            const outcome = await applySteps(stage, at, report, runner, record);
            stop = outcome.stop;
            outcomes.push({ stack: stage.stack, policy, result: outcome.result });
        } catch (e) {
            if (!(e instanceof CliError)) throw e;
            stop = `${stage.stack}: ${e.message} (${e.fix})`;
            outcomes.push({ stack: stage.stack, policy, result: "failed" });
        }
    }

    process.stdout.write(`rollout summary (${mode})\n${table(["stack", "policy", "result"], outcomes.map((o) => [o.stack, o.policy, o.result]))}\n`);
    process.stdout.write(stop === undefined ? `completed: ${plural(stages.length, "stack")}\n` : `stopped at ${stop}\n`);
    return stop === undefined ? 0 : EXIT_FAILED;
}

/**
 * The stage's change against the stack as deployed, with Pulumi's own preview laid over it where
 * there is one. The change is judged on the program's offline plan: a program that cannot be
 * planned offline (it reads values only an ESC environment holds, say) stops the rollout, unless
 * the user accepted a window for the stack, which then gets one plain update (undefined).
 */
async function judge(stage: Stage, runner: StageRunner, planner: Planner, acceptWindow: boolean): Promise<ChangeReport | undefined> {
    const { changeReport } = await import("../change/report");
    const { contextOf } = await import("../change/state");
    let after: PlanDocument;
    try {
        after = await planner.plan(stage.stack);
    } catch (e) {
        if (!(e instanceof CliError)) throw e;
        if (acceptWindow) {
            progress(`  ${stage.stack}: the change cannot be judged offline (${e.message}); updating in one step, in the window you accepted`);
            return undefined;
        }
        throw new CliError(`${stage.stack}: its change cannot be judged offline: ${e.message}`, `${e.fix} Or roll it out with --accept-window ${stage.stack}: one plain update, the requirement not held.`);
    }
    const before = await runner.before(stage);
    return changeReport({
        before: before.state, beforeIsState: before.isState, against: before.label, after,
        context: contextOf(planner.planned, after),
        policyConfig: planner.policyConfig(stage.stack),
        acceptWindow,
        preview: runner.previewSteps?.(stage.stack),
    });
}

/**
 * Applies the steps in order, the last one as a plain `pulumi up` (so the stack's outputs, and
 * anything the plan could not see, land with it), waiting between steps for the links to be healthy.
 */
export async function applySteps(stage: Stage, at: string, report: ChangeReport, runner: StageRunner, record: StepRecord): Promise<{ result: string; stop?: string }> {
    const { steps, refused } = report.rollout;
    if (refused.length > 0) {
        const first = refused[0];
        return {
            result: "refused",
            stop: `${stage.stack}: ${plural(refused.length, "change group")} cannot be applied while the requirement holds: ${first.changes.slice(0, 3).join(", ")}${first.changes.length > 3 ? ", …" : ""}: ${first.reason}; ${first.fixes.join("; ")}`,
        };
    }
    if (steps.length === 0) {
        progress(`${at}: update`);
        return { result: await runner.up(stage) };
    }
    if (steps.length > 1 && !runner.appliesSteps) {
        return {
            result: "not started",
            stop: `${stage.stack}: its change takes ${plural(steps.length, "step")} to keep the requirement, and this workspace cannot target resources; roll ${stage.stack} out locally (crosscloud rollout), or stage the change in config and roll out each stage`,
        };
    }
    let last = "";
    for (const step of steps) {
        const final = step.index === steps.length;
        progress(`${at}: step ${step.index}/${steps.length} (${step.kind})`);
        try {
            last = await runner.up(stage, final ? undefined : step);
        } catch (e) {
            if (!(e instanceof CliError)) throw e;
            record.paused(`step ${step.index} failed: ${e.message}`);
            return {
                result: `failed at step ${step.index} of ${steps.length}`,
                stop: `${stage.stack}: step ${step.index} of ${steps.length} failed, ${plural(step.index - 1, "step")} before it applied (${record.file}): ${e.message} (${e.fix}); once fixed, run the rollout again: it resumes from the stack's state`,
            };
        }
        if (!final) progress(`${at}: ${last}`);
        record.applied(step.index);
        if (final) break;
        const health = await runner.healthy(stage, step);
        if (!health.healthy) {
            record.paused(health.reason);
            return { result: `paused after step ${step.index} of ${steps.length}`, stop: `${stage.stack}: ${health.reason} (steps: ${record.file})` };
        }
        if (step.waitFor.length > 0) progress(`${at}: ${step.waitFor.join(", ")}: ${health.note}`);
    }
    return { result: steps.length === 1 ? last : `${plural(steps.length, "step")}: ${last}` };
}

/** Why a stage must not be updated, or undefined if it may. */
function gate(stage: Stage, verdict: PreviewVerdict): string | undefined {
    if (verdict.mandatory > 0) return `${stage.stack}: ${plural(verdict.mandatory, "mandatory policy violation")}`;
    if (stage.strict && verdict.advisory > 0) return `${stage.stack}: ${plural(verdict.advisory, "advisory policy violation")}, and the stage is strict`;
    return undefined;
}

/** The stage's steps and how far they got: what to resume from, beside the project's diagrams. */
export class StepRecord {
    readonly file: string;
    private readonly content: { stack: string; mode: string; against: string; steps: (RolloutStep & { status: string })[]; refused: unknown[]; paused?: string };

    constructor(project: Project, stack: string, mode: RolloutMode, report: ChangeReport) {
        const folder = path.join(project.dir, DIAGRAM_FOLDER);
        this.file = path.relative(process.cwd(), path.join(folder, `rollout-${stack.split("/").pop()}.json`));
        this.content = {
            stack, mode, against: report.against,
            steps: report.rollout.steps.map((s) => ({ ...s, status: "pending" })),
            refused: report.rollout.refused,
        };
        fs.mkdirSync(folder, { recursive: true });
        this.write();
    }

    applied(index: number): void {
        this.content.steps[index - 1].status = "applied";
        this.write();
    }

    paused(reason: string): void {
        this.content.paused = reason;
        this.write();
    }

    private write(): void {
        fs.writeFileSync(this.file, `${JSON.stringify(this.content, null, 2)}\n`);
    }
}

async function runnerFor(target: RolloutTarget, project: Project, planner: Planner, against: Against | undefined): Promise<StageRunner> {
    switch (target.mode) {
        case RolloutMode.Offline:
            return (await import("./offline")).offlineRunner(planner, against);
        case RolloutMode.Local:
            return (await import("./local")).localRunner(project);
        case RolloutMode.Remote:
            return (await import("./remote")).remoteRunner(project, target.deployments);
    }
}
