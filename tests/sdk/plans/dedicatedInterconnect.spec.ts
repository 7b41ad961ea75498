import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressSpace } from "../../../sdk/allocation/addressSpace";
import { PortSpeed } from "../../../sdk/bandwidth";
import { ErrorCode } from "../../../sdk/errors";
import { AWS_RESERVED } from "../../../sdk/linkLocal";
import {
    DedicatedInterconnectInput, planDedicatedInterconnect, SlaTarget,
} from "../../../sdk/plans/dedicated";
import { mustParsePrefix } from "../../../sdk/prefix";
import { analyzeResilience } from "../../../sdk/resilience";
import { Cloud, EndpointKind, LinkKind, LinkRole, LinkStage, SlaTier } from "../../../sdk/topology";
import { typedError } from "../typedError";

const port = (location: string, awsLocation: string, awsRegion?: string) => ({
    location, remoteLocation: "aws-us-east-1", awsLocation, ...(awsRegion && { awsRegion }), ready: true,
});

/** Google's 99.9% shape: two ports in iad, one per edge availability domain, one attachment each, at two AWS locations (AWS's High model); every port ready. */
function threeNines(change: (i: DedicatedInterconnectInput) => void = () => undefined): DedicatedInterconnectInput {
    const i: DedicatedInterconnectInput = {
        name: "cci",
        sla: SlaTarget.ThreeNines,
        portSpeed: PortSpeed.Gbps10,
        ports: { "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "CSVA1") },
        attachments: {
            "east-a": { port: "iad-1", bandwidth: "5Gbps" },
            "east-b": { port: "iad-2", bandwidth: "BPS_5G" },
        },
        google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64601, allowedPrefixes: ["10.0.0.0/16"] },
        advertisedPrefixes: ["10.100.0.0/16"],
    };
    change(i);
    return i;
}

/**
 * Google's 99.99% shape: iad and sjc × two domains, attachments in us-east4 and us-west2, global
 * routing; each metro's two LAGs at one AWS location (AWS's Maximum model: 2 devices at each of 2).
 */
function fourNines(change: (i: DedicatedInterconnectInput) => void = () => undefined): DedicatedInterconnectInput {
    return threeNines((i) => {
        i.sla = SlaTarget.FourNines;
        i.ports["iad-2"].awsLocation = "EqDC2";
        i.ports["sjc-1"] = port("sjc-zone1-6", "EqSV5", "us-west-1");
        i.ports["sjc-2"] = port("sjc-zone2-6", "EqSV5", "us-west-1");
        i.attachments["west-a"] = { port: "sjc-1", region: "us-west2", bandwidth: "5Gbps" };
        i.attachments["west-b"] = { port: "sjc-2", region: "us-west2", bandwidth: "5Gbps" };
        i.google.globalRouting = true;
        i.google.routers = { "us-west2": { routerAsn: 65020 } };
        change(i);
    });
}

describe("planDedicatedInterconnect", () => {
    it("plans the 99.9% shape: two ports on one metro's two edge domains, one router, Google's non-critical intent", () => {
        const plan = planDedicatedInterconnect(threeNines());
        assert.equal(plan.earned, SlaTier.ThreeNines);
        assert.equal(plan.googleSlaIntent, "PRODUCTION_NON_CRITICAL");
        assert.deepEqual(plan.ports.map((p) => [p.key, p.metro, p.edgeDomain, p.awsRegion]), [
            ["iad-1", "iad", "iad-zone1", "us-east-1"],
            ["iad-2", "iad", "iad-zone2", "us-east-1"],
        ]);
        assert.deepEqual(plan.routers, [{ region: "us-east4", asn: 65010, id: "cci-router-us-east4" }]);
        assert.deepEqual(plan.attachments.map((a) => [a.key, a.bandwidth, a.mbps, a.stage]), [["east-a", "BPS_5G", 5000, LinkStage.Ready], ["east-b", "BPS_5G", 5000, LinkStage.Ready]]);
    });

    it("plans the 99.99% shape: two metros × two domains, a router per region, Google's critical intent", () => {
        const plan = planDedicatedInterconnect(fourNines());
        assert.equal(plan.earned, SlaTier.FourNines);
        assert.equal(plan.googleSlaIntent, "PRODUCTION_CRITICAL");
        assert.deepEqual(new Set(plan.ports.map((p) => p.edgeDomain)), new Set(["iad-zone1", "iad-zone2", "sjc-zone1", "sjc-zone2"]));
        assert.deepEqual(plan.routers.map((r) => [r.region, r.asn]), [["us-east4", 65010], ["us-west2", 65020]]);
        assert.deepEqual(plan.attachments.map((a) => [a.key, a.routerAsn]), [["east-a", 65010], ["east-b", 65010], ["west-a", 65020], ["west-b", 65020]]);
        assert.deepEqual(plan.ports.filter((p) => p.metro === "sjc").map((p) => p.awsRegion), ["us-west-1", "us-west-1"]);
    });

    it("reports the tier the shape earns, which may exceed the target", () => {
        assert.equal(planDedicatedInterconnect(fourNines((i) => { i.sla = SlaTarget.ThreeNines; })).earned, SlaTier.FourNines);
    });

    it("speaks both clouds' port vocabulary from one speed, and the one MTU both ends take", () => {
        const plan = planDedicatedInterconnect(threeNines((i) => { i.portSpeed = PortSpeed.Gbps100; }));
        assert.equal(plan.linkType, "LINK_TYPE_ETHERNET_100G_LR");
        assert.equal(plan.connectionsBandwidth, "100Gbps");
        assert.equal(plan.mtu, 1500);
    });

    it("builds the topology: a link per attachment with its failure domains, a /29 BGP session with MD5 and BFD", () => {
        const { topology } = planDedicatedInterconnect(fourNines());
        assert.deepEqual(topology.groups, [{ id: "cci", kind: LinkKind.Dedicated, role: LinkRole.Primary, globalRouting: true }]);
        const link = topology.links.find((l) => l.id === "cci-attachment-west-a")!;
        assert.deepEqual(link, {
            id: "cci-attachment-west-a", group: "cci", kind: LinkKind.Dedicated, role: LinkRole.Primary,
            aws: "cci-dx-gateway", gcp: "cci-router-us-west2", mbps: 5000, stage: LinkStage.Ready,
            domains: {
                port: "cci-port-sjc-1", awsDevice: "cci-lag-sjc-1", awsLocation: "EqSV5", metro: "sjc", edgeDomain: "sjc-zone1",
                region: "us-west2", cloudRouter: "cci-router-us-west2",
            },
        });
        const session = topology.sessions.find((s) => s.link === link.id)!;
        assert.match(session.insideCidr!, /^169\.254\.\d+\.\d+\/29$/);
        const net = mustParsePrefix(session.insideCidr!);
        assert.deepEqual(
            [session.gcpAddress, session.awsAddress, session.gcpAsn, session.awsAsn, session.md5, session.bfd, session.enabled],
            [net.host(1), net.host(2), 65020, 64601, true, true, true],
        );
        assert.deepEqual(topology.endpoints.map((e) => [e.id, e.cloud, e.kind, e.asn]), [
            ["cci-dx-gateway", Cloud.Aws, EndpointKind.DirectConnectGateway, 64601],
            ["cci-router-us-east4", Cloud.Gcp, EndpointKind.CloudRouter, 65010],
            ["cci-router-us-west2", Cloud.Gcp, EndpointKind.CloudRouter, 65020],
        ]);
        assert.deepEqual(topology.prefixes, { aws: ["10.0.0.0/16"], gcp: ["10.100.0.0/16"] });
    });

    it("builds topologies whose only single points of failure are the ones each tier accepts", () => {
        const spofs = (i: DedicatedInterconnectInput) => analyzeResilience(planDedicatedInterconnect(i).topology).singlePointsOfFailure.map((f) => `${f.kind} ${f.id}`);
        // 99.9% is one metro in one region, on Google's one (internally redundant) Cloud Router there.
        assert.deepEqual(spofs(threeNines()), ["metro iad", "region us-east4", "cloudRouter cci-router-us-east4"]);
        // 99.99%: losing one AWS location leaves the other metro's two LAGs.
        assert.deepEqual(spofs(fourNines()), []);
    });

    it("names endpoints after existing resources given as plain strings", () => {
        const { topology } = planDedicatedInterconnect(fourNines((i) => {
            i.google.router = "shared-router-us-east4";
            i.aws.directConnectGatewayId = "dxgw-0123";
        }));
        assert.deepEqual(topology.endpoints.map((e) => e.id), ["dxgw-0123", "shared-router-us-east4", "cci-router-us-west2"]);
        assert.equal(topology.links.find((l) => l.id === "cci-attachment-east-a")!.domains.cloudRouter, "shared-router-us-east4");
    });

    it("reads metro and edge domain from a self link, and takes them given for names outside Google's scheme", () => {
        const plan = planDedicatedInterconnect(threeNines((i) => {
            i.ports["iad-1"].location = "https://www.googleapis.com/compute/v1/projects/p/global/interconnectLocations/iad-zone1-1";
            i.ports["iad-2"] = { ...port("ashburn-b", "CSVA1"), metro: "iad", edgeDomain: 2 };
        }));
        assert.deepEqual(plan.ports.map((p) => p.edgeDomain), ["iad-zone1", "iad-zone2"]);
    });

    it("gives the VIF a 32-bit Cloud Router ASN as bgpAsnLong", () => {
        const plan = planDedicatedInterconnect(threeNines((i) => { i.google.routerAsn = 4200000001; }));
        assert.deepEqual(plan.attachments[0].vifAsn, { bgpAsnLong: "4200000001" });
        assert.deepEqual(planDedicatedInterconnect(threeNines()).attachments[0].vifAsn, { bgpAsn: 65010 });
    });

    it("advertises a backup's routes at a worse priority", () => {
        const priorities = (role?: LinkRole) => planDedicatedInterconnect(threeNines((i) => { i.role = role; })).attachments.map((a) => a.routePriority);
        assert.deepEqual(priorities(), [100, 100]);
        assert.deepEqual(priorities(LinkRole.Backup), [10000, 10000]);
    });

    it("plans an ordered port in full but marks its links ordered, with what to do next; a ready port has no next step", () => {
        const plan = planDedicatedInterconnect(fourNines((i) => { i.ports["sjc-1"].ready = false; i.ports["sjc-2"].ready = undefined; }));
        assert.deepEqual(plan.ports.map((p) => [p.key, p.stage, p.nextStep !== undefined]), [
            ["iad-1", LinkStage.Ready, false], ["iad-2", LinkStage.Ready, false], ["sjc-1", LinkStage.Ordered, true], ["sjc-2", LinkStage.Ordered, true],
        ]);
        assert.deepEqual(plan.attachments.map((a) => [a.key, a.stage]), [
            ["east-a", LinkStage.Ready], ["east-b", LinkStage.Ready], ["west-a", LinkStage.Ordered], ["west-b", LinkStage.Ordered],
        ]);
        assert.match(plan.nextStep ?? "", /^Port sjc-1 is ordered \(Google interconnect cci-port-sjc-1, AWS LAG cci-lag-sjc-1 at EqSV5\)\. 1\) Download the LAG's LOA-CFA .*--region us-west-1.* 3\) Set ports\["sjc-1"\]\.ready: true/);
        // Sessions exist only on ready ports; the /29s of ordered ones are planned already and never move.
        assert.deepEqual(plan.topology.sessions.map((s) => s.id), ["cci-peer-east-a", "cci-peer-east-b"]);
        assert.deepEqual(plan.attachments.map((a) => a.subnet), planDedicatedInterconnect(fourNines()).attachments.map((a) => a.subnet));
        assert.equal(plan.earned, SlaTier.FourNines);
        assert.equal(planDedicatedInterconnect(fourNines()).nextStep, undefined);
    });

    it("plans the same whatever order the maps are written in", () => {
        const reversed = fourNines((i) => {
            i.ports = Object.fromEntries(Object.entries(i.ports).reverse());
            i.attachments = Object.fromEntries(Object.entries(i.attachments).reverse());
        });
        assert.deepEqual(planDedicatedInterconnect(reversed), planDedicatedInterconnect(fourNines()));
    });

    it("offers Google exactly the planned /29: candidate subnet, .1 for the Cloud Router, .2 for AWS", () => {
        for (const a of planDedicatedInterconnect(fourNines((i) => { i.linkLocalBlock = "169.254.64.0/19"; })).attachments) {
            const net = mustParsePrefix(a.subnet);
            assert.equal(net.bits, 29);
            assert.ok(mustParsePrefix("169.254.64.0/19").contains(net), a.subnet);
            assert.deepEqual([a.cloudRouterAddress, a.customerRouterAddress], [`${net.host(1)}/29`, `${net.host(2)}/29`]);
        }
    });

    it("pins an attachment's /29 with slot, and keeps clear of reserved prefixes", () => {
        const pinned = planDedicatedInterconnect(threeNines((i) => { i.linkLocalBlock = "169.254.64.0/19"; i.attachments["east-a"].slot = 7; }));
        assert.equal(pinned.attachments[0].subnet, "169.254.64.112/29");
        const clear = planDedicatedInterconnect(threeNines((i) => { i.reservedPrefixes = ["169.254.0.0/17"]; }));
        assert.ok(clear.attachments.every((a) => !mustParsePrefix("169.254.0.0/17").overlaps(mustParsePrefix(a.subnet))));
    });

    const attachmentName = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);

    it("property: with the ledger the last plan recorded, adding attachments moves no existing /29, and no two meet or touch AWS's reserved ranges", () => {
        fc.assert(fc.property(fc.uniqueArray(attachmentName, { minLength: 1, maxLength: 12 }), attachmentName, (names, added) => {
            fc.pre(!names.includes(added));
            const withAttachments = (keys: string[]) => threeNines((i) => {
                for (const key of keys) i.attachments[key] = { port: "iad-1", bandwidth: "100Mbps" };
            });
            // What a stack deploys, it records in its ledger; the next plan starts from it (a new name may
            // hash to a /28 an existing one holds: the ledger, not the order of names, decides who keeps it).
            const deployed = AddressSpace.empty();
            const before = planDedicatedInterconnect(withAttachments(names), deployed);
            const after = planDedicatedInterconnect(withAttachments([...names, added]), AddressSpace.fromLedger(deployed.record()));
            for (const a of before.attachments) assert.equal(after.attachments.find((b) => b.key === a.key)?.subnet, a.subnet, a.key);
            const nets = after.attachments.map((a) => mustParsePrefix(a.subnet));
            assert.equal(new Set(nets.map(String)).size, nets.length);
            assert.ok(nets.every((n) => !AWS_RESERVED.some((r) => r.prefix.overlaps(n))));
        }), { numRuns: 200 });
    });

    /** Each broken twin: what changes, the error code, and the argument the error must name. */
    const rejections: [string, () => DedicatedInterconnectInput, ErrorCode, string][] = [
        // The SLA shapes, broken.
        ["99.9% with both ports in one edge domain", () => threeNines((i) => { i.ports["iad-2"].location = "iad-zone1-2"; }), ErrorCode.ShapeBelowSla, 'ports["iad-2"].location'],
        ["99.9% with one port", () => threeNines((i) => { delete i.ports["iad-2"]; i.attachments["east-b"].port = "iad-1"; }), ErrorCode.ShapeBelowSla, "ports"],
        ["99.9% with its ports in two metros", () => threeNines((i) => { i.ports["iad-2"].location = "sjc-zone2-6"; }), ErrorCode.ShapeBelowSla, "ports"],
        ["99.99% in one metro", () => fourNines((i) => { i.ports["sjc-1"].location = "iad-zone1-2"; i.ports["sjc-2"].location = "iad-zone2-2"; }), ErrorCode.ShapeBelowSla, "ports"],
        ["99.99% with one edge domain in its second metro", () => fourNines((i) => { i.ports["sjc-2"].location = "sjc-zone1-7"; }), ErrorCode.ShapeBelowSla, 'ports["sjc-2"].location'],
        ["99.99% with three ports", () => fourNines((i) => { delete i.ports["sjc-2"]; i.attachments["west-b"].port = "sjc-1"; }), ErrorCode.ShapeBelowSla, "ports"],
        ["99.99% with attachments in one region", () => fourNines((i) => { delete i.google.routers; i.attachments["west-a"].region = undefined; i.attachments["west-b"].region = undefined; }), ErrorCode.ShapeBelowSla, "attachments"],
        ["99.99% without global routing", () => fourNines((i) => { i.google.globalRouting = false; }), ErrorCode.ShapeBelowSla, "google.globalRouting"],
        // Ports and bandwidth.
        ["an attachment above its port's capacity", () => threeNines((i) => { i.attachments["east-a"].bandwidth = "20Gbps"; }), ErrorCode.CapacityExceeded, 'attachments["east-a"].bandwidth'],
        ["attachments that together exceed their port", () => threeNines((i) => { i.attachments["east-c"] = { port: "iad-1", bandwidth: "10Gbps" }; }), ErrorCode.CapacityExceeded, 'attachments["east-c"].bandwidth'],
        ["a LAG of two links, which @pulumi/aws cannot order on one device", () => threeNines((i) => { i.portSpeed = PortSpeed.Gbps100; i.linksPerPort = 2; }), ErrorCode.InvalidArgument, "linksPerPort"],
        ["a fraction of a link", () => threeNines((i) => { i.linksPerPort = 1.5; }), ErrorCode.InvalidArgument, "linksPerPort"],
        ["ready that is not a boolean", () => threeNines((i) => { i.ports["iad-1"].ready = "yes" as never; }), ErrorCode.InvalidArgument, 'ports["iad-1"].ready'],
        ["a port speed Cross-Cloud Interconnect does not offer", () => threeNines((i) => { i.portSpeed = "1Gbps" as PortSpeed; }), ErrorCode.BandwidthUnsupported, "portSpeed"],
        ["a bandwidth that is no attachment tier", () => threeNines((i) => { i.attachments["east-a"].bandwidth = "3Gbps"; }), ErrorCode.BandwidthUnsupported, 'attachments["east-a"].bandwidth'],
        ["an SLA target there is no shape for", () => threeNines((i) => { i.sla = "99.999" as SlaTarget; }), ErrorCode.InvalidArgument, "sla"],
        ["an attachment on a port that does not exist", () => threeNines((i) => { i.attachments["east-b"].port = "iad-3"; }), ErrorCode.InvalidArgument, 'attachments["east-b"].port'],
        ["a port that carries no attachment", () => threeNines((i) => { i.ports["iad-3"] = port("iad-zone1-3", "EqDC2"); }), ErrorCode.InvalidArgument, 'ports["iad-3"]'],
        ["ports as a list", () => threeNines((i) => { i.ports = [port("iad-zone1-1", "EqDC2")] as never; }), ErrorCode.InvalidArgument, "ports"],
        ["a location outside Google's naming scheme", () => threeNines((i) => { i.ports["iad-2"].location = "ashburn-b"; }), ErrorCode.InvalidArgument, 'ports["iad-2"].location'],
        ["an edge domain Google does not have", () => threeNines((i) => { i.ports["iad-2"].edgeDomain = 3; }), ErrorCode.InvalidArgument, 'ports["iad-2"].edgeDomain'],
        ["an AWS region where a Google one belongs", () => threeNines((i) => { i.attachments["east-a"].region = "us-east-1"; }), ErrorCode.InvalidArgument, 'attachments["east-a"].region'],
        ["a Google region where an AWS one belongs", () => threeNines((i) => { i.ports["iad-1"].awsRegion = "us-east4"; }), ErrorCode.InvalidArgument, 'ports["iad-1"].awsRegion'],
        ["a key Google cannot name resources after", () => threeNines((i) => { i.attachments.East_A = i.attachments["east-a"]; delete i.attachments["east-a"]; }), ErrorCode.InvalidArgument, 'attachments["East_A"]'],
        ["a name too long for Google's 63 characters", () => threeNines((i) => { i.name = `cci-${"x".repeat(40)}`; }), ErrorCode.InvalidArgument, "name"],
        ["no google block", () => threeNines((i) => { i.google = undefined as never; }), ErrorCode.InvalidArgument, "google"],
        // ASNs and routers.
        ["a Direct Connect gateway sharing the Transit Gateway's ASN", () => threeNines((i) => { i.aws.directConnectGatewayAsn = 64512; }), ErrorCode.AsnCollision, "aws.directConnectGatewayAsn"],
        ["a Cloud Router sharing the Direct Connect gateway's ASN", () => fourNines((i) => { i.google.routers!["us-west2"].routerAsn = 64601; }), ErrorCode.AsnCollision, "aws.directConnectGatewayAsn"],
        ["a public Cloud Router ASN", () => threeNines((i) => { i.google.routerAsn = 15169; }), ErrorCode.InvalidAsn, "google.routerAsn"],
        ["a region's router given for google.region", () => threeNines((i) => { i.google.routers = { "us-east4": { routerAsn: 65011 } }; }), ErrorCode.Conflict, 'google.routers["us-east4"]'],
        ["a router for a region without attachments", () => fourNines((i) => { i.google.routers = { "us-west1": { routerAsn: 65020 } }; }), ErrorCode.InvalidArgument, 'google.routers["us-west1"]'],
        // MACsec: Google documents none for Cross-Cloud Interconnect, at any speed.
        ["MACsec on a Cross-Cloud Interconnect", () => threeNines((i) => { i.macsec = {}; }), ErrorCode.Conflict, "macsec"],
        ["MACsec at 400 Gbps", () => threeNines((i) => { i.portSpeed = PortSpeed.Gbps400; i.macsec = { keyName: "key1" }; }), ErrorCode.Conflict, "macsec"],
        // AWS's resiliency models.
        ["99.9% with both LAGs at one AWS location", () => threeNines((i) => { i.ports["iad-2"].awsLocation = "EqDC2"; }), ErrorCode.ShapeBelowSla, "ports"],
        ["99.99% with one LAG at each of four AWS locations", () => fourNines((i) => { i.ports["iad-2"].awsLocation = "CSVA1"; i.ports["sjc-2"].awsLocation = "CSSV"; }), ErrorCode.ShapeBelowSla, "ports"],
        // Prefixes and link-local addressing.
        ["more allowed prefixes than a gateway association takes", () => threeNines((i) => { i.aws.allowedPrefixes = Array.from({ length: 201 }, (_, k) => `10.${k}.0.0/16`); }), ErrorCode.TooManyPrefixes, "aws.allowedPrefixes"],
        ["a range both clouds advertise", () => threeNines((i) => { i.advertisedPrefixes = ["10.0.128.0/17"]; }), ErrorCode.Overlap, "advertisedPrefixes[0]"],
        ["two attachments pinned to one link-local slot", () => threeNines((i) => { i.attachments["east-a"].slot = 300; i.attachments["east-b"].slot = 300; }), ErrorCode.AddressCollision, 'attachments["east-b"].slot'],
        ["a link-local block outside 169.254.0.0/16", () => threeNines((i) => { i.linkLocalBlock = "10.0.0.0/19"; }), ErrorCode.NotLinkLocal, "linkLocalBlock"],
        ["a reserved prefix that is not one", () => threeNines((i) => { i.reservedPrefixes = ["169.254.1"]; }), ErrorCode.InvalidPrefix, "reservedPrefixes[0]"],
        ["production that is not a boolean", () => threeNines((i) => { i.production = "yes" as never; }), ErrorCode.InvalidArgument, "production"],
    ];

    for (const [what, broken, code, field] of rejections) {
        it(`refuses ${what}, naming ${field}`, () => {
            const e = typedError(() => planDedicatedInterconnect(broken()));
            assert.equal(e.code, code, e.message);
            assert.equal(e.field, field, e.message);
            assert.ok(e.rule && e.fix, e.message);
        });
    }
});
