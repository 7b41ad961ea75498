/**
 * The pack as the Pulumi CLI runs it: its entry file started by @pulumi/pulumi's policy-pack
 * runner (type-checked by ts-node, serving gRPC), driven here the way the engine drives it. What it
 * reports must be exactly what the in-process evaluator reports for the same stack.
 */
import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PolicyPackConfig } from "@pulumi/policy";
import type * as Grpc from "@grpc/grpc-js";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as AnalyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { ENGINE_UNKNOWN, Evaluation, evaluatePolicyPack, NotApplicable, StackRecord, Violation } from "../../policy/evaluate";
import { PACK_ENFORCEMENT_LEVEL } from "../../policy/pack";
import { loadPolicyConfig, reconcilePolicyConfig } from "../../policy/packConfig";
import { policies } from "../../policy/rules";
import { addHaVpn, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

// The runner's own dependencies, as the engine's side of the wire.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc: typeof Grpc = fromPulumi("@grpc/grpc-js");
const { Struct }: typeof StructPb = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const { Empty }: typeof EmptyPb = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const pb: typeof AnalyzerPb = fromPulumi("@pulumi/pulumi/proto/analyzer_pb");
const { AnalyzerClient }: typeof AnalyzerGrpc = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb");

const POLICY_DIR = join(__dirname, "../../policy");
const LEVELS = { advisory: pb.EnforcementLevel.ADVISORY, mandatory: pb.EnforcementLevel.MANDATORY, disabled: pb.EnforcementLevel.DISABLED, remediate: pb.EnforcementLevel.REMEDIATE };
const PROD = loadPolicyConfig(join(POLICY_DIR, "config/prod.json"));

describe("the pack served as the Pulumi CLI runs it", function () {
    this.timeout(120_000);
    let runner: ChildProcess;
    let client: AnalyzerGrpc.AnalyzerClient;

    before(async () => {
        runner = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:0", "."], { cwd: POLICY_DIR, stdio: ["ignore", "pipe", "pipe"] });
        const port = await new Promise<string>((resolve, reject) => {
            let errors = "";
            runner.stderr!.on("data", (chunk) => { errors += chunk; });
            runner.stdout!.once("data", (chunk) => resolve(String(chunk).trim()));
            runner.once("exit", (code) => reject(new Error(`the policy pack exited with ${code}: ${errors}`)));
        });
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        runner?.kill();
    });

    function call<Response>(invoke: (done: (error: Grpc.ServiceError | null, response: Response) => void) => unknown): Promise<Response> {
        return new Promise((resolve, reject) => invoke((error, response) => (error ? reject(error) : resolve(response))));
    }

    /** Configures the pack as the engine does (every policy, reconciled), then analyzes each resource and the stack. */
    async function served(records: StackRecord[], config: PolicyPackConfig): Promise<Evaluation> {
        const configure = new pb.ConfigureAnalyzerRequest();
        for (const [name, resolved] of reconcilePolicyConfig(policies, config)) {
            const policyConfig = new pb.PolicyConfig();
            policyConfig.setEnforcementlevel(LEVELS[resolved.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL]);
            policyConfig.setProperties(Struct.fromJavaScript(resolved.properties as Record<string, StructPb.JavaScriptValue>));
            configure.getPolicyconfigMap().set(name, policyConfig);
        }
        await call<EmptyPb.Empty>((done) => client.configure(configure, done));
        const diagnostics: { d: AnalyzerPb.AnalyzeDiagnostic; urn?: string }[] = [];
        const notApplicable: NotApplicable[] = [];
        const notApplicableOf = (response: AnalyzerPb.AnalyzeResponse, urn?: string) => notApplicable.push(...response.getNotApplicableList()
            .map((n) => ({ policy: n.getPolicyName(), ...(n.getReason() !== "" && { reason: n.getReason() }), ...(urn !== undefined && { urn }) })));
        for (const r of records) {
            const request = new pb.AnalyzeRequest().setType(r.type).setUrn(r.urn).setName(r.name)
                .setProperties(struct(r.inputs ?? r.props)).setOptions(options(r));
            const response = await call<AnalyzerPb.AnalyzeResponse>((done) => client.analyze(request, done));
            // The engine reports what a resource policy finds against the resource it analyzed.
            diagnostics.push(...response.getDiagnosticsList().map((d) => ({ d, urn: r.urn })));
            notApplicableOf(response, r.urn);
        }
        const stack = new pb.AnalyzeStackRequest().setResourcesList(records.map((r) => new pb.AnalyzerResource()
            .setType(r.type).setUrn(r.urn).setName(r.name).setProperties(struct(r.props)).setOptions(options(r))
            .setParent(r.parent ?? "").setDependenciesList([...(r.dependencies ?? [])])));
        const stackResponse = await call<AnalyzerPb.AnalyzeResponse>((done) => client.analyzeStack(stack, done));
        diagnostics.push(...stackResponse.getDiagnosticsList().map((d) => ({ d, urn: d.getUrn() || undefined })));
        notApplicableOf(stackResponse);
        const descriptions = new Map(policies.map((p) => [p.name, p.description]));
        const violations = diagnostics.map(({ d, urn }): Violation => ({
            policy: d.getPolicyname(),
            level: d.getEnforcementlevel() === pb.EnforcementLevel.ADVISORY ? "advisory" : "mandatory",
            ...(urn !== undefined && { urn }),
            // The server puts the policy's description above the message.
            message: d.getMessage().replace(`${descriptions.get(d.getPolicyname())}\n`, ""),
        }));
        return { violations, notApplicable };
    }

    /** Both sides' findings, in one order. */
    function same(evaluation: Evaluation): [Violation[], string[]] {
        return [sorted(evaluation.violations), evaluation.notApplicable.map((n) => JSON.stringify(n)).sort()];
    }

    it("describes its policies to the engine with their default levels", async () => {
        const info = await call<AnalyzerPb.AnalyzerInfo>((done) => client.getAnalyzerInfo(new Empty(), done));
        assert.equal(info.getName(), "crosscloud-interconnect");
        assert.deepEqual(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]),
            policies.map((p) => [p.name, LEVELS[p.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL]]));
    });

    it("passes the production estate, as the evaluator does", async () => {
        const records = productionStack().records;
        const evaluation = await served(records, PROD);
        assert.deepEqual(evaluation.violations, []);
        assert.deepEqual(same(evaluation), same(evaluatePolicyPack(records, PROD)));
    });

    it("reports what the evaluator reports for a stack that breaks every rule", async () => {
        const s = productionStack();
        for (const i of [0, 1, 2, 3]) s.set(`vpn-bgp-${i}`, { advertisedRoutePriority: 100 });
        s.remove("vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3")
            .unset("ded-attachment-1", "mtu")
            .unset("vpn-vpn-0", "tunnel1IkeVersions")
            .set("ded-peer-2", { bfd: { sessionInitializationMode: "DISABLED" } })
            .set("vpn-interface-1", { ipRange: "169.254.10.2/30" })
            .set("ded-association", { allowedPrefixes: Array.from({ length: 201 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`) })
            .set("mi-connection", { bandwidth: "10Gbps" })
            .set("ded-vif-3", { bgpAuthKey: "another-key" })
            .set("ded-vpc", { routingMode: "REGIONAL" })
            .protect("ded-lag-0", false)
            .set("vpn-tunnels-down-0", { comparisonOperator: "LessThanOrEqualToThreshold" });
        addHaVpn(s, "vpn2", { block: 40 });
        s.add("gcp:networkconnectivity/transport:Transport", "mi-twin", { ...s.get("mi-transport").props, name: "mi-twin" }, { protect: true });
        const config = { ...PROD, "cross-cloud-bandwidth": { minimumGbps: 100, survivesSingleFailure: true } };
        const expected = evaluatePolicyPack(s.records, config);
        assert.deepEqual(new Set(expected.violations.map((v) => v.policy)).size, policies.length, "every rule reports");
        assert.deepEqual(same(await served(s.records, config)), same(expected));
    });

    it("reports what the evaluator reports for a preview, where outputs are unknown", async () => {
        const s = new StackBuilder();
        addHaVpn(s);
        for (const n of [0, 1]) {
            s.set(`vpn-vpn-${n}`, { tunnel1Address: ENGINE_UNKNOWN, tunnel2Address: ENGINE_UNKNOWN, tunnel1VgwInsideAddress: ENGINE_UNKNOWN, tunnel2BgpAsn: ENGINE_UNKNOWN, id: ENGINE_UNKNOWN });
        }
        s.set("vpn-peer-gateway", { interfaces: [0, 1, 2, 3].map((id) => ({ id, ipAddress: ENGINE_UNKNOWN })) });
        s.set("vpn-tunnel-1", { sharedSecret: ENGINE_UNKNOWN, ikeVersion: ENGINE_UNKNOWN });
        const expected = evaluatePolicyPack(s.records, PROD, { unknown: ENGINE_UNKNOWN });
        assert.ok(expected.violations.some((v) => /can't run policy 'encryption-in-transit' .* during preview/.test(v.message)));
        assert.deepEqual(same(await served(s.records, PROD)), same(expected));
    });
});

function struct(props: Record<string, unknown> | undefined): StructPb.Struct {
    return Struct.fromJavaScript((props ?? {}) as Record<string, StructPb.JavaScriptValue>);
}

function options(r: StackRecord): AnalyzerPb.AnalyzerResourceOptions {
    return new pb.AnalyzerResourceOptions().setProtect(r.protect ?? r.opts?.protect ?? false).setParent(r.parent ?? "");
}

function sorted(violations: Violation[]): Violation[] {
    const key = (v: Violation) => `${v.policy}|${v.urn}|${v.message}`;
    return [...violations].sort((a, b) => key(a).localeCompare(key(b)));
}
