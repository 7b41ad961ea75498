/**
 * The package the way a user meets it: packed, installed into a fresh project outside this
 * repository (its own node_modules, its own TypeScript, the peers at the versions we develop with),
 * and run through Pulumi's own Node entry points against a fake engine over gRPC — `cmd/run` for a
 * program (what `pulumi up` starts), `run-plugin` for other languages (`pulumi package add`),
 * `run-policy-pack` for the pack (`pulumi preview --policy-pack`) — and through the installed
 * `crosscloud` bin. Inside the repository, `@crosscloud/interconnect` resolves to the repository
 * itself; nothing here does.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PluginHost, ProgramRun, runProgram, startPlugin, startPolicyPack } from "../../offline/host";
import { UNKNOWN } from "../../offline";
import { evaluatePolicyPack, loadPolicyConfig } from "../../policy/evaluate";
import { consumerProject, ConsumerProject, ROOT } from "../../scripts/consumer";
import { analyzeAsTheEngine } from "../policy/fixtures/served";

/** The stack a README example reads through its StackReference: what the shared layer exports. */
const SHARED = {
    network: "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit",
    transitGatewayId: "tgw-0shared",
    routers: { "us-east4": { name: "shared-router-us-east4", asn: 65010 }, "us-central1": { name: "shared-router-us-central1", asn: 65020 } },
    environments: { dev: { linkLocalBlock: "169.254.32.0/19", directConnectGatewayAsn: 64601 } },
};

/** The compiler options a careful user turns on; none of them may reach the package's own code. */
const STRICT_TSCONFIG = {
    compilerOptions: {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noImplicitReturns: true,
        target: "ES2022", module: "commonjs", moduleResolution: "node", skipLibCheck: false,
    },
    files: ["index.ts"],
};

const EXAMPLES = ["haVpn", "managedInterconnect", "dedicatedInterconnect", "crossCloudNetwork"] as const;

/** A user's own unit test reaching for the offline engine and the pack's evaluator, by their documented subpaths. */
const SUBPATHS_TS = `import { capture } from "@crosscloud/interconnect/offline";
import { evaluatePolicies, judgeStack } from "@crosscloud/interconnect/evaluate";
import { HaVpn } from "@crosscloud/interconnect";

export async function check(): Promise<number> {
    const plan = await capture(() => { new HaVpn("vpn", { google: { network: "n", region: "us-east4", routerAsn: 65010 }, aws: { region: "us-east-1", transitGatewayAsn: 64512 }, advertisedPrefixes: ["10.0.0.0/16"] }); });
    return evaluatePolicies(plan.resources).length + judgeStack(plan.resources).topology.links.length;
}
`;

/** What each component needs, as plain values: what a Python, Go or YAML program passes through the plugin host. */
const CONSTRUCTED: Record<string, Record<string, unknown>> = {
    HaVpn: {
        google: { network: SHARED.network, region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"],
    },
    ManagedInterconnect: {
        bandwidth: "10Gbps",
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        google: { region: "us-east4", network: SHARED.network },
        advertisedPrefixes: ["10.20.0.0/16"],
    },
    DedicatedInterconnect: {
        sla: "99.9",
        portSpeed: "10Gbps",
        ports: {
            "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true },
            "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1", ready: true },
        },
        attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" } },
        google: { network: SHARED.network, region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        advertisedPrefixes: ["10.20.0.0/16"],
    },
    CrossCloudNetwork: {
        requirement: { bandwidthGbps: 2, sla: "99.9", survivesSingleFailure: false },
        google: { network: SHARED.network, region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512 },
        prefixes: { aws: ["10.1.0.0/16"], google: ["10.101.0.0/16"] },
        primary: { kind: "ha-vpn" },
    },
};

/** A Pulumi project in a folder of the consumer's: its node_modules is the consumer's, found by walking up. */
function project(consumer: ConsumerProject, name: string, files: Record<string, string>, typescript = true): string {
    const dir = path.join(consumer.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    const runtime = typescript ? "nodejs" : "{ name: nodejs, options: { typescript: false } }";
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: acme-network\nruntime: ${runtime}\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n  gcp:project: acme-transit\n  gcp:region: us-east4\n");
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    return dir;
}

/** What a program that fails to run says, for assertion messages. */
const why = (run: ProgramRun) => `exit ${run.exitCode}\n${run.errors.join("\n")}\n${run.stderr.slice(-3000)}`;

const PROGRAM_JS = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { CrossCloudNetwork, HaVpn, LinkKind, SlaTier } = require("@crosscloud/interconnect");

const vpn = new HaVpn("edge", {
    google: { network: "projects/acme-transit/global/networks/transit", region: "us-east4", routerAsn: 65010 },
    aws: { region: "us-east-1", transitGatewayAsn: 64512 },
    advertisedPrefixes: ["10.100.0.0/16"],
});
const network = new CrossCloudNetwork("dev", {
    requirement: { bandwidthGbps: 2, sla: SlaTier.ThreeNines, survivesSingleFailure: false },
    google: { network: "projects/acme-transit/global/networks/transit", region: "us-east4", router: "shared-router-us-east4", routerAsn: 65010 },
    aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512 },
    prefixes: { aws: ["10.1.0.0/16"], google: ["10.101.0.0/16"] },
    primary: { kind: LinkKind.HaVpn },
    linkLocalBlock: "169.254.32.0/19",
});
exports.tunnels = vpn.tunnels.apply((t) => t.length);
exports.slaTier = network.slaTier;
`;

describe("the packed package, installed in a project of its own", function () {
    this.timeout(600_000);
    let consumer: ConsumerProject;
    const runs: Record<string, ProgramRun> = {};
    let plugin: PluginHost;

    before(async () => {
        consumer = consumerProject();
        const examples = EXAMPLES.map((name) => project(consumer, name, {
            "index.ts": fs.readFileSync(path.join(ROOT, "examples", `${name}.ts`), "utf8"),
            "tsconfig.json": JSON.stringify(STRICT_TSCONFIG, null, 2),
        }));
        const js = project(consumer, "plain-js", { "index.js": PROGRAM_JS }, false);
        // Two at a time: each type-checked run keeps a core busy for seconds.
        const stackOutputs = { "organization/acme-network/shared": SHARED };
        const queue = [...examples, js].map((dir, i) => [[...EXAMPLES, "plain-js"][i], dir] as const);
        const worker = async () => {
            for (let next = queue.shift(); next !== undefined; next = queue.shift()) runs[next[0]] = await runProgram({ dir: next[1], stack: "dev", stackOutputs });
        };
        await Promise.all([worker(), worker()]);
        plugin = await startPlugin({ dir: consumer.installed, project: "acme-network", stack: "dev", pwd: consumer.dir });
    });

    after(async () => {
        await plugin?.stop();
        consumer?.remove();
    });

    describe("the tarball", () => {
        it("ships the build, the policy pack, the schema and the plugin manifest — nothing else", () => {
            const files = consumer.packed.files;
            const unexpected = files.filter((f) => !/^(lib\/.+\.(js|d\.ts)|policy\/(PulumiPolicy\.yaml|package\.json|README\.md|config\/[a-z]+\.json)|schema\.json|PulumiPlugin\.yaml|README\.md|LICENSE|package\.json)$/.test(f));
            assert.deepEqual(unexpected, []);
            for (const needed of ["lib/index.js", "lib/index.d.ts", "lib/host.js", "lib/cli/main.js", "policy/PulumiPolicy.yaml", "policy/config/prod.json", "schema.json", "PulumiPlugin.yaml", "LICENSE"]) {
                assert.ok(files.includes(needed), needed);
            }
            assert.ok(!files.some((f) => /^(tests|bench|stacks|scripts|examples|\.ci)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts"))));
        });

        it("installs one copy of the Pulumi SDK and of each provider: the project's", () => {
            const nested = path.join(consumer.installed, "node_modules");
            const duplicates = fs.existsSync(nested) ? fs.readdirSync(nested, { recursive: true, encoding: "utf8" }).filter((f) => /^@pulumi\/[^/]+$/.test(f)) : [];
            assert.deepEqual(duplicates, []);
        });
    });

    describe("programs run by Pulumi's runner", () => {
        for (const name of EXAMPLES) {
            it(`the README's ${name} example, type-checked under the user's strict tsconfig`, () => {
                const run = runs[name];
                assert.equal(run.exitCode, 0, why(run));
                assert.ok(run.invocation.env.PULUMI_NODEJS_TYPESCRIPT === "true" && run.invocation.env.PULUMI_NODEJS_TRANSPILE_ONLY === undefined, "type-checked, as by default");
                const components = run.resources.filter((r) => r.type.startsWith("interconnect:index:"));
                assert.ok(components.length > 0, "declares a component");
                for (const child of run.resources.filter((r) => r.custom && r.type !== "pulumi:pulumi:StackReference" && !r.type.startsWith("pulumi:providers:"))) {
                    assert.ok(components.some((c) => child.parent === c.urn || child.urn.includes(`${c.type}$`)), `${child.name} belongs to a component`);
                }
            });
        }

        it("HaVpn registers both halves, wired: 4 tunnels on 2 AWS connections, a key per tunnel, secret", () => {
            const run = runs.haVpn;
            const counts = (type: string) => run.ofType(type).length;
            assert.deepEqual([counts("aws:ec2/customerGateway:CustomerGateway"), counts("aws:ec2/vpnConnection:VpnConnection"), counts("gcp:compute/vPNTunnel:VPNTunnel"), counts("gcp:compute/routerPeer:RouterPeer")], [2, 2, 4, 4]);
            for (const vpn of run.ofType("aws:ec2/vpnConnection:VpnConnection")) {
                assert.ok(vpn.secretPaths.includes("tunnel1PresharedKey") && vpn.secretPaths.includes("tunnel2PresharedKey"));
            }
        });

        it("a plain JavaScript program gets the same components", () => {
            const run = runs["plain-js"];
            assert.equal(run.exitCode, 0, why(run));
            assert.equal(run.invocation.env.PULUMI_NODEJS_TYPESCRIPT, undefined);
            assert.deepEqual(run.ofType("interconnect:index:HaVpn").map((r) => r.name).sort(), ["dev-primary", "edge"]);
            assert.deepEqual(run.outputs, { tunnels: 4, slaTier: "99.9" });
        });
    });

    describe("the user's compiler options", () => {
        it("type-check the user's code only: tsc, strict, without skipLibCheck, finds nothing in the package's declarations", () => {
            const dir = project(consumer, "typecheck", {
                ...Object.fromEntries(EXAMPLES.map((name) => [`${name}.ts`, fs.readFileSync(path.join(ROOT, "examples", `${name}.ts`), "utf8")])),
                "subpaths.ts": SUBPATHS_TS,
                "tsconfig.json": JSON.stringify({ ...STRICT_TSCONFIG, files: [...EXAMPLES.map((name) => `${name}.ts`), "subpaths.ts"] }, null, 2),
            });
            const tsc = path.join(consumer.dir, "node_modules", "typescript", "bin", "tsc");
            const result = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", "."], { cwd: dir, encoding: "utf8" });
            const errors = result.stdout.split("\n").filter((line) => / error TS\d+:/.test(line));
            // A third party's declarations may have errors of their own (@pulumi/policy 1.21.0's index.d.ts
            // re-exports names its proxy.d.ts lacks); neither the user's files nor ours may have any.
            const ours = errors.filter((line) => !line.startsWith("../node_modules/") || line.startsWith("../node_modules/@crosscloud/"));
            assert.deepEqual(ours, [], result.stdout + result.stderr);
        });
    });

    describe("the crosscloud bin", () => {
        it("plans the user's project from its own folder (npx crosscloud plan --stack dev --json)", () => {
            // npx runs the project's own bin; here, the same file run by the Node running these specs.
            const result = spawnSync(process.execPath, [path.join(consumer.dir, "node_modules", ".bin", "crosscloud"), "plan", "--stack", "dev", "--json"], { cwd: path.join(consumer.dir, "plain-js"), encoding: "utf8" });
            assert.equal(result.status, 0, result.stderr);
            const plan = JSON.parse(result.stdout);
            assert.equal(plan.topology.links.length, 8, "two HA VPNs of four tunnels");
            assert.ok(plan.resources.some((r: { type: string }) => r.type === "interconnect:index:CrossCloudNetwork"));
        });
    });

    describe("a project without the optional aws-native peer", () => {
        it("runs every component but ManagedInterconnect, which names the package and its install command", async () => {
            const awsNative = path.join(consumer.dir, "node_modules", "@pulumi", "aws-native");
            const aside = `${awsNative}.aside`;
            fs.renameSync(awsNative, aside);
            try {
                const [withoutManaged, managed] = await Promise.all([
                    runProgram({ dir: path.join(consumer.dir, "plain-js"), stack: "dev" }),
                    runProgram({ dir: path.join(consumer.dir, "managedInterconnect"), stack: "dev", stackOutputs: { "organization/acme-network/shared": SHARED } }),
                ]);
                assert.equal(withoutManaged.exitCode, 0, why(withoutManaged));
                assert.notEqual(managed.exitCode, 0);
                assert.match(managed.errors.join("\n"), /ManagedInterconnect needs @pulumi\/aws-native, a peer dependency of @crosscloud\/interconnect, and it is not installed here\. Install it in your project: npm install @pulumi\/aws-native@/);
            } finally {
                fs.renameSync(aside, awsNative);
            }
        });
    });

    describe("the policy pack, from the installed package", () => {
        it("is served by Pulumi's policy-pack host with only the project's node_modules, and judges as the evaluator does", async () => {
            // pulumi preview --policy-pack node_modules/@crosscloud/interconnect/policy --policy-pack-config node_modules/@crosscloud/interconnect/policy/config/prod.json
            const packDir = path.join(consumer.installed, "policy");
            const pack = await startPolicyPack(packDir, { stack: { project: "acme-network", stack: "dev", dryRun: true } });
            try {
                const config = loadPolicyConfig(path.join(packDir, "config", "prod.json"));
                const records = runs.haVpn.resources;
                const served = await analyzeAsTheEngine(pack.client, records, config);
                const inProcess = evaluatePolicyPack(records, config, { unknown: UNKNOWN });
                const key = (v: { policy: string; urn?: string; message: string }) => `${v.policy}|${v.urn}|${v.message}`;
                assert.deepEqual(served.violations.map(key).sort(), inProcess.violations.map(key).sort());
                assert.ok(served.notApplicable.length > 0, "the pack ran its rules on every resource");
            } finally {
                await pack.stop();
            }
        });
    });

    describe("other languages, through the plugin host", () => {
        it("serves the committed schema", async () => {
            assert.deepEqual(await plugin.getSchema(), JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")));
        });

        for (const [component, inputs] of Object.entries(CONSTRUCTED)) {
            it(`constructs ${component}: the component, its children on the engine, its outputs`, async () => {
                const type = `interconnect:index:${component}`;
                const constructed = await plugin.construct(type, `py-${component.toLowerCase()}`, inputs);
                const root = constructed.plan.byUrn(constructed.urn);
                assert.equal(root.type, type);
                assert.ok(constructed.plan.childrenOf(root).length > 0, "children registered under it");
                const declared = (await plugin.getSchema()).resources as Record<string, { properties: Record<string, unknown> }>;
                // Outputs left undefined (a nextStep with nothing to do) are not sent.
                assert.deepEqual(Object.keys(constructed.state).filter((key) => !(key in declared[type].properties)), []);
                assert.ok(typeof constructed.state.topology === "object");
            });
        }

        it("refuses a planning value that arrives as an output, naming the field", async () => {
            // How the engine sends a value that came from another resource: an output value (sdk/nodejs/runtime/rpc.ts).
            const fromAnotherResource = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialOutputValueSig, value: 65010, dependencies: ["urn:pulumi:dev::acme-network::gcp:compute/router:Router::other"] };
            const inputs = { ...CONSTRUCTED.HaVpn, google: { network: SHARED.network, region: "us-east4", routerAsn: fromAnotherResource } };
            await assert.rejects(plugin.construct("interconnect:index:HaVpn", "py-late", inputs), /google\.routerAsn = an Output: is a planning value/);
        });
    });
});
