/**
 * The metrics crosscloud alarms on, as each provider publishes them, and what each failure of the
 * resilience model does to them. Every name, namespace, dimension and label below was read in the
 * provider's documentation, cited where it is defined; nothing here is inferred from a metric's name.
 *
 * - AWS/VPN `TunnelState` ("Monitoring your Site-to-Site VPN connection", CloudWatch metrics for
 *   Site-to-Site VPN): 1 when a BGP tunnel is ESTABLISHED, 0 in every other state; dimensions
 *   `VpnId` (the connection, its two tunnels' datapoints together) or `VpnId` + `TunnelIpAddress`
 *   (one tunnel, by AWS's outside address). AWS's own guidance: over a connection, Maximum < 1 means
 *   both tunnels are down and Minimum < 1 means at least one is.
 * - AWS/DX ("AWS Direct Connect metrics and dimensions", Monitor with Amazon CloudWatch):
 *   `ConnectionState` (1 up, 0 down; dimension `ConnectionId`; sent every 30 s), `ConnectionErrorCount`
 *   (MAC-level errors since the last datapoint, use Sum; `ConnectionId`), `VirtualInterfaceBgpStatus`
 *   (1 up, 0 down, every 5 minutes; dimensions `ConnectionId`, `VirtualInterfaceId` and, for the BGP
 *   metrics, `IpAddressFamily` = `ipv4` | `ipv6`).
 * - Google Cloud Monitoring ("Google Cloud metrics", router/vpn/interconnect; "Monitored resource
 *   types"): `router.googleapis.com/bgp/session_up` (gce_router, label `bgp_peer_name`, 1 up / 0 down,
 *   sampled every 60 s), `vpn.googleapis.com/tunnel_established` (vpn_gateway, label `tunnel_name`,
 *   established if > 0), `interconnect.googleapis.com/network/interconnect/operational` (interconnect,
 *   BOOL, the LACP bundle; resource label `interconnect`), `…/network/interconnect/link/rx_power`
 *   (dBm per circuit and laser), `router.googleapis.com/dynamic_routes/learned_routes/
 *   any_dropped_unique_destinations` (gce_network_region, BOOL, BETA: routes dropped over quota).
 *
 * Deliberately not used, with the reason:
 * - AWS `ConnectionLightLevelRx/Tx`: published per `ConnectionId` and `OpticalLaneNumber`, whose
 *   numbering AWS does not document, and an alarm must name every dimension of the series it
 *   watches. Google's `link/rx_power` watches the same fibre from the other end, by a filter that
 *   needs no lane.
 * - Google `vpn.googleapis.com/gateway/connections` (`configured_for_sla`): its labels name no
 *   gateway, and the vpn_gateway resource is keyed by Google's numeric gateway id, which the HA VPN
 *   gateway resource does not expose; an alert on it could not tell one gateway from another.
 * - Google `interconnect.googleapis.com/network/attachment/capacity`: an attachment's provisioned
 *   capacity, which no failure changes; and `…/network/interconnect/link/operational` (per circuit,
 *   `link_id`): a Cross-Cloud Interconnect port here is one circuit, whose state the bundle's
 *   `interconnect/operational` already is.
 * - Google `router.googleapis.com/bfd/session_up` (label `peer_ip`): every failure that takes a BFD
 *   session down takes its BGP session down too, and HA VPN sessions run no BFD.
 * - The managed interconnect: AWS documents no CloudWatch metric for an AWS Interconnect - multicloud
 *   connection, and Google's metric list (networkconnectivity.googleapis.com: quota metrics only)
 *   none for a Transport. Its failure domains are reported as not watchable by any metric.
 */
import { Cloud, FailureKind, LinkKind } from "../topology";

export enum Severity {
    /** The surviving capacity still meets the requirement: one more failure may breach it. */
    RedundancyLost = "redundancy-lost",
    /** The surviving capacity is below the requirement, or the clouds are cut. */
    RequirementBreached = "requirement-breached",
}

/** A value a component fills in from a resource it declared: an id, an address, a name. */
export enum RefKind {
    /** An AWS VPN connection's id (`vpn-…`). Subject: the connection's topology id. */
    AwsVpnId = "awsVpnId",
    /** The AWS outside address of one tunnel. Subject: the tunnel's link id. */
    AwsTunnelIp = "awsTunnelIp",
    /** The id of the dedicated connection a port's LAG is made from. Subject: the port's topology id. */
    AwsPortConnectionId = "awsPortConnectionId",
    /** The id of the LAG a transit VIF rides. Subject: the attachment's link id. */
    AwsVifConnectionId = "awsVifConnectionId",
    /** A transit VIF's id. Subject: the attachment's link id. */
    AwsVifId = "awsVifId",
    /** A Cloud Router BGP peer's name. Subject: the link id. */
    GcpPeerName = "gcpPeerName",
    /** A Google VPN tunnel's name. Subject: the tunnel's link id. */
    GcpTunnelName = "gcpTunnelName",
    /** A Google interconnect's name. Subject: the port's topology id. */
    GcpInterconnectName = "gcpInterconnectName",
}

export interface Ref {
    ref: RefKind;
    subject: string;
}

export type Value = string | Ref;

export function isRef(value: unknown): value is Ref {
    return typeof value === "object" && value !== null && "ref" in value && "subject" in value;
}

export enum SignalKind {
    /** AWS/VPN TunnelState by VpnId: both tunnels of one connection, datapoints together. */
    AwsVpnTunnels = "aws-vpn-tunnels",
    /** AWS/VPN TunnelState by VpnId and TunnelIpAddress: one tunnel. */
    AwsVpnTunnel = "aws-vpn-tunnel",
    /** AWS/DX ConnectionState of a port's dedicated connection. */
    AwsDxConnection = "aws-dx-connection",
    /** AWS/DX VirtualInterfaceBgpStatus of a transit VIF. */
    AwsDxVifBgp = "aws-dx-vif-bgp",
    /** AWS/DX ConnectionErrorCount of a port's dedicated connection. */
    AwsDxErrors = "aws-dx-errors",
    /** router.googleapis.com/bgp/session_up of a link's BGP peer. */
    GcpBgpSession = "gcp-bgp-session",
    /** vpn.googleapis.com/tunnel_established of a tunnel. */
    GcpVpnTunnel = "gcp-vpn-tunnel",
    /** interconnect.googleapis.com/network/interconnect/operational of a port. */
    GcpInterconnect = "gcp-interconnect",
    /** interconnect.googleapis.com/network/interconnect/link/rx_power of a port's circuits. */
    GcpRxPower = "gcp-rx-power",
    /** router.googleapis.com/dynamic_routes/learned_routes/any_dropped_unique_destinations in a region. */
    GcpRoutesDropped = "gcp-routes-dropped",
}

/** The failure kinds of a physical port, its LAG and where they are: what cuts the fibre or its ends. */
export const PHYSICAL_KINDS: readonly FailureKind[] = ["port", "awsDevice", "awsLocation", "metro", "edgeDomain"];
/** What takes an IPsec tunnel down, below BGP. */
export const TUNNEL_KINDS: readonly FailureKind[] = ["tunnel", "vpnInterface", "awsVpnConnection"];
const EVERY_CUT: readonly FailureKind[] = [...PHYSICAL_KINDS, ...TUNNEL_KINDS, "region", "cloudRouter", "managedConnection"];

export interface SignalSpec {
    cloud: Cloud;
    /** What one series is about. */
    subject: "link" | "port" | "vpnConnection" | "region";
    /** The metric as the provider names it. */
    metric: string;
    /** Where the provider documents it. */
    source: string;
    /**
     * The failure kinds after which the series reports its element down. A BGP status goes down with
     * anything that cuts its link; a port's physical state only with the port, its device or place;
     * an IPsec tunnel's state not with its Cloud Router, which only carries BGP.
     */
    downOn: readonly FailureKind[];
    /** The failure kinds after which the series stops altogether: Google cannot publish for a region that is down. */
    missingOn: readonly FailureKind[];
    /** Values as the provider reports them: up, down, and (for degradation signals) degraded. */
    up: number;
    down: number;
    degraded?: number;
}

const AWS_VPN_SOURCE = "AWS Site-to-Site VPN User Guide, \"Monitoring your Site-to-Site VPN connection\" (CloudWatch metrics and dimensions)";
const AWS_DX_SOURCE = "AWS Direct Connect User Guide, \"AWS Direct Connect metrics and dimensions\"";
const GCP_ROUTER_SOURCE = "Google Cloud metrics: router (Cloud Router, \"View logs and metrics\"); monitored resource gce_router";
const GCP_VPN_SOURCE = "Google Cloud metrics: vpn (Cloud VPN, \"View logs and metrics\"); monitored resource vpn_gateway";
const GCP_INTERCONNECT_SOURCE = "Google Cloud metrics: interconnect (\"Google Cloud metrics: I through O\"); monitored resource interconnect";

export const SIGNALS: Readonly<Record<SignalKind, SignalSpec>> = {
    [SignalKind.AwsVpnTunnels]: {
        cloud: Cloud.Aws, subject: "vpnConnection", metric: "AWS/VPN TunnelState {VpnId}", source: AWS_VPN_SOURCE,
        // TunnelState of a BGP tunnel is 1 only while BGP is established: its Cloud Router counts too.
        downOn: [...TUNNEL_KINDS, "cloudRouter", "region"], missingOn: [], up: 1, down: 0,
    },
    [SignalKind.AwsVpnTunnel]: {
        cloud: Cloud.Aws, subject: "link", metric: "AWS/VPN TunnelState {VpnId, TunnelIpAddress}", source: AWS_VPN_SOURCE,
        downOn: [...TUNNEL_KINDS, "cloudRouter", "region"], missingOn: [], up: 1, down: 0,
    },
    [SignalKind.AwsDxConnection]: {
        cloud: Cloud.Aws, subject: "port", metric: "AWS/DX ConnectionState {ConnectionId}", source: AWS_DX_SOURCE,
        downOn: PHYSICAL_KINDS, missingOn: [], up: 1, down: 0,
    },
    [SignalKind.AwsDxVifBgp]: {
        cloud: Cloud.Aws, subject: "link", metric: "AWS/DX VirtualInterfaceBgpStatus {ConnectionId, VirtualInterfaceId, IpAddressFamily}", source: AWS_DX_SOURCE,
        downOn: [...PHYSICAL_KINDS, "cloudRouter", "region"], missingOn: [], up: 1, down: 0,
    },
    [SignalKind.AwsDxErrors]: {
        cloud: Cloud.Aws, subject: "port", metric: "AWS/DX ConnectionErrorCount {ConnectionId}", source: AWS_DX_SOURCE,
        // A dead port counts no frames, so no errors: the count speaks of a port that works badly.
        downOn: [], missingOn: [], up: 0, down: 0, degraded: 12,
    },
    [SignalKind.GcpBgpSession]: {
        cloud: Cloud.Gcp, subject: "link", metric: "router.googleapis.com/bgp/session_up", source: GCP_ROUTER_SOURCE,
        downOn: EVERY_CUT, missingOn: ["region"], up: 1, down: 0,
    },
    [SignalKind.GcpVpnTunnel]: {
        cloud: Cloud.Gcp, subject: "link", metric: "vpn.googleapis.com/tunnel_established", source: GCP_VPN_SOURCE,
        downOn: [...TUNNEL_KINDS, "region"], missingOn: ["region"], up: 1, down: 0,
    },
    [SignalKind.GcpInterconnect]: {
        cloud: Cloud.Gcp, subject: "port", metric: "interconnect.googleapis.com/network/interconnect/operational", source: GCP_INTERCONNECT_SOURCE,
        downOn: PHYSICAL_KINDS, missingOn: [], up: 1, down: 0,
    },
    [SignalKind.GcpRxPower]: {
        cloud: Cloud.Gcp, subject: "port", metric: "interconnect.googleapis.com/network/interconnect/link/rx_power", source: GCP_INTERCONNECT_SOURCE,
        // A dark fibre reads far below any receiver's sensitivity; a dirty or bent one reads low.
        downOn: PHYSICAL_KINDS, missingOn: [], up: -3, down: -40, degraded: -14,
    },
    [SignalKind.GcpRoutesDropped]: {
        cloud: Cloud.Gcp, subject: "region", metric: "router.googleapis.com/dynamic_routes/learned_routes/any_dropped_unique_destinations", source: GCP_ROUTER_SOURCE,
        downOn: [], missingOn: [], up: 0, down: 0, degraded: 1,
    },
};

/**
 * Received light below which a port is degraded: Google's guidance for interconnect optics, "a
 * -7dBm warning and a -11dBm alarm are good optical value estimates for most links" (Compute Engine
 * API, InterconnectDiagnostics.LinkOpticalPower). AWS publishes no threshold for the same fibre.
 */
export const RX_POWER_ALARM_DBM = -11;

/**
 * CloudWatch's limit on an alarm over a metric math expression: "Alarms based on metric math
 * expressions can reference a maximum of 10 metrics" (CloudWatch User Guide, alarm limits).
 */
export const MAX_METRICS_PER_AWS_ALARM = 10;

/** The kinds of link whose elements publish each signal. */
const SIGNAL_LINKS: Readonly<Record<SignalKind, readonly LinkKind[]>> = {
    [SignalKind.AwsVpnTunnels]: [LinkKind.HaVpn],
    [SignalKind.AwsVpnTunnel]: [LinkKind.HaVpn],
    [SignalKind.AwsDxConnection]: [LinkKind.Dedicated],
    [SignalKind.AwsDxVifBgp]: [LinkKind.Dedicated],
    [SignalKind.AwsDxErrors]: [LinkKind.Dedicated],
    [SignalKind.GcpBgpSession]: [LinkKind.HaVpn, LinkKind.Dedicated],
    [SignalKind.GcpVpnTunnel]: [LinkKind.HaVpn],
    [SignalKind.GcpInterconnect]: [LinkKind.Dedicated],
    [SignalKind.GcpRxPower]: [LinkKind.Dedicated],
    [SignalKind.GcpRoutesDropped]: [],
};

/** The signals that report a failure of this kind on a link of this kind: what an alarm watching it can read. */
export function signalsSeeing(failure: FailureKind, link: LinkKind): SignalKind[] {
    return (Object.keys(SIGNALS) as SignalKind[]).filter((k) => SIGNAL_LINKS[k].includes(link)
        && (SIGNALS[k].downOn.includes(failure) || SIGNALS[k].missingOn.includes(failure)));
}

/**
 * What a failure of this kind does to every signal (down, stopped, or nothing), as a key: two
 * failures of kinds with the same key that cut the same links change the same series the same way.
 */
export function signalEffect(kind: FailureKind): string {
    return (Object.keys(SIGNALS) as SignalKind[])
        .map((k) => (SIGNALS[k].missingOn.includes(kind) ? "m" : SIGNALS[k].downOn.includes(kind) ? "d" : "-"))
        .join("");
}
