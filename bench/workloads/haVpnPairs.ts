/**
 * N HA VPN pairs, declared two ways: with the `HaVpn` component, and as the same raw provider
 * resources with the same inputs and the same wiring, written out by hand with the values a
 * hand-written program would carry as literals. Each pair is self-contained (its own Transit
 * Gateway and Cloud Router), the component's default shape.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import { RandomPassword } from "@pulumi/random";
import { HaVpn, HaVpnArgs } from "../../components/haVpn";
import { AWS_TUNNEL_OPTIONS, GOOGLE_IKE, HaVpnPlan, planHaVpn, PSK_LENGTH, PSK_SPECIALS } from "../../sdk/plans/haVpn";
import { Program } from "../../offline";

export const HA_VPN_RESOURCES_PER_PAIR = 25;

export function haVpnName(i: number): string {
    return `vpn${i}`;
}

export function haVpnArgs(): HaVpnArgs {
    return {
        google: { network: "projects/acme-transit/global/networks/transit", region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"],
        // The raw program declares no alarms: the overhead compares the same resources.
        monitoring: { enabled: false },
    };
}

export function haVpnComponents(pairs: number): Program {
    return () => {
        for (let i = 0; i < pairs; i++) new HaVpn(haVpnName(i), haVpnArgs());
    };
}

/** The raw program; the plans are made here, before it runs, as a person would work the values out beforehand. */
export function rawHaVpns(pairs: number): Program {
    const literals = Array.from({ length: pairs }, (_, i) => planHaVpn({ name: haVpnName(i), ...haVpnArgs() }));
    return () => literals.forEach((plan, i) => declareRawPair(haVpnName(i), haVpnArgs(), plan));
}

function declareRawPair(name: string, args: HaVpnArgs, plan: HaVpnPlan): void {
    const { network, region } = args.google;
    const keys = plan.tunnels.map((t) => new RandomPassword(`${name}-psk-${t.index}`, { length: PSK_LENGTH, special: true, overrideSpecial: PSK_SPECIALS })
        .result.apply((k) => k.replace(/^0/, "Z")));
    const router = new compute.Router(`${name}-router`, { network, region, bgp: { asn: plan.routerAsn } });
    const gateway = new compute.HaVpnGateway(`${name}-gateway`, { network, region });
    const addresses = [0, 1].map((i) => gateway.vpnInterfaces.apply((interfaces) => interfaces[i].ipAddress as string));
    const transitGateway = new ec2transitgateway.TransitGateway(`${name}-tgw`, { amazonSideAsn: plan.awsAsn, vpnEcmpSupport: "enable", region: args.aws.region });

    const connections = addresses.map((ipAddress, c) => {
        const customerGateway = new ec2.CustomerGateway(`${name}-cgw-${c}`, { type: "ipsec.1", ipAddress, ...plan.customerGatewayAsn, region: args.aws.region });
        const [first, second] = plan.tunnels.filter((t) => t.awsConnection === c);
        return new ec2.VpnConnection(`${name}-vpn-${c}`, {
            type: "ipsec.1",
            customerGatewayId: customerGateway.id,
            staticRoutesOnly: false,
            region: args.aws.region,
            transitGatewayId: transitGateway.id,
            tunnelBandwidth: plan.tunnelBandwidth,
            enableAcceleration: plan.enableAcceleration,
            ...tunnelFields(1, first.insideCidr, keys[first.index]),
            ...tunnelFields(2, second.insideCidr, keys[second.index]),
        });
    });
    const ends = plan.tunnels.map((t) => {
        const connection = connections[t.awsConnection];
        return t.awsTunnel === 1
            ? { outside: connection.tunnel1Address, inside: connection.tunnel1VgwInsideAddress, customer: connection.tunnel1CgwInsideAddress, asn: connection.tunnel1BgpAsn }
            : { outside: connection.tunnel2Address, inside: connection.tunnel2VgwInsideAddress, customer: connection.tunnel2CgwInsideAddress, asn: connection.tunnel2BgpAsn };
    });

    const peerGateway = new compute.ExternalVpnGateway(`${name}-peer-gateway`, {
        redundancyType: "FOUR_IPS_REDUNDANCY",
        interfaces: ends.map((end, id) => ({ id, ipAddress: end.outside })),
    });
    for (const t of plan.tunnels) {
        const end = ends[t.index];
        const tunnel = new compute.VPNTunnel(`${name}-tunnel-${t.index}`, {
            region, router: router.name,
            vpnGateway: gateway.id, vpnGatewayInterface: t.haInterface,
            peerExternalGateway: peerGateway.id, peerExternalGatewayInterface: t.index,
            sharedSecret: keys[t.index],
            ...GOOGLE_IKE,
        });
        const routerInterface = new compute.RouterInterface(`${name}-interface-${t.index}`, {
            region, router: router.name, vpnTunnel: tunnel.name, ipRange: pulumi.interpolate`${end.customer}/30`,
        });
        new compute.RouterPeer(`${name}-bgp-${t.index}`, {
            region, router: router.name,
            interface: routerInterface.name,
            peerIpAddress: end.inside,
            peerAsn: end.asn.apply(Number),
            advertisedRoutePriority: plan.routePriority,
            advertiseMode: "CUSTOM",
            advertisedIpRanges: plan.advertisedPrefixes.map((range) => ({ range })),
        });
    }
}

function tunnelFields(n: 1 | 2, insideCidr: string, presharedKey: pulumi.Output<string>): Record<string, unknown> {
    const fields: Record<string, unknown> = { ...AWS_TUNNEL_OPTIONS, insideCidr, presharedKey };
    return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`tunnel${n}${key[0].toUpperCase()}${key.slice(1)}`, value]));
}
