/** One registered resource, custom or component, as the engine would have seen it. */
export interface CapturedResource {
    urn: string;
    /** Type token, e.g. `aws:ec2/vpnConnection:VpnConnection` or `interconnect:index:HaVpn`. */
    type: string;
    /** Logical name, e.g. `x-tunnel-0`. */
    name: string;
    custom: boolean;
    /** Plain input values as registered; secrets unwrapped (see `secretPaths`). */
    inputs: Record<string, unknown>;
    /** What dependents see: inputs plus computed fields (simulated) and `id`; for components, their registered outputs. */
    outputs: Record<string, unknown>;
    /** Only the computed fields the harness made up, so callers can tell them from real values. */
    simulated: Record<string, unknown>;
    /** Paths of inputs that were Pulumi secrets when registered, e.g. `tunnel1PresharedKey`, `md5AuthenticationKey.key`. */
    secretPaths: string[];
    parent?: string;
    /** Provider reference, `<provider URN>::<provider id>`. */
    provider?: string;
    /** URNs this resource waits for: explicit `dependsOn` and the resources its inputs came from. */
    dependencies: string[];
    /** For each input, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
}

/** One message a program (or the SDK on its behalf) sent to the engine's log. */
export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    /** The resource it is about, when it names one. */
    urn?: string;
    ephemeral: boolean;
}

/** Everything one program registered, in registration order, with a few ways to find things. */
export class Plan {
    constructor(
        readonly resources: readonly CapturedResource[],
        /** The program's exports (the stack outputs), secrets unwrapped. */
        readonly outputs: Record<string, unknown>,
        /** What the program logged (`pulumi.log`), in order: what `pulumi up` would show as diagnostics. */
        readonly logs: readonly LogEntry[] = [],
    ) {}

    ofType(type: string): CapturedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this logical name; throws, listing what there is, if there is not exactly one. */
    named(name: string): CapturedResource {
        const found = this.resources.filter((r) => r.name === name);
        if (found.length === 1) {
            return found[0];
        }
        if (found.length > 1) {
            throw new Error(`${found.length} resources are named "${name}": ${found.map((r) => r.type).join(", ")}; use byUrn or ofType`);
        }
        const names = this.resources.map((r) => r.name).join(", ");
        throw new Error(`No resource named "${name}". Registered: ${names}`);
    }

    byUrn(urn: string): CapturedResource {
        const found = this.resources.find((r) => r.urn === urn);
        if (!found) {
            throw new Error(`No resource with URN ${urn}`);
        }
        return found;
    }

    /** Resources whose parent is `parent` (a resource or its URN). */
    childrenOf(parent: CapturedResource | string): CapturedResource[] {
        const urn = typeof parent === "string" ? parent : parent.urn;
        return this.resources.filter((r) => r.parent === urn);
    }
}
