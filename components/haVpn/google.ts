import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/gcp/compute";
import { GOOGLE_IKE, HaVpnPlan } from "../../sdk/plans/haVpn";
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

/** The HA VPN gateway, and the Cloud Router when none is given. */
export function declareGoogleGateway(name: string, plan: HaVpnPlan, google: GoogleSideArgs, opts: pulumi.CustomResourceOptions): GoogleGateway {
    const { network, region, project } = google;
    const names = haVpnNames(name);
    const routerName = google.router !== undefined
        ? pulumi.output(google.router)
        : new compute.Router(names.router, { network, region, project, bgp: { asn: plan.routerAsn } }, opts).name;
    const gateway = new compute.HaVpnGateway(names.gateway, { network, region, project }, opts);
    // Google assigns both interfaces their addresses when it creates the gateway.
    const addresses = [0, 1].map((i) => gateway.vpnInterfaces.apply((interfaces) => interfaces[i].ipAddress as string));
    return { gateway, addresses, routerName };
}

/**
 * The AWS outside addresses as one FOUR_IPS_REDUNDANCY peer, and per tunnel: the tunnel from its HA
 * interface to its peer interface, a router interface on Google's inside address and a BGP peer on
 * AWS's, both as AWS reports them. A backup's peers import AWS's routes through one route policy that
 * makes them lose to the interconnect's (sdk/preference.ts).
 */
export function declareGoogleTunnels(
    name: string,
    plan: HaVpnPlan,
    google: GoogleSideArgs,
    side: GoogleGateway,
    awsTunnels: AwsTunnelEnd[],
    keys: pulumi.Output<string>[],
    opts: pulumi.CustomResourceOptions,
): GoogleTunnel[] {
    const { region, project } = google;
    const names = haVpnNames(name);
    const router = side.routerName;
    const importPolicy = plan.learnedPriority === undefined ? undefined : new compute.RouterRoutePolicy(names.importPolicy, {
        router, region, project,
        type: "ROUTE_POLICY_TYPE_IMPORT",
        terms: [{ priority: 0, match: { expression: MATCH_EVERY_ROUTE }, actions: [{ expression: setMed(plan.learnedPriority) }] }],
    }, opts);
    const peerGateway = new compute.ExternalVpnGateway(names.peerGateway, {
        redundancyType: "FOUR_IPS_REDUNDANCY",
        interfaces: awsTunnels.map((t, id) => ({ id, ipAddress: t.outsideAddress })),
        project,
    }, opts);
    return plan.tunnels.map((spec) => {
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
            ipRange: pulumi.interpolate`${aws.customerInsideAddress}/30`,
        }, opts);
        const peer = new compute.RouterPeer(names.peer(spec.index), {
            region, project, router,
            interface: routerInterface.name,
            peerIpAddress: aws.insideAddress,
            peerAsn: aws.asn.apply(Number),
            advertisedRoutePriority: plan.routePriority,
            advertiseMode: "CUSTOM",
            advertisedIpRanges: plan.advertisedPrefixes.map((range) => ({ range })),
            ...(importPolicy && { importPolicies: [importPolicy.name] }),
        }, opts);
        return { tunnel, peer };
    });
}
