import * as assert from "node:assert/strict";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import {
    AttachmentSummary, DedicatedInterconnect, DedicatedInterconnectArgs, PortSummary, SlaTarget,
} from "../../components/dedicatedInterconnect";
import { StackType } from "../../sdk/addressFamily";
import { PortSpeed } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { LinkKind, LinkStage, SlaTier, Topology } from "../../sdk/topology";
import { capture, CapturedResource, Plan, UNKNOWN } from "../../offline";

const T = {
    port: "gcp:compute/interconnect:Interconnect",
    attachment: "gcp:compute/interconnectAttachment:InterconnectAttachment",
    router: "gcp:compute/router:Router",
    routerInterface: "gcp:compute/routerInterface:RouterInterface",
    peer: "gcp:compute/routerPeer:RouterPeer",
    portGroup: "gcp:compute/interconnectGroup:InterconnectGroup",
    attachmentGroup: "gcp:compute/interconnectAttachmentGroup:InterconnectAttachmentGroup",
    lag: "aws:directconnect/linkAggregationGroup:LinkAggregationGroup",
    connection: "aws:directconnect/connection:Connection",
    lagMember: "aws:directconnect/connectionAssociation:ConnectionAssociation",
    macsecKey: "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation",
    vif: "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
    dxGateway: "aws:directconnect/gateway:Gateway",
    association: "aws:directconnect/gatewayAssociation:GatewayAssociation",
    transitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    md5: "random:index/randomPassword:RandomPassword",
    component: "interconnect:index:DedicatedInterconnect",
};
const NETWORK = "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit";

const port = (location: string, awsLocation: string, awsRegion?: string) => ({
    location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation, ...(awsRegion && { awsRegion }), ready: true,
});

/** Google's 99.9% shape into an existing Transit Gateway; each test changes what it is about. */
function threeNines(change: (a: DedicatedInterconnectArgs) => void = () => undefined): DedicatedInterconnectArgs {
    const a: DedicatedInterconnectArgs = {
        sla: SlaTarget.ThreeNines,
        portSpeed: PortSpeed.Gbps10,
        ports: { "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "CSVA1") },
        attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" } },
        google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        advertisedPrefixes: ["10.20.0.0/16"],
    };
    change(a);
    return a;
}

/** Google's 99.99% shape: a second metro (sjc) whose attachments are in us-west2, and global routing. */
function fourNines(change: (a: DedicatedInterconnectArgs) => void = () => undefined): DedicatedInterconnectArgs {
    return threeNines((a) => {
        a.sla = SlaTarget.FourNines;
        // AWS's Maximum model: each metro's two LAGs at one location.
        a.ports["iad-2"].awsLocation = "EqDC2";
        a.ports["sjc-1"] = port("sjc-zone1-6", "EqSV5", "us-west-1");
        a.ports["sjc-2"] = port("sjc-zone2-6", "EqSV5", "us-west-1");
        a.attachments["west-a"] = { port: "sjc-1", region: "us-west2", bandwidth: "5Gbps" };
        a.attachments["west-b"] = { port: "sjc-2", region: "us-west2", bandwidth: "5Gbps" };
        a.google.globalRouting = true;
        change(a);
    });
}

async function declare(args: DedicatedInterconnectArgs): Promise<Plan> {
    return capture(() => { new DedicatedInterconnect("cci", args); });
}

/** What the component registered as its outputs. */
const outputs = (plan: Plan) => plan.named("cci").outputs;

/** The resources of one type, keyed by what follows `cci-<role>-` in their names. */
function byKey(plan: Plan, type: string, role: string): Map<string, CapturedResource> {
    return new Map(plan.ofType(type).map((r) => [r.name.slice(`cci-${role}-`.length), r]));
}

const counts = (plan: Plan) => Object.fromEntries(Object.entries(T).map(([role, type]) => [role, plan.ofType(type).length]));

describe("DedicatedInterconnect", () => {
    for (const [shape, args, expected] of [
        ["99.9%", threeNines, { port: 2, attachment: 2, router: 1, routerInterface: 2, peer: 2, lag: 2, connection: 2, vif: 2, md5: 2 }],
        ["99.99%", fourNines, { port: 4, attachment: 4, router: 2, routerInterface: 4, peer: 4, lag: 4, connection: 4, vif: 4, md5: 4 }],
    ] as const) {
        describe(`the ${shape} shape`, () => {
            let plan: Plan;
            before(async () => { plan = await declare(args()); });

            it("declares a port, LAG, attachment, VIF, peer and MD5 key per port, a Cloud Router per region, one gateway", () => {
                assert.deepEqual(counts(plan), {
                    ...expected, portGroup: 1, attachmentGroup: 1, lagMember: 0, macsecKey: 0, dxGateway: 1, association: 1, transitGateway: 0, component: 1,
                });
            });

            it("parents every child to the component and names it after it", () => {
                const component = plan.named("cci");
                for (const child of plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && r !== component)) {
                    assert.equal(child.parent, component.urn, child.name);
                    assert.match(child.name, /^cci-(port|connection|lag|router|attachment|interface|peer|md5|vif|dx-gateway|association|transit-gateway|interconnect-group|attachment-group|alarm|alert)(-|$)/);
                }
            });

            it("spreads the ports over the edge domains, devices and regions the tier needs", () => {
                const ports = Object.values(outputs(plan).ports as Record<string, PortSummary>);
                const metros = new Set(ports.map((p) => p.metro));
                for (const metro of metros) {
                    assert.deepEqual(new Set(ports.filter((p) => p.metro === metro).map((p) => p.edgeDomain)), new Set([`${metro}-zone1`, `${metro}-zone2`]));
                }
                assert.equal(metros.size, shape === "99.99%" ? 2 : 1);
                const devices = ports.map((p) => p.awsDevice);
                assert.equal(new Set(devices).size, ports.length, devices.join());
                const regions = new Set(plan.ofType(T.attachment).map((a) => a.inputs.region));
                assert.equal(regions.size, shape === "99.99%" ? 2 : 1);
                assert.deepEqual(new Set(plan.ofType(T.router).map((r) => r.inputs.region)), regions);
            });

            it("exports the topology it was planned from, earning the target tier", () => {
                const topology = outputs(plan).topology as Topology;
                assert.equal(outputs(plan).slaTier, shape === "99.99%" ? SlaTier.FourNines : SlaTier.ThreeNines);
                assert.deepEqual(topology.links.map((l) => l.id).sort(), plan.ofType(T.attachment).map((a) => a.name).sort());
                assert.ok(topology.links.every((l) => l.kind === LinkKind.Dedicated && l.domains.port && l.domains.awsDevice && l.domains.edgeDomain && l.domains.cloudRouter));
                assert.deepEqual(topology.sessions.map((s) => s.id).sort(), plan.ofType(T.peer).map((p) => p.name).sort());
                assert.ok(topology.sessions.every((s) => s.md5 && s.bfd && /\/29$/.test(s.insideCidr ?? "")));
                assert.deepEqual(topology.groups.map((g) => g.globalRouting), [shape === "99.99%"]);
            });
        });
    }

    describe("wiring between the clouds (providers.md §8)", () => {
        let plan: Plan;
        before(async () => { plan = await declare(fourNines()); });

        it("keeps every MD5 key secret, the same on both ends, and one per session", () => {
            const vifs = byKey(plan, T.vif, "vif");
            const keys = [...byKey(plan, T.peer, "peer")].map(([key, peer]) => {
                const vif = vifs.get(key)!;
                assert.ok(peer.secretPaths.includes("md5AuthenticationKey.key"), peer.secretPaths.join());
                assert.ok(vif.secretPaths.includes("bgpAuthKey"), vif.secretPaths.join());
                const secret = (peer.inputs.md5AuthenticationKey as { key: string }).key;
                assert.equal(vif.inputs.bgpAuthKey, secret);
                assert.ok(secret.length >= 6 && secret.length <= 80, secret);
                return secret;
            });
            assert.equal(new Set(keys).size, keys.length);
            assert.ok(!JSON.stringify(outputs(plan)).includes(keys[0]));
        });

        it("makes every port a Cross-Cloud Interconnect, and its LAG the same speed and size", () => {
            const lags = byKey(plan, T.lag, "lag");
            for (const [key, p] of byKey(plan, T.port, "port")) {
                assert.equal(p.inputs.interconnectType, "DEDICATED");
                assert.ok(p.inputs.remoteLocation, key);
                assert.equal(p.inputs.customerName, undefined);
                assert.equal(p.inputs.linkType, "LINK_TYPE_ETHERNET_10G_LR");
                const lag = lags.get(key)!;
                assert.equal(lag.inputs.connectionsBandwidth, "10Gbps");
                const links = plan.ofType(T.connection).filter((c) => c.name.startsWith(`cci-connection-${key}-`));
                assert.deepEqual([links.length, p.inputs.requestedLinkCount], [1, 1]);
                assert.ok(links.every((l) => l.inputs.bandwidth === "10Gbps" && l.inputs.location === lag.inputs.location));
                assert.equal(lag.inputs.connectionId, links[0].outputs.id);
            }
        });

        it("addresses each VIF from its attachment: customer ⇐ Cloud Router, Amazon ⇐ customer router, VLAN ⇐ 802.1Q tag", () => {
            const vifs = byKey(plan, T.vif, "vif");
            for (const [key, attachment] of byKey(plan, T.attachment, "attachment")) {
                const vif = vifs.get(key)!;
                assert.equal(vif.inputs.customerAddress, attachment.outputs.cloudRouterIpAddress);
                assert.equal(vif.inputs.amazonAddress, attachment.outputs.customerRouterIpAddress);
                assert.equal(vif.inputs.vlan, attachment.outputs.vlanTag8021q);
                for (const field of ["customerAddress", "amazonAddress", "vlan"]) {
                    assert.deepEqual(vif.propertyDependencies[field], [attachment.urn], `${key}.${field}`);
                }
            }
        });

        it("carries each attachment on its port, and its VIF on that port's LAG", () => {
            const ports = byKey(plan, T.port, "port");
            const lags = byKey(plan, T.lag, "lag");
            const vifs = byKey(plan, T.vif, "vif");
            for (const [key, attachment] of byKey(plan, T.attachment, "attachment")) {
                const portKey = fourNines().attachments[key].port;
                assert.equal(attachment.inputs.interconnect, `https://www.googleapis.com/compute/v1/${ports.get(portKey)!.outputs.id}`);
                assert.equal(vifs.get(key)!.inputs.connectionId, lags.get(portKey)!.outputs.id);
                assert.equal(vifs.get(key)!.inputs.region, fourNines().ports[portKey].awsRegion ?? "us-east-1");
            }
        });

        it("offers Google one planned /29 per attachment, with the candidate addresses inside it", () => {
            const subnets = plan.ofType(T.attachment).map((a) => {
                const [subnet] = a.inputs.candidateSubnets as string[];
                const base = subnet.replace(/\.\d+\/29$/, "");
                const last = Number(subnet.split("/")[0].split(".")[3]);
                assert.equal(a.inputs.subnetLength, 29);
                assert.equal(a.inputs.candidateCloudRouterIpAddress, `${base}.${last + 1}/29`);
                assert.equal(a.inputs.candidateCustomerRouterIpAddress, `${base}.${last + 2}/29`);
                return subnet;
            });
            assert.equal(new Set(subnets).size, subnets.length);
        });

        it("sets the one MTU both ends take: 1500", () => {
            const vifs = byKey(plan, T.vif, "vif");
            for (const [key, attachment] of byKey(plan, T.attachment, "attachment")) {
                assert.equal(attachment.inputs.mtu, "1500");
                assert.equal(vifs.get(key)!.inputs.mtu, Number(attachment.inputs.mtu));
            }
        });

        it("peers each Cloud Router with the Direct Connect gateway's ASN, and each VIF with the router's", () => {
            const gateway = plan.named("cci-dx-gateway");
            const routers = new Map(plan.ofType(T.router).map((r) => [r.inputs.region, r]));
            const vifs = byKey(plan, T.vif, "vif");
            for (const [key, peer] of byKey(plan, T.peer, "peer")) {
                assert.equal(String(peer.inputs.peerAsn), gateway.inputs.amazonSideAsn);
                const router = routers.get(peer.inputs.region)!;
                assert.equal(peer.inputs.router, router.outputs.name);
                assert.equal(vifs.get(key)!.inputs.bgpAsn, (router.inputs.bgp as { asn: number }).asn);
                assert.equal(vifs.get(key)!.inputs.dxGatewayId, gateway.outputs.id);
            }
        });

        it("puts the BGP session on the attachment's addresses, with BFD and the route priority", () => {
            const attachments = byKey(plan, T.attachment, "attachment");
            const interfaces = byKey(plan, T.routerInterface, "interface");
            for (const [key, peer] of byKey(plan, T.peer, "peer")) {
                const attachment = attachments.get(key)!;
                const routerInterface = interfaces.get(key)!;
                assert.equal(routerInterface.inputs.interconnectAttachment, attachment.outputs.name);
                assert.equal(routerInterface.inputs.ipRange, attachment.outputs.cloudRouterIpAddress);
                assert.equal(peer.inputs.interface, routerInterface.outputs.name);
                assert.equal(`${peer.inputs.ipAddress}/29`, attachment.outputs.cloudRouterIpAddress);
                assert.equal(`${peer.inputs.peerIpAddress}/29`, attachment.outputs.customerRouterIpAddress);
                assert.deepEqual(peer.inputs.bfd, { sessionInitializationMode: "ACTIVE" });
                assert.equal(peer.inputs.advertisedRoutePriority, 100);
                assert.deepEqual(peer.inputs.advertisedIpRanges, [{ range: "10.20.0.0/16" }]);
            }
        });

        it("associates the gateway with the Transit Gateway, allowing AWS's prefixes", () => {
            const association = plan.named("cci-association");
            assert.equal(association.inputs.dxGatewayId, plan.named("cci-dx-gateway").outputs.id);
            assert.equal(association.inputs.associatedGatewayId, "tgw-0shared");
            assert.deepEqual(association.inputs.allowedPrefixes, ["10.10.0.0/16"]);
            assert.equal(plan.named("cci-dx-gateway").inputs.amazonSideAsn, "64603");
        });

        it("declares the SLA intent over every port and attachment, so Google reports its blockers", () => {
            const portGroup = plan.named("cci-interconnect-group");
            assert.deepEqual(portGroup.inputs.intent, { topologyCapability: "PRODUCTION_CRITICAL" });
            assert.deepEqual((portGroup.inputs.interconnects as { name: string }[]).map((i) => i.name), ["iad-1", "iad-2", "sjc-1", "sjc-2"]);
            const attachmentGroup = plan.named("cci-attachment-group");
            assert.deepEqual(attachmentGroup.inputs.intent, { availabilitySla: "PRODUCTION_CRITICAL" });
            assert.deepEqual(
                (attachmentGroup.inputs.attachments as { attachment: string }[]).map((a) => a.attachment).sort(),
                plan.ofType(T.attachment).map((a) => a.outputs.selfLink).sort(),
            );
            assert.deepEqual(outputs(plan).googleSlaBlockers, []);
        });

        it("summarises each attachment with what both clouds assigned", () => {
            const summaries = outputs(plan).attachments as Record<string, AttachmentSummary>;
            const attachment = plan.named("cci-attachment-west-a");
            assert.deepEqual(summaries["west-a"], {
                port: "sjc-1", region: "us-west2", bandwidth: "BPS_5G", selfLink: attachment.outputs.selfLink,
                vlan: attachment.outputs.vlanTag8021q, subnet: (attachment.inputs.candidateSubnets as string[])[0],
                cloudRouterIpAddress: attachment.outputs.cloudRouterIpAddress, customerRouterIpAddress: attachment.outputs.customerRouterIpAddress,
                virtualInterfaceId: plan.named("cci-vif-west-a").outputs.id,
            });
        });
    });

    describe("dual stack", () => {
        const BGP_PEER = "aws:directconnect/bgpPeer:BgpPeer";
        let dual: Plan;
        const dualArgs = () => threeNines((a) => {
            a.stackType = StackType.DualStack;
            a.aws.allowedPrefixes = ["10.10.0.0/16", "2600:1f18:4000::/56"];
            a.advertisedPrefixes = ["10.20.0.0/16", "fd20:a:1::/48"];
        });
        before(async () => { dual = await declare(dualArgs()); });

        it("gives each transit VIF an IPv6 BGP peer that AWS addresses, keyed like the IPv4 session", () => {
            for (const key of ["east-a", "east-b"]) {
                const peer = dual.named(`cci-vif-v6-${key}`);
                assert.equal(peer.type, BGP_PEER);
                assert.deepEqual([peer.inputs.addressFamily, peer.inputs.virtualInterfaceId, peer.inputs.bgpAsn], ["ipv6", dual.named(`cci-vif-${key}`).outputs.id, 65010]);
                // CreateBGPPeer: "When creating a IPv6 BGP peer, omit the Amazon address and customer address".
                assert.deepEqual([peer.inputs.amazonAddress, peer.inputs.customerAddress], [undefined, undefined]);
                assert.equal(peer.inputs.bgpAuthKey, dual.named(`cci-vif-${key}`).inputs.bgpAuthKey);
                assert.ok(peer.secretPaths.includes("bgpAuthKey"));
            }
        });

        it("creates the VIF first, on the VLAN crosscloud planned, and the attachment dual stack on that VLAN with the IPv6 addresses AWS assigned", () => {
            for (const key of ["east-a", "east-b"]) {
                const vif = dual.named(`cci-vif-${key}`);
                const attachment = dual.named(`cci-attachment-${key}`);
                const peer = dual.named(`cci-vif-v6-${key}`);
                assert.equal(typeof vif.inputs.vlan, "number");
                assert.deepEqual(vif.propertyDependencies.vlan ?? [], [], "the VLAN is planned, not read from the attachment");
                assert.deepEqual([attachment.inputs.stackType, attachment.inputs.vlanTag8021q], ["IPV4_IPV6", vif.inputs.vlan]);
                // Seen from AWS, the Cloud Router is the customer.
                assert.deepEqual([attachment.inputs.candidateCloudRouterIpv6Address, attachment.inputs.candidateCustomerRouterIpv6Address], [peer.outputs.customerAddress, peer.outputs.amazonAddress]);
                assert.deepEqual(attachment.propertyDependencies.candidateCloudRouterIpv6Address, [peer.urn]);
                assert.deepEqual([vif.inputs.customerAddress, vif.inputs.amazonAddress], [attachment.inputs.candidateCloudRouterIpAddress, attachment.inputs.candidateCustomerRouterIpAddress]);
            }
            const vlans = ["east-a", "east-b"].map((key) => dual.named(`cci-vif-${key}`).inputs.vlan as number);
            assert.ok(vlans.every((v) => v >= 2 && v <= 4094), `${vlans}`);
        });

        it("runs an IPv6 BGP session of its own beside the IPv4 one, each advertising its own family", () => {
            for (const key of ["east-a", "east-b"]) {
                const attachment = dual.named(`cci-attachment-${key}`);
                const routerInterface = dual.named(`cci-interface-v6-${key}`);
                assert.deepEqual([routerInterface.inputs.ipVersion, routerInterface.inputs.ipRange, routerInterface.inputs.interconnectAttachment],
                    ["IPV6", attachment.outputs.cloudRouterIpv6Address, attachment.outputs.name]);
                const peer = dual.named(`cci-peer-v6-${key}`).inputs;
                assert.deepEqual([peer.interface, peer.enableIpv6, peer.enableIpv4, peer.peerAsn], [routerInterface.outputs.name, true, false, 64603]);
                assert.deepEqual([peer.ipAddress, peer.peerIpAddress], [String(attachment.outputs.cloudRouterIpv6Address).split("/")[0], String(attachment.outputs.customerRouterIpv6Address).split("/")[0]]);
                assert.deepEqual(peer.advertisedIpRanges, [{ range: "fd20:a:1::/48" }]);
                assert.deepEqual(dual.named(`cci-peer-${key}`).inputs.advertisedIpRanges, [{ range: "10.20.0.0/16" }]);
                assert.deepEqual((peer.md5AuthenticationKey as { key: string }).key, (dual.named(`cci-peer-${key}`).inputs.md5AuthenticationKey as { key: string }).key);
            }
            assert.deepEqual(dual.named("cci-association").inputs.allowedPrefixes, ["10.10.0.0/16", "2600:1f18:4000::/56"]);
        });

        it("exports both families on every link, an IPv6 session per attachment, and the IPv6 addresses AWS assigned", () => {
            const topology = outputs(dual).topology as Topology;
            assert.ok(topology.links.every((l) => JSON.stringify(l.families) === JSON.stringify(["ipv4", "ipv6"])));
            assert.deepEqual(topology.sessions.map((s) => s.family).sort(), ["ipv4", "ipv4", "ipv6", "ipv6"]);
            const summaries = outputs(dual).attachments as Record<string, AttachmentSummary>;
            for (const key of ["east-a", "east-b"]) {
                assert.equal(summaries[key].cloudRouterIpv6Address, dual.named(`cci-vif-v6-${key}`).outputs.customerAddress);
            }
        });
    });

    describe("stages", () => {
        it("declares only the ports, their LAGs, the Direct Connect gateway and its association while every port is ordered, and says what to do next", async () => {
            const plan = await declare(fourNines((a) => { for (const p of Object.values(a.ports)) p.ready = undefined; }));
            // The Cloud Routers are the regions' whether ports are ready or not: one is made here, for us-west2.
            assert.deepEqual(counts(plan), {
                port: 4, attachment: 0, router: 2, routerInterface: 0, peer: 0, portGroup: 0, attachmentGroup: 0, lag: 4, connection: 4,
                lagMember: 0, macsecKey: 0, vif: 0, dxGateway: 1, association: 1, transitGateway: 0, md5: 0, component: 1,
            });
            const ports = outputs(plan).ports as Record<string, PortSummary>;
            assert.ok(Object.values(ports).every((p) => p.stage === LinkStage.Ordered && /LOA-CFA/.test(p.nextStep ?? "")));
            assert.match(String(outputs(plan).nextStep), /^Port iad-1 is ordered[\s\S]*Port sjc-2 is ordered/);
            assert.deepEqual(outputs(plan).attachments, {});
            assert.ok((outputs(plan).topology as Topology).links.every((l) => l.stage === LinkStage.Ordered));
        });

        it("declares a ready port's links alone, and leaves the ordered ports as they were", async () => {
            const ordered = await declare(fourNines((a) => { for (const p of Object.values(a.ports)) p.ready = undefined; }));
            const one = await declare(fourNines((a) => { for (const [key, p] of Object.entries(a.ports)) p.ready = key === "iad-1"; }));
            const added = one.resources.filter((r) => !ordered.resources.some((o) => o.urn === r.urn)).map((r) => r.name).sort();
            // Its alarms come with it: the port's own on both clouds, its early warnings, the capacity, its region's routes.
            assert.deepEqual(added, [
                "cci-alarm-capacity", "cci-alarm-errors-cci-port-iad-1", "cci-alarm-port-cci-port-iad-1",
                "cci-alert-capacity", "cci-alert-light-cci-port-iad-1", "cci-alert-port-cci-port-iad-1", "cci-alert-routes-us-east4",
                "cci-attachment-east-a", "cci-attachment-group", "cci-interconnect-group", "cci-interface-east-a", "cci-md5-east-a", "cci-peer-east-a", "cci-vif-east-a",
            ]);
            for (const r of ordered.resources.filter((r) => r.custom)) assert.deepEqual(one.resources.find((o) => o.urn === r.urn)?.inputs, r.inputs, r.name);
            assert.deepEqual((one.named("cci-interconnect-group").inputs.interconnects as { name: string }[]).map((i) => i.name), ["iad-1"]);
        });
    });

    it("refuses MACsec, which Google does not document for Cross-Cloud Interconnect, before declaring anything", async () => {
        let error: unknown;
        const plan = await capture(() => {
            try {
                new DedicatedInterconnect("cci", { ...threeNines(), macsec: {} } as DedicatedInterconnectArgs);
            } catch (e) {
                error = e;
            }
        });
        assert.ok(error instanceof CrossCloudError && error.field === "macsec", String(error));
        assert.match(error.message, /MACsec for Cloud Interconnect overview/);
        assert.deepEqual(plan.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("lands each port on one LAG made from its one connection", async () => {
        const plan = await declare(threeNines());
        assert.equal(plan.named("cci-lag-iad-1").inputs.connectionId, plan.named("cci-connection-iad-1-1").outputs.id);
        assert.equal(plan.ofType(T.lagMember).length, 0);
        assert.equal(plan.named("cci-port-iad-1").inputs.requestedLinkCount, 1);
    });

    it("protects ports, LAGs and links in production, and only them", async () => {
        const physical = [T.port, T.lag, T.connection];
        const prod = await declare(threeNines((a) => { a.production = true; }));
        for (const r of prod.resources.filter((r) => r.custom)) assert.equal(r.protect, physical.includes(r.type), r.name);
        assert.ok(prod.ofType(T.port).every((p) => p.inputs.deletionPolicy === "PREVENT"));
        assert.ok(prod.ofType(T.lag).every((l) => l.inputs.forceDestroy === false));

        const dev = await declare(threeNines());
        assert.ok(dev.resources.every((r) => !r.protect));
        assert.ok(dev.ofType(T.port).every((p) => p.inputs.deletionPolicy === undefined));
        assert.ok(dev.ofType(T.lag).every((l) => l.inputs.forceDestroy === true));
    });

    it("uses the Cloud Routers and gateways it is given, and creates the Transit Gateway it is not", async () => {
        const plan = await declare(fourNines((a) => {
            a.google.router = "shared-router-us-east4";
            a.google.routers = { "us-west2": { router: "shared-router-us-west2", routerAsn: 65020 } };
            a.aws.directConnectGatewayId = "dxgw-0prod";
            a.aws.transitGatewayId = undefined;
        }));
        assert.equal(plan.ofType(T.router).length, 0);
        assert.equal(plan.ofType(T.dxGateway).length, 0);
        assert.deepEqual(plan.ofType(T.peer).map((p) => p.inputs.router).sort(), ["shared-router-us-east4", "shared-router-us-east4", "shared-router-us-west2", "shared-router-us-west2"]);
        assert.equal(plan.named("cci-vif-west-a").inputs.bgpAsn, 65020);
        assert.ok(plan.ofType(T.vif).every((v) => v.inputs.dxGatewayId === "dxgw-0prod"));
        const transitGateway = plan.named("cci-transit-gateway");
        assert.equal(transitGateway.inputs.amazonSideAsn, 64512);
        assert.equal(plan.named("cci-association").inputs.associatedGatewayId, transitGateway.outputs.id);
    });

    it("previews before Google has assigned addresses or VLANs", async () => {
        const plan = await capture(() => { new DedicatedInterconnect("cci", threeNines()); }, { preview: true });
        const vif = plan.named("cci-vif-east-a");
        assert.deepEqual([vif.inputs.customerAddress, vif.inputs.amazonAddress, vif.inputs.vlan], [UNKNOWN, UNKNOWN, UNKNOWN]);
        assert.equal(plan.named("cci-peer-east-a").inputs.peerIpAddress, UNKNOWN);
        assert.equal(plan.ofType(T.vif).length, 2);
    });

    it("sends every child to the provider of its package", async () => {
        const plan = await capture(() => {
            const providers = [new AwsProvider("aws-east", { region: "us-east-1" }), new GcpProvider("gcp-transit", { project: "acme-transit" })];
            new DedicatedInterconnect("cci", threeNines(), { providers });
        });
        for (const child of plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))) {
            const provider = { aws: "aws-east", gcp: "gcp-transit", random: undefined }[child.type.split(":")[0]];
            if (provider) assert.ok(child.provider?.startsWith(`${plan.named(provider).urn}::`), `${child.name} uses ${child.provider}`);
        }
    });

    it("runs the usage example", async () => {
        const plan = await capture(() => import("../../examples/dedicatedInterconnect"), {
            stackOutputs: {
                "organization/crosscloud/shared": {
                    transitGatewayId: "tgw-0shared", network: NETWORK,
                    routers: { "us-east4": { name: "shared-router-us-east4", asn: 65010 }, "us-east1": { name: "shared-router-us-east1", asn: 65020 } },
                },
            },
        });
        assert.equal(plan.outputs.slaTier, SlaTier.FourNines);
        assert.deepEqual(plan.ofType(T.router).map((r) => r.inputs.region), ["us-central1"]);
        assert.equal(plan.named("prod-cci-peer-east-a").inputs.router, "shared-router-us-east4");
        assert.equal(plan.named("prod-cci-association").inputs.associatedGatewayId, "tgw-0shared");
        assert.ok(plan.ofType(T.port).every((p) => p.protect));
        assert.equal(Object.keys(plan.outputs.ports as object).length, 4);
    });

    describe("bad input fails before anything is declared", () => {
        const cases: [string, () => DedicatedInterconnectArgs, ErrorCode][] = [
            ["99.9% with both ports in one edge domain", () => threeNines((a) => { a.ports["iad-2"].location = "iad-zone1-2"; }), ErrorCode.ShapeBelowSla],
            ["99.99% in one metro", () => fourNines((a) => { a.ports["sjc-1"].location = "iad-zone1-3"; a.ports["sjc-2"].location = "iad-zone2-3"; }), ErrorCode.ShapeBelowSla],
            ["99.99% without global routing", () => fourNines((a) => { a.google.globalRouting = undefined; }), ErrorCode.ShapeBelowSla],
            ["attachments above their port's capacity", () => threeNines((a) => { a.attachments["east-a"].bandwidth = "20Gbps"; }), ErrorCode.CapacityExceeded],
            ["more LAG links than AWS allows", () => threeNines((a) => { a.portSpeed = PortSpeed.Gbps400; a.linksPerPort = 4; }), ErrorCode.InvalidArgument],
            ["a port speed that is not offered", () => threeNines((a) => { a.portSpeed = "25Gbps" as PortSpeed; }), ErrorCode.BandwidthUnsupported],
            ["a Direct Connect gateway ASN equal to the Transit Gateway's", () => threeNines((a) => { a.aws.directConnectGatewayAsn = 64512; }), ErrorCode.AsnCollision],
        ];
        for (const [what, args, code] of cases) {
            it(`${what}: ${code}`, async () => {
                let error: unknown;
                const plan = await capture(() => {
                    try {
                        new DedicatedInterconnect("cci", args());
                    } catch (e) {
                        error = e;
                    }
                });
                assert.ok(error instanceof CrossCloudError, String(error));
                assert.equal(error.code, code, error.message);
                assert.deepEqual(plan.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
            });
        }
    });
});
