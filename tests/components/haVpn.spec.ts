import * as assert from "node:assert/strict";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import { HaVpn, HaVpnArgs } from "../../components/haVpn";
import { AddressFamily, StackType } from "../../sdk/addressFamily";
import { TunnelBandwidth } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { AWS_PSK_PATTERN, AWS_TUNNEL_OPTIONS, GOOGLE_IKE, planHaVpn } from "../../sdk/plans/haVpn";
import { Prefix } from "../../sdk/prefix";
import { MATCH_EVERY_ROUTE } from "../../sdk/preference";
import { BACKUP_LEARNED_PRIORITY, ROUTE_PRIORITY } from "../../sdk/routes";
import { LinkRole, Topology } from "../../sdk/topology";
import { CapturedResource, capture, CaptureOptions, Plan, UNKNOWN } from "../../offline";

const T = {
    component: "interconnect:index:HaVpn",
    psk: "random:index/randomPassword:RandomPassword",
    transitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    customerGateway: "aws:ec2/customerGateway:CustomerGateway",
    vpnConnection: "aws:ec2/vpnConnection:VpnConnection",
    router: "gcp:compute/router:Router",
    haGateway: "gcp:compute/haVpnGateway:HaVpnGateway",
    peerGateway: "gcp:compute/externalVpnGateway:ExternalVpnGateway",
    tunnel: "gcp:compute/vPNTunnel:VPNTunnel",
    routerInterface: "gcp:compute/routerInterface:RouterInterface",
    routerPeer: "gcp:compute/routerPeer:RouterPeer",
} as const;

const TUNNELS = [0, 1, 2, 3];

/** A new Transit Gateway and Cloud Router between us-east-1 and us-east4; each case changes what it tests. */
function args(change: (a: HaVpnArgs) => void = () => undefined): HaVpnArgs {
    const a: HaVpnArgs = {
        google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"],
    };
    change(a);
    return a;
}

function declare(a: HaVpnArgs = args(), options: CaptureOptions = {}): Promise<Plan> {
    return capture(() => { new HaVpn("vpn", a); }, options);
}

/** The AWS end of tunnel i: VPN connection ⌊i/2⌋, its tunnel 1 or 2. */
function awsEnd(plan: Plan, i: number, name = "vpn"): { connection: CapturedResource; field: (suffix: string) => unknown } {
    const connection = plan.named(`${name}-vpn-${Math.floor(i / 2)}`);
    const n = i % 2 + 1;
    return { connection, field: (suffix) => connection.outputs[`tunnel${n}${suffix}`] };
}

/** Every string value in a resource's inputs, with its path. */
function strings(value: unknown, at = ""): [string, string][] {
    if (typeof value === "string") return [[at, value]];
    if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
    if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
    return [];
}

const insideCidrs = (plan: Plan) => plan.ofType(T.vpnConnection).flatMap((c) => [c.inputs.tunnel1InsideCidr, c.inputs.tunnel2InsideCidr] as string[]);

describe("HaVpn", () => {
    let plan: Plan;
    before(async () => { plan = await declare(); });

    it("declares Google's 99.99% shape for AWS, every child parented to the component and named after it", () => {
        const counts = Object.fromEntries(Object.values(T).map((type) => [type, plan.ofType(type).length]));
        assert.deepEqual(counts, {
            [T.component]: 1, [T.psk]: 4, [T.transitGateway]: 1, [T.customerGateway]: 2, [T.vpnConnection]: 2,
            [T.router]: 1, [T.haGateway]: 1, [T.peerGateway]: 1, [T.tunnel]: 4, [T.routerInterface]: 4, [T.routerPeer]: 4,
        });
        const component = plan.named("vpn");
        const children = plan.resources.filter((r) => r !== component && r.type !== "pulumi:pulumi:Stack");
        assert.ok(children.every((r) => r.parent === component.urn && r.name.startsWith("vpn-")), "parent and name");
        assert.deepEqual(plan.named("vpn-peer-gateway").inputs.redundancyType, "FOUR_IPS_REDUNDANCY");
        for (const c of plan.ofType(T.vpnConnection)) {
            assert.deepEqual([c.inputs.type, c.inputs.staticRoutesOnly, c.inputs.transitGatewayId], ["ipsec.1", false, plan.named("vpn-tgw").outputs.id]);
        }
        assert.deepEqual(plan.named("vpn-tgw").inputs, { amazonSideAsn: 64512, vpnEcmpSupport: "enable", region: "us-east-1" });
        assert.deepEqual(plan.named("vpn-router").inputs.bgp, { asn: 65010 });
    });

    describe("wires each row of the cross-cloud table", () => {
        it("HaVpnGateway.vpnInterfaces[i].ipAddress → CustomerGateway i ipAddress, and customer gateway i carries VPN connection i", () => {
            const interfaces = plan.named("vpn-gateway").outputs.vpnInterfaces as { ipAddress: string }[];
            for (const i of [0, 1]) {
                assert.equal(plan.named(`vpn-cgw-${i}`).inputs.ipAddress, interfaces[i].ipAddress);
                assert.deepEqual(plan.named(`vpn-cgw-${i}`).propertyDependencies.ipAddress, [plan.named("vpn-gateway").urn]);
                assert.equal(plan.named(`vpn-vpn-${i}`).inputs.customerGatewayId, plan.named(`vpn-cgw-${i}`).outputs.id);
            }
            assert.notEqual(interfaces[0].ipAddress, interfaces[1].ipAddress);
        });

        it("ExternalVpnGateway.interfaces[0..3].ipAddress ← VPN connection 0 tunnels 1, 2 and connection 1 tunnels 1, 2", () => {
            const expected = TUNNELS.map((i) => ({ id: i, ipAddress: awsEnd(plan, i).field("Address") }));
            assert.deepEqual(plan.named("vpn-peer-gateway").inputs.interfaces, expected);
            assert.deepEqual(plan.named("vpn-peer-gateway").propertyDependencies.interfaces.sort(), [plan.named("vpn-vpn-0").urn, plan.named("vpn-vpn-1").urn].sort());
            assert.equal(new Set(expected.map((e) => e.ipAddress)).size, 4);
        });

        it("Router.bgp.asn → CustomerGateway.bgpAsn", () => {
            assert.ok(plan.ofType(T.customerGateway).every((c) => c.inputs.bgpAsn === "65010"));
        });

        it("tunnel i leaves HA interface ⌊i/2⌋ for peer interface i, on the router", () => {
            for (const i of TUNNELS) {
                const tunnel = plan.named(`vpn-tunnel-${i}`).inputs;
                assert.deepEqual(
                    [tunnel.vpnGateway, tunnel.vpnGatewayInterface, tunnel.peerExternalGateway, tunnel.peerExternalGatewayInterface, tunnel.router],
                    [plan.named("vpn-gateway").outputs.id, Math.floor(i / 2), plan.named("vpn-peer-gateway").outputs.id, i, plan.named("vpn-router").outputs.name],
                );
            }
        });

        it("VPNTunnel.sharedSecret = VpnConnection.tunnelNPresharedKey, a distinct key per tunnel", () => {
            const keys = TUNNELS.map((i) => plan.named(`vpn-tunnel-${i}`).inputs.sharedSecret);
            assert.deepEqual(TUNNELS.map((i) => awsEnd(plan, i).connection.inputs[`tunnel${i % 2 + 1}PresharedKey`]), keys);
            assert.equal(new Set(keys).size, 4);
            for (const i of TUNNELS) {
                const psk = [plan.named(`vpn-psk-${i}`).urn];
                assert.deepEqual(plan.named(`vpn-tunnel-${i}`).propertyDependencies.sharedSecret, psk);
                assert.deepEqual(awsEnd(plan, i).connection.propertyDependencies[`tunnel${i % 2 + 1}PresharedKey`], psk);
            }
        });

        it("RouterInterface.ipRange ← tunnelNCgwInsideAddress/30, on the tunnel", () => {
            for (const i of TUNNELS) {
                const routerInterface = plan.named(`vpn-interface-${i}`).inputs;
                assert.equal(routerInterface.ipRange, `${awsEnd(plan, i).field("CgwInsideAddress")}/30`);
                assert.deepEqual(plan.named(`vpn-interface-${i}`).propertyDependencies.ipRange, [awsEnd(plan, i).connection.urn]);
                assert.equal(routerInterface.vpnTunnel, plan.named(`vpn-tunnel-${i}`).outputs.name);
            }
        });

        it("RouterPeer.peerIpAddress / peerAsn ← tunnelNVgwInsideAddress / tunnelNBgpAsn, on the interface", () => {
            for (const i of TUNNELS) {
                const peer = plan.named(`vpn-bgp-${i}`).inputs;
                assert.deepEqual([peer.peerIpAddress, peer.peerAsn], [awsEnd(plan, i).field("VgwInsideAddress"), Number(awsEnd(plan, i).field("BgpAsn"))]);
                assert.equal(peer.interface, plan.named(`vpn-interface-${i}`).outputs.name);
                const { propertyDependencies: from } = plan.named(`vpn-bgp-${i}`);
                assert.deepEqual([from.peerIpAddress, from.peerAsn], [[awsEnd(plan, i).connection.urn], [awsEnd(plan, i).connection.urn]]);
                assert.equal(peer.peerAsn, 64512);
            }
        });

        it("gives AWS the planned inside /30s: AWS's address is .1, Google's .2", () => {
            const planned = planHaVpn({ name: "vpn", ...args() }).tunnels;
            assert.deepEqual(insideCidrs(plan), planned.map((t) => t.insideCidr));
            assert.deepEqual(TUNNELS.map((i) => [awsEnd(plan, i).field("VgwInsideAddress"), awsEnd(plan, i).field("CgwInsideAddress")]),
                planned.map((t) => [t.awsAddress, t.gcpAddress]));
        });
    });

    it("keeps every key secret wherever it appears, and out of every output", () => {
        const keys = new Set(TUNNELS.map((i) => plan.named(`vpn-tunnel-${i}`).inputs.sharedSecret as string));
        assert.ok([...keys].every((k) => AWS_PSK_PATTERN.test(k)));
        assert.ok(plan.ofType(T.psk).every((p) => p.additionalSecretOutputs.includes("result")), "secret from birth");
        const uses = plan.resources.filter((r) => r.type !== T.psk).flatMap((r) => strings(r.inputs).filter(([, v]) => keys.has(v)).map(([at]) => [r, at] as const));
        assert.equal(uses.length, 8, "each key goes to its two ends only");
        for (const [r, at] of uses) assert.ok(r.secretPaths.includes(at), `${r.name}.${at} is not secret`);
        const outputs = [plan.named("vpn").outputs, plan.outputs];
        assert.ok(outputs.every((o) => strings(o).every(([, v]) => !keys.has(v))), "a key leaked into an output");
    });

    it("pins one IKEv2 proposal, with the rekey and DPD settings, on all four tunnels at both ends", () => {
        for (const i of TUNNELS) {
            const google = plan.named(`vpn-tunnel-${i}`).inputs;
            assert.deepEqual([google.ikeVersion, google.cipherSuite], [GOOGLE_IKE.ikeVersion, GOOGLE_IKE.cipherSuite]);
            for (const [option, value] of Object.entries(AWS_TUNNEL_OPTIONS)) {
                const field = option[0].toUpperCase() + option.slice(1);
                assert.deepEqual(awsEnd(plan, i).connection.inputs[`tunnel${i % 2 + 1}${field}`], value, `tunnel ${i} ${field}`);
            }
        }
    });

    it("advertises the prefixes at the role's priority on every BGP peer", async () => {
        const backup = await declare(args((a) => { a.role = LinkRole.Backup; a.advertisedPrefixes = ["10.101.0.0/16", "10.100.0.0/16"]; }));
        for (const [p, priority] of [[plan, ROUTE_PRIORITY[LinkRole.Primary]], [backup, ROUTE_PRIORITY[LinkRole.Backup]]] as const) {
            for (const peer of p.ofType(T.routerPeer)) {
                assert.deepEqual([peer.inputs.advertisedRoutePriority, peer.inputs.advertiseMode], [priority, "CUSTOM"]);
            }
        }
        assert.deepEqual(backup.named("vpn-bgp-2").inputs.advertisedIpRanges, [{ range: "10.100.0.0/16" }, { range: "10.101.0.0/16" }]);
    });

    it("makes a backup lose Google→AWS too: its peers import AWS's routes through one route policy that sets their priority above any primary's", async () => {
        const backup = await declare(args((a) => { a.role = LinkRole.Backup; }));
        const [policy] = backup.ofType("gcp:compute/routerRoutePolicy:RouterRoutePolicy");
        assert.equal(backup.ofType("gcp:compute/routerRoutePolicy:RouterRoutePolicy").length, 1);
        assert.deepEqual([policy.name, policy.inputs.type, policy.inputs.router], ["vpn-import", "ROUTE_POLICY_TYPE_IMPORT", backup.named("vpn-router").outputs.name]);
        assert.deepEqual(policy.inputs.terms, [{ priority: 0, match: { expression: MATCH_EVERY_ROUTE }, actions: [{ expression: `med.set(${BACKUP_LEARNED_PRIORITY})` }] }]);
        for (const peer of backup.ofType(T.routerPeer)) assert.deepEqual(peer.inputs.importPolicies, [policy.outputs.name], peer.name);
        // A primary learns AWS's routes as AWS sends them.
        assert.deepEqual(plan.ofType("gcp:compute/routerRoutePolicy:RouterRoutePolicy"), []);
        assert.ok(plan.ofType(T.routerPeer).every((p) => p.inputs.importPolicies === undefined));
    });

    it("attaches to a given Transit Gateway and Cloud Router instead of creating them", async () => {
        const given = await declare(args((a) => { a.aws.transitGatewayId = "tgw-0shared"; a.google.router = "shared-router"; }));
        assert.deepEqual([given.ofType(T.transitGateway).length, given.ofType(T.router).length], [0, 0]);
        assert.ok(given.ofType(T.vpnConnection).every((c) => c.inputs.transitGatewayId === "tgw-0shared"));
        const onRouter = [...given.ofType(T.tunnel), ...given.ofType(T.routerInterface), ...given.ofType(T.routerPeer)];
        assert.ok(onRouter.length === 12 && onRouter.every((r) => r.inputs.router === "shared-router"));
    });

    it("sizes the tunnels: standard by default, large on a Transit Gateway, unset on a virtual private gateway", async () => {
        const large = await declare(args((a) => { a.tunnelBandwidth = TunnelBandwidth.Large; }));
        const vgw = await declare(args((a) => { a.aws.vpnGatewayId = "vgw-0abc"; }));
        const sizes = (p: Plan) => p.ofType(T.vpnConnection).map((c) => c.inputs.tunnelBandwidth);
        assert.deepEqual([sizes(plan), sizes(large), sizes(vgw)], [["standard", "standard"], ["large", "large"], [undefined, undefined]]);
        assert.ok(vgw.ofType(T.vpnConnection).every((c) => c.inputs.vpnGatewayId === "vgw-0abc" && c.inputs.transitGatewayId === undefined));
        assert.equal(vgw.ofType(T.transitGateway).length, 0);
    });

    it("outputs the topology, the tunnels without their keys, and both sides' gateway addresses", () => {
        const outputs = plan.named("vpn").outputs;
        const interfaces = (plan.named("vpn-gateway").outputs.vpnInterfaces as { ipAddress: string }[]).map((i) => i.ipAddress);
        const awsAddresses = TUNNELS.map((i) => awsEnd(plan, i).field("Address"));
        const planned = planHaVpn({ name: "vpn", ...args() });
        assert.deepEqual(outputs.topology, JSON.parse(JSON.stringify(planned.topology)));
        assert.deepEqual(outputs.googleGatewayAddresses, interfaces);
        assert.deepEqual(outputs.awsTunnelAddresses, awsAddresses);
        assert.deepEqual(outputs.tunnels, planned.tunnels.map((t) => ({
            name: `vpn-tunnel-${t.index}`,
            addressFamily: "ipv4",
            haVpnInterface: t.haInterface,
            awsVpnConnectionId: `vpn-vpn-${t.awsConnection}-id`,
            awsTunnel: t.awsTunnel,
            insideCidr: t.insideCidr,
            googleInsideAddress: t.gcpAddress,
            awsInsideAddress: t.awsAddress,
            googleOutsideAddress: interfaces[t.haInterface],
            awsOutsideAddress: awsAddresses[t.index],
        })));
    });

    it("knows every address in a preview, before AWS reports them", async () => {
        const preview = await declare(args(), { preview: true });
        assert.deepEqual(insideCidrs(preview), insideCidrs(plan));
        assert.equal(preview.named("vpn-interface-0").inputs.ipRange, UNKNOWN, "wired from AWS's report once it exists");
    });

    it("follows the component's providers", async () => {
        const withProviders = await capture(() => {
            const aws = new AwsProvider("aws-east", { region: "us-east-1" });
            const gcp = new GcpProvider("gcp-transit", { project: "acme-transit" });
            new HaVpn("vpn", args(), { providers: [aws, gcp] });
        });
        const provider = (r: CapturedResource) => r.provider?.split("::").at(-2);
        const aws = [T.transitGateway, T.customerGateway, T.vpnConnection].flatMap((t) => withProviders.ofType(t));
        const google = [T.router, T.haGateway, T.peerGateway, T.tunnel, T.routerInterface, T.routerPeer].flatMap((t) => withProviders.ofType(t));
        assert.deepEqual([...new Set(aws.map(provider))], ["aws-east"]);
        assert.deepEqual([...new Set(google.map(provider))], ["gcp-transit"]);
    });

    describe("dual stack", () => {
        let dual: Plan;
        const dualArgs = () => args((a) => { a.stackType = StackType.DualStack; a.advertisedPrefixes = ["10.100.0.0/16", "fd20:a:1::/48"]; });
        before(async () => { dual = await declare(dualArgs()); });
        /** The AWS end of IPv6 tunnel i: IPv6 VPN connection ⌊i/2⌋, its tunnel 1 or 2. */
        const awsEnd6 = (i: number) => {
            const connection = dual.named(`vpn-vpn-v6-${Math.floor(i / 2)}`);
            return { connection, n: i % 2 + 1, field: (suffix: string) => connection.outputs[`tunnel${i % 2 + 1}${suffix}`] };
        };

        it("adds IPv6's own 99.99% shape beside IPv4's: a gateway, two IPv6 VPN connections, four tunnels with IPv6 BGP, on the same router and Transit Gateway", () => {
            const counts = Object.fromEntries(Object.values(T).map((type) => [type, dual.ofType(type).length]));
            assert.deepEqual(counts, {
                [T.component]: 1, [T.psk]: 8, [T.transitGateway]: 1, [T.customerGateway]: 4, [T.vpnConnection]: 4,
                [T.router]: 1, [T.haGateway]: 2, [T.peerGateway]: 2, [T.tunnel]: 8, [T.routerInterface]: 8, [T.routerPeer]: 8,
            });
            assert.equal(dual.named("vpn-gateway-v6").inputs.stackType, "IPV4_IPV6");
            assert.equal(dual.named("vpn-gateway").inputs.stackType, undefined);
            for (const c of [0, 1]) {
                const connection = dual.named(`vpn-vpn-v6-${c}`).inputs;
                assert.deepEqual([connection.tunnelInsideIpVersion, connection.transitGatewayId, connection.tunnel1InsideCidr], ["ipv6", dual.named("vpn-tgw").outputs.id, undefined]);
                assert.equal(dual.named(`vpn-cgw-v6-${c}`).inputs.ipAddress, (dual.named("vpn-gateway-v6").outputs.vpnInterfaces as { ipAddress: string }[])[c].ipAddress);
                assert.equal(connection.customerGatewayId, dual.named(`vpn-cgw-v6-${c}`).outputs.id);
                assert.equal(dual.named(`vpn-vpn-${c}`).inputs.tunnelInsideIpVersion, undefined);
            }
            assert.deepEqual(dual.named("vpn-peer-gateway-v6").inputs.interfaces, TUNNELS.map((i) => ({ id: i, ipAddress: awsEnd6(i).field("Address") })));
            for (const i of TUNNELS) {
                const tunnel = dual.named(`vpn-tunnel-v6-${i}`).inputs;
                assert.deepEqual([tunnel.vpnGateway, tunnel.vpnGatewayInterface, tunnel.peerExternalGatewayInterface, tunnel.router],
                    [dual.named("vpn-gateway-v6").outputs.id, Math.floor(i / 2), i, dual.named("vpn-router").outputs.name]);
            }
        });

        it("gives AWS the planned /126s in fdff:1::/64, and wires Google's ends from the /126 AWS reports (the provider reports no IPv6 inside address)", () => {
            const planned = planHaVpn({ name: "vpn", ...dualArgs() }).tunnelsIpv6;
            assert.deepEqual(TUNNELS.map((i) => awsEnd6(i).connection.inputs[`tunnel${awsEnd6(i).n}InsideIpv6Cidr`]), planned.map((t) => t.insideCidr));
            for (const i of TUNNELS) {
                const cidr = Prefix.parse(awsEnd6(i).field("InsideIpv6Cidr"), "cidr", AddressFamily.Ipv6);
                assert.ok(Prefix.parse("fdff:1::/64", "range").contains(cidr) && cidr.bits === 126, `${cidr}`);
                assert.equal(awsEnd6(i).field("CgwInsideAddress"), "", "as the provider reports it");
                const routerInterface = dual.named(`vpn-interface-v6-${i}`);
                assert.deepEqual([routerInterface.inputs.ipRange, routerInterface.inputs.ipVersion], [`${cidr.host(2)}/126`, "IPV6"]);
                assert.deepEqual(routerInterface.propertyDependencies.ipRange, [awsEnd6(i).connection.urn]);
                const peer = dual.named(`vpn-bgp-v6-${i}`);
                assert.deepEqual([peer.inputs.peerIpAddress, peer.inputs.enableIpv6, peer.inputs.enableIpv4], [cidr.host(1), true, false]);
                assert.equal(peer.inputs.interface, routerInterface.outputs.name);
                assert.equal(dual.named(`vpn-tunnel-v6-${i}`).inputs.sharedSecret, awsEnd6(i).connection.inputs[`tunnel${awsEnd6(i).n}PresharedKey`]);
            }
            assert.equal(new Set(TUNNELS.map((i) => dual.named(`vpn-tunnel-v6-${i}`).inputs.sharedSecret)).size, 4);
        });

        it("advertises each family's prefixes over its own sessions only", () => {
            for (const i of TUNNELS) {
                assert.deepEqual(dual.named(`vpn-bgp-${i}`).inputs.advertisedIpRanges, [{ range: "10.100.0.0/16" }]);
                assert.deepEqual(dual.named(`vpn-bgp-v6-${i}`).inputs.advertisedIpRanges, [{ range: "fd20:a:1::/48" }]);
            }
        });

        it("leaves the IPv4 half exactly as an IPv4-only HA VPN declares it: turning dual stack on adds and replaces nothing", () => {
            // The links' resources; alarm texts name what survives a failure, which the IPv6 tunnels change.
            const link = new Set<string>(Object.values(T).filter((t) => t !== T.component));
            for (const r of plan.resources.filter((x) => link.has(x.type))) {
                const twin = dual.named(r.name);
                const inputs = (x: CapturedResource) => JSON.stringify({ ...x.inputs, advertisedIpRanges: undefined });
                assert.equal(inputs(twin), inputs(r), r.name);
            }
        });

        it("exports eight links and sessions, each of one family, and the IPv6 tunnels in its outputs", () => {
            const topology = dual.named("vpn").outputs.topology as Topology;
            assert.equal(topology.links.length, 8);
            assert.deepEqual(topology.links.map((l) => l.families), [...TUNNELS.map(() => ["ipv4"]), ...TUNNELS.map(() => ["ipv6"])]);
            assert.deepEqual(topology.sessions.map((s) => s.family), [...TUNNELS.map(() => "ipv4"), ...TUNNELS.map(() => "ipv6")]);
            const tunnels = dual.named("vpn").outputs.tunnels as { addressFamily: string; insideCidr: string }[];
            assert.deepEqual(tunnels.map((t) => t.addressFamily), [...TUNNELS.map(() => "ipv4"), ...TUNNELS.map(() => "ipv6")]);
        });
    });

    describe("stability", () => {
        it("gives a second HA VPN on the same router /30s that overlap none of the first's", async () => {
            const both = await capture(() => {
                new HaVpn("vpn", args((a) => { a.google.router = "shared-router"; }));
                new HaVpn("vpn-2", args((a) => { a.google.router = "shared-router"; }));
            });
            const nets = insideCidrs(both).map((c) => Prefix.parse(c, "test"));
            assert.equal(nets.length, 8);
            nets.forEach((a, i) => nets.slice(i + 1).forEach((b) => assert.ok(!a.overlaps(b), `${a} overlaps ${b}`)));
        });

        it("moves no address when an unrelated argument changes", async () => {
            const changed = await declare(args((a) => {
                a.role = LinkRole.Backup;
                a.tunnelBandwidth = TunnelBandwidth.Large;
                a.advertisedPrefixes = ["10.100.0.0/16", "10.101.0.0/16"];
                a.google.router = "shared-router";
            }));
            assert.deepEqual(insideCidrs(changed), insideCidrs(plan));
        });
    });

    describe("refuses bad input before declaring anything", () => {
        const cases: [string, (a: HaVpnArgs) => void, ErrorCode, string][] = [
            ["an ASN collision", (a) => { a.aws.transitGatewayAsn = 65010; }, ErrorCode.AsnCollision, "aws.transitGatewayAsn"],
            ["an AWS-reserved inside CIDR", (a) => { a.insideCidrs = ["169.254.5.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]; }, ErrorCode.ReservedRange, "insideCidrs[0]"],
            ["overlapping inside CIDRs", (a) => { a.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.4/30"]; }, ErrorCode.Overlap, "insideCidrs[3]"],
            ["large tunnels on a virtual private gateway", (a) => { a.aws.vpnGatewayId = "vgw-0abc"; a.tunnelBandwidth = TunnelBandwidth.Large; }, ErrorCode.BandwidthUnsupported, "tunnelBandwidth"],
            ["a prefix list that is not CIDRs", (a) => { a.advertisedPrefixes = ["10.100.0.0/16", "everything"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[1]"],
        ];
        for (const [what, change, code, field] of cases) {
            it(what, async () => {
                let error: unknown;
                const attempt = await capture(() => {
                    try {
                        new HaVpn("vpn", args(change));
                    } catch (e) {
                        error = e;
                    }
                });
                assert.ok(error instanceof CrossCloudError, String(error));
                assert.deepEqual([error.code, error.field], [code, field], error.message);
                assert.deepEqual(attempt.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
            });
        }
    });

    it("runs the usage example against the shared layer's outputs: qa's block, recorded in qa's ledger", async () => {
        const run = (own: Record<string, unknown> = {}) => capture(async () => (await import("../../examples/haVpn")).default(), {
            stack: "qa",
            stackOutputs: {
                "organization/crosscloud/shared": {
                    network: "projects/acme-transit/global/networks/shared-transit",
                    transitGatewayId: "tgw-0shared",
                    routers: { "us-east4": { name: "shared-router-us-east4", asn: 65010 } },
                    environments: { prod: { linkLocalBlock: "169.254.96.0/19" }, qa: { linkLocalBlock: "169.254.128.0/19" } },
                },
                ...own,
            },
        });
        const example = await run();
        const tunnels = example.outputs.tunnels as { insideCidr: string }[];
        const block = Prefix.parse("169.254.128.0/19", "test");
        assert.equal(tunnels.length, 4);
        assert.ok(tunnels.every((t) => block.contains(Prefix.parse(t.insideCidr, "test"))));
        assert.ok(example.ofType(T.routerPeer).every((p) => p.inputs.router === "shared-router-us-east4" && p.inputs.advertisedRoutePriority === ROUTE_PRIORITY[LinkRole.Primary]));
        assert.ok(example.ofType(T.vpnConnection).every((c) => c.inputs.transitGatewayId === "tgw-0shared"));
        assert.deepEqual(example.outputs.awsTunnelAddresses, TUNNELS.map((i) => awsEnd(example, i, "qa-vpn").field("Address")));
        const ledger = example.outputs.addressLedger as { links: Record<string, { nets: string[] }> };
        assert.deepEqual(ledger.links["qa-vpn"].nets, tunnels.map((t) => t.insideCidr));
        // The next update reads it back and plans the same tunnels.
        const again = await run({ "organization/crosscloud/qa": { addressLedger: ledger } });
        assert.deepEqual(again.outputs.tunnels, example.outputs.tunnels);
    });
});
