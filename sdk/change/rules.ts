/**
 * What changing each input of each resource a cross-cloud link rides on does to its traffic: nothing
 * (updated in place), an interruption of what it names while the update applies, a replacement
 * (down until the new one is up and the other cloud has learned its new values), or unknown. Every
 * rule names its source (sources.ts): the providers' documentation for what an update does to
 * traffic, the Pulumi providers' own sources for which inputs force a replacement.
 *
 * An input no rule names gets the `unknown` effect, never `none`.
 */
import { SOURCES } from "./sources";
import { Basis, Duration, Effect, Source } from "./types";

/**
 * Which of the links riding a resource a change takes down: all of them, one AWS tunnel of a VPN
 * connection, every link on the same LAG, or every link on the same Cloud Router.
 */
export enum Scope {
    Links = "links",
    Tunnel1 = "tunnel1",
    Tunnel2 = "tunnel2",
    Lag = "lag",
    CloudRouter = "cloud-router",
}

export interface ChangeRule {
    /** Input paths: `bandwidth` covers `bandwidth` and anything under it; a trailing `*` matches a prefix (`tunnel1*`). */
    fields: readonly string[];
    effect: Effect;
    /** What goes down, in words: `the tunnel`, `the VPN connection (both tunnels)`. */
    outage?: string;
    scope?: Scope;
    duration?: Duration;
    /** After a replacement: what the other cloud must learn before traffic flows again. */
    relearn?: string;
    /** Why, in a few words, when the effect alone does not say. */
    note?: string;
    source: Source;
}

export interface TypeRules {
    /** What the resource is, in the provider's words. */
    what: string;
    /** First match wins. */
    rules: readonly ChangeRule[];
}

const documented = (text: string): Duration => ({ text, basis: Basis.Documented });
const typical = (text: string): Duration => ({ text, basis: Basis.Typical });

/** A BGP session coming back: Cloud Router's default keepalive is 20 s, its hold time three times that. */
const BGP_BACK = typical("until BGP re-establishes: up to the 60 s hold time");
const NEW_TUNNEL = typical("minutes: the new tunnel negotiates IKE, then BGP");
const NEW_PORT = typical("days to weeks: a new port needs its LOA-CFA, a cross-connect and the provider's tests");
const NEW_VIF = typical("minutes: the new virtual interface comes up, then BGP");
const BRIEF = documented("a brief period");

const TAGS = ["tags", "tagsAll", "labels", "effectiveLabels", "pulumiLabels", "description"];

/** Inputs the Pulumi providers read themselves and never send to the cloud. */
const PROVIDER_ONLY = ["skipDestroy", "forceDestroy", "deletionPolicy"];

function tunnelRules(n: 1 | 2): ChangeRule[] {
    const scope = n === 1 ? Scope.Tunnel1 : Scope.Tunnel2;
    return [
        {
            fields: [`tunnel${n}InsideCidr`, `tunnel${n}InsideIpv6Cidr`], effect: Effect.Interrupts, scope, outage: `AWS tunnel ${n}`, duration: documented("while the tunnel is updated"),
            relearn: "Google's router interface and BGP peer take the new inside addresses (the interface is replaced)",
            note: "ModifyVpnTunnelOptions, in place", source: SOURCES.awsInsideCidrInPlace,
        },
        {
            fields: [`tunnel${n}PresharedKey`], effect: Effect.Interrupts, scope, outage: `AWS tunnel ${n}`, duration: documented("while the tunnel is updated"),
            relearn: "Google's tunnel takes the new key (Google replaces a tunnel whose shared secret changes)",
            note: "ModifyVpnTunnelOptions, in place", source: SOURCES.awsEndpointReplacements,
        },
        {
            fields: [`tunnel${n}*`], effect: Effect.Interrupts, scope, outage: `AWS tunnel ${n}`, duration: documented("while the tunnel is updated"),
            note: "ModifyVpnTunnelOptions changes one tunnel at a time; the modified tunnel is unavailable during the update", source: SOURCES.awsModifyTunnelOptions,
        },
    ];
}

export const CHANGE_RULES: Readonly<Record<string, TypeRules>> = {
    "aws:ec2/vpnConnection:VpnConnection": {
        what: "AWS Site-to-Site VPN connection",
        rules: [
            { fields: ["tags", "tagsAll"], effect: Effect.None, source: SOURCES.tfVpnConnection },
            {
                fields: ["type", "staticRoutesOnly", "enableAcceleration", "tunnelInsideIpVersion", "region"], effect: Effect.Replaced,
                outage: "the VPN connection (both tunnels)", duration: NEW_TUNNEL,
                relearn: "Google's peer gateway and tunnels take the new outside addresses and keys", source: SOURCES.tfVpnConnection,
            },
            {
                fields: ["tunnelBandwidth"], effect: Effect.Replaced, outage: "the VPN connection (both tunnels)", duration: NEW_TUNNEL,
                relearn: "Google's peer gateway and tunnels take the new outside addresses and keys",
                note: "counted as a replacement: AWS changes it in place (both tunnels briefly down) only in some Regions, elsewhere the connection is made again",
                source: SOURCES.awsTunnelBandwidth,
            },
            {
                fields: ["customerGatewayId", "transitGatewayId", "vpnGatewayId"], effect: Effect.Interrupts, outage: "the VPN connection (both tunnels)",
                duration: documented("while AWS provisions new tunnel endpoints"), note: "ModifyVpnConnection", source: SOURCES.awsEndpointReplacements,
            },
            {
                fields: ["localIpv4NetworkCidr", "remoteIpv4NetworkCidr", "localIpv6NetworkCidr", "remoteIpv6NetworkCidr"], effect: Effect.Interrupts,
                outage: "the VPN connection (both tunnels)", duration: BRIEF, note: "ModifyVpnConnectionOptions", source: SOURCES.awsModifyConnectionOptions,
            },
            ...tunnelRules(1),
            ...tunnelRules(2),
        ],
    },
    "aws:ec2/customerGateway:CustomerGateway": {
        what: "AWS customer gateway",
        rules: [
            { fields: ["tags", "tagsAll"], effect: Effect.None, source: SOURCES.tfCustomerGateway },
            {
                fields: ["*"], effect: Effect.Replaced, outage: "its VPN connection (both tunnels), while the connection moves to the new gateway",
                duration: documented("while AWS provisions new tunnel endpoints"), source: SOURCES.tfCustomerGateway,
            },
        ],
    },
    "aws:ec2transitgateway/transitGateway:TransitGateway": {
        what: "AWS Transit Gateway",
        rules: [
            { fields: ["tags", "tagsAll", "description"], effect: Effect.None, source: SOURCES.tfTransitGateway },
            {
                fields: ["amazonSideAsn", "region"], effect: Effect.Replaced, outage: "every VPN connection and Direct Connect association on it", duration: NEW_TUNNEL,
                relearn: "every Google BGP peer takes the new ASN", source: SOURCES.tfTransitGateway,
            },
        ],
    },
    "aws:directconnect/connection:Connection": {
        what: "AWS Direct Connect dedicated connection",
        rules: [
            { fields: ["tags", "tagsAll", "name", ...PROVIDER_ONLY], effect: Effect.None, source: SOURCES.tfDxConnection },
            {
                fields: ["bandwidth", "location", "requestMacsec", "providerName", "region"], effect: Effect.Replaced, outage: "the port's links", duration: NEW_PORT,
                relearn: "a new LOA-CFA for Google's Cross-Cloud Interconnect and a new cross-connect", source: SOURCES.tfDxConnection,
            },
            { fields: ["encryptionMode"], effect: Effect.Unknown, note: "MACsec mode: traffic stops if the other end cannot encrypt as required", source: SOURCES.tfDxConnection },
        ],
    },
    "aws:directconnect/linkAggregationGroup:LinkAggregationGroup": {
        what: "AWS Direct Connect LAG",
        rules: [
            { fields: ["tags", "tagsAll", "name", ...PROVIDER_ONLY], effect: Effect.None, source: SOURCES.tfDxLag },
            {
                fields: ["connectionsBandwidth", "location", "connectionId", "providerName", "region"], effect: Effect.Replaced, outage: "every virtual interface on the LAG",
                duration: NEW_PORT, relearn: "a new LOA-CFA and cross-connect for Google's port, and new transit VIFs", source: SOURCES.tfDxLag,
            },
        ],
    },
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": {
        what: "AWS Direct Connect transit virtual interface",
        rules: [
            { fields: ["tags", "tagsAll"], effect: Effect.None, source: SOURCES.tfTransitVif },
            {
                fields: ["mtu"], effect: Effect.Interrupts, scope: Scope.Lag, outage: "every virtual interface on its LAG, when the LAG is not yet jumbo-frame capable",
                duration: documented("up to 30 s"), source: SOURCES.awsVifMtu,
            },
            { fields: ["sitelinkEnabled"], effect: Effect.Unknown, note: "SiteLink changes routing between Direct Connect locations", source: SOURCES.tfTransitVif },
            {
                fields: ["*"], effect: Effect.Replaced, outage: "the virtual interface's BGP session", duration: NEW_VIF,
                relearn: "Google's attachment and BGP peer must match its VLAN, addresses and MD5 key", source: SOURCES.tfTransitVif,
            },
        ],
    },
    "aws:directconnect/bgpPeer:BgpPeer": {
        what: "AWS Direct Connect BGP peer (a transit VIF's IPv6 session)",
        rules: [
            {
                fields: ["*"], effect: Effect.Replaced, outage: "the virtual interface's IPv6 BGP session", duration: typical("minutes: the new peer is configured, then BGP"),
                relearn: "AWS assigns the new peer new IPv6 addresses, which Google's attachment takes only when it is created anew", source: SOURCES.tfDxBgpPeer,
            },
        ],
    },
    "aws:directconnect/gateway:Gateway": {
        what: "AWS Direct Connect gateway",
        rules: [
            { fields: ["name", "tags", "tagsAll"], effect: Effect.None, source: SOURCES.tfDxGateway },
            {
                fields: ["amazonSideAsn"], effect: Effect.Replaced, outage: "every virtual interface and managed connection on it", duration: NEW_VIF,
                relearn: "every Google BGP peer takes the new peer ASN", source: SOURCES.tfDxGateway,
            },
        ],
    },
    "aws:directconnect/gatewayAssociation:GatewayAssociation": {
        what: "AWS Direct Connect gateway association",
        rules: [
            { fields: ["allowedPrefixes"], effect: Effect.None, note: "the prefixes AWS advertises change; sessions stay up", source: SOURCES.tfDxGatewayAssociation },
            {
                fields: ["*"], effect: Effect.Replaced, outage: "every link through the Direct Connect gateway, until the new association is up",
                duration: typical("minutes: the association is made again"), source: SOURCES.tfDxGatewayAssociation,
            },
        ],
    },
    "aws-native:interconnect:Connection": {
        what: "AWS Interconnect - multicloud connection",
        rules: [
            { fields: ["description", "tags"], effect: Effect.None, source: SOURCES.awsInterconnectUpdate },
            {
                fields: ["activationKey", "attachPoint", "environmentId", "remoteAccount"], effect: Effect.Replaced, outage: "the managed connection",
                duration: typical("minutes once both clouds accept the new connection"), relearn: "Google's Transport accepts the new connection's activation key",
                source: SOURCES.awsNativeConnection,
            },
            {
                fields: ["bandwidth"], effect: Effect.Unknown, note: "AWS changes it in place (UpdateConnection) once Google acknowledges; AWS documents no effect on traffic",
                source: SOURCES.awsInterconnectUpdate,
            },
        ],
    },
    "gcp:compute/vPNTunnel:VPNTunnel": {
        what: "Google HA VPN tunnel",
        rules: [
            { fields: TAGS, effect: Effect.None, source: SOURCES.gcpVpnTunnel },
            { fields: ["*"], effect: Effect.Replaced, outage: "the tunnel", duration: NEW_TUNNEL, source: SOURCES.gcpVpnTunnel },
        ],
    },
    "gcp:compute/haVpnGateway:HaVpnGateway": {
        what: "Google HA VPN gateway",
        rules: [
            { fields: TAGS.filter((f) => f !== "description"), effect: Effect.None, source: SOURCES.gcpHaVpnGateway },
            {
                fields: ["*"], effect: Effect.Replaced, outage: "every tunnel of the gateway", duration: NEW_TUNNEL,
                relearn: "AWS's customer gateways take the gateway's new interface addresses, and both VPN connections move to them", source: SOURCES.gcpHaVpnGateway,
            },
        ],
    },
    "gcp:compute/externalVpnGateway:ExternalVpnGateway": {
        what: "Google peer (external) VPN gateway",
        rules: [
            { fields: ["labels", "effectiveLabels", "pulumiLabels"], effect: Effect.None, source: SOURCES.gcpExternalVpnGateway },
            { fields: ["*"], effect: Effect.Replaced, outage: "every tunnel to the peer gateway", duration: NEW_TUNNEL, source: SOURCES.gcpExternalVpnGateway },
        ],
    },
    "gcp:compute/router:Router": {
        what: "Google Cloud Router",
        rules: [
            { fields: ["description"], effect: Effect.None, source: SOURCES.gcpRouter },
            { fields: ["bgp.advertise*"], effect: Effect.None, note: "the routes it advertises change; sessions stay up", source: SOURCES.gcpRoutePriority },
            {
                fields: ["bgp.identifierRange"], effect: Effect.Interrupts, scope: Scope.CloudRouter, outage: "every BGP session on the router (its router ID changes)",
                duration: BGP_BACK, source: SOURCES.gcpBgpIdentifier,
            },
            { fields: ["bgp.asn"], effect: Effect.Unknown, scope: Scope.CloudRouter, note: "Google documents the ASN as fixed for the router; every peer's ASN would change", source: SOURCES.gcpRouter },
            {
                fields: ["name", "network", "region", "project", "encryptedInterconnectRouter", "nccGateway"], effect: Effect.Replaced, scope: Scope.CloudRouter,
                outage: "every BGP session on the router", duration: BGP_BACK, source: SOURCES.gcpRouter,
            },
        ],
    },
    "gcp:compute/routerInterface:RouterInterface": {
        what: "Google Cloud Router interface",
        rules: [
            { fields: [...PROVIDER_ONLY], effect: Effect.None, source: SOURCES.gcpRouterInterface },
            { fields: ["*"], effect: Effect.Replaced, outage: "the BGP session on the interface", duration: BGP_BACK, source: SOURCES.gcpRouterInterface },
        ],
    },
    "gcp:compute/routerPeer:RouterPeer": {
        what: "Google Cloud Router BGP peer",
        rules: [
            {
                fields: ["advertiseMode", "advertisedGroups", "advertisedIpRanges", "advertisedRoutePriority", "zeroAdvertisedRoutePriority",
                    "customLearnedIpRanges", "customLearnedRoutePriority", "zeroCustomLearnedRoutePriority", "importPolicies", "exportPolicies"],
                effect: Effect.None, note: "routes and their priorities change; the session stays up", source: SOURCES.gcpRoutePriority,
            },
            {
                fields: ["md5AuthenticationKey"], effect: Effect.Interrupts, outage: "the BGP session, until both ends use the same key", duration: BGP_BACK,
                relearn: "AWS's virtual interface takes the new key (AWS replaces the VIF)", source: SOURCES.gcpBgpMd5,
            },
            { fields: ["enable"], effect: Effect.Interrupts, outage: "the BGP session (a disabled session is shut down)", duration: BGP_BACK, source: SOURCES.gcpDisableBgp },
            {
                fields: ["peerAsn", "peerIpAddress", "ipAddress", "peerIpv4NexthopAddress", "ipv4NexthopAddress"], effect: Effect.Interrupts,
                outage: "the BGP session, re-established with the new values", duration: BGP_BACK, source: SOURCES.gcpRouterPeer,
            },
            { fields: ["name", "router", "region", "interface", "project"], effect: Effect.Replaced, outage: "the BGP session", duration: BGP_BACK, source: SOURCES.gcpRouterPeer },
        ],
    },
    "gcp:compute/routerRoutePolicy:RouterRoutePolicy": {
        what: "Google Cloud Router route policy",
        rules: [
            { fields: ["terms"], effect: Effect.None, note: "learned routes are re-evaluated; sessions stay up", source: SOURCES.gcpRoutePolicy },
        ],
    },
    "gcp:compute/interconnect:Interconnect": {
        what: "Google Cross-Cloud Interconnect port",
        rules: [
            { fields: [...TAGS, "nocContactEmail", ...PROVIDER_ONLY], effect: Effect.None, source: SOURCES.gcpInterconnect },
            { fields: ["requestedLinkCount"], effect: Effect.None, note: "the circuits form a LACP bundle: traffic is not disrupted", source: SOURCES.gcpModifyConnections },
            { fields: ["adminEnabled"], effect: Effect.Interrupts, outage: "the port: a disabled port carries no packets", duration: documented("while disabled"), source: SOURCES.gcpInterconnect },
            {
                fields: ["linkType", "interconnectType", "remoteLocation", "requestedFeatures", "customerName", "name", "project"], effect: Effect.Replaced,
                outage: "the port's links", duration: NEW_PORT, relearn: "AWS's LAG for the port, and its LOA-CFA", source: SOURCES.gcpModifyConnections,
            },
            { fields: ["location"], effect: Effect.Unknown, note: "the provider sends it as an update, and Google documents no move of a connection: order a new port", source: SOURCES.gcpInterconnect },
        ],
    },
    "gcp:compute/interconnectAttachment:InterconnectAttachment": {
        what: "Google VLAN attachment",
        rules: [
            { fields: ["description", "labels", "effectiveLabels", "pulumiLabels"], effect: Effect.None, source: SOURCES.gcpAttachment },
            {
                fields: ["bandwidth", "mtu"], effect: Effect.Interrupts, outage: "the attachment, in rare cases", duration: documented("less than a minute, if at all"),
                source: SOURCES.gcpModifyAttachments,
            },
            { fields: ["stackType"], effect: Effect.Interrupts, outage: "the attachment's traffic may be rerouted or dropped", duration: BGP_BACK, source: SOURCES.gcpModifyAttachments },
            { fields: ["adminEnabled"], effect: Effect.Interrupts, outage: "the attachment, while disabled", duration: documented("while disabled"), source: SOURCES.gcpAttachment },
            {
                fields: ["interconnect", "type", "router", "region", "vlanTag8021q", "candidateSubnets", "candidateCloudRouterIpAddress", "candidateCustomerRouterIpAddress",
                    "candidateCloudRouterIpv6Address", "candidateCustomerRouterIpv6Address", "subnetLength", "edgeAvailabilityDomain", "encryption", "ipsecInternalAddresses",
                    "name", "project"],
                effect: Effect.Replaced, outage: "the attachment", duration: NEW_VIF,
                relearn: "AWS's transit VIF takes the new VLAN and BGP addresses (AWS replaces the VIF)", source: SOURCES.gcpModifyAttachments,
            },
        ],
    },
    "gcp:compute/interconnectGroup:InterconnectGroup": {
        what: "Google interconnect group (SLA intent)",
        rules: [{ fields: ["*"], effect: Effect.None, note: "declares intent for Google's SLA verdict; carries no traffic", source: SOURCES.gcpGroups }],
    },
    "gcp:compute/interconnectAttachmentGroup:InterconnectAttachmentGroup": {
        what: "Google attachment group (SLA intent)",
        rules: [{ fields: ["*"], effect: Effect.None, note: "declares intent for Google's SLA verdict; carries no traffic", source: SOURCES.gcpGroups }],
    },
    "gcp:networkconnectivity/transport:Transport": {
        what: "Google Partner Cross-Cloud Interconnect transport",
        rules: [
            { fields: ["description", "advertisedRoutes", "labels", "effectiveLabels", "pulumiLabels", ...PROVIDER_ONLY], effect: Effect.None, source: SOURCES.gcpManageTransports },
            {
                fields: ["name", "remoteProfile", "network", "hub", "pscRoutingEnabled", "autoAccept", "region", "project"], effect: Effect.Replaced, outage: "the managed connection",
                duration: typical("minutes once AWS accepts the new transport's key"), relearn: "AWS's connection accepts the new transport's activation key (the AWS connection is made again)",
                source: SOURCES.gcpTransport,
            },
            { fields: ["adminEnabled"], effect: Effect.Interrupts, outage: "the managed connection: connectivity is disabled", duration: documented("while disabled"), source: SOURCES.gcpTransport },
            {
                fields: ["bandwidth", "stackType", "remoteAccountId", "providedActivationKey"], effect: Effect.Unknown,
                note: "the provider sends it as an update; Google documents only description and advertisedRoutes as updatable on a transport (AWS documents a bandwidth change from its side, UpdateConnection)",
                source: SOURCES.gcpManageTransports,
            },
        ],
    },
    "gcp:compute/networkPeering:NetworkPeering": {
        what: "Google VPC network peering",
        rules: [
            { fields: ["importCustomRoutes", "exportCustomRoutes", "importSubnetRoutesWithPublicIp", "exportSubnetRoutesWithPublicIp"], effect: Effect.None, note: "routes exchanged change", source: SOURCES.gcpNetworkPeering },
            { fields: ["name", "network", "peerNetwork"], effect: Effect.Replaced, outage: "the managed connection's routes, until peered again", duration: typical("minutes"), source: SOURCES.gcpNetworkPeering },
        ],
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        what: "CloudWatch alarm",
        rules: [{ fields: ["*"], effect: Effect.None, note: "watches metrics the links publish; carries no traffic", source: SOURCES.awsMetricAlarm }],
    },
    "gcp:monitoring/alertPolicy:AlertPolicy": {
        what: "Cloud Monitoring alert policy",
        rules: [{ fields: ["*"], effect: Effect.None, note: "watches metrics the links publish; carries no traffic", source: SOURCES.gcpAlertPolicy }],
    },
    "random:index/randomPassword:RandomPassword": {
        what: "generated key",
        rules: [{ fields: ["*"], effect: Effect.Replaced, note: "a new key: every resource that uses it changes with it", source: SOURCES.randomPassword }],
    },
};

/** Adding or removing a BGP session on a Cloud Router without an explicit BGP identifier range. */
export const ROUTER_ID_RULE: ChangeRule = {
    fields: [], effect: Effect.Unknown, scope: Scope.CloudRouter,
    outage: "the router's other BGP sessions, if its router ID changes",
    duration: BGP_BACK, note: "the router has no explicit BGP identifier range (bgp.identifierRange) that this plan can see", source: SOURCES.gcpBgpIdentifier,
};

/** The rule for one input path of one resource type: the first that names it; `unknown` when none does. */
export function ruleFor(type: string, path: string): ChangeRule {
    const rules = CHANGE_RULES[type]?.rules ?? [];
    return rules.find((r) => r.fields.some((f) => matches(f, path))) ?? unknownRule(type, path);
}

/** A resource that carries no traffic whatever changes on it (an alarm, a group declaring intent): it never joins the steps of the links it watches. */
export function carriesNoTraffic(type: string): boolean {
    const rules = CHANGE_RULES[type]?.rules ?? [];
    return rules.length === 1 && rules[0].fields.length === 1 && rules[0].fields[0] === "*" && rules[0].effect === Effect.None;
}

export function describeType(type: string): string {
    return CHANGE_RULES[type]?.what ?? type;
}

function matches(pattern: string, path: string): boolean {
    if (pattern === "*") return true;
    if (pattern.endsWith("*")) return path.startsWith(pattern.slice(0, -1));
    return path === pattern || path.startsWith(`${pattern}.`);
}

function unknownRule(type: string, path: string): ChangeRule {
    return {
        fields: [path], effect: Effect.Unknown,
        note: CHANGE_RULES[type] ? `no documented rule for ${path}` : `no documented rule for ${type}`,
        source: { title: "no rule: crosscloud does not know what this change does to traffic", url: "" },
    };
}
