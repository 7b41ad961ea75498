import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, Plan } from "../plan";
import { decodeProperties } from "../wire";
import { EngineOptions, FakeEngine, startEngine } from "./engine";
import { Grpc, ProviderGrpc, ProviderPb, WireProperties, fromStruct, grpc, providerGrpc, providerPb, toStruct, unary } from "./grpc";
import { locateModule, readProjectFile } from "./project";
import { NodeProcess } from "./process";

export interface PluginOptions extends Omit<EngineOptions, "packagesFrom"> {
    /** The component package's directory: `PulumiPlugin.yaml`, `package.json` and its entry point. */
    dir: string;
    /** Where `@pulumi/pulumi/cmd/run-plugin` is resolved from; defaults to `dir`. */
    sdkFrom?: string;
    /** The engine's working directory, which the plugin inherits (the consumer's project); defaults to the caller's. */
    pwd?: string;
    /** Set in the plugin's environment, over the caller's own. */
    env?: Record<string, string>;
}

export interface ConstructOptions {
    /** Defaults to the stack resource of the engine's project and stack. */
    parent?: string;
    /** For each input, the URNs its value came from. */
    inputDependencies?: Record<string, string[]>;
    dependencies?: string[];
    /** Provider references by package, `<provider URN>::<id>`. */
    providers?: Record<string, string>;
    protect?: boolean;
}

/** What a Construct call answered, and what the component registered while it ran. */
export interface Constructed {
    urn: string;
    /** The component's outputs, plain; secrets unwrapped (see `secretPaths`). */
    state: Record<string, unknown>;
    secretPaths: string[];
    stateDependencies: Record<string, string[]>;
    /** The resources registered on the engine during the call: the component and its children. */
    plan: Plan;
}

/** A component package served by Pulumi's plugin host, connected as the engine connects to it. */
export interface PluginHost {
    readonly client: ProviderGrpc.ResourceProviderClient;
    /** The engine whose monitor the constructed resources register on. */
    readonly engine: FakeEngine;
    readonly process: NodeProcess;
    /** The package schema the plugin infers, parsed. */
    getSchema(): Promise<Record<string, unknown>>;
    /** Constructs a component as the engine does for a program in another language; inputs are wire values (see `secretInput`). */
    construct(type: string, name: string, inputs: WireProperties, options?: ConstructOptions): Promise<Constructed>;
    stop(): Promise<void>;
}

/**
 * Starts the component package in `options.dir` as the Pulumi CLI does for `pulumi package add`,
 * `get-schema` or a program in another language: the Node language host's `RunPlugin`
 * (sdk/nodejs/cmd/pulumi-language-nodejs main.go) runs `@pulumi/pulumi/cmd/run-plugin` with the
 * package directory and the engine's address, in the engine's working directory, with the
 * environment `NewProvider` (pkg/resource/plugin/provider_plugin.go) gives a provider. Then it
 * connects, handshakes and configures the provider as the engine does.
 */
export async function startPlugin(options: PluginOptions): Promise<PluginHost> {
    const dir = resolve(options.dir);
    const { runtime } = readProjectFile(dir, "PulumiPlugin.yaml");
    const runPath = locateModule("@pulumi/pulumi/cmd/run-plugin", options.sdkFrom ?? dir, `npm install in ${dir}`);
    const engine = await startEngine({ ...options, packagesFrom: dir });
    const env: Record<string, string> = {
        PULUMI_PROJECT: engine.settings.project,
        ...(runtime.typescript && { PULUMI_NODEJS_TYPESCRIPT: "true" }),
        ...(runtime.tsconfig !== undefined && { PULUMI_NODEJS_TSCONFIG_PATH: runtime.tsconfig }),
        ...options.env,
    };
    const plugin = new NodeProcess([runPath, ...runtime.nodeargs, dir, engine.address], options.pwd ?? process.cwd(), { ...process.env, ...env });
    let client: ProviderGrpc.ResourceProviderClient | undefined;
    const stop = async () => {
        client?.close();
        await plugin.stop();
        engine.stop();
    };
    try {
        client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${await plugin.port(`The plugin in ${dir}`)}`, grpc.credentials.createInsecure());
        await handshake(client, engine, dir);
        await configure(client);
    } catch (error) {
        await stop();
        throw error;
    }
    const connected = client;
    return {
        client: connected,
        engine,
        process: plugin,
        stop,
        async getSchema() {
            const response = await unary<ProviderPb.GetSchemaResponse>((done) => connected.getSchema(new providerPb.GetSchemaRequest().setVersion(0), done));
            return JSON.parse(response.getSchema()) as Record<string, unknown>;
        },
        async construct(type, name, inputs, constructOptions = {}) {
            const before = new Set(engine.plan().resources.map((r) => r.urn));
            const response = await unary<ProviderPb.ConstructResponse>((done) => connected.construct(constructRequest(engine, type, name, inputs, constructOptions), done));
            const { values, secretPaths } = decodeProperties(fromStruct(response.getState()));
            const stateDependencies: Record<string, string[]> = {};
            response.getStatedependenciesMap().forEach((dependencies, key) => {
                stateDependencies[key] = dependencies.getUrnsList();
            });
            const after = engine.plan();
            const registered: CapturedResource[] = after.resources.filter((r) => !before.has(r.urn));
            return { urn: response.getUrn(), state: values, secretPaths, stateDependencies, plan: new Plan(registered, {}) };
        },
    };
}

/** The engine's handshake (provider_plugin.go `NewProvider`); providers that predate it answer UNIMPLEMENTED, which the engine accepts. */
async function handshake(client: ProviderGrpc.ResourceProviderClient, engine: FakeEngine, dir: string): Promise<void> {
    const request = new providerPb.ProviderHandshakeRequest()
        .setEngineAddress(engine.address)
        .setRootDirectory(dir)
        .setProgramDirectory(dir)
        .setConfigureWithUrn(true)
        .setSupportsViews(true)
        .setInvokeWithPreview(true)
        .setAcceptsByteString(true);
    try {
        await unary((done) => client.handshake(request, done));
    } catch (error) {
        if ((error as Grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
            throw error;
        }
    }
}

/** The engine configures a provider before it constructs with it; a component package takes no config. */
async function configure(client: ProviderGrpc.ResourceProviderClient): Promise<void> {
    const request = new providerPb.ConfigureRequest()
        .setArgs(toStruct({}))
        .setAcceptsecrets(true)
        .setAcceptresources(true)
        .setSendsOldInputs(true)
        .setSendsOldInputsToDelete(true);
    await unary((done) => client.configure(request, done));
}

function constructRequest(engine: FakeEngine, type: string, name: string, inputs: WireProperties, options: ConstructOptions): ProviderPb.ConstructRequest {
    const { settings } = engine;
    const request = new providerPb.ConstructRequest()
        .setProject(settings.project)
        .setStack(settings.stack)
        .setOrganization(settings.organization)
        .setDryrun(settings.preview)
        .setParallel(settings.parallel)
        .setMonitorendpoint(engine.address)
        .setConfigsecretkeysList(settings.secretKeys)
        .setType(type)
        .setName(name)
        .setParent(options.parent ?? engine.stackUrn)
        .setInputs(toStruct(inputs))
        .setDependenciesList(options.dependencies ?? [])
        .setAcceptsOutputValues(true);
    if (options.protect !== undefined) {
        request.setProtect(options.protect);
    }
    for (const [key, value] of Object.entries(settings.config)) {
        request.getConfigMap().set(key, value);
    }
    for (const [key, urns] of Object.entries(options.inputDependencies ?? {})) {
        request.getInputdependenciesMap().set(key, new providerPb.ConstructRequest.PropertyDependencies().setUrnsList(urns));
    }
    for (const [pkg, reference] of Object.entries(options.providers ?? {})) {
        request.getProvidersMap().set(pkg, reference);
    }
    return request;
}

/** Marks a construct input secret, as the engine sends a secret. */
export function secretInput(value: unknown): WireProperties {
    return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}
