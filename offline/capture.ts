import { isDeepStrictEqual } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { SimulatedCloud } from "./mocks";
import { CapturedResource, LogEntry, Plan } from "./plan";
import { EngineLog, Registration, inFreshRuntime, recordingLogs, tapMonitor, withoutPromiseDebugging } from "./sdkInternals";
import { UNKNOWN, decodeProperties } from "./wire";

export interface CaptureOptions {
    /** Defaults to `crosscloud`. */
    project?: string;
    /** Defaults to `dev`. */
    stack?: string;
    /** Defaults to `organization`, the name self-managed backends use. */
    organization?: string;
    /** Run as a preview: ids and computed outputs of new resources stay unknown. */
    preview?: boolean;
    /** Stack config, full keys (`crosscloud:environment`); non-strings are stored as JSON. */
    config?: Record<string, unknown>;
    /**
     * Outputs of each stack a StackReference may read, keyed by stack name (`org/project/stack`).
     * The program's own stack reads as having no outputs unless given here (its last update's).
     */
    stackOutputs?: Record<string, Record<string, unknown>>;
}

/**
 * A Pulumi program: declares resources, and may return a plain object whose entries become the
 * stack outputs (like a program's exports).
 */
export type Program = () => unknown;

let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` under mocks and returns everything it registered, once registrations and outputs
 * have settled. Rejects with the program's own error if it throws, directly or in an apply.
 * Captures run one at a time, each with a fresh runtime, so they never see each other's resources.
 */
export function capture(program: Program, options: CaptureOptions = {}): Promise<Plan> {
    const run = previous.then(() => inFreshRuntime(() => withoutPromiseDebugging(() => recordingLogs((logs) => captureAlone(program, options, logs)))));
    previous = run.catch(() => undefined);
    return run;
}

async function captureAlone(program: Program, options: CaptureOptions, logs: readonly LogEntry[]): Promise<Plan> {
    const preview = options.preview ?? false;
    const [project, stack, organization] = [options.project ?? "crosscloud", options.stack ?? "dev", options.organization ?? "organization"];
    const ownNames = [stack, `${project}/${stack}`, `${organization}/${project}/${stack}`];
    const cloud = new SimulatedCloud({ preview, stackOutputs: options.stackOutputs ?? {}, ownNames });
    await pulumi.runtime.setMocks(cloud, project, stack, preview, organization);
    pulumi.runtime.setAllConfig(configValues(options.config ?? {}));
    const log = tapMonitor();
    const unhandled = watchUnhandledRejections();
    try {
        await pulumi.runtime.runInPulumiStack(async () => {
            pulumi.runtime.registerStackTransformation(cloud.learnDeclaredProperties);
            const result = await program();
            return isPlainObject(result) ? result : undefined;
        });
    } finally {
        await pulumi.runtime.disconnect();
        // Node reports a rejection nobody handled at the end of the turn it happened in.
        await new Promise((resolve) => setImmediate(resolve));
        unhandled.stop();
    }
    if (unhandled.errors.length > 0) {
        throw unhandled.errors[0];
    }
    return toPlan(log, logs);
}

/**
 * An error thrown in an apply reaches no caller: the SDK rethrows it from the registration that
 * needed the value, as an unhandled rejection. This is how the Pulumi runner itself sees them.
 */
function watchUnhandledRejections() {
    const errors: unknown[] = [];
    const listener = (reason: unknown) => {
        if (!errors.includes(reason)) {
            errors.push(reason);
        }
    };
    process.on("unhandledRejection", listener);
    return { errors, stop: () => process.off("unhandledRejection", listener) };
}

/** What the engine saw, as the plan callers assert on: shared with the engine that serves programs over gRPC (host/). */
export function toPlan(log: EngineLog, logs: readonly LogEntry[] = []): Plan {
    const resources = log.registrations.map((registration) => describe(registration, log.registeredOutputs.get(registration.urn)));
    const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    return new Plan(resources, stack?.outputs ?? {}, [...logs]);
}

function describe(registration: Registration, registeredOutputs: Record<string, unknown> | undefined): CapturedResource {
    const { type, name, custom, urn, parent, provider, dependencies, propertyDependencies } = registration;
    const { values: inputs, secretPaths } = decodeProperties(registration.inputs);
    const outputs = custom
        ? { ...decodeProperties(registration.state).values, id: registration.id || UNKNOWN }
        : decodeProperties(registeredOutputs ?? {}).values;
    return {
        urn,
        type,
        name,
        custom,
        inputs,
        outputs,
        simulated: custom ? madeUp(registration, inputs, outputs) : {},
        secretPaths,
        parent: parent || undefined,
        provider: provider || undefined,
        dependencies,
        propertyDependencies,
        protect: registration.protect,
        retainOnDelete: registration.retainOnDelete,
        ignoreChanges: registration.ignoreChanges,
        additionalSecretOutputs: registration.additionalSecretOutputs,
    };
}

/** The outputs that did not come from the inputs; a read resource's id is the one it asked for. */
function madeUp(registration: Registration, inputs: Record<string, unknown>, outputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(outputs).filter(([key, value]) => !(key === "id" && registration.read) && !isDeepStrictEqual(value, inputs[key])),
    );
}

function configValues(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object") {
        return false;
    }
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}
