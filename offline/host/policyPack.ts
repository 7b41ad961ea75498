import { resolve } from "node:path";
import { FakeEngine, startEngine } from "./engine";
import { AnalyzerGrpc, Grpc, analyzerGrpc, analyzerPb, grpc, unary } from "./grpc";
import { locateModule, readProjectFile } from "./project";
import { NodeProcess } from "./process";

/** The stack a pack judges, as the engine describes it in `ConfigureStack`. */
export interface PolicyStack {
    project: string;
    stack: string;
    /** Defaults to `organization`. */
    organization?: string;
    /** True for `pulumi preview`. */
    dryRun?: boolean;
    /** The stack's config: full keys, string values. */
    config?: Record<string, string>;
    secretKeys?: string[];
    tags?: Record<string, string>;
}

export interface PolicyPackOptions {
    /**
     * The stack under analysis. Without one, the pack starts as for `pulumi policy publish`, which
     * describes no stack.
     */
    stack?: PolicyStack;
    /** Set in the pack's environment, over the caller's own. */
    env?: Record<string, string>;
}

/** A policy pack served by Pulumi's policy-pack host, connected as the engine connects to it. */
export interface PolicyPackHost {
    readonly client: AnalyzerGrpc.AnalyzerClient;
    /** The engine the pack was given: its log has what the pack logged. */
    readonly engine: FakeEngine;
    readonly process: NodeProcess;
    stop(): Promise<void>;
}

/**
 * Starts the policy pack in `dir` as `pulumi preview --policy-pack <dir>` does: the Node language
 * host's `RunPlugin` for kind analyzer (sdk/nodejs/cmd/pulumi-language-nodejs main.go) runs
 * `@pulumi/pulumi/cmd/run-policy-pack`, resolved from the pack's directory, with the engine's address
 * and then the pack's directory, in that directory. The host's policy proxy (sdk/policy_proxy.go)
 * first takes the engine's `ConfigureStack` and starts the pack with the stack in its environment
 * (PULUMI_NODEJS_ORGANIZATION, _PROJECT, _STACK, _DRY_RUN and PULUMI_CONFIG), then forwards that
 * request to the pack once it is up; both are done here.
 */
export async function startPolicyPack(dir: string, options: PolicyPackOptions = {}): Promise<PolicyPackHost> {
    const packDir = resolve(dir);
    const { runtime } = readProjectFile(packDir, "PulumiPolicy.yaml");
    const runPath = locateModule("@pulumi/pulumi/cmd/run-policy-pack", packDir, `npm install in ${packDir}`);
    const { stack } = options;
    const engine = await startEngine(stack === undefined ? {} : { project: stack.project, stack: stack.stack, organization: stack.organization });
    const env: Record<string, string> = {
        ...(runtime.typescript && { PULUMI_NODEJS_TYPESCRIPT: "true" }),
        ...(runtime.tsconfig !== undefined && { PULUMI_NODEJS_TSCONFIG_PATH: runtime.tsconfig }),
        ...(stack !== undefined && stackEnvironment(stack)),
        ...options.env,
    };
    const pack = new NodeProcess([runPath, ...runtime.nodeargs, engine.address, packDir], packDir, { ...process.env, ...env });
    let client: AnalyzerGrpc.AnalyzerClient | undefined;
    const stop = async () => {
        client?.close();
        await pack.stop();
        engine.stop();
    };
    try {
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${await pack.port(`The policy pack in ${packDir}`)}`, grpc.credentials.createInsecure());
        if (stack !== undefined) {
            await configureStack(client, stack);
        }
    } catch (error) {
        await stop();
        throw error;
    }
    return { client, engine, process: pack, stop };
}

function stackEnvironment(stack: PolicyStack): Record<string, string> {
    return {
        PULUMI_NODEJS_ORGANIZATION: stack.organization ?? "organization",
        PULUMI_NODEJS_PROJECT: stack.project,
        PULUMI_NODEJS_STACK: stack.stack,
        PULUMI_NODEJS_DRY_RUN: String(stack.dryRun ?? false),
        ...(stack.config !== undefined && Object.keys(stack.config).length > 0 && { PULUMI_CONFIG: JSON.stringify(stack.config) }),
    };
}

/** The proxy forwards the engine's request; a pack that predates it answers UNIMPLEMENTED, which is accepted. */
async function configureStack(client: AnalyzerGrpc.AnalyzerClient, stack: PolicyStack): Promise<void> {
    const request = new analyzerPb.AnalyzerStackConfigureRequest()
        .setProject(stack.project)
        .setStack(stack.stack)
        .setOrganization(stack.organization ?? "organization")
        .setDryRun(stack.dryRun ?? false)
        .setConfigSecretKeysList(stack.secretKeys ?? []);
    for (const [key, value] of Object.entries(stack.config ?? {})) {
        request.getConfigMap().set(key, value);
    }
    for (const [key, value] of Object.entries(stack.tags ?? {})) {
        request.getTagsMap().set(key, value);
    }
    try {
        await unary((done) => client.configureStack(request, done));
    } catch (error) {
        if ((error as Grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
            throw error;
        }
    }
}
