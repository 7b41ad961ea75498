import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import { AddressFamily } from "../../sdk/addressFamily";
import { AWS_TUNNEL_OPTIONS, AwsAttachPoint, AwsTunnelOptions, HaVpnPlan, TunnelSpec } from "../../sdk/plans/haVpn";
import { haVpnNames } from "../../sdk/plans/names";
import { Prefix } from "../../sdk/prefix";
import { AwsSideArgs } from "../sides";

/** The AWS side of an HA VPN: the shape every component shares, plus how the VPN connections attach. */
export interface HaVpnAwsArgs extends AwsSideArgs {
    /**
     * Id of an existing virtual private gateway to end the tunnels on instead of a Transit Gateway;
     * `transitGatewayAsn` then holds this gateway's ASN. A virtual private gateway has no ECMP, so
     * one tunnel carries the traffic at a time, and it takes standard tunnels only.
     */
    vpnGatewayId?: pulumi.Input<string>;
    /** Accelerate the VPN connections through AWS Global Accelerator: Transit Gateway and standard tunnels only. Default false. */
    enableAcceleration?: boolean;
}

/** What Google needs to know about one AWS tunnel, as AWS reports it. */
export interface AwsTunnelEnd {
    connectionId: pulumi.Output<string>;
    outsideAddress: pulumi.Output<string>;
    /** AWS's end of the inside /30: the BGP peer address. */
    insideAddress: pulumi.Output<string>;
    /** The customer's (Google's) end of the inside /30. */
    customerInsideAddress: pulumi.Output<string>;
    asn: pulumi.Output<string>;
}

/** What the VPN connections end on: the virtual private gateway, or the Transit Gateway (given or created once for both families). */
export type AwsAttachment = Pick<ec2.VpnConnectionArgs, "vpnGatewayId" | "transitGatewayId" | "tunnelBandwidth" | "enableAcceleration">;

export function declareAttachment(name: string, plan: HaVpnPlan, aws: HaVpnAwsArgs, opts: pulumi.CustomResourceOptions): AwsAttachment {
    return plan.attachPoint === AwsAttachPoint.VpnGateway
        ? { vpnGatewayId: aws.vpnGatewayId }
        : { transitGatewayId: aws.transitGatewayId ?? transitGateway(name, plan, aws, opts), tunnelBandwidth: plan.tunnelBandwidth, enableAcceleration: plan.enableAcceleration };
}

/**
 * For one family's tunnels: two customer gateways, one per address of that family's HA VPN gateway,
 * and a BGP VPN connection on each, whose two tunnels carry the tunnels in order. An IPv6
 * connection carries IPv6 inside its tunnels (`tunnelInsideIpVersion`, inside /126s); its customer
 * gateways are the IPv6 gateway's own addresses, so none is shared with the IPv4 connections (AWS
 * would return the same customer gateway for the same address and ASN, CreateCustomerGateway).
 * Returns the four tunnels' AWS ends, by tunnel index.
 */
export function declareAws(
    name: string,
    plan: HaVpnPlan,
    aws: HaVpnAwsArgs,
    family: AddressFamily,
    attachment: AwsAttachment,
    googleAddresses: pulumi.Output<string>[],
    keys: pulumi.Output<string>[],
    opts: pulumi.CustomResourceOptions,
): AwsTunnelEnd[] {
    const names = haVpnNames(name, family);
    const tunnels = family === AddressFamily.Ipv6 ? plan.tunnelsIpv6 : plan.tunnels;
    const connections = googleAddresses.map((ipAddress, c) => {
        const customerGateway = new ec2.CustomerGateway(names.customerGateway(c), {
            type: "ipsec.1", ipAddress, ...plan.customerGatewayAsn, region: aws.region,
        }, opts);
        const [first, second] = tunnels.filter((t) => t.awsConnection === c);
        return new ec2.VpnConnection(names.vpnConnection(c), {
            type: "ipsec.1",
            customerGatewayId: customerGateway.id,
            staticRoutesOnly: false,
            region: aws.region,
            ...attachment,
            ...(family === AddressFamily.Ipv6 && { tunnelInsideIpVersion: "ipv6" }),
            ...tunnelArgs(1, first, keys[first.index]),
            ...tunnelArgs(2, second, keys[second.index]),
        }, opts);
    });
    return tunnels.map((t) => (family === AddressFamily.Ipv6 ? ipv6TunnelEnd : tunnelEnd)(connections[t.awsConnection], t.awsTunnel));
}

function transitGateway(name: string, plan: HaVpnPlan, aws: HaVpnAwsArgs, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    return new ec2transitgateway.TransitGateway(haVpnNames(name).transitGateway, {
        amazonSideAsn: plan.awsAsn,
        // The four tunnels share the load only with ECMP; it is the default, and pinned here on purpose.
        vpnEcmpSupport: "enable",
        region: aws.region,
    }, opts).id;
}

type TunnelField<N extends 1 | 2> = `tunnel${N}${Capitalize<keyof AwsTunnelOptions | "insideCidr" | "insideIpv6Cidr" | "presharedKey">}`;

/** The `tunnelN*` fields of one tunnel: its /30 (or /126), its key and the pinned IKE options. */
function tunnelArgs<N extends 1 | 2>(n: N, tunnel: TunnelSpec, presharedKey: pulumi.Output<string>): Pick<ec2.VpnConnectionArgs, TunnelField<N>> {
    const inside = tunnel.family === AddressFamily.Ipv6 ? { insideIpv6Cidr: tunnel.insideCidr } : { insideCidr: tunnel.insideCidr };
    const fields = { ...AWS_TUNNEL_OPTIONS, ...inside, presharedKey };
    return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`tunnel${n}${key[0].toUpperCase()}${key.slice(1)}`, value])) as Pick<ec2.VpnConnectionArgs, TunnelField<N>>;
}

/**
 * An IPv6 tunnel's ends, read from the /126 AWS reports (`tunnelNInsideIpv6Cidr`): the provider
 * fills `tunnelNVgwInsideAddress` and `tunnelNCgwInsideAddress` from the customer gateway
 * configuration's IPv4 `tunnel_inside_address` only, and an IPv6 connection's addresses are in its
 * `tunnel_inside_ipv6_address`, so both are empty (terraform-provider-aws, vpn_connection.go,
 * xmlIpsecTunnel). The addresses are taken in the order of an IPv4 /30, AWS the first host and the
 * customer gateway the second: the downloadable configuration is the only place AWS states them, and
 * the provider does not read it for IPv6.
 */
function ipv6TunnelEnd(connection: ec2.VpnConnection, n: 1 | 2): AwsTunnelEnd {
    const cidr = n === 1 ? connection.tunnel1InsideIpv6Cidr : connection.tunnel2InsideIpv6Cidr;
    const host = (i: number) => cidr.apply((c) => Prefix.parse(c, `tunnel${n}InsideIpv6Cidr`, AddressFamily.Ipv6).host(i));
    return { ...tunnelEnd(connection, n), insideAddress: host(1), customerInsideAddress: host(2) };
}

function tunnelEnd(connection: ec2.VpnConnection, n: 1 | 2): AwsTunnelEnd {
    const connectionId = connection.id;
    return n === 1
        ? { connectionId, outsideAddress: connection.tunnel1Address, insideAddress: connection.tunnel1VgwInsideAddress, customerInsideAddress: connection.tunnel1CgwInsideAddress, asn: connection.tunnel1BgpAsn }
        : { connectionId, outsideAddress: connection.tunnel2Address, insideAddress: connection.tunnel2VgwInsideAddress, customerInsideAddress: connection.tunnel2CgwInsideAddress, asn: connection.tunnel2BgpAsn };
}
