import { T } from "./tokens";
import { StackResource, valueAt } from "./stackResource";
import { lastSegment, text } from "./values";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Per type: each reference value, and the resources it may name. */
type References = Map<string, StackResource | StackResource[]>;

/**
 * A stack's resources indexed once, so that every reference between them resolves in constant time.
 *
 * A reference is whatever a program fed one resource from another: an id, a Google self link, a
 * name, an ARN. Each resource is indexed under all of those, and a reference resolves the way
 * Pulumi resolved it: exactly first (Google self links and ids compared by resource path), then by
 * the last path segment. When the value is absent (unknown during preview), the resource the
 * referrer depends on stands in.
 */
export class StackIndex {
    private readonly byUrn = new Map<string, StackResource>();
    private readonly byType = new Map<string, StackResource[]>();
    private readonly references = new Map<string, { exact: References; lastSegment: References }>();
    /** Per type, the names more than one resource has. */
    private readonly sharedNames = new Map<string, Set<string>>();

    constructor(resources: readonly StackResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            const ofType = this.byType.get(r.type);
            if (ofType) ofType.push(r);
            else this.byType.set(r.type, [r]);
        }
    }

    all(type: string): readonly StackResource[] {
        return this.byType.get(type) ?? [];
    }

    get(urn: string | undefined): StackResource | undefined {
        return urn === undefined ? undefined : this.byUrn.get(urn);
    }

    /** How messages and topology ids name a resource: its Pulumi name, or its URN if another resource of its type has the name too. */
    label(r: StackResource): string {
        let shared = this.sharedNames.get(r.type);
        if (!shared) {
            const seen = new Set<string>();
            shared = new Set<string>();
            for (const other of this.all(r.type)) {
                if (seen.has(other.name)) shared.add(other.name);
                seen.add(other.name);
            }
            this.sharedNames.set(r.type, shared);
        }
        return shared.has(r.name) ? r.urn : r.name;
    }

    /**
     * The resource of `type` that `from`'s field at `path` names. Among several, the one `from`
     * depends on; while the field's value is unknown (preview), the one resource of that type
     * `from` depends on.
     */
    resolve(type: string, from: StackResource, path: string): StackResource | undefined {
        const value = text(valueAt(from, path));
        if (value === undefined) return from.unknown?.has(path) ? this.dependencyOfType(from, type) : undefined;
        const candidates = this.lookup(type, value);
        if (candidates.length <= 1) return candidates[0];
        const dependedOn = candidates.filter((c) => from.dependencies.includes(c.urn));
        return dependedOn.length === 1 ? dependedOn[0] : undefined;
    }

    /** The one resource of `type` that `from` depends on, if there is exactly one. */
    dependencyOfType(from: StackResource, type: string): StackResource | undefined {
        let found: StackResource | undefined;
        for (const urn of from.dependencies) {
            const dependency = this.byUrn.get(urn);
            if (dependency?.type !== type) continue;
            if (found) return undefined;
            found = dependency;
        }
        return found;
    }

    /** The component a resource was declared in, or undefined for a resource at the top of the stack. */
    owner(r: StackResource): StackResource | undefined {
        const parent = this.get(r.parent);
        return parent && parent.type !== STACK_TYPE ? parent : undefined;
    }

    private lookup(type: string, value: string): StackResource[] {
        const { exact, lastSegment: byLastSegment } = this.referencesOf(type);
        const found = exact.get(canonical(value)) ?? exact.get(lastSegment(value)) ?? byLastSegment.get(lastSegment(value));
        return found === undefined ? [] : Array.isArray(found) ? found : [found];
    }

    /** Built the first time a type is looked up: most types in a stack are never referenced. */
    private referencesOf(type: string): { exact: References; lastSegment: References } {
        let refs = this.references.get(type);
        if (!refs) {
            refs = { exact: new Map(), lastSegment: new Map() };
            for (const r of this.all(type)) {
                for (const key of referenceKeys(r)) {
                    add(refs.exact, key, r);
                    if (key.includes("/")) add(refs.lastSegment, lastSegment(key), r);
                }
            }
            this.references.set(type, refs);
        }
        return refs;
    }
}

/** Every value another resource may hold to point at this one. */
function referenceKeys(r: StackResource): Set<string> {
    const p = r.props;
    const values = [r.id, r.name, p.id, p.name, p.selfLink, p.arn, r.type === T.awsInterconnectConnection ? p.connectionId : undefined];
    const keys = new Set<string>();
    for (const v of values) if (typeof v === "string" && v !== "") keys.add(canonical(v));
    return keys;
}

/** `https://www.googleapis.com/compute/v1/projects/p/regions/r/routers/x` and its id `projects/p/…/x` are one path. */
function canonical(value: string): string {
    const at = value.indexOf("projects/");
    return at > 0 ? value.slice(at) : value;
}

function add(references: References, key: string, r: StackResource): void {
    const existing = references.get(key);
    if (existing === undefined) references.set(key, r);
    else if (Array.isArray(existing)) {
        if (!existing.includes(r)) existing.push(r);
    } else if (existing !== r) references.set(key, [existing, r]);
}
