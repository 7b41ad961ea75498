import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/gcp/compute";
import { AddressFamily } from "../../sdk/addressFamily";
import { advertisedOf, GOOGLE_IKE, HaVpnPlan } from "../../sdk/plans/haVpn";
import { haVpnNames } from "../../sdk/plans/names";
import { MATCH_EVERY_ROUTE, setMed } from "../../sdk/preference";
import { GoogleSideArgs } from "../sides";
import { AwsTunnelEnd } from "./aws";

/** A Google tunnel and the BGP peer that runs over it. */
export interface GoogleTunnel {
    tunnel: compute.VPNTunnel;
    peer: compute.RouterPeer;
}

export interface GoogleGateway {
    gateway: compute.HaVpnGateway;
    /** The public addresses of HA VPN interfaces 0 and 1. */
    addresses: pulumi.Output<string>[];
    routerName: pulumi.Output<string>;
}

/** The Cloud Router when none is given: both families' sessions run on it. */
export function declareRouter(name: string, plan: HaVpnPlan, google: GoogleSideArgs, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    const { network, region, project } = google;
    return google.router !== undefined
        ? pulumi.output(google.router)
        : new compute.Router(haVpnNames(name).router, { network, region, project, bgp: { asn: plan.routerAsn } }, opts).name;
}

/**
 * One family's HA VPN gateway. The IPv6 tunnels' gateway has stack type IPV4_IPV6, which Google
 * requires of a gateway whose tunnels carry IPv6 (HaVpnGateway `stackType`); its outside addresses
 * stay IPv4, as AWS's customer gateways take them.
 */
export function declareGoogleGateway(name: string, family: AddressFamily, google: GoogleSideArgs, routerName: pulumi.Output<string>, opts: pulumi.CustomResourceOptions): GoogleGateway {
    const { network, region, project } = google;
    const gateway = new compute.HaVpnGateway(haVpnNames(name, family).gateway, {
        network, region, project, ...(family === AddressFamily.Ipv6 && { stackType: "IPV4_IPV6" }),
    }, opts);
    // Google assigns both interfaces their addresses when it creates the gateway.
    const addresses = [0, 1].map((i) => gateway.vpnInterfaces.apply((interfaces) => interfaces[i].ipAddress as string));
    return { gateway, addresses, routerName };
}

/** A backup's import policy, shared by both families' peers: its one term matches every route of either family. */
export function declareImportPolicy(name: string, plan: HaVpnPlan, google: GoogleSideArgs, router: pulumi.Output<string>, opts: pulumi.CustomResourceOptions): compute.RouterRoutePolicy | undefined {
    const { region, project } = google;
    return plan.learnedPriority === undefined ? undefined : new compute.RouterRoutePolicy(haVpnNames(name).importPolicy, {
        router, region, project,
        type: "ROUTE_POLICY_TYPE_IMPORT",
        terms: [{ priority: 0, match: { expression: MATCH_EVERY_ROUTE }, actions: [{ expression: setMed(plan.learnedPriority) }] }],
    }, opts);
}

/**
 * One family's AWS outside addresses as one FOUR_IPS_REDUNDANCY peer, and per tunnel: the tunnel
 * from its HA interface to its peer interface, a router interface on Google's inside address and a
 * BGP peer on AWS's, both as AWS reports them. An IPv6 tunnel's interface is an IPv6 one (a /126 in
 * fdff:1::/64) and its peer an IPv6 BGP session exchanging IPv6 routes only: AWS runs no
 * multiprotocol BGP (Cloud Router "Establish BGP sessions"). A backup's peers import AWS's routes
 * through one route policy that makes them lose to the interconnect's (sdk/preference.ts).
 */
export function declareGoogleTunnels(
    name: string,
    plan: HaVpnPlan,
    google: GoogleSideArgs,
    family: AddressFamily,
    side: GoogleGateway,
    importPolicy: compute.RouterRoutePolicy | undefined,
    awsTunnels: AwsTunnelEnd[],
    keys: pulumi.Output<string>[],
    opts: pulumi.CustomResourceOptions,
): GoogleTunnel[] {
    const { region, project } = google;
    const names = haVpnNames(name, family);
    const router = side.routerName;
    const ipv6 = family === AddressFamily.Ipv6;
    const tunnels = ipv6 ? plan.tunnelsIpv6 : plan.tunnels;
    const advertised = advertisedOf(plan, family);
    const peerGateway = new compute.ExternalVpnGateway(names.peerGateway, {
        redundancyType: "FOUR_IPS_REDUNDANCY",
        interfaces: awsTunnels.map((t, id) => ({ id, ipAddress: t.outsideAddress })),
        project,
    }, opts);
    return tunnels.map((spec) => {
        const aws = awsTunnels[spec.index];
        const tunnel = new compute.VPNTunnel(names.tunnel(spec.index), {
            region, project, router,
            vpnGateway: side.gateway.id,
            vpnGatewayInterface: spec.haInterface,
            peerExternalGateway: peerGateway.id,
            peerExternalGatewayInterface: spec.index,
            sharedSecret: keys[spec.index],
            ...GOOGLE_IKE,
        }, opts);
        const routerInterface = new compute.RouterInterface(names.interface(spec.index), {
            region, project, router,
            vpnTunnel: tunnel.name,
            ipRange: ipv6 ? pulumi.interpolate`${aws.customerInsideAddress}/126` : pulumi.interpolate`${aws.customerInsideAddress}/30`,
            ...(ipv6 && { ipVersion: "IPV6" }),
        }, opts);
        const peer = new compute.RouterPeer(names.peer(spec.index), {
            region, project, router,
            interface: routerInterface.name,
            peerIpAddress: aws.insideAddress,
            peerAsn: aws.asn.apply(Number),
            advertisedRoutePriority: plan.routePriority,
            advertiseMode: "CUSTOM",
            advertisedIpRanges: advertised.map((range) => ({ range })),
            ...(ipv6 && { enableIpv6: true, enableIpv4: false }),
            ...(importPolicy && { importPolicies: [importPolicy.name] }),
        }, opts);
        return { tunnel, peer };
    });
}
