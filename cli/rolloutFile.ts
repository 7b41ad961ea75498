/**
 * The committed rollout order: `<stackConfigDir>/rollout.json`, a list of stages
 * `[{ "stack": "shared", "policyConfig": "policy/config/dev.json" }, …, { "stack": "prod", "strict": true, … }]`.
 * Paths are relative to the project folder. A strict stage also stops on advisory violations.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "./errors";
import { Project } from "./project";

export interface Stage {
    stack: string;
    /** Absolute path of the stage's policy configuration, if it has one. */
    policyConfig?: string;
    strict: boolean;
    /**
     * A shell command that exits 0 once the links a rollout step touched are healthy again (run in
     * the project folder with CROSSCLOUD_STACK, CROSSCLOUD_STEP and CROSSCLOUD_LINKS set); without
     * one, a real rollout stops after each step that takes links down, to be run again once they are.
     */
    healthCheck?: string;
}

export function rolloutFilePath(project: Project): string {
    return path.join(project.stackConfigDir, "rollout.json");
}

/** The project's stages in order, or undefined when it has no rollout file. */
export function loadRollout(project: Project): Stage[] | undefined {
    const file = rolloutFilePath(project);
    if (!fs.existsSync(file)) return undefined;
    let stages: unknown;
    try {
        stages = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as Error).message}`, "Fix the JSON syntax in that file.");
    }
    const shape = 'a list like [{ "stack": "dev", "policyConfig": "policy/config/dev.json" }, { "stack": "prod", "strict": true }]';
    if (!Array.isArray(stages) || stages.length === 0) {
        throw new CliError(`${file} must be a non-empty list of stages`, `Write ${shape}.`);
    }
    return stages.map((s: unknown, i): Stage => {
        const stage = (s ?? {}) as { stack?: unknown; policyConfig?: unknown; strict?: unknown; healthCheck?: unknown };
        const valid = typeof stage.stack === "string" && stage.stack !== ""
            && (stage.policyConfig === undefined || typeof stage.policyConfig === "string")
            && (stage.strict === undefined || typeof stage.strict === "boolean")
            && (stage.healthCheck === undefined || (typeof stage.healthCheck === "string" && stage.healthCheck !== ""));
        if (!valid) {
            throw new CliError(`${file}: stage ${i} is not { stack: string, policyConfig?: string, strict?: boolean, healthCheck?: string }`, `Write ${shape}.`);
        }
        const policyConfig = stage.policyConfig === undefined ? undefined : path.resolve(project.dir, stage.policyConfig as string);
        if (policyConfig !== undefined && !fs.existsSync(policyConfig)) {
            throw new CliError(`${file}: stage ${stage.stack} names policy config ${policyConfig}, which does not exist`, "Fix the path; it is relative to the project folder.");
        }
        return {
            stack: stage.stack as string, ...(policyConfig !== undefined && { policyConfig }), strict: stage.strict === true,
            ...(typeof stage.healthCheck === "string" && { healthCheck: stage.healthCheck }),
        };
    });
}
