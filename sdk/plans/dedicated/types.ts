/** What the dedicated interconnect planner reads and returns. */
import { StackType } from "../../addressFamily";
import { PortSpeed } from "../../bandwidth";
import { LinkRole, LinkStage, SlaTier, Topology } from "../../topology";

/** The availability a dedicated interconnect is built for. */
export enum SlaTarget {
    /** Two ports in one metro, on distinct edge availability domains. */
    ThreeNines = "99.9",
    /** Four ports over two metros × two edge availability domains, attachments in two regions, global routing. */
    FourNines = "99.99",
}

export interface DedicatedPortInput {
    location: string;
    remoteLocation: string;
    awsLocation: string;
    awsRegion?: string;
    metro?: string;
    edgeDomain?: number;
    /** The port has passed Google's tests and its LAG's connection is available: its links may be declared. */
    ready?: boolean;
}

export interface DedicatedAttachmentInput {
    port: string;
    region?: string;
    bandwidth: string;
    slot?: number;
}

/** Everything the planner reads; a component's args satisfy it. */
export interface DedicatedInterconnectInput {
    /** The component's name: the link group's id, the link-local key stem and the stem of every id. */
    name: string;
    sla: SlaTarget;
    portSpeed: PortSpeed;
    linksPerPort?: number;
    ports: Record<string, DedicatedPortInput>;
    attachments: Record<string, DedicatedAttachmentInput>;
    google: {
        region: string;
        routerAsn: number;
        /** Only its presence and type are read. */
        network?: unknown;
        /** Only its type is read. */
        project?: unknown;
        /** Only its presence is read; a plain string also names the router in the topology. */
        router?: unknown;
        globalRouting?: boolean;
        routers?: Record<string, { router?: unknown; routerAsn?: number }>;
    };
    aws: {
        region: string;
        /** Only its presence and type are read. */
        transitGatewayId?: unknown;
        transitGatewayAsn: number;
        directConnectGatewayAsn: number;
        /** Only its presence is read; a plain string also names the gateway in the topology. */
        directConnectGatewayId?: unknown;
        allowedPrefixes: string[];
    };
    advertisedPrefixes: string[];
    /** Only its presence is read: MACsec is not offered on Cross-Cloud Interconnect, so any value is refused. */
    macsec?: unknown;
    linkLocalBlock?: string;
    reservedPrefixes?: string[];
    role?: LinkRole;
    production?: boolean;
    /** IPv4 only (default) or dual stack: an IPv6 BGP session beside the IPv4 one on every attachment. */
    stackType?: StackType;
}

export interface PlannedPort {
    key: string;
    /** Google interconnect location, as given (name or self link). */
    location: string;
    remoteLocation: string;
    awsLocation: string;
    awsRegion: string;
    metro: string;
    /** Topology id of the edge availability domain, e.g. `iad-zone1`. */
    edgeDomain: string;
    /** Ordered: the port and its LAG only. Ready: its attachments, sessions and VIFs too. */
    stage: LinkStage;
    /** What to do to move an ordered port on; absent once it is ready. */
    nextStep?: string;
}

export interface PlannedRouter {
    region: string;
    asn: number;
    /** Topology id: the existing router's name when given as a plain string, else the router's resource name. */
    id: string;
}

export interface PlannedAttachment {
    key: string;
    port: string;
    region: string;
    /** Its port's stage: an attachment is declared only on a ready port. */
    stage: LinkStage;
    /** Google spelling, e.g. `BPS_10G`. */
    bandwidth: string;
    mbps: number;
    /** The Cloud Router's ASN in the attachment's region: the VIF's customer-side ASN. */
    routerAsn: number;
    /** The VIF's field for `routerAsn`: AWS takes ASNs above 2147483646 only as `bgpAsnLong`. */
    vifAsn: { bgpAsn: number } | { bgpAsnLong: string };
    /** The /29 offered to Google as the only candidate subnet; allocated from the start, so it never moves. */
    subnet: string;
    /** `.1/29`: the Cloud Router's candidate address (AWS: customer address). */
    cloudRouterAddress: string;
    /** `.2/29`: the AWS router's candidate address (AWS: Amazon address). */
    customerRouterAddress: string;
    /** Link-local chunk the subnet lives in; pin it with `slot` to settle a collision. */
    slot: number;
    routePriority: number;
    /**
     * Dual stack: the VLAN crosscloud gives the attachment and its VIF. The VIF is created first
     * (its IPv6 BGP peer's addresses, which AWS assigns, become the attachment's), so it cannot read
     * the VLAN Google would pick. IPv4 only: absent, and Google picks it.
     */
    vlan?: number;
}

export interface DedicatedInterconnectPlan {
    sla: SlaTarget;
    /** The tier the planned shape earns by sdk analysis once every port is ready; at least `sla`. */
    earned: SlaTier;
    googleSlaIntent: string;
    /** Google `Interconnect.linkType`. */
    linkType: string;
    /** AWS `LinkAggregationGroup.connectionsBandwidth` / member `Connection.bandwidth`. */
    connectionsBandwidth: string;
    mtu: number;
    role: LinkRole;
    production: boolean;
    stackType: StackType;
    transitGatewayAsn: number;
    directConnectGatewayAsn: number;
    /** Canonical prefixes AWS advertises to Google (the gateway association's `allowedPrefixes`). */
    allowedPrefixes: string[];
    /** Canonical prefixes the Cloud Routers advertise to AWS on every session. */
    advertisedPrefixes: string[];
    /** Sorted by key. */
    ports: PlannedPort[];
    /** One per region with attachments, sorted by region. */
    routers: PlannedRouter[];
    /** Sorted by key; ordered ones are planned (their addresses kept) but not declared. */
    attachments: PlannedAttachment[];
    /** Each ordered port's next step, when any port is still ordered. */
    nextStep?: string;
    /** Every planned link with its stage; sessions only for ready ones. */
    topology: Topology;
}
