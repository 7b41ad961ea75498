import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ipaddr from "ipaddr.js";
import { load } from "js-yaml";
// The estate imports the package, whose build (lib/) throws its own CrossCloudError.
import { CrossCloudError, ErrorCode } from "@crosscloud/interconnect";
import { AddressFamily } from "../../sdk/addressFamily";
import { Prefix } from "../../sdk/prefix";
import { MATCH_EVERY_ROUTE } from "../../sdk/preference";
import { BACKUP_LEARNED_PRIORITY, ROUTE_PRIORITY } from "../../sdk/routes";
import { Direction, LinkRole, LinkStage, SlaTier, Topology } from "../../sdk/topology";
import { carriers } from "../../sdk/preference";
import { judgeStack } from "../../policy/evaluate";
import { capture, CapturedResource, Plan } from "../../offline";
import { ENVIRONMENTS, planStack, readyConfig, SHARED_STACK, stackConfig } from "../../bench/workloads/estate";

const T = {
    stack: "pulumi:pulumi:Stack",
    stackReference: "pulumi:pulumi:StackReference",
    network: "interconnect:index:CrossCloudNetwork",
    haVpn: "interconnect:index:HaVpn",
    managed: "interconnect:index:ManagedInterconnect",
    dedicated: "interconnect:index:DedicatedInterconnect",
    transitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    customerGateway: "aws:ec2/customerGateway:CustomerGateway",
    vpnConnection: "aws:ec2/vpnConnection:VpnConnection",
    dxGateway: "aws:directconnect/gateway:Gateway",
    association: "aws:directconnect/gatewayAssociation:GatewayAssociation",
    lag: "aws:directconnect/linkAggregationGroup:LinkAggregationGroup",
    connection: "aws:directconnect/connection:Connection",
    vif: "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
    awsInterconnect: "aws-native:interconnect:Connection",
    gcpNetwork: "gcp:compute/network:Network",
    router: "gcp:compute/router:Router",
    haGateway: "gcp:compute/haVpnGateway:HaVpnGateway",
    tunnel: "gcp:compute/vPNTunnel:VPNTunnel",
    routerInterface: "gcp:compute/routerInterface:RouterInterface",
    peer: "gcp:compute/routerPeer:RouterPeer",
    port: "gcp:compute/interconnect:Interconnect",
    routePolicy: "gcp:compute/routerRoutePolicy:RouterRoutePolicy",
    attachmentGroup: "gcp:compute/interconnectAttachmentGroup:InterconnectAttachmentGroup",
    attachment: "gcp:compute/interconnectAttachment:InterconnectAttachment",
    transport: "gcp:networkconnectivity/transport:Transport",
    peering: "gcp:compute/networkPeering:NetworkPeering",
} as const;

const stacksDir = path.resolve(__dirname, "../../stacks");

interface Allocation {
    linkLocalBlock: string;
    linkLocalBlockIpv6: string;
    directConnectGatewayAsn: number;
}

/** Any CIDR as written on a resource (`169.254.96.2/30` included) as the network it names. */
function network(cidr: string): Prefix {
    const [address, bits] = ipaddr.parseCIDR(cidr);
    const value = address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
    return Prefix.from(value, bits, address.kind() === "ipv6" ? AddressFamily.Ipv6 : AddressFamily.Ipv4);
}

/** Every link-local prefix one environment's resources carry: tunnel inside CIDRs, router interfaces, attachment subnets. */
function resourcePrefixes(plan: Plan): { where: string; prefix: Prefix }[] {
    const found: { where: string; prefix: Prefix }[] = [];
    const add = (r: CapturedResource, field: string, value: unknown) => {
        if (typeof value === "string") found.push({ where: `${r.name}.${field}`, prefix: network(value) });
    };
    for (const r of plan.ofType(T.vpnConnection)) for (const f of ["tunnel1InsideCidr", "tunnel2InsideCidr", "tunnel1InsideIpv6Cidr", "tunnel2InsideIpv6Cidr"]) add(r, f, r.inputs[f]);
    for (const r of plan.ofType(T.routerInterface)) add(r, "ipRange", r.inputs.ipRange);
    for (const r of plan.ofType(T.attachment)) {
        for (const c of r.inputs.candidateSubnets as string[]) add(r, "candidateSubnets", c);
        for (const f of ["candidateCloudRouterIpAddress", "candidateCustomerRouterIpAddress"]) add(r, f, r.inputs[f]);
    }
    return found;
}

const topologyOf = (plan: Plan) => plan.outputs.topology as Topology;
const allocationsOf = (shared: Plan) => shared.outputs.environments as Record<string, Allocation>;
const componentsOf = (plan: Plan) => plan.resources.filter((r) => r.type.startsWith("interconnect:index:")).map((r) => [r.name, r.type]);

describe("the example estate", () => {
    let shared: Plan;
    const envs: Record<string, Plan> = {};
    /** prod once every port is ready: the committed file is its first `pulumi up`, every port ordered. */
    let prodReady: Plan;

    before(async function () {
        this.timeout(60_000);
        shared = await planStack("shared");
        for (const env of ENVIRONMENTS) envs[env] = await planStack(env, { shared: shared.outputs });
        prodReady = await planStack("prod", { shared: shared.outputs, config: readyConfig("prod") });
    });

    describe("the shared layer", () => {
        it("declares one protected Transit Gateway, one global transit VPC and a Cloud Router per region", () => {
            const [tgw] = shared.ofType(T.transitGateway);
            assert.deepEqual([shared.ofType(T.transitGateway).length, tgw.inputs.amazonSideAsn, tgw.inputs.vpnEcmpSupport, tgw.protect], [1, 64512, "enable", true]);
            const [vpc] = shared.ofType(T.gcpNetwork);
            assert.deepEqual([shared.ofType(T.gcpNetwork).length, vpc.inputs.routingMode, vpc.protect], [1, "GLOBAL", true]);
            assert.deepEqual(shared.ofType(T.router).map((r) => [r.inputs.region, (r.inputs.bgp as { asn: number }).asn, r.inputs.network]), [
                ["us-east4", 65010, vpc.outputs.id], ["us-central1", 65020, vpc.outputs.id],
            ]);
        });

        it("exports each environment's own /19, its own /67 of fdff:1::/64 for IPv6 sessions, and Direct Connect gateway ASN", () => {
            assert.deepEqual(allocationsOf(shared), {
                dev: { linkLocalBlock: "169.254.32.0/19", linkLocalBlockIpv6: "fdff:1:0:0:2000::/67", directConnectGatewayAsn: 64601 },
                staging: { linkLocalBlock: "169.254.64.0/19", linkLocalBlockIpv6: "fdff:1:0:0:4000::/67", directConnectGatewayAsn: 64602 },
                prod: { linkLocalBlock: "169.254.96.0/19", linkLocalBlockIpv6: "fdff:1:0:0:6000::/67", directConnectGatewayAsn: 64603 },
            });
            assert.deepEqual([shared.outputs.transitGatewayId, shared.outputs.network, shared.outputs.globalRouting], [
                shared.ofType(T.transitGateway)[0].outputs.id, shared.ofType(T.gcpNetwork)[0].outputs.selfLink, true,
            ]);
        });
    });

    describe("the environments", () => {
        it("dev is a dual-stack HA VPN and nothing else: IPv6 has its own gateway, VPN connections and tunnels", () => {
            const dev = envs.dev;
            assert.deepEqual(componentsOf(dev), [["dev", T.network], ["dev-primary", T.haVpn]]);
            assert.deepEqual([dev.ofType(T.vpnConnection).length, dev.ofType(T.tunnel).length, dev.ofType(T.haGateway).length], [4, 8, 2]);
            for (const type of [T.dxGateway, T.transport, T.awsInterconnect, T.port, T.lag]) assert.deepEqual(dev.ofType(type), [], type);
            assert.ok(dev.ofType(T.peer).every((p) => p.inputs.advertisedRoutePriority === ROUTE_PRIORITY[LinkRole.Primary]));
            assert.deepEqual(dev.ofType(T.haGateway).map((g) => g.inputs.stackType), [undefined, "IPV4_IPV6"]);
            const ipv6 = dev.ofType(T.vpnConnection).filter((c) => c.inputs.tunnelInsideIpVersion === "ipv6");
            assert.deepEqual(ipv6.map((c) => c.name), ["dev-primary-vpn-v6-0", "dev-primary-vpn-v6-1"]);
            // Each family's prefixes over its own sessions.
            const ranges = (p: CapturedResource) => (p.inputs.advertisedIpRanges as { range: string }[]).map((r) => r.range);
            assert.ok(dev.ofType(T.peer).every((p) => JSON.stringify(ranges(p)) === JSON.stringify(p.name.includes("-v6-") ? ["fd20:a:1::/48"] : ["10.101.0.0/16"])));
            // Google grants HA VPN 99.99%, AWS 99.95% per VPN connection: 99.9% end to end, for each family; 5 Gbps each.
            assert.deepEqual([dev.outputs.slaTier, dev.outputs.totalGbps, "directConnectGatewayId" in dev.outputs], [SlaTier.ThreeNines, 5, false]);
        });

        it("staging is a managed interconnect and nothing else", () => {
            const staging = envs.staging;
            assert.deepEqual(componentsOf(staging), [["staging", T.network], ["staging-primary", T.managed]]);
            const [transport] = staging.ofType(T.transport);
            const [connection] = staging.ofType(T.awsInterconnect);
            assert.equal(transport.inputs.bandwidth, "BPS_10G");
            assert.equal(connection.inputs.activationKey, transport.outputs.generatedActivationKey, "the key Google generated, handed to AWS");
            assert.ok(connection.secretPaths.includes("activationKey"));
            for (const type of [T.vpnConnection, T.haGateway, T.port, T.lag, T.vif]) assert.deepEqual(staging.ofType(type), [], type);
            assert.deepEqual([staging.outputs.slaTier, staging.outputs.totalGbps], [SlaTier.FourNines, 10]);
        });

        it("prod's first pulumi up orders the ports and LAGs, with the gateway and its association, and says per port what comes next", () => {
            const prod = envs.prod;
            assert.deepEqual(componentsOf(prod).sort(), [["prod", T.network], ["prod-backup", T.haVpn], ["prod-primary", T.dedicated]]);
            assert.deepEqual(prod.ofType(T.port).map((p) => p.inputs.location).sort(), ["iad-zone1-1", "iad-zone2-1", "ord-zone1-7", "ord-zone2-7"]);
            assert.deepEqual(prod.ofType(T.lag).map((l) => l.inputs.location).sort(), ["EqCh2", "EqCh2", "EqDC2", "EqDC2"]);
            assert.deepEqual([prod.ofType(T.dxGateway).length, prod.ofType(T.association).length], [1, 1]);
            // Nothing link-level: Google accepts attachments only on a tested port, AWS a VIF only on an available LAG.
            for (const type of [T.attachment, T.vif, T.attachmentGroup]) assert.deepEqual(prod.ofType(type), [], type);
            assert.ok(prod.ofType(T.peer).every((p) => p.name.startsWith("prod-backup-")));
            const next = String(prod.outputs.nextStep);
            for (const port of ["iad-1", "iad-2", "ord-1", "ord-2"]) assert.match(next, new RegExp(`Port ${port} is ordered .*LOA-CFA.*ports\\["${port}"\\]\\.ready: true`));
            // The designed shape is judged and required as it will be; the VPN carries the traffic meanwhile.
            assert.deepEqual([prod.outputs.slaTier, prod.outputs.minSurvivingGbps, prod.outputs.singlePointsOfFailure], [SlaTier.FourNines, 20, []]);
            for (const r of [...prod.ofType(T.port), ...prod.ofType(T.lag), ...prod.ofType(T.connection)]) assert.ok(r.protect, `${r.name} is protected`);
        });

        it("prod with its ports ready is a dedicated 99.99% interconnect over two metros, with an HA VPN backup that loses to it both ways", () => {
            const prod = prodReady;
            assert.deepEqual([...new Set(prod.ofType(T.attachment).map((a) => a.inputs.region))].sort(), ["us-central1", "us-east4"]);
            assert.deepEqual([prod.ofType(T.attachment).length, prod.ofType(T.vif).length, prod.ofType(T.attachmentGroup).length], [4, 4, 1]);
            const priorities = (stem: string) => [...new Set(prod.ofType(T.peer).filter((p) => p.name.startsWith(stem)).map((p) => p.inputs.advertisedRoutePriority))];
            assert.deepEqual([priorities("prod-primary-"), priorities("prod-backup-")], [[ROUTE_PRIORITY[LinkRole.Primary]], [ROUTE_PRIORITY[LinkRole.Backup]]]);
            // Google→AWS: the backup's peers import AWS's routes at the backup's priority; the primary's at AWS's own.
            const [policy] = prod.ofType(T.routePolicy);
            assert.equal(policy.name, "prod-backup-import");
            assert.deepEqual(policy.inputs.terms, [{ priority: 0, match: { expression: MATCH_EVERY_ROUTE }, actions: [{ expression: `med.set(${BACKUP_LEARNED_PRIORITY})` }] }]);
            for (const p of prod.ofType(T.peer)) {
                assert.deepEqual(p.inputs.importPolicies, p.name.startsWith("prod-backup-") ? [policy.outputs.name] : undefined, p.name);
            }
            assert.ok(prod.ofType(T.vpnConnection).every((c) => c.inputs.tunnelBandwidth === "large"));
            assert.deepEqual([prod.outputs.slaTier, prod.outputs.minSurvivingGbps, prod.outputs.singlePointsOfFailure, prod.outputs.nextStep], [SlaTier.FourNines, 20, [], "none: every link is ready"]);
        });

        it("is read by the pack from its raw resources, though its Cloud Routers live in the shared stack: every session, and the backup losing both ways", () => {
            // The routers' ASNs are not in prod's stack: the AWS halves carry them (each VIF's bgpAsn, each customer gateway's).
            const judged = judgeStack(prodReady.resources);
            assert.deepEqual(judged.topology.sessions.map((s) => s.link).sort(), judged.topology.links.filter((l) => l.stage !== LinkStage.Ordered).map((l) => l.id).sort());
            assert.ok(judged.topology.sessions.every((s) => s.gcpAsn !== undefined), JSON.stringify(judged.topology.sessions));
            assert.deepEqual(carriers(judged.topology.links, judged.topology.sessions), { [Direction.AwsToGoogle]: ["prod-primary"], [Direction.GoogleToAws]: ["prod-primary"] });
            assert.ok(!judged.notApplicable.some((n) => n.policy === "backup-route-preference"), JSON.stringify(judged.notApplicable));
            assert.deepEqual(judged.violations, []);
        });

        it("plans a 99.9% dedicated environment in one region against the two-region shared layer", async () => {
            const config = stackConfig("prod");
            const net = structuredClone(config["crosscloud:network"]) as { requirement: object; primary: { dedicated: Record<string, unknown> }; backup?: object };
            net.requirement = { bandwidthGbps: 10, sla: "99.9", survivesSingleFailure: false };
            // Two AWS locations: AWS's High model, 99.9%.
            net.primary.dedicated.ports = { "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true }, "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1", ready: true } };
            net.primary.dedicated.attachments = { "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" } };
            const plan = await planStack("prod", { shared: shared.outputs, config: { ...config, "crosscloud:network": net } });
            assert.deepEqual([plan.outputs.slaTier, plan.ofType(T.attachment).map((a) => a.inputs.router)], [SlaTier.ThreeNines, ["shared-router-us-east4", "shared-router-us-east4"]]);
        });
    });

    describe("across the stacks", () => {
        it("shares no link-local address between environments, and every address is in its environment's block", () => {
            const allocations = allocationsOf(shared);
            const stacks: [string, Plan][] = [...ENVIRONMENTS.map((env): [string, Plan] => [env, envs[env]]), ["prod", prodReady]];
            const byEnv = stacks.map(([env, plan]) => {
                const fromTopology = topologyOf(plan).sessions.map((s) => ({ where: `${env} topology ${s.id}`, prefix: Prefix.parse(s.insideCidr, s.id) }));
                const fromResources = resourcePrefixes(plan).map((p) => ({ ...p, where: `${env} ${p.where}` }));
                // The resources carry the sessions the topology describes, and only those.
                for (const p of fromResources) assert.ok(fromTopology.some((t) => t.prefix.contains(p.prefix)), `${p.where} (${p.prefix}) is a planned session`);
                for (const t of fromTopology) assert.ok(fromResources.some((p) => t.prefix.equals(p.prefix)), `${t.where} (${t.prefix}) is declared`);
                const block = (p: Prefix) => Prefix.parse(p.family === AddressFamily.Ipv6 ? allocations[env].linkLocalBlockIpv6 : allocations[env].linkLocalBlock, env);
                for (const p of [...fromTopology, ...fromResources]) assert.ok(block(p.prefix).contains(p.prefix), `${p.where} (${p.prefix}) is outside ${block(p.prefix)}`);
                return { env, prefixes: [...fromTopology, ...fromResources] };
            });
            // dev, dual stack: 8 sessions, 8 inside CIDRs (4 /30s, 4 /126s), 8 router interfaces; staging: none (Google runs its BGP);
            // prod ordered: its backup's alone; prod ready: 8 sessions, 4 inside CIDRs, 8 router interfaces, 4 attachments × subnet and two addresses.
            assert.deepEqual(byEnv.map((e) => e.prefixes.length), [8 + 8 + 8, 0, 4 + 4 + 4, 8 + 4 + 8 + 4 * 3]);
            // prod's two stages are one environment: the ready plan's addresses extend the ordered one's.
            const [prodOrdered, prodReadyPrefixes] = [byEnv[2], byEnv[3]];
            for (const p of prodOrdered.prefixes) assert.ok(prodReadyPrefixes.prefixes.some((q) => q.prefix.equals(p.prefix)), `${p.where} keeps its address`);
            const distinct = byEnv.slice(0, 2).concat([prodReadyPrefixes]);
            for (const [i, a] of distinct.entries()) {
                for (const b of distinct.slice(i + 1)) {
                    for (const p of a.prefixes) {
                        const clash = b.prefixes.find((q) => q.prefix.overlaps(p.prefix));
                        assert.equal(clash, undefined, `${p.where} (${p.prefix}) overlaps ${clash?.where} (${clash?.prefix})`);
                    }
                }
            }
        });

        it("keeps ASNs consistent: customer gateways carry the Cloud Router's, Direct Connect gateways their environment's", () => {
            const routerAsn = String((shared.outputs.routers as Record<string, { asn: number }>)["us-east4"].asn);
            const gateways = ENVIRONMENTS.flatMap((env) => envs[env].ofType(T.customerGateway));
            assert.equal(gateways.length, 6, "dev's (two per family) and prod's backup's");
            for (const g of gateways) assert.equal(g.inputs.bgpAsn, routerAsn, g.name);

            const tgwAsn = String(shared.ofType(T.transitGateway)[0].inputs.amazonSideAsn);
            const dx = ENVIRONMENTS.flatMap((env) => envs[env].ofType(T.dxGateway).map((g) => ({ env, asn: g.inputs.amazonSideAsn })));
            assert.deepEqual(dx.map((g) => g.env), ["staging", "prod"]);
            for (const g of dx) assert.equal(g.asn, String(allocationsOf(shared)[g.env].directConnectGatewayAsn), g.env);
            assert.equal(new Set(dx.map((g) => g.asn)).size, dx.length, "distinct per environment");
            assert.ok(dx.every((g) => g.asn !== tgwAsn), "none is the Transit Gateway's");
            // Every BGP peer of a dedicated link points at its Direct Connect gateway's ASN.
            const primaryPeers = prodReady.ofType(T.peer).filter((x) => x.name.startsWith("prod-primary-"));
            assert.equal(primaryPeers.length, 4);
            for (const p of primaryPeers) assert.equal(p.inputs.peerAsn, 64603);
        });

        it("attaches every environment to the shared Transit Gateway, VPC and Cloud Routers, and declares none of its own", () => {
            const tgwId = shared.ofType(T.transitGateway)[0].outputs.id;
            const vpc = shared.ofType(T.gcpNetwork)[0].outputs.selfLink;
            const routers = shared.ofType(T.router).map((r) => r.outputs.name);
            for (const env of ENVIRONMENTS) {
                const plan = envs[env];
                // The shared layer, and the stack itself for its address ledger.
                assert.deepEqual(plan.ofType(T.stackReference).map((r) => r.inputs.name), [SHARED_STACK, `organization/crosscloud/${env}`], env);
                for (const type of [T.transitGateway, T.gcpNetwork, T.router]) assert.deepEqual(plan.ofType(type), [], `${env} declares no ${type}`);
                const attachPoints = plan.resources.flatMap((r) => [
                    ...["transitGatewayId", "associatedGatewayId"].filter((f) => r.inputs[f] !== undefined).map((f) => ["tgw", r.inputs[f]]),
                    ...(r.type === T.haGateway || r.type === T.transport || r.type === T.peering ? [["vpc", r.inputs.network]] : []),
                    ...(r.custom && typeof r.inputs.router === "string" ? [["router", r.inputs.router]] : []),
                ]);
                assert.ok(attachPoints.length > 0, env);
                for (const [kind, value] of attachPoints) {
                    assert.ok(kind === "tgw" ? value === tgwId : kind === "vpc" ? value === vpc : routers.includes(value), `${env}: ${kind} ${String(value)}`);
                }
            }
        });
    });

    describe("the committed stack files", () => {
        it("hold no secret in plain text", () => {
            const files = fs.readdirSync(stacksDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
            assert.deepEqual(files.sort(), ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.shared.yaml", "Pulumi.staging.yaml"]);
            for (const file of files) {
                assert.deepEqual(plainSecrets(load(fs.readFileSync(path.join(stacksDir, file), "utf8"))), [], file);
            }
        });

        it("would be caught holding one (the scan itself)", () => {
            const yaml = load([
                "config:",
                "  crosscloud:network:",
                "    primary:",
                "      managed: { bandwidth: 10Gbps, keyHandoff: manual, activationKey: abc-123 }",
                "  crosscloud:md5Key: { secure: v1:AAAA }",
                "  crosscloud:vpnPsk: hunter2hunter2",
                "  crosscloud:keys: [{ cak: 0123, ckn: { secure: v1:BBBB } }]",
                "  aws:secretAccessKey: AKIA",
                "  gcp:credentials: '{}'",
            ].join("\n"));
            assert.deepEqual(plainSecrets(yaml), [
                "config.crosscloud:network.primary.managed.activationKey",
                "config.crosscloud:vpnPsk",
                "config.crosscloud:keys[0].cak",
                "config.aws:secretAccessKey",
                "config.gcp:credentials",
            ]);
        });
    });

    describe("a shared layer that lacks something", () => {
        const without = (key: string) => Object.fromEntries(Object.entries(shared.outputs).filter(([k]) => k !== key));
        for (const key of ["environments", "routers", "network", "transitGatewayId", "transitGatewayAsn", "awsRegion", "globalRouting"]) {
            it(`fails an environment clearly when the shared stack does not export ${key}`, async () => {
                await assert.rejects(planStack("dev", { shared: without(key) }), (e) => {
                    assert.ok(e instanceof CrossCloudError, String(e));
                    assert.deepEqual([e.code, e.field], [ErrorCode.InvalidArgument, `${SHARED_STACK}:${key}`]);
                    assert.match(e.message, /the shared stack does not export it\. Deploy the shared stack/);
                    return true;
                });
            });
        }

        it("fails an environment the shared layer has no allocation for, naming the ones it has", async () => {
            const environments = Object.fromEntries(Object.entries(allocationsOf(shared)).filter(([env]) => env !== "staging"));
            await assert.rejects(planStack("staging", { shared: { ...shared.outputs, environments } }), (e) => {
                assert.ok(e instanceof CrossCloudError, String(e));
                assert.deepEqual([e.code, e.field, e.value], [ErrorCode.InvalidArgument, `${SHARED_STACK}:environments.staging`, ["dev", "prod"]]);
                assert.match(e.fix, /Add staging to crosscloud:environments/);
                return true;
            });
        });

        it("refuses a shared layer that gives two environments one block or one Direct Connect gateway ASN, or a block past the last, before declaring anything", async () => {
            const cases: [(e: Record<string, { block: number; directConnectGatewayAsn: number }>) => void, ErrorCode, string][] = [
                [(e) => { e.prod.block = 1; }, ErrorCode.Conflict, "crosscloud:environments.prod.block"],
                [(e) => { e.staging.directConnectGatewayAsn = 64601; }, ErrorCode.AsnCollision, "crosscloud:environments.staging.directConnectGatewayAsn"],
                [(e) => { e.prod.block = 8; }, ErrorCode.InvalidArgument, "crosscloud:environments.prod.block"],
            ];
            for (const [change, code, field] of cases) {
                const environments = structuredClone(stackConfig("shared")["crosscloud:environments"]) as Parameters<typeof change>[0];
                change(environments);
                const { plan, thrown } = await attemptShared(stackConfig("shared", { "crosscloud:environments": environments }));
                assert.ok(thrown instanceof CrossCloudError, String(thrown));
                assert.deepEqual([thrown.code, thrown.field], [code, field], thrown.message);
                assert.deepEqual(plan.resources.map((r) => r.type), [T.stack], "nothing declared");
            }
        });
    });

});

/** Runs the shared stack's program as `planStack` does, but keeps what it throws, so the capture shows what it declared first. */
async function attemptShared(config: Record<string, unknown>): Promise<{ plan: Plan; thrown: unknown }> {
    let thrown: unknown;
    const plan = await capture(async () => {
        for (const file of Object.keys(require.cache)) {
            if (file.startsWith(stacksDir)) delete require.cache[file];
        }
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return await require(stacksDir);
        } catch (e) {
            thrown = e;
        }
    }, { stack: "shared", config });
    return { plan, thrown };
}

/** Config keys that name a secret, as the last word of their name: `activationKey`, `vpnPsk`, `cak`; not `keyHandoff`. */
const SECRET_KEY = /(key|secret|password|passphrase|psk|token|credentials?|cak|ckn)$/i;

/** Paths of values under secret-named keys that are not `secure:` values. */
function plainSecrets(value: unknown, at = "", secretName = false): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => plainSecrets(v, `${at}[${i}]`, secretName));
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value);
        if (entries.length === 1 && entries[0][0] === "secure" && typeof entries[0][1] === "string") return [];
        return entries.flatMap(([k, v]) => plainSecrets(v, at ? `${at}.${k}` : k, secretName || SECRET_KEY.test(k.split(":").at(-1)!)));
    }
    return secretName && value !== null && value !== undefined && value !== "" ? [at] : [];
}
