/**
 * A stack on one side of a change, from what a user has at hand: a plan document (`crosscloud plan
 * --json`) or a stack's state (`pulumi stack export`, or the Automation API's `exportStack()`).
 * State holds real values where a plan holds `[unknown]`, and encrypted secrets; both become the
 * plan's markers, and the links are rebuilt from the raw resources by the policy pack's extraction,
 * as for a plan.
 */
import { judgeStack } from "../../policy/evaluate";
import { ResourceState, SECRET_VALUE, StackState } from "../../sdk/change/types";
import { CliError } from "../errors";
import { CheckpointResource } from "./against";
import type { PlanDocument } from "../planStack";

export function stateOfPlan(document: PlanDocument, where: string): StackState {
    if (!Array.isArray(document.resources) || document.parts === undefined || document.topology === undefined) {
        throw new CliError(
            `${where} is not a plan document this crosscloud can compare against (it has no link parts)`,
            "Save the plan again with this version: crosscloud plan --stack <stack> --json > before.json.",
        );
    }
    return {
        resources: document.resources.map((r): ResourceState => ({
            urn: r.urn, type: r.type, name: r.name, parent: r.parent, inputs: r.inputs, dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies, ignoreChanges: r.ignoreChanges, custom: r.custom,
        })),
        topology: document.topology,
        parts: document.parts,
    };
}

/** The other stacks planned in this run, as facts a change's rules read (a shared Cloud Router's BGP identifier range). */
export function contextOf(planned: readonly PlanDocument[], document: PlanDocument): ResourceState[] {
    return planned.filter((d) => d !== document).flatMap((d) => d.resources.map((r) => ({
        urn: r.urn, type: r.type, name: r.name, inputs: r.inputs, dependencies: r.dependencies, custom: r.custom,
    })));
}

/** The stack as its state holds it. Resources pending deletion are gone already as far as links go. */
export function stateOfCheckpoint(resources: readonly CheckpointResource[]): StackState {
    // Default providers are the engine's own: a program never declares them, so a plan never shows them.
    const live = resources.filter((r) => r.delete !== true && !(r.type.startsWith("pulumi:providers:") && nameOf(r.urn).startsWith("default")));
    const { topology, parts } = judgeStack(live.map((r) => ({
        type: r.type,
        urn: r.urn,
        name: nameOf(r.urn),
        outputs: { ...plain(r.outputs ?? {}) as Record<string, unknown>, ...(r.id !== undefined && { id: r.id }) },
        inputs: plain(r.inputs ?? {}) as Record<string, unknown>,
        parent: r.parent,
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies,
        provider: r.provider,
    })), { all: "disabled" });
    return {
        resources: live.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r): ResourceState => ({
            urn: r.urn, type: r.type, name: nameOf(r.urn), parent: r.parent,
            inputs: plain(r.inputs ?? {}) as Record<string, unknown>,
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies,
            ignoreChanges: r.ignoreChanges,
            custom: r.custom !== false,
        })),
        topology,
        parts,
    };
}

/** The engine's signature for a secret inside state: `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext | plaintext }`. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** State's secrets as the plan's marker; everything else as it is. */
function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (value === null || typeof value !== "object") return value;
    if (SECRET_SIGNATURE in value) return SECRET_VALUE;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}
