/**
 * The two halves of an HA VPN to AWS as the public guides lay them out (Google's "Create HA VPN
 * connections between Google Cloud and AWS"): two AWS VPN connections on two customer gateways,
 * one per HA VPN interface, and four Google tunnels on a FOUR_IPS_REDUNDANCY peer gateway. What
 * differs between guides (inside ranges, keys, IKE settings, how resources are referenced) is an
 * argument, so every program states its own choices.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as compute from "@pulumi/gcp/compute";

export interface AwsVpnSide {
    /** `transitGatewayId` or `vpnGatewayId`. */
    gateway: { transitGatewayId?: pulumi.Input<string>; vpnGatewayId?: pulumi.Input<string> };
    /** The ASN the AWS gateway speaks (Transit Gateway or virtual private gateway). */
    awsAsn: number;
    googleAsn: number;
    /** Inside /30 of each of the four tunnels; undefined lets AWS pick. */
    insideCidrs?: [string, string, string, string];
    presharedKeys: [pulumi.Input<string>, pulumi.Input<string>, pulumi.Input<string>, pulumi.Input<string>];
    /** `tunnel{1,2}` options pinned on both tunnels of both connections (without the `tunnelN` prefix). */
    tunnelOptions?: Record<string, unknown>;
}

/** Customer gateways at the HA VPN interfaces, and a VPN connection (two tunnels) on each. */
export function awsVpnConnections(name: string, gateway: compute.HaVpnGateway, side: AwsVpnSide): ec2.VpnConnection[] {
    return [0, 1].map((c) => {
        const customerGateway = new ec2.CustomerGateway(`${name}-cgw-${c}`, {
            bgpAsn: String(side.googleAsn),
            ipAddress: gateway.vpnInterfaces.apply((interfaces) => interfaces[c].ipAddress!),
            type: "ipsec.1",
        });
        const tunnel = (n: 1 | 2) => {
            const i = 2 * c + n - 1;
            return {
                ...(side.insideCidrs && { [`tunnel${n}InsideCidr`]: side.insideCidrs[i] }),
                [`tunnel${n}PresharedKey`]: side.presharedKeys[i],
                ...Object.fromEntries(Object.entries(side.tunnelOptions ?? {}).map(([k, v]) => [`tunnel${n}${k}`, v])),
            };
        };
        return new ec2.VpnConnection(`${name}-connection-${c}`, {
            customerGatewayId: customerGateway.id,
            type: "ipsec.1",
            ...side.gateway,
            ...tunnel(1),
            ...tunnel(2),
        });
    });
}

export interface GoogleVpnSide {
    region: string;
    router: compute.Router;
    gateway: compute.HaVpnGateway;
    awsAsn: number;
    connections: ec2.VpnConnection[];
    presharedKeys: [pulumi.Input<string>, pulumi.Input<string>, pulumi.Input<string>, pulumi.Input<string>];
    /** How tunnels name their gateways and router: by `id`, `selfLink` or `name`. */
    referenceBy: "id" | "selfLink" | "name";
    cipherSuite?: compute.VPNTunnelArgs["cipherSuite"];
}

/** The FOUR_IPS peer gateway at AWS's four outside addresses, four tunnels, and BGP on each. */
export function googleTunnels(name: string, side: GoogleVpnSide): void {
    const awsTunnels = side.connections.flatMap((connection) => [
        { address: connection.tunnel1Address, vgw: connection.tunnel1VgwInsideAddress, cgw: connection.tunnel1CgwInsideAddress },
        { address: connection.tunnel2Address, vgw: connection.tunnel2VgwInsideAddress, cgw: connection.tunnel2CgwInsideAddress },
    ]);
    const peerGateway = new compute.ExternalVpnGateway(`${name}-peer`, {
        redundancyType: "FOUR_IPS_REDUNDANCY",
        interfaces: awsTunnels.map((t, id) => ({ id, ipAddress: t.address })),
    });
    const ref = (r: { id: pulumi.Output<string>; selfLink: pulumi.Output<string>; name: pulumi.Output<string> }) => r[side.referenceBy];
    awsTunnels.forEach((t, i) => {
        const tunnel = new compute.VPNTunnel(`${name}-tunnel-${i}`, {
            region: side.region,
            vpnGateway: ref(side.gateway),
            vpnGatewayInterface: i < 2 ? 0 : 1,
            peerExternalGateway: ref(peerGateway),
            peerExternalGatewayInterface: i,
            sharedSecret: side.presharedKeys[i],
            router: ref(side.router),
            ikeVersion: 2,
            cipherSuite: side.cipherSuite,
        });
        const routerInterface = new compute.RouterInterface(`${name}-interface-${i}`, {
            region: side.region,
            router: side.router.name,
            ipRange: pulumi.interpolate`${t.cgw}/30`,
            vpnTunnel: tunnel.name,
        });
        new compute.RouterPeer(`${name}-peer-${i}`, {
            region: side.region,
            router: side.router.name,
            interface: routerInterface.name,
            peerIpAddress: t.vgw,
            peerAsn: side.awsAsn,
        });
    });
}
