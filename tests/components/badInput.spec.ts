import * as assert from "node:assert/strict";
import { CrossCloudNetwork, LinkKind, SlaTier } from "../../components/crossCloudNetwork";
import { DedicatedInterconnect, SlaTarget } from "../../components/dedicatedInterconnect";
import { HaVpn } from "../../components/haVpn";
import { ManagedInterconnect } from "../../components/managedInterconnect";
import { PortSpeed } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode, SHOWN_VALUE_LIMIT } from "../../sdk/errors";
import { capture } from "../../offline";

/**
 * The bad inputs issue 15 found answered by something other than a complete CrossCloudError (or
 * accepted when they should not be), each now refused through its public constructor before any
 * resource is declared, naming the argument.
 */

type Args = Record<string, unknown> & { google: Record<string, unknown>; aws: Record<string, unknown> };
const NETWORK = "projects/acme/global/networks/transit";

const vpn = (): Args => ({
    google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
    aws: { region: "us-east-1", transitGatewayAsn: 64512 },
    advertisedPrefixes: ["10.100.0.0/16"],
});
const managed = (): Args => ({
    bandwidth: "10Gbps",
    aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
    google: { region: "us-east4", network: NETWORK },
    advertisedPrefixes: ["10.20.0.0/14"],
});
const dedicated = (): Args => ({
    sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10,
    ports: { "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2" }, "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1" } },
    attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" } },
    google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
    aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
    advertisedPrefixes: ["10.20.0.0/16"],
});
const network = (): Args => ({
    requirement: { bandwidthGbps: 2, sla: SlaTier.FourNines, survivesSingleFailure: false },
    google: { network: NETWORK, region: "us-east4", router: "shared-router-us-east4", routerAsn: 65010 },
    aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512 },
    prefixes: { aws: ["10.1.0.0/16"], google: ["10.101.0.0/16"] },
    primary: { kind: LinkKind.HaVpn },
});

const COMPONENTS = { HaVpn, ManagedInterconnect, DedicatedInterconnect, CrossCloudNetwork } as const;
type Component = keyof typeof COMPONENTS;
const BASE: Record<Component, () => Args> = { HaVpn: vpn, ManagedInterconnect: managed, DedicatedInterconnect: dedicated, CrossCloudNetwork: network };

function circular(): Record<string, unknown> {
    const value: Record<string, unknown> = { keyName: "key1" };
    value.self = value;
    return value;
}

const cases: [string, Component, unknown, (a: Args) => void, ErrorCode, string][] = [
    // [what, component, name, change, code, field]
    ["google.network omitted (K1)", "HaVpn", "vpn", (a) => { delete a.google.network; }, ErrorCode.InvalidArgument, "google.network"],
    ["google.network null (K1)", "DedicatedInterconnect", "cci", (a) => { a.google.network = null; }, ErrorCode.InvalidArgument, "google.network"],
    ["google.network omitted on a network (K1)", "CrossCloudNetwork", "dev", (a) => { delete a.google.network; }, ErrorCode.InvalidArgument, "google.network"],
    ["an empty name with insideCidrs (K2)", "HaVpn", "", (a) => { a.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]; }, ErrorCode.InvalidArgument, "name"],
    ["an empty name (K2)", "ManagedInterconnect", "", () => undefined, ErrorCode.InvalidArgument, "name"],
    ["a false name (K2)", "ManagedInterconnect", false, () => undefined, ErrorCode.InvalidArgument, "name"],
    ["a Symbol name (K3)", "DedicatedInterconnect", Symbol("cci"), () => undefined, ErrorCode.InvalidArgument, "name"],
    ["an object name (K3)", "CrossCloudNetwork", { toString: () => "dev" }, () => undefined, ErrorCode.InvalidArgument, "name"],
    ["a Map name, which made [object Map]-primary-…", "HaVpn", new Map(), () => undefined, ErrorCode.InvalidArgument, "name"],
    ["a number name, once reported with field \"\"", "HaVpn", 42, () => undefined, ErrorCode.InvalidArgument, "name"],
    ["a name Google rejects", "HaVpn", "Prod Link!", () => undefined, ErrorCode.InvalidArgument, "name"],
    ["a circular macsec (K4)", "DedicatedInterconnect", "cci", (a) => { a.macsec = circular(); }, ErrorCode.InvalidArgument, "macsec.self"],
    ["a circular pass-through id (K5)", "HaVpn", "vpn", (a) => { a.aws.transitGatewayId = circular(); }, ErrorCode.InvalidArgument, "aws.transitGatewayId.self"],
    ["a Symbol network (K6)", "DedicatedInterconnect", "cci", (a) => { a.google.network = Symbol("vpc"); }, ErrorCode.InvalidArgument, "google.network"],
    // Any macsec at all is refused now: Google offers none on Cross-Cloud Interconnect.
    ["macsec: \"false\", which turned MACsec on", "DedicatedInterconnect", "cci", (a) => { a.macsec = "false"; }, ErrorCode.Conflict, "macsec"],
    ["a region Google has not", "HaVpn", "vpn", (a) => { a.google.region = "Moon Base 1"; }, ErrorCode.InvalidArgument, "google.region"],
    ["environmentId: null on an AWS-initiated link", "ManagedInterconnect", "link", (a) => { a.initiatedBy = "aws"; a.aws.environmentId = null; }, ErrorCode.InvalidArgument, "aws.environmentId"],
    ["NaN as the Transport's project", "ManagedInterconnect", "link", (a) => { a.google.project = NaN; }, ErrorCode.InvalidArgument, "google.project"],
    ["Infinity as the Direct Connect gateway", "ManagedInterconnect", "link", (a) => { a.aws.directConnectGatewayId = Infinity; }, ErrorCode.InvalidArgument, "aws.directConnectGatewayId"],
    ["100,000 advertised prefixes on an HA VPN", "HaVpn", "vpn", (a) => { a.advertisedPrefixes = Array.from({ length: 100_000 }, (_, i) => `10.${i >> 8 & 255}.${i & 255}.0/24`); }, ErrorCode.TooManyPrefixes, "advertisedPrefixes"],
    ["50,000 managed routes, counted before any overlap work", "ManagedInterconnect", "link", (a) => { a.advertisedPrefixes = Array.from({ length: 50_000 }, () => "10.0.0.0/16"); }, ErrorCode.TooManyPrefixes, "advertisedPrefixes"],
    ["101 prefixes over a transit VIF's BGP session", "DedicatedInterconnect", "cci", (a) => { a.advertisedPrefixes = Array.from({ length: 101 }, (_, i) => `10.${i}.0.0/16`); }, ErrorCode.TooManyPrefixes, "advertisedPrefixes"],
    ["a megabyte of region", "HaVpn", "vpn", (a) => { a.aws.region = "x".repeat(1_000_000); }, ErrorCode.InvalidArgument, "aws.region"],
    ["arguments that are not an object", "ManagedInterconnect", "link", () => undefined, ErrorCode.InvalidArgument, "args"],
    // Issue 17 (dual stack): a prefix of the family a field does not take, a family the link cannot carry, an IPv6 block too small or outside Cloud Router's range.
    ["an IPv6 advertised prefix on an IPv4-only HA VPN", "HaVpn", "vpn", (a) => { a.advertisedPrefixes = ["10.100.0.0/16", "fd20:a:1::/48"]; }, ErrorCode.InvalidPrefix, "advertisedPrefixes[1]"],
    ["IPv6 tunnel ranges where IPv4 /30s go", "HaVpn", "vpn", (a) => { a.insideCidrs = ["fdff:1::/126", "fdff:1::4/126", "fdff:1::8/126", "fdff:1::c/126"]; }, ErrorCode.InvalidPrefix, "insideCidrs[0]"],
    ["IPv4 /30s where IPv6 tunnel ranges go", "HaVpn", "vpn", (a) => { a.stackType = "IPV4_IPV6"; a.insideCidrsIpv6 = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]; }, ErrorCode.InvalidPrefix, "insideCidrsIpv6[0]"],
    ["an IPv6 allowed prefix on an IPv4-only dedicated interconnect", "DedicatedInterconnect", "cci", (a) => { a.aws.allowedPrefixes = ["2600:1f18:4000::/56"]; }, ErrorCode.InvalidPrefix, "aws.allowedPrefixes[0]"],
    ["an IPv4 prefix as the network's IPv6 block", "CrossCloudNetwork", "dev", (a) => { a.stackType = "IPV4_IPV6"; a.linkLocalBlockIpv6 = "169.254.32.0/19"; }, ErrorCode.InvalidPrefix, "linkLocalBlockIpv6"],
    ["dual stack on a virtual private gateway, which carries no IPv6 inside VPN tunnels", "HaVpn", "vpn", (a) => { a.stackType = "IPV4_IPV6"; a.aws.vpnGatewayId = "vgw-0a1b2c3d"; }, ErrorCode.Conflict, "stackType"],
    ["a stack type no link kind offers", "ManagedInterconnect", "link", (a) => { a.stackType = "IPV6_ONLY"; }, ErrorCode.InvalidArgument, "stackType"],
    ["a requirement for IPv6 on an IPv4-only network", "CrossCloudNetwork", "dev", (a) => { (a.requirement as Record<string, unknown>).families = ["ipv6"]; }, ErrorCode.Conflict, "requirement.families[0]"],
    ["IPv6 tunnel ranges on an IPv4-only HA VPN", "HaVpn", "vpn", (a) => { a.insideCidrsIpv6 = ["fdff:1::/126", "fdff:1::4/126", "fdff:1::8/126", "fdff:1::c/126"]; }, ErrorCode.Conflict, "insideCidrsIpv6"],
    ["an IPv6 block smaller than one HA VPN's four /126s", "CrossCloudNetwork", "dev", (a) => { a.stackType = "IPV4_IPV6"; a.linkLocalBlockIpv6 = "fdff:1::/125"; }, ErrorCode.InvalidArgument, "linkLocalBlockIpv6"],
    ["an IPv6 block too small on an HA VPN", "HaVpn", "vpn", (a) => { a.stackType = "IPV4_IPV6"; a.linkLocalBlockIpv6 = "fdff:1::10/126"; }, ErrorCode.InvalidArgument, "linkLocalBlockIpv6"],
    ["an IPv6 block outside fdff:1::/64, the only range Cloud Router takes", "CrossCloudNetwork", "dev", (a) => { a.stackType = "IPV4_IPV6"; a.linkLocalBlockIpv6 = "fd00:1::/64"; }, ErrorCode.NotLinkLocal, "linkLocalBlockIpv6"],
];

describe("bad input issue 15 found, through the public constructors", () => {
    for (const [what, component, name, change, code, field] of cases) {
        it(`${component}: ${what} → ${code} at ${field}`, async () => {
            let args: unknown = BASE[component]();
            change(args as Args);
            if (field === "args") args = "10Gbps";
            let error: unknown;
            const attempt = await capture(() => {
                try {
                    new COMPONENTS[component](name as string, args as never);
                } catch (e) {
                    error = e;
                }
            });
            assert.ok(error instanceof CrossCloudError, String(error));
            assert.deepEqual([error.code, error.field], [code, field], error.message);
            assert.ok(error.rule && error.fix, error.message);
            assert.ok(error.message.length < SHOWN_VALUE_LIMIT + error.field.length + error.rule.length + error.fix.length + 40, "the value is shown briefly");
            assert.deepEqual(attempt.resources.map((r) => r.type), ["pulumi:pulumi:Stack"], "nothing is declared");
        });
    }
});
