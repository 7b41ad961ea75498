import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressSpace } from "../../../sdk/allocation/addressSpace";
import { TunnelBandwidth } from "../../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../../sdk/errors";
import { AWS_RESERVED, LINK_LOCAL } from "../../../sdk/linkLocal";
import {
    AWS_PSK_PATTERN, AWS_TUNNEL_OPTIONS, AwsAttachPoint, awsPresharedKey, GOOGLE_IKE, HaVpnInput, planHaVpn, PSK_LENGTH, PSK_SPECIALS,
} from "../../../sdk/plans/haVpn";
import { Prefix } from "../../../sdk/prefix";
import { BACKUP_LEARNED_PRIORITY, ROUTE_PRIORITY } from "../../../sdk/routes";
import { assessSla } from "../../../sdk/sla";
import { Cloud, EndpointKind, LinkKind, LinkRole, SlaTier } from "../../../sdk/topology";
import { typedError } from "../typedError";

/** A valid HA VPN onto a new Transit Gateway and Cloud Router; each case changes what it tests. */
function input(change: (i: HaVpnInput) => void = () => undefined): HaVpnInput {
    const i: HaVpnInput = {
        name: "backup-vpn",
        google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"],
    };
    change(i);
    return i;
}

const cidrs = (i: HaVpnInput) => planHaVpn(i).tunnels.map((t) => t.insideCidr);
const parse = (text: string) => Prefix.parse(text, "test");
const HAND_CIDRS = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"];

/** Names Google takes: RFC 1035, short enough for the longest child name. */
const nameArb = fc.tuple(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), fc.stringMatching(/^([-a-z0-9]{0,38}[a-z0-9])?$/)).map(([first, rest]) => first + rest);
/** Valid inputs across names, blocks (environment /19s or the whole /16), roles, sizes and reservations. */
const validInputArb = fc.record({
    name: nameArb,
    block: fc.option(fc.integer({ min: 0, max: 7 }).map((b) => `169.254.${b * 32}.0/19`), { nil: undefined }),
    role: fc.constantFrom(LinkRole.Primary, LinkRole.Backup),
    tunnelBandwidth: fc.constantFrom(TunnelBandwidth.Standard, TunnelBandwidth.Large),
    reserved: fc.array(fc.integer({ min: 0, max: 4095 }).map((n) => LINK_LOCAL.subnet(28, n).toString()), { maxLength: 6 }),
}).map(({ name, block, role, tunnelBandwidth, reserved }) => input((i) => {
    i.name = name;
    i.linkLocalBlock = block;
    i.role = role;
    i.tunnelBandwidth = tunnelBandwidth;
    i.reservedPrefixes = reserved;
}));

describe("planHaVpn", () => {
    it("lays the four tunnels out in Google's shape for AWS: HA interface 0 → AWS connection 0, interface 1 → connection 1", () => {
        const shape = planHaVpn(input()).tunnels.map((t) => [t.index, t.haInterface, t.awsConnection, t.awsTunnel]);
        assert.deepEqual(shape, [[0, 0, 0, 1], [1, 0, 0, 2], [2, 1, 1, 1], [3, 1, 1, 2]]);
    });

    it("allocates four distinct link-local /30s, AWS on .1 and Google on .2, away from AWS's reserved ranges", () => {
        const { tunnels } = planHaVpn(input());
        assert.equal(new Set(tunnels.map((t) => t.insideCidr)).size, 4);
        for (const t of tunnels) {
            const net = parse(t.insideCidr);
            assert.equal(net.bits, 30);
            assert.ok(LINK_LOCAL.contains(net));
            assert.ok(!AWS_RESERVED.some((r) => r.prefix.overlaps(net)), `${net} is reserved`);
            assert.deepEqual([t.awsAddress, t.gcpAddress], [net.host(1), net.host(2)]);
        }
    });

    it("takes hand-given inside CIDRs as they are, in tunnel order", () => {
        assert.deepEqual(cidrs(input((i) => { i.insideCidrs = HAND_CIDRS; })), HAND_CIDRS);
    });

    it("pins the allocation to a slot of the block", () => {
        assert.deepEqual(cidrs(input((i) => { i.linkLocalBlock = "169.254.64.0/19"; i.slot = 3; })),
            ["169.254.64.48/30", "169.254.64.52/30", "169.254.64.56/30", "169.254.64.60/30"]);
    });

    it("keeps clear of reserved prefixes: a second HA VPN on the router reserving the first's /30s gets other ones, never a collision", () => {
        fc.assert(fc.property(nameArb, nameArb, (first, second) => {
            fc.pre(first !== second);
            const taken = cidrs(input((i) => { i.name = first; }));
            const next = cidrs(input((i) => { i.name = second; i.reservedPrefixes = taken; }));
            return next.map(parse).every((n) => !taken.some((t) => parse(t).overlaps(n)));
        }), { numRuns: 300 });
    });

    it("keeps clear of another HA VPN planned in the same address space, with no reservation to write", () => {
        fc.assert(fc.property(nameArb, nameArb, (first, second) => {
            fc.pre(first !== second);
            const space = AddressSpace.empty();
            const taken = planHaVpn(input((i) => { i.name = first; }), space).tunnels.map((t) => parse(t.insideCidr));
            const next = planHaVpn(input((i) => { i.name = second; }), space).tunnels.map((t) => parse(t.insideCidr));
            return next.every((n) => !taken.some((t) => t.overlaps(n)));
        }), { numRuns: 300 });
    });

    it("gives any valid input four distinct, non-reserved /30s inside its block, the same every time", () => {
        fc.assert(fc.property(validInputArb, (i) => {
            const block = parse(i.linkLocalBlock ?? LINK_LOCAL.toString());
            const nets = cidrs(i).map(parse);
            const unusable = [...AWS_RESERVED.map((r) => r.prefix), ...(i.reservedPrefixes ?? []).map(parse)];
            assert.equal(new Set(nets.map(String)).size, 4);
            assert.ok(nets.every((n) => n.bits === 30 && block.contains(n) && !unusable.some((u) => u.overlaps(n))));
            assert.deepEqual(cidrs(structuredClone(i)), nets.map(String));
        }), { numRuns: 500 });
    });

    it("moves no address when an argument other than the name, block, slot or reservations changes", () => {
        fc.assert(fc.property(validInputArb, fc.constantFrom(LinkRole.Primary, LinkRole.Backup), fc.integer({ min: 1, max: 200 }), (i, role, octet) => {
            const changed = input((c) => {
                Object.assign(c, structuredClone(i));
                c.role = role;
                c.tunnelBandwidth = TunnelBandwidth.Standard;
                c.advertisedPrefixes = [`10.${octet}.0.0/16`];
                c.google = { network: "projects/other/global/networks/vpc", region: "europe-west3", routerAsn: 4200000001 };
                c.aws = { region: "eu-central-1", transitGatewayAsn: 64513, transitGatewayId: "tgw-0abc" };
            });
            assert.deepEqual(cidrs(changed), cidrs(i));
        }), { numRuns: 200 });
    });

    it("sets the route priority from the role: backups lose to primaries for the same prefixes", () => {
        assert.equal(planHaVpn(input()).routePriority, ROUTE_PRIORITY[LinkRole.Primary]);
        assert.equal(planHaVpn(input((i) => { i.role = LinkRole.Backup; })).routePriority, ROUTE_PRIORITY[LinkRole.Backup]);
        assert.ok(ROUTE_PRIORITY[LinkRole.Backup] > ROUTE_PRIORITY[LinkRole.Primary]);
    });

    it("gives the customer gateways the Cloud Router's ASN, 32-bit ones in AWS's extended field", () => {
        assert.deepEqual(planHaVpn(input()).customerGatewayAsn, { bgpAsn: "65010" });
        assert.deepEqual(planHaVpn(input((i) => { i.google.routerAsn = 4200000001; })).customerGatewayAsn, { bgpAsnExtended: "4200000001" });
    });

    it("attaches to a Transit Gateway unless given a virtual private gateway, where standard tunnels work", () => {
        assert.equal(planHaVpn(input()).attachPoint, AwsAttachPoint.TransitGateway);
        const vgw = planHaVpn(input((i) => { i.aws.vpnGatewayId = "vgw-0abc"; }));
        assert.deepEqual([vgw.attachPoint, vgw.tunnelBandwidth], [AwsAttachPoint.VpnGateway, TunnelBandwidth.Standard]);
        assert.equal(planHaVpn(input((i) => { i.tunnelBandwidth = TunnelBandwidth.Large; })).tunnelBandwidth, TunnelBandwidth.Large);
    });

    it("describes the link as the model's topology: one link per tunnel with its failure domains, and its BGP session", () => {
        const { topology } = planHaVpn(input((i) => { i.role = LinkRole.Backup; i.insideCidrs = HAND_CIDRS; }));
        assert.deepEqual(topology.groups, [{ id: "backup-vpn", kind: LinkKind.HaVpn, role: LinkRole.Backup, fourIpsRedundancy: true }]);
        assert.deepEqual(topology.endpoints, [
            { id: "backup-vpn-tgw", cloud: Cloud.Aws, kind: EndpointKind.TransitGateway, region: "us-east-1", asn: 64512 },
            { id: "backup-vpn-router", cloud: Cloud.Gcp, kind: EndpointKind.CloudRouter, region: "us-east4", asn: 65010 },
        ]);
        assert.deepEqual(topology.links[3], {
            id: "backup-vpn-tunnel-3", group: "backup-vpn", kind: LinkKind.HaVpn, role: LinkRole.Backup,
            aws: "backup-vpn-tgw", gcp: "backup-vpn-router", mbps: 1250,
            domains: {
                tunnel: "backup-vpn-tunnel-3", vpnInterface: "backup-vpn-gateway/1", awsVpnConnection: "backup-vpn-vpn-1",
                cloudRouter: "backup-vpn-router", region: "us-east4",
            },
        });
        assert.deepEqual(topology.sessions[3], {
            id: "backup-vpn-bgp-3", link: "backup-vpn-tunnel-3", gcpAsn: 65010, awsAsn: 64512,
            insideCidr: "169.254.10.12/30", gcpAddress: "169.254.10.14", awsAddress: "169.254.10.13",
            routePriority: ROUTE_PRIORITY[LinkRole.Backup], learnedPriority: BACKUP_LEARNED_PRIORITY, md5: false, bfd: false, enabled: true,
        });
        // A primary learns AWS's routes as AWS sends them: no import priority of its own.
        assert.ok(planHaVpn(input()).topology.sessions.every((s) => s.learnedPriority === undefined));
        assert.deepEqual(topology.prefixes, { aws: [], gcp: ["10.100.0.0/16"] });
    });

    it("names endpoints after existing gateways and routers given as plain ids, and counts Google's 3 Gbps for large tunnels", () => {
        const { topology } = planHaVpn(input((i) => {
            i.google.router = "shared-router";
            i.aws.transitGatewayId = "tgw-0abc";
            i.tunnelBandwidth = TunnelBandwidth.Large;
        }));
        assert.deepEqual(topology.endpoints.map((e) => e.id), ["tgw-0abc", "shared-router"]);
        assert.ok(topology.links.every((l) => l.aws === "tgw-0abc" && l.domains.cloudRouter === "shared-router" && l.mbps === 3000));
    });

    it("earns Google's 99.99% and AWS's 99.95% per VPN connection: the 99.9% tier end to end", () => {
        assert.deepEqual(assessSla(planHaVpn(input()).topology).groups.map((g) => [g.google.percent, g.aws.percent, g.tier]), [[99.99, 99.95, SlaTier.ThreeNines]]);
    });

    describe("refuses bad input before anything is declared, naming the argument", () => {
        const cases: [string, (i: HaVpnInput) => void, ErrorCode, string, unknown][] = [
            ["ASN collision", (i) => { i.aws.transitGatewayAsn = 65010; }, ErrorCode.AsnCollision, "aws.transitGatewayAsn", 65010],
            ["public router ASN", (i) => { i.google.routerAsn = 15169; }, ErrorCode.InvalidAsn, "google.routerAsn", 15169],
            ["AWS-reserved inside CIDR", (i) => { i.insideCidrs = [...HAND_CIDRS.slice(0, 3), "169.254.169.252/30"]; }, ErrorCode.ReservedRange, "insideCidrs[3]", "169.254.169.252/30"],
            ["overlapping inside CIDRs", (i) => { i.insideCidrs = [...HAND_CIDRS.slice(0, 2), HAND_CIDRS[0], HAND_CIDRS[3]]; }, ErrorCode.Overlap, "insideCidrs[2]", HAND_CIDRS[0]],
            ["inside CIDR in use on the router", (i) => { i.insideCidrs = HAND_CIDRS; i.reservedPrefixes = ["169.254.10.0/28"]; }, ErrorCode.Overlap, "insideCidrs[0]", HAND_CIDRS[0]],
            ["inside CIDR that is not a /30", (i) => { i.insideCidrs = ["169.254.10.0/29", ...HAND_CIDRS.slice(1)]; }, ErrorCode.InvalidPrefix, "insideCidrs[0]", "169.254.10.0/29"],
            ["inside CIDR outside link-local", (i) => { i.insideCidrs = [...HAND_CIDRS.slice(0, 3), "10.0.0.0/30"]; }, ErrorCode.NotLinkLocal, "insideCidrs[3]", "10.0.0.0/30"],
            ["three inside CIDRs", (i) => { i.insideCidrs = HAND_CIDRS.slice(0, 3); }, ErrorCode.InvalidArgument, "insideCidrs", HAND_CIDRS.slice(0, 3)],
            ["inside CIDRs and a slot", (i) => { i.insideCidrs = HAND_CIDRS; i.slot = 3; }, ErrorCode.Conflict, "slot", 3],
            ["large tunnels on a virtual private gateway", (i) => { i.aws.vpnGatewayId = "vgw-0abc"; i.tunnelBandwidth = TunnelBandwidth.Large; }, ErrorCode.BandwidthUnsupported, "tunnelBandwidth", "large"],
            ["large tunnels with acceleration", (i) => { i.aws.enableAcceleration = true; i.tunnelBandwidth = TunnelBandwidth.Large; }, ErrorCode.BandwidthUnsupported, "tunnelBandwidth", "large"],
            ["acceleration on a virtual private gateway", (i) => { i.aws.vpnGatewayId = "vgw-0abc"; i.aws.enableAcceleration = true; }, ErrorCode.Conflict, "aws.enableAcceleration", true],
            ["two AWS gateways", (i) => { i.aws.vpnGatewayId = "vgw-0abc"; i.aws.transitGatewayId = "tgw-0abc"; }, ErrorCode.Conflict, "aws.vpnGatewayId", "(set, with aws.transitGatewayId)"],
            ["a prefix that is not a CIDR", (i) => { i.advertisedPrefixes = ["10.100.0.0/16", "10.200.0.0"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[1]", "10.200.0.0"],
            ["a prefix with host bits", (i) => { i.advertisedPrefixes = ["10.100.0.1/16"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[0]", "10.100.0.1/16"],
            ["no prefixes", (i) => { i.advertisedPrefixes = []; }, ErrorCode.InvalidArgument, "advertisedPrefixes", []],
            ["an unknown tunnel size", (i) => { i.tunnelBandwidth = "huge" as TunnelBandwidth; }, ErrorCode.InvalidArgument, "tunnelBandwidth", "huge"],
            ["an unknown role", (i) => { i.role = "standby" as LinkRole; }, ErrorCode.InvalidArgument, "role", "standby"],
            ["a slot past the block", (i) => { i.linkLocalBlock = "169.254.64.0/19"; i.slot = 512; }, ErrorCode.InvalidArgument, "slot", 512],
            ["a slot on AWS-reserved addresses", (i) => { i.slot = 0; }, ErrorCode.ReservedRange, "slot", 0],
            ["a block outside link-local", (i) => { i.linkLocalBlock = "10.0.0.0/19"; }, ErrorCode.NotLinkLocal, "linkLocalBlock", "10.0.0.0/19"],
            ["a reserved prefix that is not a CIDR", (i) => { i.reservedPrefixes = ["169.254.10.0"]; }, ErrorCode.InvalidPrefix, "reservedPrefixes[0]", "169.254.10.0"],
            ["no AWS region", (i) => { i.aws.region = ""; }, ErrorCode.InvalidArgument, "aws.region", ""],
        ];
        for (const [what, change, code, field, value] of cases) {
            it(what, () => {
                const e = typedError(() => planHaVpn(input(change)));
                assert.deepEqual([e.code, e.field, e.value], [code, field, value], e.message);
                assert.ok(e.rule && e.fix, e.message);
            });
        }

        it("and whatever a field holds, fails with a CrossCloudError, never anything else", () => {
            const fields: ((i: HaVpnInput, v: unknown) => void)[] = [
                (i, v) => { i.google.routerAsn = v as number; },
                (i, v) => { i.aws.transitGatewayAsn = v as number; },
                (i, v) => { i.aws.enableAcceleration = v as boolean; },
                (i, v) => { i.advertisedPrefixes = v as string[]; },
                (i, v) => { i.role = v as LinkRole; },
                (i, v) => { i.tunnelBandwidth = v as TunnelBandwidth; },
                (i, v) => { i.linkLocalBlock = v as string; },
                (i, v) => { i.slot = v as number; },
                (i, v) => { i.insideCidrs = v as string[]; },
                (i, v) => { i.reservedPrefixes = v as string[]; },
                (i, v) => { (i as { google: unknown }).google = v; },
            ];
            fc.assert(fc.property(fc.constantFrom(...fields), fc.anything(), (set, value) => {
                try {
                    planHaVpn(input((i) => set(i, value)));
                } catch (e) {
                    assert.ok(e instanceof CrossCloudError, String(e));
                }
            }), { numRuns: 2000 });
        });
    });
});

describe("the pinned IKE proposal", () => {
    it("offers one IKEv2 transform per role on both clouds, the same algorithms spelled each cloud's way", () => {
        const { ikeVersions, phase1DhGroupNumbers, phase2DhGroupNumbers, ...rest } = AWS_TUNNEL_OPTIONS;
        const lists = Object.entries(rest).filter(([, v]) => Array.isArray(v));
        assert.deepEqual(ikeVersions, ["ikev2"]);
        assert.equal(GOOGLE_IKE.ikeVersion, 2);
        assert.ok(lists.length === 4 && lists.every(([, v]) => (v as unknown[]).length === 1));
        assert.deepEqual([phase1DhGroupNumbers, phase2DhGroupNumbers], [[20], [20]]);
        const { phase1, phase2 } = GOOGLE_IKE.cipherSuite;
        assert.deepEqual([phase1.dhs, phase2.pfs], [["Group-20"], ["Group-20"]]);
        assert.deepEqual([phase1.encryptions, phase2.encryptions, rest.phase1EncryptionAlgorithms, rest.phase2EncryptionAlgorithms], [["AES-CBC-256"], ["AES-CBC-256"], ["AES256"], ["AES256"]]);
        assert.deepEqual([phase1.integrities, phase2.integrities, phase1.prves, rest.phase1IntegrityAlgorithms, rest.phase2IntegrityAlgorithms], [["HMAC-SHA2-256-128"], ["HMAC-SHA2-256-128"], ["PRF-HMAC-SHA2-256"], ["SHA2-256"], ["SHA2-256"]]);
    });

    it("keeps AWS's lifetimes inside its limits and shorter than Cloud VPN's (10 h, 3 h), so AWS starts every rekey", () => {
        const o = AWS_TUNNEL_OPTIONS;
        assert.ok(o.phase1LifetimeSeconds >= 900 && o.phase1LifetimeSeconds <= 28800 && o.phase1LifetimeSeconds < 36000);
        assert.ok(o.phase2LifetimeSeconds >= 900 && o.phase2LifetimeSeconds <= 3600 && o.phase2LifetimeSeconds < 10800);
        assert.ok(o.rekeyMarginTimeSeconds >= 60 && o.rekeyMarginTimeSeconds <= o.phase2LifetimeSeconds / 2);
        assert.ok(o.dpdTimeoutSeconds >= 30);
        assert.deepEqual([o.dpdTimeoutAction, o.startupAction], ["restart", "start"]);
    });
});

describe("awsPresharedKey", () => {
    const generated = fc.string({ unit: fc.constantFrom(..."abcXYZ0189" + PSK_SPECIALS), minLength: PSK_LENGTH, maxLength: PSK_LENGTH });

    it("turns any key the generator makes into one AWS accepts, changing at most a leading 0", () => {
        fc.assert(fc.property(generated, (raw) => {
            const key = awsPresharedKey(raw);
            assert.match(key, AWS_PSK_PATTERN);
            assert.equal(key.slice(1), raw.slice(1));
            assert.equal(key[0], raw[0] === "0" ? "Z" : raw[0]);
        }), { numRuns: 1000 });
    });

    it("fails loudly on a key from a wrong generator", () => {
        assert.throws(() => awsPresharedKey("has-a-dash-which-aws-refuses"), /AWS's rule/);
        assert.throws(() => awsPresharedKey("short"), /AWS's rule/);
    });
});
