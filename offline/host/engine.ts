import { availableParallelism } from "node:os";
import * as pulumi from "@pulumi/pulumi";
import { toPlan } from "../capture";
import { SimulatedCloud } from "../mocks";
import { LogEntry, Plan } from "../plan";
import { EngineLog, inFreshRuntime, readOf, registrationOf } from "../sdkInternals";
import { markSecret } from "../wire";
import { declaredPropertiesFrom } from "./declared";
import { EngineGrpc, EnginePb, Grpc, ResourceGrpc, ResourcePb, Empty, engineGrpc, enginePb, fromStruct, grpc, providerPb, resourceGrpc, resourcePb, toStruct } from "./grpc";
import { toMockInputs, toWire } from "./properties";

const STACK_TYPE = "pulumi:pulumi:Stack";

export interface EngineOptions {
    /** Defaults to `crosscloud`. */
    project?: string;
    /** Defaults to `dev`. */
    stack?: string;
    /** Defaults to `organization`, the name self-managed backends use. */
    organization?: string;
    /** A preview (`pulumi preview`): ids and computed outputs of new resources stay unknown. */
    preview?: boolean;
    /** Stack config as the engine holds it: full keys (`aws:region`), string values. */
    config?: Record<string, string>;
    /** Config keys whose values are secrets. */
    secretKeys?: string[];
    /** Defaults to what `pulumi up` takes without `--parallel`: four per CPU. */
    parallel?: number;
    /** Outputs of each stack a StackReference may read, keyed by stack name (`org/project/stack`). */
    stackOutputs?: Record<string, Record<string, unknown>>;
    /** The directory whose node_modules hold the provider SDKs the programs use, to learn what each type declares. */
    packagesFrom?: string;
}

/** A message a program sent to the engine's log (`pulumi.log.*`, and the runner's own errors). */

interface Settled {
    urn: string;
    id: string;
    type: string;
    state: Record<string, unknown>;
}

const Feature = resourcePb.ResourceMonitorFeature;

/**
 * The features a Pulumi engine's resource monitor advertises that this one honours too, by the
 * names older SDKs ask for. Left out: transforms, invoke transforms, resource and error hooks (the
 * engine would call back into the program) and invokes that wait on dependencies (the SDK then
 * waits itself); a program that needs one of them fails, saying the engine lacks it.
 */
const FEATURES: Readonly<Record<string, ResourcePb.ResourceMonitorFeature>> = {
    secrets: Feature.RESOURCE_MONITOR_FEATURE_SECRETS,
    resourceReferences: Feature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
    outputValues: Feature.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES,
    aliasSpecs: Feature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
    replacementTrigger: Feature.RESOURCE_MONITOR_FEATURE_REPLACEMENT_TRIGGER,
    deletedWith: Feature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
    replaceWith: Feature.RESOURCE_MONITOR_FEATURE_REPLACE_WITH,
    parameterization: Feature.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION,
};

/**
 * A Pulumi engine and resource monitor on one gRPC port, answering with the simulated clouds of
 * the offline engine. Start one with `startEngine`, hand its `address` to a Pulumi process as
 * `--engine` and `--monitor`, read what it saw with `plan()` and `logs`, then `stop()` it.
 */
export class FakeEngine {
    readonly logs: LogEntry[] = [];
    private readonly log = new EngineLog();
    private readonly settled = new Map<string, Settled>();
    private readonly packages = new Map<string, string>();
    private readonly cloud: SimulatedCloud;
    private rootUrn = "";

    private constructor(
        private readonly server: Grpc.Server,
        readonly address: string,
        readonly settings: Required<Omit<EngineOptions, "packagesFrom">>,
        packagesFrom: string | undefined,
    ) {
        const { project, stack, organization } = settings;
        this.cloud = new SimulatedCloud({
            preview: settings.preview,
            stackOutputs: settings.stackOutputs,
            declaredProperties: packagesFrom === undefined ? undefined : declaredPropertiesFrom(packagesFrom),
            // A program may read its own stack's last outputs (an address ledger): none, unless given.
            ownNames: [stack, `${project}/${stack}`, `${organization}/${project}/${stack}`],
        });
    }

    static async start(options: EngineOptions = {}): Promise<FakeEngine> {
        const settings = {
            project: options.project ?? "crosscloud",
            stack: options.stack ?? "dev",
            organization: options.organization ?? "organization",
            preview: options.preview ?? false,
            config: options.config ?? {},
            secretKeys: options.secretKeys ?? [],
            parallel: options.parallel ?? availableParallelism() * 4,
            stackOutputs: options.stackOutputs ?? {},
        };
        // The SDK's own limit: large stacks send large messages.
        const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
        const engine = new FakeEngine(server, `127.0.0.1:${port}`, settings, options.packagesFrom);
        server.addService(resourceGrpc.ResourceMonitorService, engine.monitorService());
        server.addService(engineGrpc.EngineService, engine.engineService());
        return engine;
    }

    /** Everything registered so far, as the in-process engine reports it. */
    plan(): Plan {
        return toPlan(this.log, this.logs);
    }

    /** What `registerOutputs` sent for `urn`, in wire form: secrets still wrapped. */
    registeredOutputs(urn: string): Record<string, unknown> {
        return this.log.registeredOutputs.get(urn) ?? {};
    }

    /** The URN the engine gives the stack resource of this project and stack. */
    get stackUrn(): string {
        return this.urnOf("", STACK_TYPE, `${this.settings.project}-${this.settings.stack}`);
    }

    stop(): void {
        this.server.forceShutdown();
    }

    /** The engine's URNs: a child's type is qualified by its parent's whole type chain, except the stack's. */
    private urnOf(parent: string, type: string, name: string): string {
        const parentType = parent === "" ? "" : parent.split("::")[2];
        const qualified = parentType === "" || parentType === STACK_TYPE ? type : `${parentType}$${type}`;
        return `urn:pulumi:${this.settings.stack}::${this.settings.project}::${qualified}::${name}`;
    }

    /** Runs simulation code with the program's config, where the SDK's (de)serializers and `getConfig` read it. */
    private simulate<T>(fn: () => T | Promise<T>): Promise<T> {
        return inFreshRuntime(async () => {
            pulumi.runtime.setAllConfig(this.settings.config, this.settings.secretKeys);
            return fn();
        });
    }

    private async register(request: ResourcePb.RegisterResourceRequest): Promise<ResourcePb.RegisterResourceResponse> {
        if (request.getRemote()) {
            throw failure(grpc.status.UNIMPLEMENTED, `${request.getType()} is a component of another package (remote): this engine hosts no component providers; start the package with startPlugin and construct it there`);
        }
        const urn = this.claim(request.getParent(), request.getType(), request.getName());
        const fill = this.log.reserve();
        const inputs = fromStruct(request.getObject());
        const { id, state } = await this.simulate(async () => {
            const result = await this.cloud.newResource({
                type: request.getType(),
                name: request.getName(),
                inputs: toMockInputs(inputs),
                provider: request.getProvider(),
                custom: request.getCustom(),
                id: request.getImportid(),
            });
            return { id: result.id ?? "", state: markSecret(await toWire(result.state), request.getAdditionalsecretoutputsList(), this.settings.preview) };
        });
        this.settled.set(urn, { urn, id, type: request.getType(), state });
        fill(registrationOf(request, { inputs, urn, id, state }));
        return new resourcePb.RegisterResourceResponse().setUrn(urn).setId(id).setObject(toStruct(state));
    }

    private async read(request: ResourcePb.ReadResourceRequest): Promise<ResourcePb.ReadResourceResponse> {
        const urn = this.claim(request.getParent(), request.getType(), request.getName());
        const fill = this.log.reserve();
        const inputs = fromStruct(request.getProperties());
        const state = await this.simulate(async () => {
            const result = await this.cloud.newResource({
                type: request.getType(),
                name: request.getName(),
                inputs: toMockInputs(inputs),
                provider: request.getProvider(),
                custom: true,
                id: request.getId(),
            });
            return markSecret(await toWire(result.state), request.getAdditionalsecretoutputsList(), false);
        });
        this.settled.set(urn, { urn, id: request.getId(), type: request.getType(), state });
        fill(readOf(request, { inputs, urn, id: request.getId(), state }));
        return new resourcePb.ReadResourceResponse().setUrn(urn).setProperties(toStruct(state));
    }

    /** A URN for a new registration; the engine refuses a second resource with the same one. */
    private claim(parent: string, type: string, name: string): string {
        const urn = this.urnOf(parent, type, name);
        if (this.settled.has(urn)) {
            throw failure(grpc.status.INVALID_ARGUMENT, `Duplicate resource URN '${urn}'; try giving it a unique name`);
        }
        this.settled.set(urn, { urn, id: "", type, state: {} });
        return urn;
    }

    private async invoke(token: string, args: Record<string, unknown>, provider: string): Promise<Record<string, unknown>> {
        if (token === "pulumi:pulumi:getResource") {
            const found = this.settled.get(String(args.urn));
            if (!found) {
                throw failure(grpc.status.NOT_FOUND, `unknown resource ${String(args.urn)}`);
            }
            return { urn: found.urn, id: found.id, state: found.state };
        }
        return this.simulate(async () => toWire(await this.cloud.call({ token, inputs: toMockInputs(args), provider })));
    }

    private monitorService(): ResourceGrpc.IResourceMonitorServer {
        const features = Object.values(FEATURES);
        return {
            getDeploymentInfo: unary(() => {
                const info = new resourcePb.DeploymentInfo()
                    .setProject(this.settings.project)
                    .setStack(this.settings.stack)
                    .setOrganization(this.settings.organization)
                    .setConfigsecretkeysList(this.settings.secretKeys)
                    .setDryrun(this.settings.preview)
                    .setParallel(this.settings.parallel)
                    .setSupportedfeaturesList(features);
                for (const [key, value] of Object.entries(this.settings.config)) {
                    info.getConfigMap().set(key, value);
                }
                return info;
            }),
            supportsFeature: unary((request) => new resourcePb.SupportsFeatureResponse().setHassupport(request.getId() in FEATURES)),
            registerResource: unary((request) => this.register(request)),
            readResource: unary((request) => this.read(request)),
            registerResourceOutputs: unary((request) => {
                const outputs = fromStruct(request.getOutputs());
                this.log.registeredOutputs.set(request.getUrn(), outputs);
                const settled = this.settled.get(request.getUrn());
                if (settled) {
                    settled.state = outputs;
                }
                return new Empty();
            }),
            invoke: unary(async (request) => new resourcePb.ResourceInvokeResponse()
                .setReturn(toStruct(await this.invoke(request.getTok(), fromStruct(request.getArgs()), request.getProvider())))),
            call: unary(async (request) => new providerPb.CallResponse()
                .setReturn(toStruct(await this.invoke(request.getTok(), fromStruct(request.getArgs()), request.getProvider())))),
            existsResource: unary((request) => new resourcePb.ExistsResourceResponse()
                .setExists([...this.settled.values()].some((r) => r.id === request.getId() && r.type === request.getType()))),
            registerPackage: unary((request) => {
                const key = `${request.getName()}@${request.getVersion()}`;
                const ref = this.packages.get(key) ?? `${this.packages.size + 1}`;
                this.packages.set(key, ref);
                return new resourcePb.RegisterPackageResponse().setRef(ref);
            }),
            signalAndWaitForShutdown: unary(() => new Empty()),
            // Not advertised, so the SDK never asks: they need callbacks into the program this engine does not make.
            registerStackTransform: unimplemented("transforms"),
            registerStackInvokeTransform: unimplemented("invoke transforms"),
            registerResourceHook: unimplemented("resource hooks"),
            registerErrorHook: unimplemented("error hooks"),
        };
    }

    private engineService(): EngineGrpc.IEngineServer {
        return {
            log: unary((request) => {
                this.logs.push({
                    severity: SEVERITIES[request.getSeverity()],
                    message: request.getMessage(),
                    ...(request.getUrn() !== "" && { urn: request.getUrn() }),
                    ephemeral: request.getEphemeral(),
                });
                return new Empty();
            }),
            getRootResource: unary(() => new enginePb.GetRootResourceResponse().setUrn(this.rootUrn)),
            setRootResource: unary((request) => {
                this.rootUrn = request.getUrn();
                return new enginePb.SetRootResourceResponse();
            }),
            // No CLI here, so no version to hold a range against.
            requirePulumiVersion: unary(() => new enginePb.RequirePulumiVersionResponse()),
            startDebugging: unimplemented("debugging"),
        };
    }
}

export function startEngine(options: EngineOptions = {}): Promise<FakeEngine> {
    return FakeEngine.start(options);
}

const SEVERITIES: Record<EnginePb.LogSeverity, LogEntry["severity"]> = {
    [enginePb.LogSeverity.DEBUG]: "debug",
    [enginePb.LogSeverity.INFO]: "info",
    [enginePb.LogSeverity.WARNING]: "warning",
    [enginePb.LogSeverity.ERROR]: "error",
};

/** A unary handler from a function of the request; a thrown error becomes the call's gRPC error. */
function unary<Request, Response>(handle: (request: Request) => Response | Promise<Response>): Grpc.handleUnaryCall<Request, Response> {
    return (call, callback) => {
        Promise.resolve()
            .then(() => handle(call.request))
            .then((response) => callback(null, response), (error: unknown) => callback(asServiceError(error)));
    };
}

function unimplemented(what: string): Grpc.handleUnaryCall<unknown, never> {
    return (_call, callback) => callback(failure(grpc.status.UNIMPLEMENTED, `this engine does not support ${what}`));
}

function failure(code: Grpc.status, message: string): Grpc.ServerErrorResponse {
    return Object.assign(new Error(message), { code, details: message });
}

function asServiceError(error: unknown): Grpc.ServerErrorResponse {
    if (error instanceof Error && "code" in error && typeof error.code === "number") {
        return error as Grpc.ServerErrorResponse;
    }
    const message = error instanceof Error ? error.message : String(error);
    return failure(grpc.status.UNKNOWN, message);
}
