import * as assert from "node:assert/strict";
import { impactOf } from "../../../sdk/change/impact";
import { judge, requirementsOf } from "../../../sdk/change/requirement";
import { CHANGE_RULES, ruleFor } from "../../../sdk/change/rules";
import { ChangeOp, Effect, LinkPart, PartRole, ResourceChange, ResourceState, StackState } from "../../../sdk/change/types";
import { AddressFamily } from "../../../sdk/addressFamily";
import { Link, LinkKind, LinkRole, LinkStage } from "../../../sdk/topology";

const link = (id: string, mbps: number, domains: Link["domains"], extra: Partial<Link> = {}): Link => ({
    id, group: "g", kind: LinkKind.HaVpn, role: LinkRole.Primary, aws: "tgw", gcp: "router", mbps, domains, ...extra,
});

const resource = (name: string, type: string, inputs: Record<string, unknown> = {}, parent?: string): ResourceState => ({
    urn: `urn:${name}`, type, name, inputs, dependencies: [], ...(parent && { parent }),
});

const VPN = "aws:ec2/vpnConnection:VpnConnection";
const PEER = "gcp:compute/routerPeer:RouterPeer";
const ROUTER = "gcp:compute/router:Router";
const VIF = "aws:directconnect/transitVirtualInterface:TransitVirtualInterface";

/** Two AWS VPN connections of two tunnels each on one Cloud Router in us-east4, and two attachments on one LAG, one in each region. */
function estate(options: { tunnelsKnown?: boolean } = {}): StackState {
    const tunnels = [0, 1, 2, 3].map((i) => link(`tunnel-${i}`, 1250, { awsVpnConnection: `vpn-${i >> 1}`, tunnel: `tunnel-${i}`, cloudRouter: "router-a", region: "us-east4" }));
    const attachments = [["a", "router-b", "us-central1"], ["b", "router-c", "us-east4"]].map(([k, cloudRouter, region]) =>
        link(`attachment-${k}`, 10000, { port: `port-${k}`, cloudRouter, region }, { kind: LinkKind.Dedicated }));
    const parts: Record<string, LinkPart[]> = {};
    tunnels.forEach((t, i) => {
        parts[t.id] = [
            { urn: `urn:vpn-${i >> 1}`, role: PartRole.VpnConnection, ...(options.tunnelsKnown !== false && { awsTunnel: ((i % 2) + 1) as 1 | 2 }) },
            { urn: `urn:peer-${i}`, role: PartRole.BgpPeer },
        ];
    });
    for (const a of attachments) parts[a.id] = [{ urn: `urn:vif-${a.id.slice(-1)}`, role: PartRole.Vif }, { urn: "urn:lag", role: PartRole.Lag }];
    return {
        resources: [
            resource("net", "interconnect:index:CrossCloudNetwork", { requirement: { bandwidthGbps: 2, survivesSingleFailure: false } }),
            resource("vpn-0", VPN, {}, "urn:net"), resource("vpn-1", VPN, {}, "urn:net"),
            ...[0, 1, 2, 3].map((i) => resource(`peer-${i}`, PEER, { router: "router-a" }, "urn:net")),
            resource("vif-a", VIF), resource("vif-b", VIF),
        ],
        topology: { endpoints: [], groups: [], links: [...tunnels, ...attachments], sessions: [], prefixes: { aws: [], gcp: [] } },
        parts,
    };
}

const update = (name: string, type: string, ...fields: string[]): ResourceChange => ({ urn: `urn:${name}`, type, name, op: ChangeOp.Update, fields: fields.map((field) => ({ field, certain: true })) });

describe("impactOf", () => {
    it("takes down the one AWS tunnel whose options change, and both for a connection option", () => {
        const s = estate();
        const { changes } = impactOf(s, s, [update("vpn-0", VPN, "tunnel2DpdTimeoutSeconds"), update("vpn-1", VPN, "localIpv4NetworkCidr")]);
        assert.deepEqual(changes.map((c) => [c.name, c.effect, c.down]), [
            ["vpn-0", Effect.Interrupts, ["tunnel-1"]],
            ["vpn-1", Effect.Interrupts, ["tunnel-2", "tunnel-3"]],
        ]);
        assert.equal(changes[1].outages[0].duration?.basis, "documented");
    });

    it("counts both tunnels of a connection when which is which is not known before deploy", () => {
        const s = estate({ tunnelsKnown: false });
        assert.deepEqual(impactOf(s, s, [update("vpn-0", VPN, "tunnel1PresharedKey")]).changes[0].down, ["tunnel-0", "tunnel-1"]);
    });

    it("an MTU change on one VIF takes down every VIF on its LAG, for up to 30 s", () => {
        const s = estate();
        const [c] = impactOf(s, s, [update("vif-a", VIF, "mtu")]).changes;
        assert.deepEqual([c.effect, c.down, c.outages[0].duration?.text], [Effect.Interrupts, ["attachment-a", "attachment-b"], "up to 30 s"]);
    });

    it("an input no rule names is unknown, and counted as down; never none", () => {
        const s = estate();
        const [c] = impactOf(s, s, [update("vif-a", VIF, "someNewField")]).changes;
        assert.deepEqual([c.effect, c.down], [Effect.Unknown, ["attachment-a"]]);
        assert.equal(ruleFor("aws:ec2/vpnGateway:VpnGateway", "amazonSideAsn").effect, Effect.Unknown);
    });

    it("a new BGP session may restart the router's others unless the router has its own identifier range", () => {
        const s = estate();
        const after: StackState = { ...s, resources: [...s.resources, resource("peer-new", PEER, { router: "router-a" })] };
        const create: ResourceChange = { urn: "urn:peer-new", type: PEER, name: "peer-new", op: ChangeOp.Create, fields: [] };
        const [unset] = impactOf(s, after, [create]).changes;
        assert.deepEqual([unset.effect, unset.down], [Effect.Unknown, ["tunnel-0", "tunnel-1", "tunnel-2", "tunnel-3"]]);
        const router = resource("router-a", ROUTER, { bgp: { asn: 65010, identifierRange: "169.254.0.248/30" } });
        const [set] = impactOf(s, after, [create], [router]).changes;
        assert.deepEqual([set.effect, set.down], [Effect.None, []]);
    });

    it("a replaced BGP session counts as one removed and one added; its router found through the value it took, in the stack", () => {
        const withRouter = (bgp: Record<string, unknown>): StackState => {
            const s = estate();
            const peer = { ...resource("peer-0", PEER, { router: "[unknown]" }, "urn:net"), propertyDependencies: { router: ["urn:router-a"] } };
            return { ...s, resources: [...s.resources.filter((r) => r.name !== "peer-0"), peer, resource("router-a", ROUTER, { bgp })] };
        };
        const replace: ResourceChange = { urn: "urn:peer-0", type: PEER, name: "peer-0", op: ChangeOp.Replace, fields: [{ field: "interface", certain: true }] };
        const unset = withRouter({ asn: 65010 });
        const [c] = impactOf(unset, unset, [replace]).changes;
        assert.deepEqual([c.effect, c.down], [Effect.Replaced, ["tunnel-0", "tunnel-1", "tunnel-2", "tunnel-3"]]);
        assert.deepEqual(c.outages.map((o) => o.effect), [Effect.Replaced, Effect.Unknown]);
        const set = withRouter({ asn: 65010, identifierRange: "169.254.0.248/30" });
        assert.deepEqual(impactOf(set, set, [replace]).changes[0].down, ["tunnel-0"]);
    });
});

describe("requirements and judging", () => {
    const s = estate();

    it("takes each CrossCloudNetwork's requirement over the links it declares, and the policy's over all", () => {
        const [network, policy] = requirementsOf(s, { minimumGbps: 10, survivesSingleFailure: true });
        assert.deepEqual([network.name, network.mbps, network.survivesSingleFailure, network.links], ["CrossCloudNetwork net", 2000, false, ["tunnel-0", "tunnel-1", "tunnel-2", "tunnel-3"]]);
        assert.deepEqual([policy.mbps, policy.survivesSingleFailure, policy.links], [10000, true, undefined]);
    });

    it("holds while enough stays up, and not when a further single failure would leave too little", () => {
        const links = s.topology.links;
        const n1 = { name: "r", mbps: 10000, survivesSingleFailure: true };
        // With every link up, losing us-east4 (the tunnels and attachment b) leaves 10 Gbps.
        assert.ok(judge(links, new Set(["tunnel-0"]), [n1])[0].holds, "us-east4 failing too still leaves attachment a");
        const [broken] = judge(links, new Set(["attachment-a"]), [n1]);
        assert.equal(broken.holds, false);
        assert.equal(broken.reason, "if region us-east4 also failed, 0 Gbps of the 10 Gbps r needs after any single failure would survive");
    });

    it("holds a stack already short of its requirement to what it carries now, and counts no ordered link", () => {
        const links = [link("t0", 1250, { tunnel: "t0" }), link("t1", 1250, { tunnel: "t1" }), link("p0", 10000, { port: "p0" }, { stage: LinkStage.Ordered })];
        const r = { name: "r", mbps: 20000, survivesSingleFailure: false };
        assert.deepEqual(judge(links, new Set(), [r]).map((v) => [v.holds, v.upMbps, v.neededMbps]), [[true, 2500, 2500]]);
        assert.match(judge(links, new Set(["t0"]), [r])[0].reason!, /below the 2.5 Gbps the links carry now/);
    });
});

describe("judging a dual-stack stack", () => {
    // A dual-stack HA VPN: IPv4's four tunnels on two connections, IPv6's on two more (AWS carries one family per connection).
    const tunnels = ["", "-v6"].flatMap((v) => [0, 1, 2, 3].map((i) => link(`tunnel${v}-${i}`, 1250, { awsVpnConnection: `vpn${v}-${i >> 1}`, tunnel: `tunnel${v}-${i}` }, v ? { families: [AddressFamily.Ipv6] } : {})));
    const r = { name: "CrossCloudNetwork dev", mbps: 2000, survivesSingleFailure: false };

    it("judges each family on its own links: IPv6 up does not carry IPv4's traffic", () => {
        const [v] = judge(tunnels, new Set(["tunnel-0", "tunnel-1", "tunnel-2", "tunnel-3"]), [r]);
        assert.equal(v.holds, false);
        assert.equal(v.reason, "IPv4: 0 Gbps of the 2 Gbps CrossCloudNetwork dev needs stay up");
        // One connection of each family down at a time leaves 2.5 Gbps of each.
        assert.deepEqual(judge(tunnels, new Set(["tunnel-0", "tunnel-1", "tunnel-v6-0", "tunnel-v6-1"]), [r]).map((x) => [x.holds, x.upMbps]), [[true, 2500]]);
    });

    it("holds the families the requirement names, and only those", () => {
        const ipv6Only = { ...r, families: [AddressFamily.Ipv6] };
        assert.equal(judge(tunnels, new Set(["tunnel-0", "tunnel-1", "tunnel-2", "tunnel-3"]), [ipv6Only])[0].holds, true);
        assert.match(judge(tunnels, new Set(["tunnel-v6-0", "tunnel-v6-1", "tunnel-v6-2", "tunnel-v6-3"]), [ipv6Only])[0].reason!, /^IPv6: /);
    });
});

describe("the rules", () => {
    it("every rule names a source, with an address", () => {
        for (const [type, { rules }] of Object.entries(CHANGE_RULES)) {
            for (const rule of rules) assert.match(rule.source.url, /^https:\/\//, `${type} ${rule.fields.join(",")}`);
        }
    });

    it("a replacement or an interruption says what goes down", () => {
        for (const [type, { rules }] of Object.entries(CHANGE_RULES)) {
            for (const rule of rules.filter((r) => r.effect === Effect.Interrupts || (r.effect === Effect.Replaced && type !== "random:index/randomPassword:RandomPassword"))) {
                assert.ok(rule.outage && rule.duration, `${type} ${rule.fields.join(",")}`);
            }
        }
    });

    it("matches exact fields, objects under them and prefixes, first rule first", () => {
        assert.equal(ruleFor(VPN, "tunnel1LogOptions.cloudwatchLogOptions.logEnabled").effect, Effect.Interrupts);
        assert.equal(ruleFor(VPN, "tunnel1InsideCidr").source.url, "https://github.com/hashicorp/terraform-provider-aws/pull/45781");
        assert.equal(ruleFor(ROUTER, "bgp.advertisedIpRanges").effect, Effect.None);
        assert.equal(ruleFor(ROUTER, "bgp.identifierRange").effect, Effect.Interrupts);
        assert.equal(ruleFor("gcp:compute/vPNTunnel:VPNTunnel", "labels").effect, Effect.None);
        assert.equal(ruleFor("gcp:compute/vPNTunnel:VPNTunnel", "sharedSecret").effect, Effect.Replaced);
    });
});
