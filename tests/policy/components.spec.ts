/**
 * Stacks planned from our own components, captured by the mock harness, judged by the pack like
 * any other stack: from their raw resources, never from the components' own outputs.
 */
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { DedicatedInterconnect, SlaTarget } from "../../components/dedicatedInterconnect";
import { evaluatePolicies, Violation } from "../../policy/evaluate";
import { loadPolicyConfig } from "../../policy/packConfig";
import { extractStack } from "../../policy/extract";
import { analyzeResilience, assessSla, LinkStage, Topology } from "../../sdk";
import { PortSpeed } from "../../sdk/bandwidth";
import { capture, Plan, UNKNOWN } from "../../offline";
import { ENVIRONMENTS, planStack, readyConfig, SHARED_STACK, stackConfig } from "../../bench/workloads/estate";

const config = (env: string) => loadPolicyConfig(join(__dirname, "../../policy/config", `${env}.json`));
const show = (violations: Violation[]) => violations.map((v) => `[${v.level}] ${v.policy}: ${v.message}`).join("\n");
const STACKS = join(__dirname, "../../stacks");

/** An environment as `pulumi preview` sees it before anything exists: ids and computed outputs unknown. */
function previewStack(env: string, shared: Record<string, unknown>, config = stackConfig(env)): Promise<Plan> {
    return capture(() => {
        for (const file of Object.keys(require.cache)) if (file.startsWith(STACKS)) delete require.cache[file];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(STACKS);
    }, { stack: env, config, stackOutputs: { [SHARED_STACK]: shared }, preview: true });
}

describe("stacks planned from our components", function () {
    this.timeout(60_000);
    let shared: Plan;

    before(async () => {
        shared = await planStack("shared");
    });

    for (const env of ENVIRONMENTS) {
        it(`pass the ${env} environment's config, planned and previewed`, async () => {
            const plan = await planStack(env, { shared: shared.outputs });
            assert.ok(plan.resources.some((r) => r.type === "gcp:compute/routerPeer:RouterPeer" || r.type === "gcp:networkconnectivity/transport:Transport"), "the stack links the clouds");
            const planned = evaluatePolicies(plan.resources, config(env));
            assert.deepEqual(planned, [], show(planned));
            const preview = await previewStack(env, shared.outputs);
            assert.ok(preview.resources.some((r) => JSON.stringify(r.outputs).includes(UNKNOWN)), "the preview has unknowns");
            const previewed = evaluatePolicies(preview.resources, config(env), { unknown: UNKNOWN });
            assert.deepEqual(previewed, [], show(previewed));
        });
    }

    it("pass prod with every port ready (stage two), planned and previewed", async () => {
        const plan = await planStack("prod", { shared: shared.outputs, config: readyConfig("prod") });
        assert.equal(plan.ofType("gcp:compute/interconnectAttachment:InterconnectAttachment").length, 4);
        const planned = evaluatePolicies(plan.resources, config("prod"));
        assert.deepEqual(planned, [], show(planned));
        const preview = await previewStack("prod", shared.outputs, readyConfig("prod"));
        const previewed = evaluatePolicies(preview.resources, config("prod"), { unknown: UNKNOWN });
        assert.deepEqual(previewed, [], show(previewed));
    });

    it("rebuild, from raw resources, the shape each environment's components planned, prod once its ports are ready", async () => {
        for (const env of ENVIRONMENTS) {
            // While ports are ordered the stack holds no attachment, router or region for the pack to read: see the next spec.
            const plan = await planStack(env, { shared: shared.outputs, config: readyConfig(env) });
            const summary = (t: Topology) => {
                const sla = assessSla(t);
                return t.groups.map((g) => ({
                    kind: g.kind, role: g.role,
                    links: t.links.filter((l) => l.group === g.id).length,
                    mbps: t.links.filter((l) => l.group === g.id).reduce((sum, l) => sum + l.mbps, 0),
                    tier: sla.groups.find((x) => x.group === g.id)!.tier,
                })).sort((a, b) => a.kind.localeCompare(b.kind));
            };
            const extracted = extractStack(plan.resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.outputs, parent: r.parent, dependencies: r.dependencies })));
            // The shared layer's VPC is GLOBAL; an environment stack only references it.
            const known = { ...extracted.topology, groups: extracted.topology.groups.map((g) => ({ ...g, globalRouting: g.globalRouting ?? true })) };
            assert.deepEqual(summary(known), summary(plan.outputs.topology as Topology), env);
        }
    });

    it("rebuild prod's ordered ports as ordered links: one per port, on its metro, edge domain and LAG's AWS location, carrying nothing", async () => {
        const plan = await planStack("prod", { shared: shared.outputs });
        const { topology, resilience } = (() => {
            const t = extractStack(plan.resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.outputs, parent: r.parent, dependencies: r.dependencies }))).topology;
            return { topology: t, resilience: analyzeResilience(t) };
        })();
        const ordered = topology.links.filter((l) => l.stage === LinkStage.Ordered);
        assert.deepEqual(ordered.map((l) => [l.id, l.domains.metro, l.domains.edgeDomain, l.domains.awsLocation, l.domains.awsDevice]), [
            ["prod-primary-port-iad-1", "iad", "iad-zone1", "EqDC2", "prod-primary-lag-iad-1"],
            ["prod-primary-port-iad-2", "iad", "iad-zone2", "EqDC2", "prod-primary-lag-iad-2"],
            ["prod-primary-port-ord-1", "ord", "ord-zone1", "EqCh2", "prod-primary-lag-ord-1"],
            ["prod-primary-port-ord-2", "ord", "ord-zone2", "EqCh2", "prod-primary-lag-ord-2"],
        ]);
        // The HA VPN is the backup beside them, and the only path that carries traffic, both ways.
        assert.deepEqual(resilience.carriers, { awsToGoogle: ["prod-backup-gateway"], googleToAws: ["prod-backup-gateway"] });
    });

    it("are held to the target all the same: a 99.9% dedicated interconnect fails prod's 99.99%", async () => {
        const port = (location: string, awsLocation: string) => ({ location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation, ready: true });
        const plan = await capture(() => {
            new DedicatedInterconnect("cci", {
                sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10, production: true,
                ports: { "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "CSVA1") },
                attachments: { "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" } },
                google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010 },
                aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
                advertisedPrefixes: ["10.20.0.0/16"],
            });
        });
        const violations = evaluatePolicies(plan.resources, config("prod"));
        assert.deepEqual(violations.map((v) => v.policy).sort(), ["cross-cloud-bandwidth", "sla-shape"], show(violations));
        assert.match(violations.find((v) => v.policy === "sla-shape")!.message, /earns 99\.9%, short of the 99\.99% target: Google: 99\.99% needs ports in 2 metros/);
    });
});
