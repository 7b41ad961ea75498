import { types } from "node:util";
import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { T } from "./tokens";
import { Props, text } from "./values";

/**
 * One resource of a stack reduced to plain data: what the topology extraction reads. Values that
 * are unknown (during preview) are simply absent, so extraction degrades instead of failing.
 */
export interface StackResource {
    type: string;
    urn: string;
    /** The Pulumi (logical) name. */
    name: string;
    /** The provider's id, when known (bridged providers report it as the `id` output). */
    id?: string;
    props: Props;
    /**
     * Paths of the props the engine does not know yet (during preview), e.g. `bgpAuthKey`,
     * `interfaces.0.ipAddress`; they are absent from `props`.
     */
    unknown?: ReadonlySet<string>;
    /** URN of the parent resource. */
    parent?: string;
    /** URNs of the resources this one depends on. */
    dependencies: readonly string[];
}

const READ_TYPES: ReadonlySet<string> = new Set(Object.values(T));

/**
 * Converts the engine's view of a stack. Only the props of types the pack reads are copied: the
 * rest of the stack matters only as parents and dependencies.
 */
export function fromPolicyResources(resources: readonly PolicyResource[]): StackResource[] {
    return resources.map((r) => {
        const unknown = new Set<string>();
        // Only the engine's unknown-checking proxy can hold unknowns; plain props are taken as they are.
        const props = !READ_TYPES.has(r.type) ? {} : types.isProxy(r.props) ? knownProps(r.props, unknown) : r.props;
        return {
            type: r.type,
            urn: r.urn,
            name: r.name,
            id: text(props.id),
            props,
            unknown,
            parent: r.parent?.urn,
            dependencies: r.dependencies.map((d) => d.urn),
        };
    });
}

/** The value at a dotted path (`attachPoint.directConnectGateway`, `interfaces.0.ipAddress`). */
export function valueAt(r: StackResource, path: string): unknown {
    let value: unknown = r.props;
    for (const key of path.split(".")) value = typeof value === "object" && value !== null ? (value as Props)[key] : undefined;
    return value;
}

/** Whether a field is set, to a value known now or to one the engine only knows after the update. */
export function isSet(r: StackResource | undefined, path: string): boolean {
    return r !== undefined && (valueAt(r, path) !== undefined || (r.unknown?.has(path) ?? false));
}

const UNKNOWN = Symbol("unknown");

function knownProps(props: Props, unknown: Set<string>): Props {
    return knownValues(props, "", unknown) as Props;
}

/** A deep copy without the values the engine marks unknown (reading one through its proxy throws); their paths go to `unknown`. */
function knownValues(value: unknown, path: string, unknown: Set<string>): unknown {
    if (typeof value !== "object" || value === null) return value;
    const at = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
    if (Array.isArray(value)) {
        const copy: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
            const item = read(value, i);
            if (item === UNKNOWN) unknown.add(at(i));
            copy.push(item === UNKNOWN ? undefined : knownValues(item, at(i), unknown));
        }
        return copy;
    }
    const copy: Props = {};
    for (const key of Object.keys(value)) {
        const item = read(value as Props, key);
        if (item === UNKNOWN) unknown.add(at(key));
        else copy[key] = knownValues(item, at(key), unknown);
    }
    return copy;
}

function read(container: Props | unknown[], key: string | number): unknown {
    try {
        return (container as Record<string | number, unknown>)[key];
    } catch (e) {
        if (e instanceof UnknownValueError) return UNKNOWN;
        throw e;
    }
}
