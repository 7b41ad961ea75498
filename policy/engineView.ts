/**
 * Resources as the Pulumi policy server presents them to policies (@pulumi/policy server.js):
 * props behind the proxy that throws on unknown values, options, provider, `isType`/`asType`,
 * parents and dependencies as resource objects, and `notApplicable` that ends a validation.
 */
import {
    PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidationArgs, unknownCheckingProxy,
} from "@pulumi/policy";
import { Resource } from "@pulumi/pulumi";

/**
 * One resource of a stack. `props` are its outputs; `outputs` is accepted in their place so
 * mock-harness captures can be passed as they are. Options may sit in `opts` or at the top level
 * (`protect`, `ignoreChanges`, as captures hold them).
 */
export interface StackRecord {
    type: string;
    urn: string;
    name: string;
    props?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    /** What resource policies see; `props` when absent. */
    inputs?: Record<string, unknown>;
    /** URN of the parent. */
    parent?: string;
    /** URNs of the resources this one depends on. */
    dependencies?: readonly string[];
    propertyDependencies?: Record<string, readonly string[]>;
    /** A provider reference as the engine writes it: `<provider URN>::<provider id>`. */
    provider?: string;
    opts?: Partial<PolicyResourceOptions>;
    protect?: boolean;
    ignoreChanges?: string[];
    additionalSecretOutputs?: string[];
}

/** The engine's marker for an unknown string (`pulumi.runtime.unknownValue`), which @pulumi/policy's proxy recognises. */
export const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** `args.notApplicable` throws this; it is no Error, so throwing it costs no stack trace. */
export class NotApplicableSignal {
    constructor(readonly reason?: string) {}
}

export function notApplicable(reason?: string): never {
    throw new NotApplicableSignal(reason);
}

export type EngineProps = (props: Record<string, unknown>) => Record<string, unknown>;

/**
 * The props as the server hands them over: values not known yet become the engine's unknowns, and
 * props that hold one go behind the proxy that throws when a policy reads one. Props without
 * unknowns go unwrapped: the proxy could never throw for them, and it costs an allocation per read.
 */
export function engineProps(placeholder: string | undefined): EngineProps {
    if (placeholder === undefined) return (props) => props;
    const convert = (value: unknown): unknown => {
        if (value === placeholder) return ENGINE_UNKNOWN;
        if (Array.isArray(value)) return value.map(convert);
        if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
        return value;
    };
    return (props) => (holds(props, placeholder) ? unknownCheckingProxy(convert(props) as Record<string, unknown>) : props);
}

/**
 * The args of one resource, shared by the policies that validate it in turn: each sets its own
 * `getConfig` before it runs. (The server builds them afresh per policy; nothing tells the two apart.)
 */
export class EngineResourceArgs implements ResourceValidationArgs {
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly urn: string;
    readonly name: string;
    readonly opts: PolicyResourceOptions;
    readonly provider?: PolicyProviderResource;
    getConfig: <T extends object>() => T = unconfigured;
    readonly notApplicable = notApplicable;

    constructor(record: StackRecord, toEngine: EngineProps, readonly stackTags: ReadonlyMap<string, string>) {
        this.type = record.type;
        this.props = toEngine(record.inputs ?? record.props ?? record.outputs ?? {});
        this.urn = record.urn;
        this.name = record.name;
        this.opts = options(record);
        const provider = providerOf(record.provider);
        if (provider) this.provider = provider;
    }

    isType(cls: { new (...rest: never[]): Resource }): boolean {
        return isTypeOf(this.type, cls);
    }

    asType<TResource extends Resource, TArgs>(cls: { new (name: string, args: TArgs, ...rest: never[]): TResource }): never {
        return (isTypeOf(this.type, cls) ? this.props : undefined) as never;
    }
}

class EngineResource implements PolicyResource {
    readonly provider?: PolicyProviderResource;
    parent?: PolicyResource;
    dependencies: PolicyResource[] = [];
    private resolvedPropertyDependencies?: Record<string, PolicyResource[]>;

    constructor(
        readonly type: string, readonly props: Record<string, unknown>, readonly urn: string, readonly name: string, readonly opts: PolicyResourceOptions,
        provider: string | undefined, private readonly propertyUrns: Record<string, readonly string[]>, private readonly resolve: (urns: readonly string[]) => PolicyResource[],
    ) {
        const resource = providerOf(provider);
        if (resource) this.provider = resource;
    }

    /** Resolved when first read: few policies read it, and a capture lists every input's sources. */
    get propertyDependencies(): Record<string, PolicyResource[]> {
        this.resolvedPropertyDependencies ??= Object.fromEntries(Object.entries(this.propertyUrns).map(([key, urns]) => [key, this.resolve(urns)]));
        return this.resolvedPropertyDependencies;
    }

    isType(cls: { new (...rest: never[]): Resource }): boolean {
        return isTypeOf(this.type, cls);
    }

    asType(cls: { new (...rest: never[]): Resource }): never {
        return (isTypeOf(this.type, cls) ? this.props : undefined) as never;
    }
}

/** The stack as stack policies see it: outputs, and parents and dependencies as resources (unknown URNs dropped). */
export function stackResources(records: readonly StackRecord[], toEngine: EngineProps): PolicyResource[] {
    const byUrn = new Map<string, EngineResource>();
    const resolve = (urns: readonly string[]) => urns.map((urn) => byUrn.get(urn)).filter((d): d is EngineResource => d !== undefined);
    const resources = records.map((record) => {
        const props = toEngine(record.props ?? record.outputs ?? {});
        const resource = new EngineResource(record.type, props, record.urn, record.name, options(record), record.provider, record.propertyDependencies ?? {}, resolve);
        byUrn.set(record.urn, resource);
        return resource;
    });
    records.forEach((record, i) => {
        const resource = resources[i];
        const parent = record.parent === undefined ? undefined : byUrn.get(record.parent);
        if (parent) resource.parent = parent;
        if (record.dependencies) resource.dependencies = resolve(record.dependencies);
    });
    return resources;
}

/** The type `validateResourceOfType` and its kin attach to the functions they return, and classes carry. */
export function typeTag(fn: unknown): string | undefined {
    const pulumiType = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof pulumiType === "string" && pulumiType.length > 0 ? pulumiType : undefined;
}

function options(record: StackRecord): PolicyResourceOptions {
    return {
        protect: record.opts?.protect ?? record.protect ?? false,
        ignoreChanges: record.opts?.ignoreChanges ?? record.ignoreChanges ?? [],
        aliases: record.opts?.aliases ?? [],
        customTimeouts: record.opts?.customTimeouts ?? { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: record.opts?.additionalSecretOutputs ?? record.additionalSecretOutputs ?? [],
        ...(record.opts?.deleteBeforeReplace !== undefined && { deleteBeforeReplace: record.opts.deleteBeforeReplace }),
        ...(record.parent !== undefined && { parent: record.parent }),
    };
}

/** `urn:pulumi:dev::crosscloud::pulumi:providers:aws::default_7_48_0::<id>` → the provider resource. */
function providerOf(reference: string | undefined): PolicyProviderResource | undefined {
    if (reference === undefined) return undefined;
    const urn = reference.slice(0, reference.lastIndexOf("::"));
    const parts = urn.split("::");
    return { urn, type: parts[2] ?? "", name: parts[3] ?? "", props: {} };
}

function unconfigured<T extends object>(): T {
    throw new Error("getConfig called outside a policy");
}

function holds(value: unknown, placeholder: string): boolean {
    if (value === placeholder) return true;
    if (typeof value !== "object" || value === null) return false;
    for (const v of Array.isArray(value) ? value : Object.values(value)) if (holds(v, placeholder)) return true;
    return false;
}

/** As the server: by the class's `__pulumiType`, else its `isInstance`. */
function isTypeOf(type: string, cls: unknown): boolean {
    const pulumiType = typeTag(cls);
    if (pulumiType !== undefined) return type === pulumiType;
    const isInstance = (cls as { isInstance?: (o: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}
