import { CapturedResource, UNKNOWN } from "../tests/harness";
import { extractStack, StackResource } from "../policy/extract";
import { Topology } from "../sdk/topology";

/**
 * The topology the policy pack rebuilds from a stack's raw resources (never from what a component
 * claims), so any program gets one. Values not known before deploy are handed over as the pack's
 * own reader hands over the engine's unknowns: absent from `props`, their paths in `unknown`.
 */
export function topologyOf(resources: readonly CapturedResource[]): Topology {
    return extractStack(resources.map(stackResource)).topology;
}

function stackResource(r: CapturedResource): StackResource {
    const unknown = new Set<string>();
    const props = known(r.outputs, "", unknown) as Record<string, unknown>;
    return {
        type: r.type,
        urn: r.urn,
        name: r.name,
        ...(typeof props.id === "string" && { id: props.id }),
        props,
        unknown,
        ...(r.parent !== undefined && { parent: r.parent }),
        dependencies: r.dependencies,
    };
}

/** A copy without the "[unknown]" placeholders; their dotted paths (`interfaces.0.ipAddress`) go to `unknown`. */
function known(value: unknown, path: string, unknown: Set<string>): unknown {
    if (value === null || typeof value !== "object") return value;
    const at = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
    const entries = Object.entries(value).map(([key, v]): [string, unknown] => {
        if (v !== UNKNOWN) return [key, known(v, at(key), unknown)];
        unknown.add(at(key));
        return [key, undefined];
    });
    return Array.isArray(value) ? entries.map(([, v]) => v) : Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}
