/**
 * The one model that flows through crosscloud. Components build it from their args before they
 * declare anything, policies rebuild it from a stack's raw resources, the CLI draws it. It is plain,
 * JSON-serialisable data so it can travel as a stack output and through a StackReference.
 */
import { AddressFamily } from "./addressFamily";

export enum Cloud {
    Aws = "aws",
    Gcp = "gcp",
}

export enum LinkKind {
    /** AWS Interconnect - multicloud ⇄ Google Partner Cross-Cloud Interconnect (Transport). */
    Managed = "managed",
    /** Google Cross-Cloud Interconnect ports ⇄ AWS Direct Connect LAGs and transit VIFs. */
    Dedicated = "dedicated",
    /** Google HA VPN ⇄ AWS Site-to-Site VPN, one link per tunnel. */
    HaVpn = "ha-vpn",
}

export enum LinkRole {
    Primary = "primary",
    Backup = "backup",
}

/** Where a link is in its life: ordered (its port is on the way, nothing carries traffic) or ready. */
export enum LinkStage {
    /** The port and LAG are ordered; the link-level resources wait until the port is provisioned. */
    Ordered = "ordered",
    /** Declared end to end; carries traffic while it is up. */
    Ready = "ready",
}

/** The two directions traffic takes between the clouds; each cloud picks its own path. */
export enum Direction {
    /** Chosen by AWS: the Transit Gateway's route evaluation, then the MED Google advertises. */
    AwsToGoogle = "awsToGoogle",
    /** Chosen by Google: the priority Cloud Router gives the routes it learns from AWS. */
    GoogleToAws = "googleToAws",
}

export const DIRECTIONS: readonly Direction[] = [Direction.AwsToGoogle, Direction.GoogleToAws];

export enum SlaTier {
    None = "none",
    ThreeNines = "99.9",
    FourNines = "99.99",
}

export enum EndpointKind {
    TransitGateway = "transit-gateway",
    VpnGateway = "vpn-gateway",
    DirectConnectGateway = "dx-gateway",
    CloudRouter = "cloud-router",
    Network = "vpc",
}

export interface Endpoint {
    /** Stable id: a resource name or URN, unique in the topology. */
    id: string;
    cloud: Cloud;
    kind: EndpointKind;
    region?: string;
    asn?: number;
}

/**
 * The failure domains one link depends on: if any of them fails, the link is cut. Each field holds
 * an id that is unique across the topology for that kind (`iad-zone1`, not `zone1`).
 */
export interface FailureDomains {
    /** The managed AWS Interconnect connection (internally quad-redundant, so one domain). */
    managedConnection?: string;
    /** A physical Cross-Cloud Interconnect port and the LAG it lands on. */
    port?: string;
    /** The AWS Direct Connect device a port's LAG lands on. */
    awsDevice?: string;
    /** The AWS Direct Connect location (colocation facility) of that device, e.g. `EqDC2`. */
    awsLocation?: string;
    /** The metropolitan area (Google interconnect metro) a port is in. */
    metro?: string;
    /** Google edge availability domain, e.g. `iad-zone1`. */
    edgeDomain?: string;
    /** The Google region of the attachment, tunnel or transport. */
    region?: string;
    /** The Cloud Router carrying the BGP session. */
    cloudRouter?: string;
    /** One interface of a Google HA VPN gateway, e.g. `vpn-gw/0`. */
    vpnInterface?: string;
    /** One AWS Site-to-Site VPN connection (two tunnels each). */
    awsVpnConnection?: string;
    /** One IPsec tunnel. */
    tunnel?: string;
}

export type FailureKind = keyof FailureDomains;

export const FAILURE_KINDS: readonly FailureKind[] = [
    "managedConnection", "port", "awsDevice", "awsLocation", "metro", "edgeDomain", "region",
    "cloudRouter", "vpnInterface", "awsVpnConnection", "tunnel",
];

/** One path between the clouds: a tunnel, an attachment over a port, or a managed connection. */
export interface Link {
    id: string;
    /** The link group (one component's links) this link belongs to. */
    group: string;
    kind: LinkKind;
    role: LinkRole;
    /** Endpoint ids on each side. */
    aws: string;
    gcp: string;
    /** What this link can carry on its own, in whole Mbps (every product's tiers are whole Mbps). */
    mbps: number;
    /** Absent means ready: only dedicated links are ordered before they are declared. */
    stage?: LinkStage;
    /**
     * The address families the link carries traffic of. Absent means IPv4 only, as every link was
     * before stack types: a dual-stack attachment or managed connection carries both, an HA VPN
     * tunnel the one family of its AWS VPN connection.
     */
    families?: AddressFamily[];
    domains: FailureDomains;
}

/** The facts about a whole group of links that decide its SLA tier. */
export interface LinkGroup {
    id: string;
    kind: LinkKind;
    role: LinkRole;
    /** Google VPC dynamic routing mode is GLOBAL (needed for dedicated 99.99%). */
    globalRouting?: boolean;
    /** The remote transport profile's SLA, for a managed interconnect. */
    profileSla?: SlaTier;
    /** HA VPN: the external gateway is FOUR_IPS_REDUNDANCY. */
    fourIpsRedundancy?: boolean;
}

export interface BgpSession {
    id: string;
    /** The link this session runs over. */
    link: string;
    /**
     * The family of the routes it exchanges. Absent means IPv4. AWS runs one BGP session per family
     * (Direct Connect: "Multi-protocol BGP is not supported"; a VPN connection carries one family),
     * so every session between the clouds exchanges the routes of one.
     */
    family?: AddressFamily;
    /** Undefined where a plan cannot see it: a Cloud Router in another stack, an ASN AWS reports only once deployed. */
    gcpAsn?: number;
    awsAsn?: number;
    /** Link-local /30 or /29 (an IPv6 session: a /126 or AWS's /125) the session uses, when it is known. */
    insideCidr?: string;
    /** Google side address (no prefix length). */
    gcpAddress?: string;
    /** AWS side address (no prefix length). */
    awsAddress?: string;
    /**
     * AWS→Google preference: the priority Google advertises on this session, which AWS receives as
     * MED; lower wins among routes AWS ranks equal by type and AS path.
     */
    routePriority?: number;
    /**
     * Google→AWS preference: the priority Cloud Router gives the routes it learns on this session,
     * set by a BGP import route policy; lower wins, equal ones share traffic (ECMP). Absent: the
     * priority comes from the MED AWS sends, the same on every session, so such sessions tie.
     */
    learnedPriority?: number;
    md5?: boolean;
    bfd?: boolean;
    enabled: boolean;
}

/** Prefixes each side advertises to the other. */
export interface AdvertisedPrefixes {
    aws: string[];
    gcp: string[];
}

export interface Topology {
    endpoints: Endpoint[];
    groups: LinkGroup[];
    links: Link[];
    sessions: BgpSession[];
    prefixes: AdvertisedPrefixes;
}

export function emptyTopology(): Topology {
    return { endpoints: [], groups: [], links: [], sessions: [], prefixes: { aws: [], gcp: [] } };
}

/** Joins topologies (e.g. a primary and its backup); endpoints and prefixes are de-duplicated. */
export function mergeTopologies(...parts: Topology[]): Topology {
    const endpoints = new Map<string, Endpoint>();
    for (const p of parts) for (const e of p.endpoints) endpoints.set(e.id, { ...endpoints.get(e.id), ...e });
    const unique = (xs: string[]) => [...new Set(xs)];
    return {
        endpoints: [...endpoints.values()],
        groups: parts.flatMap((p) => p.groups),
        links: parts.flatMap((p) => p.links),
        sessions: parts.flatMap((p) => p.sessions),
        prefixes: {
            aws: unique(parts.flatMap((p) => p.prefixes.aws)),
            gcp: unique(parts.flatMap((p) => p.prefixes.gcp)),
        },
    };
}

/** Only ready links carry traffic: an ordered port's links carry nothing until the port is ready. */
export function isReady(link: Pick<Link, "stage">): boolean {
    return (link.stage ?? LinkStage.Ready) === LinkStage.Ready;
}

/** The families a link carries: IPv4 unless it says otherwise. */
export function linkFamilies(link: Pick<Link, "families">): AddressFamily[] {
    return link.families ?? [AddressFamily.Ipv4];
}

export function carriesFamily(link: Pick<Link, "families">, family: AddressFamily): boolean {
    return linkFamilies(link).includes(family);
}

export function sessionFamily(session: Pick<BgpSession, "family">): AddressFamily {
    return session.family ?? AddressFamily.Ipv4;
}
