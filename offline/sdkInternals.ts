/**
 * The one place that relies on undocumented parts of the Pulumi Node SDK (checked on 3.270.0):
 * the per-run runtime store, the mock monitor's gRPC-style methods and the request and
 * response messages they carry. If an SDK upgrade breaks the harness, start here.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
    ReadResourceRequest,
    ReadResourceResponse,
    RegisterResourceOutputsRequest,
    RegisterResourceRequest,
    RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import type { LogEntry } from "./plan";
import { markSecret } from "./wire";

type WireProperties = Record<string, unknown>;

/** One resource as the engine saw it: the request the SDK sent and what the monitor answered. */
export interface Registration {
    type: string;
    name: string;
    custom: boolean;
    /** Read (`Resource.get`, StackReference) rather than created. */
    read: boolean;
    parent: string;
    provider: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    /** Inputs in wire form: secrets still wrapped, unknowns as the unknown sentinel. */
    inputs: WireProperties;
    urn: string;
    /** "" while unknown (previews). */
    id: string;
    /** Outputs in wire form. */
    state: WireProperties;
}

/** What the engine received during one capture. */
export class EngineLog {
    private readonly slots: (Registration | undefined)[] = [];
    /** `registerOutputs` of components (and the stack's exports), by URN, in wire form. */
    readonly registeredOutputs = new Map<string, WireProperties>();

    /** Successful registrations, in the order the SDK sent them. */
    get registrations(): Registration[] {
        return this.slots.filter((r): r is Registration => r !== undefined);
    }

    /** Keeps a place in line for a request; `fill` it once the monitor has answered. */
    reserve(): (registration: Registration) => void {
        const slot = this.slots.push(undefined) - 1;
        return (registration) => {
            this.slots[slot] = registration;
        };
    }
}

type Callback<T> = (error: Error | null, response?: T) => void;

interface MockMonitorMethods {
    registerResource(request: RegisterResourceRequest, callback: Callback<RegisterResourceResponse>): unknown;
    readResource(request: ReadResourceRequest, callback: Callback<ReadResourceResponse>): unknown;
    registerResourceOutputs(request: RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

/**
 * Runs `fn` against a runtime store of its own, the way the Automation API runs each inline
 * program, so nothing a previous capture left behind (a pending registration, the stack
 * resource, config) can reach this one.
 */
export function inFreshRuntime<T>(fn: () => Promise<T>): Promise<T> {
    const { withLocalStorage } = runtimeState as unknown as { withLocalStorage<R>(callback: () => R): R };
    return withLocalStorage(fn);
}

/**
 * Runs `fn` without the SDK's promise-leak bookkeeping: `debuggablePromise` wraps several promises
 * per output property of every resource, records a stack trace for each and chains two more
 * callbacks, only so that a leak can be reported at exit when PULUMI_DEBUG_PROMISE_LEAKS is set.
 * The offline engine never exits between captures and reports no leaks, so unless that variable asks
 * for it, the wrapper is the identity while `fn` runs.
 */
export async function withoutPromiseDebugging<T>(fn: () => Promise<T>): Promise<T> {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
        return fn();
    }
    const sdk = debuggable as unknown as { debuggablePromise: <P>(p: Promise<P>, ctx?: unknown) => Promise<P> };
    const wrap = sdk.debuggablePromise;
    sdk.debuggablePromise = (p) => p;
    try {
        return await fn();
    } finally {
        sdk.debuggablePromise = wrap;
    }
}

type LogFunction = (message: string, resource?: pulumi.Resource, streamId?: number, ephemeral?: boolean) => Promise<void>;

/**
 * Keeps what the program logs (`pulumi.log.debug/info/warn/error`, which the SDK calls too) while
 * `fn` runs, instead of the console the mock runtime prints it to: the engine would hold it as the
 * update's diagnostics, so a capture does. The SDK's log functions are read through its module
 * object at each call, so swapping them there reaches every caller.
 */
export async function recordingLogs<T>(fn: (logs: LogEntry[]) => Promise<T>): Promise<T> {
    const sdkLog = pulumi.log as unknown as Record<"debug" | "info" | "warn" | "error", LogFunction>;
    const saved = { debug: sdkLog.debug, info: sdkLog.info, warn: sdkLog.warn, error: sdkLog.error };
    const logs: LogEntry[] = [];
    const recorder = (severity: LogEntry["severity"]): LogFunction => async (message, resource, _streamId, ephemeral) => {
        const entry: LogEntry = { severity, message, ephemeral: ephemeral === true };
        logs.push(entry);
        // The URN resolves once the resource is registered; the entry is complete by the time the capture settles.
        if (resource) entry.urn = await (resource.urn as unknown as { promise(): Promise<string> }).promise();
    };
    sdkLog.debug = recorder("debug");
    sdkLog.info = recorder("info");
    sdkLog.warn = recorder("warning");
    sdkLog.error = recorder("error");
    try {
        return await fn(logs);
    } finally {
        Object.assign(sdkLog, saved);
    }
}

/**
 * Records every registration that reaches the current mock monitor (set by `setMocks`), and
 * makes it mark `additionalSecretOutputs` as secrets, which the real engine does and the mock
 * monitor does not. Provider SDKs declare their secret outputs this way (RandomPassword's `result`,
 * a VPN connection's keys), so a value built from one is secret offline exactly as at deploy.
 */
export function tapMonitor(): EngineLog {
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorMethods;
    const log = new EngineLog();

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        const fill = log.reserve();
        return registerResource(request, (error, response) => {
            if (!error && response) {
                const secretOutputs = request.getAdditionalsecretoutputsList();
                if (secretOutputs.length > 0) {
                    response.setObject(toStruct(response.getObject(), markSecret(fromStruct(response.getObject()), secretOutputs, pulumi.runtime.isDryRun())));
                }
                fill(registrationOf(request, {
                    inputs: fromStruct(request.getObject()), urn: response.getUrn(), id: response.getId(), state: fromStruct(response.getObject()),
                }));
            }
            callback(error, response);
        });
    };

    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (request, callback) => {
        const fill = log.reserve();
        return readResource(request, (error, response) => {
            if (!error && response) {
                fill(readOf(request, {
                    inputs: fromStruct(request.getProperties()), urn: response.getUrn(), id: request.getId(), state: fromStruct(response.getProperties()),
                }));
            }
            callback(error, response);
        });
    };

    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (request, callback) => {
        log.registeredOutputs.set(request.getUrn(), fromStruct(request.getOutputs()));
        return registerResourceOutputs(request, callback);
    };

    return log;
}

/** What the engine answered for one registration. */
type Outcome = Pick<Registration, "inputs" | "urn" | "id" | "state">;

/** A created or updated resource as the engine records it: the request's fields, then what came back. */
export function registrationOf(request: RegisterResourceRequest, outcome: Outcome): Registration {
    const byProperty: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((dependencies, property) => {
        byProperty[property] = dependencies.getUrnsList();
    });
    return {
        ...requested(request),
        custom: request.getCustom(),
        read: false,
        protect: request.getProtect() ?? false,
        retainOnDelete: request.getRetainondelete() ?? false,
        ignoreChanges: request.getIgnorechangesList(),
        propertyDependencies: byProperty,
        ...outcome,
    };
}

/** A read resource (`Resource.get`, a StackReference) as the engine records it. */
export function readOf(request: ReadResourceRequest, outcome: Outcome): Registration {
    return { ...requested(request), custom: true, read: true, protect: false, retainOnDelete: false, ignoreChanges: [], propertyDependencies: {}, ...outcome };
}

function requested(request: RegisterResourceRequest | ReadResourceRequest) {
    return {
        type: request.getType(),
        name: request.getName(),
        parent: request.getParent(),
        provider: request.getProvider(),
        dependencies: request.getDependenciesList(),
        additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    };
}

type Struct = NonNullable<ReturnType<RegisterResourceRequest["getObject"]>>;

function fromStruct(struct: Struct | undefined): WireProperties {
    return (struct?.toJavaScript() ?? {}) as WireProperties;
}

/** Builds a Struct with the class of an existing one, so the harness needs no protobuf dependency. */
function toStruct(like: Struct | undefined, value: WireProperties): Struct {
    const StructClass = like?.constructor as unknown as { fromJavaScript(value: WireProperties): Struct };
    return StructClass.fromJavaScript(value);
}
