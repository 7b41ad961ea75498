/**
 * Plans an HA VPN between a Google HA VPN gateway and two AWS Site-to-Site VPN connections: checks
 * every argument, gives the four tunnels their inside /30s, and returns the plain values the
 * component declares and the topology it exports. Nothing here knows about Pulumi; ids of existing
 * resources are read for presence only, and name endpoints when they are plain strings.
 */
import { AddressFamily, familiesOf, StackType } from "../addressFamily";
import { AddressSpace, LinkFact } from "../allocation/addressSpace";
import { checkAsnPlan, parseAsn } from "../asn";
import { TunnelBandwidth, vpnTunnelBandwidth } from "../bandwidth";
import { checkComponentName } from "../checks/names";
import { awsRegion as checkAwsRegion, googleRegion as checkGoogleRegion } from "../checks/regions";
import { optionalId, parseReserved, requiredId } from "../checks/values";
import { ErrorCode, fail } from "../errors";
import { checkSessionPrefix, checkSessionPrefixIpv6, IPV4_SESSIONS, IPV6_SESSION_RANGE, IPV6_SESSIONS, IPV6_TUNNEL_PREFIX_LENGTH, LINK_LOCAL, tunnelAddresses } from "../linkLocal";
import { ofFamily, Prefix, textsOfFamily } from "../prefix";
import { BACKUP_LEARNED_PRIORITY, checkPrefixList, ROUTE_PRIORITY, VPN_ROUTE_LIMIT } from "../routes";
import { BgpSession, Cloud, Endpoint, EndpointKind, Link, LinkKind, LinkRole, Topology } from "../topology";
import { label, oneOf, optionalFlag, requireObject } from "../checks/arguments";
import { haVpnNames, LONGEST_HA_VPN_ROLE } from "./names";

/** The AWS gateway the VPN connections end on. */
export enum AwsAttachPoint {
    TransitGateway = "transit-gateway",
    VpnGateway = "vpn-gateway",
}

/**
 * Four tunnels, two per HA VPN interface and two per AWS VPN connection: Google's 99.99% shape for
 * AWS, for each family a dual-stack HA VPN carries.
 *
 * Dual stack. An AWS VPN connection carries IPv4 or IPv6 inside its tunnels, not both
 * (`tunnelInsideIpVersion`, ipv6 on a Transit Gateway only: "Virtual private gateways don't
 * support IPv6 for Site-to-Site VPN connections"), and AWS runs no multiprotocol BGP. So IPv6 takes
 * a second set of the same shape: two more VPN connections with IPv6 inside (/126s from fd00::/8),
 * their four tunnels, and an IPv6 BGP session on each (Cloud Router "Establish BGP sessions": IPv6
 * BGP sessions, exchanging IPv6 routes). The set lands on an HA VPN gateway of its own (stack type
 * IPV4_IPV6, Google's for IPv6 inside tunnels), not on the IPv4 one, because Compute Engine fixes a
 * gateway's stack type at creation: turning the IPv4 gateway dual stack would replace it, its
 * addresses, the customer gateways and every VPN connection, where a gateway of its own only adds.
 * Each family keeps Google's 99.99% shape (four tunnels over both interfaces to a FOUR_IPS peer)
 * and AWS's 99.95% per connection: 8 tunnels, 4 AWS connections, 2 HA VPN gateways in all.
 */
export const TUNNEL_COUNT = 4;

/** Length of a generated pre-shared key; its alphabet is letters, digits and these specials. */
export const PSK_LENGTH = 32;
export const PSK_SPECIALS = "._";

/** AWS's rule for a tunnel pre-shared key (stricter than Google's, so one key suits both ends). */
export const AWS_PSK_PATTERN = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/**
 * The one IKEv2 proposal every tunnel offers and accepts, as AWS spells it (`tunnelN*` fields).
 *
 * One transform per role: with AWS's default lists the SA payload grows until Cloud VPN, which does
 * not reassemble fragmented IKE messages, drops the rekey and the tunnel fails to rekey (Google's
 * known issue for AWS peers). AES-256-CBC with HMAC-SHA2-256 is in both clouds' lists for both
 * phases; DH group 20 (ECP-384) is too, and its 96-byte key exchange keeps messages small.
 *
 * Rekey: AWS's lifetimes (8 h, 1 h) are shorter than Cloud VPN's fixed ones (10 h, 3 h), so AWS
 * always starts the rekey with this single proposal. The 9-minute margin with full fuzz spreads
 * the four tunnels' rekeys apart, so ECMP keeps three up while one rekeys. Dead peer detection
 * after 30 s restarts IKE from AWS instead of clearing the tunnel and waiting for Google.
 */
export interface AwsTunnelOptions {
    ikeVersions: string[];
    phase1EncryptionAlgorithms: string[];
    phase1IntegrityAlgorithms: string[];
    phase1DhGroupNumbers: number[];
    phase1LifetimeSeconds: number;
    phase2EncryptionAlgorithms: string[];
    phase2IntegrityAlgorithms: string[];
    phase2DhGroupNumbers: number[];
    phase2LifetimeSeconds: number;
    rekeyMarginTimeSeconds: number;
    rekeyFuzzPercentage: number;
    dpdTimeoutSeconds: number;
    dpdTimeoutAction: string;
    startupAction: string;
}

export const AWS_TUNNEL_OPTIONS: AwsTunnelOptions = {
    ikeVersions: ["ikev2"],
    phase1EncryptionAlgorithms: ["AES256"],
    phase1IntegrityAlgorithms: ["SHA2-256"],
    phase1DhGroupNumbers: [20],
    phase1LifetimeSeconds: 28800,
    phase2EncryptionAlgorithms: ["AES256"],
    phase2IntegrityAlgorithms: ["SHA2-256"],
    phase2DhGroupNumbers: [20],
    phase2LifetimeSeconds: 3600,
    rekeyMarginTimeSeconds: 540,
    rekeyFuzzPercentage: 100,
    dpdTimeoutSeconds: 30,
    dpdTimeoutAction: "restart",
    startupAction: "start",
};

/** The same proposal as Google spells it (`VPNTunnel.ikeVersion` and `cipherSuite`). */
export const GOOGLE_IKE = {
    ikeVersion: 2,
    cipherSuite: {
        phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-20"] },
        phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-20"] },
    },
};

export interface HaVpnInput {
    /** The component's name: keys the inside CIDR allocation and stems every id in the topology. */
    name: string;
    google: {
        region: string;
        routerAsn: number;
        /** Only its presence and type are read. */
        network?: unknown;
        /** Only its presence and type are read; a plain string also names the router in the topology. */
        router?: unknown;
        /** Only its type is read. */
        project?: unknown;
    };
    aws: {
        region: string;
        transitGatewayAsn: number;
        /** Only its presence is read; a plain string also names the gateway in the topology. */
        transitGatewayId?: unknown;
        /** As transitGatewayId. */
        vpnGatewayId?: unknown;
        enableAcceleration?: boolean;
    };
    advertisedPrefixes: string[];
    role?: LinkRole;
    tunnelBandwidth?: TunnelBandwidth;
    stackType?: StackType;
    linkLocalBlock?: string;
    slot?: number;
    insideCidrs?: string[];
    /** The IPv6 block the IPv6 tunnels' /126s are placed in (dual stack); default fdff:1::/64. */
    linkLocalBlockIpv6?: string;
    insideCidrsIpv6?: string[];
    reservedPrefixes?: string[];
}

/** One tunnel and everything both clouds need to know about it. */
export interface TunnelSpec {
    /** The family its inside addresses and BGP session carry. */
    family: AddressFamily;
    /** 0–3 within its family; also its external gateway's interface, i.e. which AWS outside address it lands on. */
    index: number;
    /** The Google HA VPN gateway interface it leaves from: 0 for tunnels 0 and 1, 1 for 2 and 3. */
    haInterface: number;
    /** The AWS VPN connection that carries it, whose customer gateway is HA interface `haInterface`. */
    awsConnection: number;
    /** Its number on that connection: AWS's `tunnel1*` or `tunnel2*` fields. */
    awsTunnel: 1 | 2;
    /** The inside /30, or /126 for an IPv6 tunnel. */
    insideCidr: string;
    /** The Cloud Router's end of it (the second host, the AWS customer side). */
    gcpAddress: string;
    /** AWS's end of it (the first host), the BGP peer address. */
    awsAddress: string;
}

export interface HaVpnPlan {
    role: LinkRole;
    /** Google `advertisedRoutePriority` on every peer, which AWS receives as MED (AWS→Google preference). */
    routePriority: number;
    /**
     * A backup's Google→AWS preference: the MED an import route policy on every peer gives the routes
     * learned from AWS, so Cloud Router prefers the interconnect's. Absent for a primary.
     */
    learnedPriority?: number;
    attachPoint: AwsAttachPoint;
    tunnelBandwidth: TunnelBandwidth;
    enableAcceleration: boolean;
    routerAsn: number;
    /** The Transit Gateway's (or virtual private gateway's) ASN: every peer's `peerAsn`. */
    awsAsn: number;
    /** The customer gateways' ASN field: AWS takes ASNs above 2147483647 only as `bgpAsnExtended`. */
    customerGatewayAsn: { bgpAsn: string } | { bgpAsnExtended: string };
    stackType: StackType;
    /** Canonical prefixes Google advertises to AWS, each over the tunnels of its family. */
    advertisedPrefixes: string[];
    /** The IPv4 tunnels. */
    tunnels: TunnelSpec[];
    /** The IPv6 tunnels of a dual-stack HA VPN, on their own gateway and AWS connections; empty for IPv4 only. */
    tunnelsIpv6: TunnelSpec[];
    topology: Topology;
}

/** The prefixes of one family a plan advertises: each family's BGP sessions advertise its own. */
export function advertisedOf(plan: Pick<HaVpnPlan, "advertisedPrefixes">, family: AddressFamily): string[] {
    return textsOfFamily(plan.advertisedPrefixes, family);
}

/**
 * Plans an HA VPN. Its tunnels' /30s are placed in `space`, which holds what the rest of the program
 * placed and what the address ledger recorded; a fresh space knows nothing else.
 */
export function planHaVpn(input: HaVpnInput, space = AddressSpace.empty()): HaVpnPlan {
    const stackType = oneOf(input.stackType ?? StackType.Ipv4Only, StackType, "stackType");
    checkComponentName(input.name, stackType === StackType.DualStack ? LONGEST_HA_VPN_ROLE.dualStack : LONGEST_HA_VPN_ROLE.ipv4);
    const google = requireObject(input.google, "google");
    const aws = requireObject(input.aws, "aws");
    const googleRegion = checkGoogleRegion(google.region, "google.region");
    const awsRegion = checkAwsRegion(aws.region, "aws.region");
    requiredId(google.network, "google.network", "the self link or id of the VPC network the HA VPN gateway is in");
    optionalId(google.router, "google.router", "the name of an existing Cloud Router");
    optionalId(google.project, "google.project", "a Google project id");
    optionalId(aws.transitGatewayId, "aws.transitGatewayId", "the id of an existing Transit Gateway");
    optionalId(aws.vpnGatewayId, "aws.vpnGatewayId", "the id of an existing virtual private gateway");
    const role = oneOf(input.role ?? LinkRole.Primary, LinkRole, "role");
    const tunnelBandwidth = oneOf(input.tunnelBandwidth ?? TunnelBandwidth.Standard, TunnelBandwidth, "tunnelBandwidth");
    const enableAcceleration = optionalFlag(aws.enableAcceleration, "aws.enableAcceleration", "Leave it out unless you want accelerated VPN connections.");
    const attachPoint = checkAttachPoint(aws, enableAcceleration);
    checkTunnelBandwidth(tunnelBandwidth, attachPoint, enableAcceleration);
    checkStack(input, stackType, attachPoint);

    const routerAsn = parseAsn(google.routerAsn, "google.routerAsn");
    const awsAsn = parseAsn(aws.transitGatewayAsn, "aws.transitGatewayAsn");
    checkAsnPlan({ cloudRouter: routerAsn, transitGateway: awsAsn }, { cloudRouter: "google.routerAsn", transitGateway: "aws.transitGatewayAsn" });
    const families = familiesOf(stackType);
    // Each family's routes go over its own VPN connections, so each meets the limit on its own.
    const advertisedPrefixes = checkPrefixList(input.advertisedPrefixes, "advertisedPrefixes", {
        families,
        familyFix: `Set stackType to "${StackType.DualStack}" (dual stack), or drop the IPv6 prefix.`,
        limit: {
            max: VPN_ROUTE_LIMIT[attachPoint === AwsAttachPoint.VpnGateway ? "vpnGateway" : "transitGateway"],
            product: `An AWS VPN connection on a ${attachPoint === AwsAttachPoint.VpnGateway ? "virtual private gateway" : "Transit Gateway"}`,
            perFamily: true,
        },
    }).map(String);

    const facts = linkFacts(input, { googleRegion, awsRegion, routerAsn, awsAsn, attachPoint });
    const spec = (family: AddressFamily) => (net: Prefix, index: number): TunnelSpec => {
        const { aws: awsAddress, gcp: gcpAddress } = tunnelAddresses(net);
        const half = Math.floor(index / 2);
        return { family, index, haInterface: half, awsConnection: half, awsTunnel: index % 2 === 0 ? 1 : 2, insideCidr: net.toString(), gcpAddress, awsAddress };
    };
    const tunnels = insideNets(input, space, facts).map(spec(AddressFamily.Ipv4));
    const tunnelsIpv6 = stackType === StackType.DualStack ? insideNetsIpv6(input, space).map(spec(AddressFamily.Ipv6)) : [];

    const plan: Omit<HaVpnPlan, "topology"> = {
        role,
        routePriority: ROUTE_PRIORITY[role],
        ...(role === LinkRole.Backup && { learnedPriority: BACKUP_LEARNED_PRIORITY }),
        attachPoint,
        tunnelBandwidth,
        enableAcceleration,
        routerAsn,
        awsAsn,
        customerGatewayAsn: routerAsn <= 2147483647 ? { bgpAsn: String(routerAsn) } : { bgpAsnExtended: String(routerAsn) },
        stackType,
        advertisedPrefixes,
        tunnels,
        tunnelsIpv6,
    };
    return { ...plan, topology: topology(input, plan, { google: googleRegion, aws: awsRegion }) };
}

/**
 * A generated key as AWS accepts it. The generator draws from AWS's alphabet, so the one rule it can
 * break is the leading `0`, which becomes `Z`. Anything else is a wrong generator, stated loudly.
 */
export function awsPresharedKey(generated: string): string {
    const key = generated.replace(/^0/, "Z");
    if (!AWS_PSK_PATTERN.test(key)) {
        throw new Error(`A generated pre-shared key breaks AWS's rule ${AWS_PSK_PATTERN}; the generator's alphabet or length is wrong.`);
    }
    return key;
}

function checkAttachPoint(aws: HaVpnInput["aws"], enableAcceleration: boolean): AwsAttachPoint {
    if (aws.vpnGatewayId === undefined) return AwsAttachPoint.TransitGateway;
    if (aws.transitGatewayId !== undefined) {
        fail({
            code: ErrorCode.Conflict, field: "aws.vpnGatewayId", value: "(set, with aws.transitGatewayId)",
            rule: "the VPN connections end on one AWS gateway: a Transit Gateway or a virtual private gateway",
            fix: "Remove one of aws.transitGatewayId and aws.vpnGatewayId.",
        });
    }
    if (enableAcceleration) {
        fail({
            code: ErrorCode.Conflict, field: "aws.enableAcceleration", value: true,
            rule: "AWS accelerates VPN connections on a Transit Gateway only, and aws.vpnGatewayId is a virtual private gateway",
            fix: "Turn acceleration off, or attach to a Transit Gateway.",
        });
    }
    return AwsAttachPoint.VpnGateway;
}

function checkTunnelBandwidth(bandwidth: TunnelBandwidth, attachPoint: AwsAttachPoint, accelerated: boolean): void {
    if (bandwidth !== TunnelBandwidth.Large) return;
    const refusal = attachPoint === AwsAttachPoint.VpnGateway
        ? "aws.vpnGatewayId attaches the tunnels to a virtual private gateway"
        : accelerated ? "aws.enableAcceleration makes them accelerated VPN connections" : undefined;
    if (refusal) {
        fail({
            code: ErrorCode.BandwidthUnsupported, field: "tunnelBandwidth", value: bandwidth,
            rule: `AWS offers large (5 Gbps) tunnels only on an unaccelerated Transit Gateway attachment, and ${refusal}`,
            fix: `Use "${TunnelBandwidth.Standard}" (1.25 Gbps per tunnel), or attach to a Transit Gateway without acceleration.`,
        });
    }
}

/**
 * The IPv6 arguments belong to dual stack, and IPv6 VPN connections to a Transit Gateway: AWS
 * offers IPv6 inside tunnels on a Transit Gateway (or Cloud WAN) only (EC2 API, CreateVpnConnection
 * TunnelInsideIpVersion: "ipv6 Supports only EC2 Transit Gateway"; Site-to-Site VPN "How it works":
 * "Virtual private gateways don't support IPv6").
 */
function checkStack(input: HaVpnInput, stackType: StackType, attachPoint: AwsAttachPoint): void {
    if (stackType === StackType.DualStack) {
        if (attachPoint === AwsAttachPoint.VpnGateway) {
            fail({
                code: ErrorCode.Conflict, field: "stackType", value: stackType,
                rule: "aws.vpnGatewayId ends the tunnels on a virtual private gateway, and AWS carries IPv6 inside VPN tunnels on a Transit Gateway only",
                fix: `Attach to a Transit Gateway (aws.transitGatewayId, or leave both ids out to create one), or keep stackType "${StackType.Ipv4Only}".`,
            });
        }
        return;
    }
    const ipv6Only = (["linkLocalBlockIpv6", "insideCidrsIpv6"] as const).find((field) => input[field] !== undefined);
    if (ipv6Only) {
        fail({
            code: ErrorCode.Conflict, field: ipv6Only, value: input[ipv6Only],
            rule: "addresses IPv6 tunnels, and the HA VPN carries IPv4 only",
            fix: `Set stackType to "${StackType.DualStack}", or remove ${ipv6Only}.`,
        });
    }
}

/** The four inside /30s: the user's, checked, or placed in the link-local block under the component's name. */
function insideNets(input: HaVpnInput, space: AddressSpace, facts: LinkFact[]): Prefix[] {
    const reserved = parseReserved(input.reservedPrefixes);
    const replaces = `the VPN connections ${input.name}-vpn-0 and -1, and the router interfaces and BGP peers of ${input.name}`;
    if (input.insideCidrs === undefined) {
        const block = Prefix.parse(input.linkLocalBlock ?? LINK_LOCAL.toString(), "linkLocalBlock", AddressFamily.Ipv4, IPV4_SESSIONS);
        return space.place({
            key: input.name, field: "", block, blockField: "linkLocalBlock", sessions: TUNNEL_COUNT, prefixLength: 30,
            slot: input.slot, reserved, facts, replaces,
        }).nets;
    }
    const pinned = (["linkLocalBlock", "slot"] as const).find((field) => input[field] !== undefined);
    if (pinned) {
        fail({
            code: ErrorCode.Conflict, field: pinned, value: input[pinned],
            rule: "insideCidrs gives every tunnel its /30, so there is nothing left to allocate",
            fix: `Remove ${pinned}, or remove insideCidrs and let crosscloud allocate.`,
        });
    }
    if (!Array.isArray(input.insideCidrs) || input.insideCidrs.length !== TUNNEL_COUNT) {
        fail({
            code: ErrorCode.InvalidArgument, field: "insideCidrs", value: input.insideCidrs,
            rule: `must list ${TUNNEL_COUNT} /30s, one per tunnel in order`,
            fix: 'Write it like ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"], or leave it out.',
        });
    }
    const nets: Prefix[] = [];
    input.insideCidrs.forEach((text, i) => nets.push(checkSessionPrefix(text, `insideCidrs[${i}]`, 30, [...ofFamily(reserved, AddressFamily.Ipv4), ...nets])));
    return space.give({ key: input.name, field: "", nets: nets.map((prefix, i) => ({ prefix, field: `insideCidrs[${i}]` })), facts, replaces }).nets;
}

/** The four IPv6 inside /126s: the user's, checked, or placed in the IPv6 block under the component's name. */
function insideNetsIpv6(input: HaVpnInput, space: AddressSpace): Prefix[] {
    const reserved = parseReserved(input.reservedPrefixes);
    const replaces = `the VPN connections ${input.name}-vpn-v6-0 and -1, and the IPv6 router interfaces and BGP peers of ${input.name}`;
    if (input.insideCidrsIpv6 === undefined) {
        const block = Prefix.parse(input.linkLocalBlockIpv6 ?? IPV6_SESSION_RANGE.toString(), "linkLocalBlockIpv6", AddressFamily.Ipv6, IPV6_SESSIONS);
        return space.placeIpv6({ key: input.name, field: "", block, blockField: "linkLocalBlockIpv6", sessions: TUNNEL_COUNT, reserved, replaces });
    }
    if (input.linkLocalBlockIpv6 !== undefined) {
        fail({
            code: ErrorCode.Conflict, field: "linkLocalBlockIpv6", value: input.linkLocalBlockIpv6,
            rule: "insideCidrsIpv6 gives every IPv6 tunnel its /126, so there is nothing left to allocate",
            fix: "Remove linkLocalBlockIpv6, or remove insideCidrsIpv6 and let crosscloud allocate.",
        });
    }
    if (!Array.isArray(input.insideCidrsIpv6) || input.insideCidrsIpv6.length !== TUNNEL_COUNT) {
        fail({
            code: ErrorCode.InvalidArgument, field: "insideCidrsIpv6", value: input.insideCidrsIpv6,
            rule: `must list ${TUNNEL_COUNT} /${IPV6_TUNNEL_PREFIX_LENGTH}s, one per IPv6 tunnel in order`,
            fix: 'Write it like ["fdff:1::/126", "fdff:1::4/126", "fdff:1::8/126", "fdff:1::c/126"], or leave it out.',
        });
    }
    const nets: Prefix[] = [];
    input.insideCidrsIpv6.forEach((text, i) => nets.push(checkSessionPrefixIpv6(text, `insideCidrsIpv6[${i}]`, [...ofFamily(reserved, AddressFamily.Ipv6), ...nets])));
    return space.giveIpv6({ key: input.name, nets: nets.map((prefix, i) => ({ prefix, field: `insideCidrsIpv6[${i}]` })), replaces });
}

/**
 * What the link's resources are built with that a change would replace them for. EC2 has no call
 * that modifies a customer gateway (CreateCustomerGateway and DeleteCustomerGateway only), so its
 * BGP ASN and region are fixed; Compute Engine's vpnTunnels have no update or patch method, so a
 * tunnel's router and region are fixed, and a router interface's IP range with it.
 */
function linkFacts(
    input: HaVpnInput,
    v: { googleRegion: string; awsRegion: string; routerAsn: number; awsAsn: number; attachPoint: AwsAttachPoint },
): LinkFact[] {
    const { name } = input;
    const router = input.google.router === undefined ? `${name}-router` : typeof input.google.router === "string" ? input.google.router : undefined;
    const facts: LinkFact[] = [
        { name: "router", value: router, field: "google.router", replaces: `the tunnels, router interfaces and BGP peers of ${name}` },
        { name: "googleRegion", value: v.googleRegion, field: "google.region", replaces: `every Google resource of ${name}` },
        { name: "awsRegion", value: v.awsRegion, field: "aws.region", replaces: `every AWS resource of ${name}` },
        { name: "routerAsn", value: v.routerAsn, field: "google.routerAsn", replaces: `the customer gateways ${name}-cgw-0 and -1 (AWS fixes a customer gateway's ASN) and the VPN connections on them` },
        { name: "attachPoint", value: v.attachPoint, field: "aws.vpnGatewayId", replaces: `the VPN connections ${name}-vpn-0 and -1` },
    ];
    // A Transit Gateway the component creates is replaced with its ASN; a given one's ASN only updates the BGP peers.
    if (v.attachPoint === AwsAttachPoint.TransitGateway && input.aws.transitGatewayId === undefined) {
        facts.push({ name: "transitGatewayAsn", value: v.awsAsn, field: "aws.transitGatewayAsn", replaces: `the Transit Gateway ${name}-tgw and the VPN connections on it` });
    }
    return facts;
}

function topology(input: HaVpnInput, plan: Omit<HaVpnPlan, "topology">, regions: { google: string; aws: string }): Topology {
    const { name } = input;
    const names = haVpnNames(name);
    const router = label(input.google.router, names.router);
    const gateway = plan.attachPoint === AwsAttachPoint.TransitGateway
        ? label(input.aws.transitGatewayId, names.transitGateway)
        : label(input.aws.vpnGatewayId, names.vpnGateway);
    const mbps = vpnTunnelBandwidth(plan.tunnelBandwidth).mbps;
    const endpoints: Endpoint[] = [
        { id: gateway, cloud: Cloud.Aws, kind: AWS_ENDPOINT_KINDS[plan.attachPoint], region: regions.aws, asn: plan.awsAsn },
        { id: router, cloud: Cloud.Gcp, kind: EndpointKind.CloudRouter, region: regions.google, asn: plan.routerAsn },
    ];
    // An IPv4-only HA VPN's links name no family (IPv4 is the default), so its topology reads as before.
    const dual = plan.stackType === StackType.DualStack;
    // Each family's tunnels are on a gateway of their own, and Google grants its SLA per HA VPN
    // gateway: a group each, as the policy pack reads them back from the raw resources.
    const groupOf = (family: AddressFamily) => (family === AddressFamily.Ipv6 ? `${name}-v6` : name);
    const link = (t: TunnelSpec): Link => {
        const of = haVpnNames(name, t.family);
        return {
            id: of.tunnel(t.index), group: groupOf(t.family), kind: LinkKind.HaVpn, role: plan.role, aws: gateway, gcp: router, mbps,
            ...(dual && { families: [t.family] }),
            domains: {
                tunnel: of.tunnel(t.index),
                vpnInterface: of.gatewayInterface(t.haInterface),
                awsVpnConnection: of.vpnConnection(t.awsConnection),
                cloudRouter: router,
                region: regions.google,
            },
        };
    };
    const session = (t: TunnelSpec): BgpSession => {
        const of = haVpnNames(name, t.family);
        return {
            id: of.peer(t.index), link: of.tunnel(t.index), ...(dual && { family: t.family }), gcpAsn: plan.routerAsn, awsAsn: plan.awsAsn,
            insideCidr: t.insideCidr, gcpAddress: t.gcpAddress, awsAddress: t.awsAddress, routePriority: plan.routePriority,
            ...(plan.learnedPriority !== undefined && { learnedPriority: plan.learnedPriority }),
            md5: false, bfd: false, enabled: true,
        };
    };
    const all = [...plan.tunnels, ...plan.tunnelsIpv6];
    return {
        endpoints,
        groups: [AddressFamily.Ipv4, ...(dual ? [AddressFamily.Ipv6] : [])].map((f) => ({ id: groupOf(f), kind: LinkKind.HaVpn, role: plan.role, fourIpsRedundancy: true })),
        links: all.map(link),
        sessions: all.map(session),
        // What AWS advertises is the Transit Gateway route table's business, not this link's.
        prefixes: { aws: [], gcp: plan.advertisedPrefixes },
    };
}

const AWS_ENDPOINT_KINDS: Record<AwsAttachPoint, EndpointKind> = {
    [AwsAttachPoint.TransitGateway]: EndpointKind.TransitGateway,
    [AwsAttachPoint.VpnGateway]: EndpointKind.VpnGateway,
};

