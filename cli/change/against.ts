/**
 * What `--against` names: the stack before a change, as the user has it at hand.
 * - a plan document, or a list of them (`crosscloud plan --json`), matched to stacks by name;
 * - a stack's state (`pulumi stack export`), for the one stack planned;
 * - a stack config file (`Pulumi.<stack>.yaml` as it was, e.g. from `git show main:stacks/Pulumi.prod.yaml`),
 *   planned now with the program as the stack before.
 */
import * as fs from "node:fs";
import { usageError } from "../errors";
import type { PlanDocument } from "../planStack";

export type Against =
    | { kind: "plans"; file: string; documents: ReadonlyMap<string, PlanDocument> }
    | { kind: "state"; file: string; resources: CheckpointResource[] }
    | { kind: "config"; file: string };

export function readAgainst(file: string): Against {
    if (!fs.existsSync(file)) {
        throw usageError(`no such file: ${file}`, "Pass --against a plan (crosscloud plan --json), a stack's state (pulumi stack export) or a stack config file.");
    }
    if (/\.ya?ml$/i.test(file)) return { kind: "config", file };
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw usageError(`cannot read ${file}: ${(e as Error).message}`, "Pass --against a JSON plan or state, or a YAML stack config.");
    }
    const documents = (Array.isArray(parsed) ? parsed : [parsed]).filter(isPlanDocument);
    if (documents.length > 0 && documents.length === (Array.isArray(parsed) ? parsed.length : 1)) {
        return { kind: "plans", file, documents: new Map(documents.map((d) => [stackName(d.stack), d])) };
    }
    const resources = checkpointResources(parsed);
    if (resources) return { kind: "state", file, resources };
    throw usageError(
        `${file} is neither a crosscloud plan, nor a Pulumi stack state`,
        "Save one with `crosscloud plan --stack <stack> --json` or `pulumi stack export --file <file>`.",
    );
}

/** `org/project/prod` and `prod` name one stack of the project. */
export function stackName(name: string): string {
    return name.split("/").pop() ?? name;
}

function isPlanDocument(value: unknown): value is PlanDocument {
    const d = value as Partial<PlanDocument> | null;
    return typeof d === "object" && d !== null && typeof d.stack === "string" && Array.isArray(d.resources) && typeof d.topology === "object";
}

/** One resource of a Pulumi checkpoint (`deployment.resources[]`), as far as it is read here. */
export interface CheckpointResource {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: string;
    ignoreChanges?: string[];
    delete?: boolean;
}

/** A deployment as `pulumi stack export` writes it (`{ version, deployment }`) or `exportStack()` returns it. */
export function checkpointResources(exported: unknown): CheckpointResource[] | undefined {
    const deployment = (exported as { deployment?: unknown } | null)?.deployment ?? exported;
    const resources = (deployment as { resources?: unknown } | null)?.resources;
    return Array.isArray(resources) ? (resources as CheckpointResource[]) : undefined;
}
