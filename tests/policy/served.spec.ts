/**
 * The pack as the Pulumi CLI runs it: its entry file started by @pulumi/pulumi's policy-pack
 * runner (type-checked by ts-node, serving gRPC), driven here the way the engine drives it. What it
 * reports must be exactly what the in-process evaluator reports for the same stack.
 */
import * as assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PolicyPackConfig } from "@pulumi/policy";
import type * as Grpc from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as AnalyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { PolicyPackHost, startPolicyPack } from "../../offline/host";
import { ENGINE_UNKNOWN, Evaluation, evaluatePolicyPack, StackRecord, Violation } from "../../policy/evaluate";
import { PACK_ENFORCEMENT_LEVEL } from "../../policy/pack";
import { loadPolicyConfig } from "../../policy/packConfig";
import { policies } from "../../policy/rules";
import { analyzeAsTheEngine, LEVELS, unary } from "./fixtures/served";
import { addHaVpn, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

// The runner's own dependencies, as the engine's side of the wire.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const { Empty }: typeof EmptyPb = fromPulumi("google-protobuf/google/protobuf/empty_pb");

const POLICY_DIR = join(__dirname, "../../policy");
const PROD = loadPolicyConfig(join(POLICY_DIR, "config/prod.json"));

describe("the pack served as the Pulumi CLI runs it", function () {
    this.timeout(120_000);
    let pack: PolicyPackHost | undefined;
    let client: AnalyzerGrpc.AnalyzerClient;

    before(async () => {
        pack = await startPolicyPack(POLICY_DIR, { stack: { project: "crosscloud", stack: "prod" } });
        client = pack.client;
    });

    after(() => pack?.stop());

    const served = (records: StackRecord[], config: PolicyPackConfig) => analyzeAsTheEngine(client, records, config);
    const call = <Response>(invoke: (done: (error: Grpc.ServiceError | null, response: Response) => void) => unknown) => unary(invoke);

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
            .set("mi-transport", { advertisedRoutes: ["10.20.0.0/16", "2600:1f18:4000::/48"] })
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

function sorted(violations: Violation[]): Violation[] {
    const key = (v: Violation) => `${v.policy}|${v.urn}|${v.message}`;
    return [...violations].sort((a, b) => key(a).localeCompare(key(b)));
}
