/**
 * Waiting between rollout steps until the links a step touched are healthy again: BGP established
 * on both clouds, tunnels up. Telling needs the clouds' APIs, which a stage's health check command
 * asks (rollout.json `healthCheck`); without one, the rollout stops after a step that took links
 * down, and the next run resumes from the stack's state.
 */
import { spawn } from "node:child_process";
import { progress } from "../progress";
import { Project } from "../project";
import { Stage } from "../rolloutFile";
import { RolloutStep } from "../../sdk/change/rollout";
import { Health } from "./stageRunner";

export interface HealthWait {
    /** Between two runs of the command. */
    intervalMs: number;
    /** How long to try before stopping the rollout. */
    timeoutMs: number;
}

export const HEALTH_WAIT: HealthWait = { intervalMs: 20_000, timeoutMs: 20 * 60_000 };

export function healthCheck(project: Project, wait: HealthWait = HEALTH_WAIT): (stage: Stage, step: RolloutStep) => Promise<Health> {
    return async (stage, step) => {
        // A step that took no link down and brought none has nothing to wait for.
        if (step.waitFor.length === 0) return { healthy: true, note: "nothing to wait for" };
        const links = step.waitFor.join(", ");
        if (stage.healthCheck === undefined) {
            return {
                healthy: false,
                reason: `step ${step.index} applied; check that ${links} ${step.waitFor.length === 1 ? "is" : "are"} healthy (BGP established on both clouds, tunnels up), then run the rollout again: it resumes from the stack's state. A stage's healthCheck command in rollout.json makes it wait by itself`,
            };
        }
        const started = Date.now();
        for (let attempt = 1; ; attempt++) {
            if (await passes(stage.healthCheck, project.dir, { CROSSCLOUD_STACK: stage.stack, CROSSCLOUD_STEP: String(step.index), CROSSCLOUD_LINKS: step.waitFor.join(",") })) {
                return { healthy: true, note: `healthy after ${attempt} check${attempt === 1 ? "" : "s"}` };
            }
            if (Date.now() - started + wait.intervalMs > wait.timeoutMs) {
                return { healthy: false, reason: `step ${step.index} applied, but \`${stage.healthCheck}\` did not pass within ${Math.round(wait.timeoutMs / 60_000)} min for ${links}; fix the links, then run the rollout again` };
            }
            progress(`  ${stage.stack}: waiting for ${links} (check ${attempt} failed)`);
            await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
        }
    };
}

function passes(command: string, cwd: string, env: Record<string, string>): Promise<boolean> {
    return new Promise((resolve) => {
        const child = spawn(command, { cwd, shell: true, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
        child.on("error", () => resolve(false));
        child.on("close", (status) => resolve(status === 0));
    });
}
