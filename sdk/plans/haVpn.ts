/**
 * Plans an HA VPN between a Google HA VPN gateway and two AWS Site-to-Site VPN connections: checks
 * every argument, gives the four tunnels their inside /30s, and returns the plain values the
 * component declares and the topology it exports. Nothing here knows about Pulumi; ids of existing
 * resources are read for presence only, and name endpoints when they are plain strings.
 */
import { AddressSpace, LinkFact } from "../allocation/addressSpace";
import { checkAsnPlan, parseAsn } from "../asn";
import { TunnelBandwidth, vpnTunnelBandwidth } from "../bandwidth";
import { checkComponentName } from "../checks/names";
import { awsRegion as checkAwsRegion, googleRegion as checkGoogleRegion } from "../checks/regions";
import { optionalId, parseReserved, requiredId } from "../checks/values";
import { ErrorCode, fail } from "../errors";
import { checkSessionPrefix, LINK_LOCAL, tunnelAddresses } from "../linkLocal";
import { Prefix } from "../prefix";
import { BACKUP_LEARNED_PRIORITY, checkPrefixList, ROUTE_PRIORITY, VPN_ROUTE_LIMIT } from "../routes";
import { Cloud, Endpoint, EndpointKind, LinkKind, LinkRole, Topology } from "../topology";
import { label, oneOf, optionalFlag, requireObject } from "../checks/arguments";
import { haVpnNames } from "./names";

/** The AWS gateway the VPN connections end on. */
export enum AwsAttachPoint {
    TransitGateway = "transit-gateway",
    VpnGateway = "vpn-gateway",
}

/** Four tunnels, two per HA VPN interface and two per AWS VPN connection: Google's 99.99% shape for AWS. */
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
    linkLocalBlock?: string;
    slot?: number;
    insideCidrs?: string[];
    reservedPrefixes?: string[];
}

/** One tunnel and everything both clouds need to know about it. */
export interface TunnelSpec {
    /** 0–3; also the external gateway interface, i.e. which AWS outside address it lands on. */
    index: number;
    /** The Google HA VPN gateway interface it leaves from: 0 for tunnels 0 and 1, 1 for 2 and 3. */
    haInterface: number;
    /** The AWS VPN connection that carries it, whose customer gateway is HA interface `haInterface`. */
    awsConnection: number;
    /** Its number on that connection: AWS's `tunnel1*` or `tunnel2*` fields. */
    awsTunnel: 1 | 2;
    insideCidr: string;
    /** The Cloud Router's end of the /30 (.2, the AWS customer side). */
    gcpAddress: string;
    /** AWS's end of the /30 (.1), the BGP peer address. */
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
    /** Canonical prefixes Google advertises to AWS over every tunnel. */
    advertisedPrefixes: string[];
    tunnels: TunnelSpec[];
    topology: Topology;
}

/** The longest role among the Google children an HA VPN names after itself. */
const LONGEST_GOOGLE_ROLE = "peer-gateway";

/**
 * Plans an HA VPN. Its tunnels' /30s are placed in `space`, which holds what the rest of the program
 * placed and what the address ledger recorded; a fresh space knows nothing else.
 */
export function planHaVpn(input: HaVpnInput, space = AddressSpace.empty()): HaVpnPlan {
    checkComponentName(input.name, LONGEST_GOOGLE_ROLE);
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

    const routerAsn = parseAsn(google.routerAsn, "google.routerAsn");
    const awsAsn = parseAsn(aws.transitGatewayAsn, "aws.transitGatewayAsn");
    checkAsnPlan({ cloudRouter: routerAsn, transitGateway: awsAsn }, { cloudRouter: "google.routerAsn", transitGateway: "aws.transitGatewayAsn" });
    const advertisedPrefixes = checkPrefixList(input.advertisedPrefixes, "advertisedPrefixes", {
        max: VPN_ROUTE_LIMIT[attachPoint === AwsAttachPoint.VpnGateway ? "vpnGateway" : "transitGateway"],
        product: `An AWS VPN connection on a ${attachPoint === AwsAttachPoint.VpnGateway ? "virtual private gateway" : "Transit Gateway"}`,
    }).map(String);

    const facts = linkFacts(input, { googleRegion, awsRegion, routerAsn, awsAsn, attachPoint });
    const tunnels = insideNets(input, space, facts).map((net, index): TunnelSpec => {
        const { aws: awsAddress, gcp: gcpAddress } = tunnelAddresses(net);
        const half = Math.floor(index / 2);
        return { index, haInterface: half, awsConnection: half, awsTunnel: index % 2 === 0 ? 1 : 2, insideCidr: net.toString(), gcpAddress, awsAddress };
    });

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
        advertisedPrefixes,
        tunnels,
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

/** The four inside /30s: the user's, checked, or placed in the link-local block under the component's name. */
function insideNets(input: HaVpnInput, space: AddressSpace, facts: LinkFact[]): Prefix[] {
    const reserved = parseReserved(input.reservedPrefixes);
    const replaces = `the VPN connections ${input.name}-vpn-0 and -1, and the router interfaces and BGP peers of ${input.name}`;
    if (input.insideCidrs === undefined) {
        const block = Prefix.parse(input.linkLocalBlock ?? LINK_LOCAL.toString(), "linkLocalBlock");
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
    input.insideCidrs.forEach((text, i) => nets.push(checkSessionPrefix(text, `insideCidrs[${i}]`, 30, [...reserved, ...nets])));
    return space.give({ key: input.name, field: "", nets: nets.map((prefix, i) => ({ prefix, field: `insideCidrs[${i}]` })), facts, replaces }).nets;
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
    return {
        endpoints,
        groups: [{ id: name, kind: LinkKind.HaVpn, role: plan.role, fourIpsRedundancy: true }],
        links: plan.tunnels.map((t) => ({
            id: names.tunnel(t.index), group: name, kind: LinkKind.HaVpn, role: plan.role, aws: gateway, gcp: router, mbps,
            domains: {
                tunnel: names.tunnel(t.index),
                vpnInterface: names.gatewayInterface(t.haInterface),
                awsVpnConnection: names.vpnConnection(t.awsConnection),
                cloudRouter: router,
                region: regions.google,
            },
        })),
        sessions: plan.tunnels.map((t) => ({
            id: names.peer(t.index), link: names.tunnel(t.index), gcpAsn: plan.routerAsn, awsAsn: plan.awsAsn,
            insideCidr: t.insideCidr, gcpAddress: t.gcpAddress, awsAddress: t.awsAddress, routePriority: plan.routePriority,
            ...(plan.learnedPriority !== undefined && { learnedPriority: plan.learnedPriority }),
            md5: false, bfd: false, enabled: true,
        })),
        // What AWS advertises is the Transit Gateway route table's business, not this link's.
        prefixes: { aws: [], gcp: plan.advertisedPrefixes },
    };
}

const AWS_ENDPOINT_KINDS: Record<AwsAttachPoint, EndpointKind> = {
    [AwsAttachPoint.TransitGateway]: EndpointKind.TransitGateway,
    [AwsAttachPoint.VpnGateway]: EndpointKind.VpnGateway,
};

