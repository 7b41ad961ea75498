import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random";
import { AddressFamily, StackType } from "../../sdk/addressFamily";
import { TunnelBandwidth } from "../../sdk/bandwidth";
import { plainArgs } from "../../sdk/checks/values";
import { awsPresharedKey, HaVpnPlan, planHaVpn, PSK_LENGTH, PSK_SPECIALS } from "../../sdk/plans/haVpn";
import { haVpnNames } from "../../sdk/plans/names";
import { checkMonitoring, planMonitoring, RefKind, vpnAwsRegions } from "../../sdk/monitoring";
import { LinkRole, Topology } from "../../sdk/topology";
import { planInProgramSpace } from "../addressBook";
import { declareMonitoring, MetricTargets, MonitoringArgs, MonitoringSummary, recordTargets } from "../monitoring";
import { GoogleSideArgs } from "../sides";
import { AwsTunnelEnd, declareAttachment, declareAws, HaVpnAwsArgs } from "./aws";
import { declareGoogleGateway, declareGoogleTunnels, declareImportPolicy, declareRouter, GoogleGateway, GoogleTunnel } from "./google";

export type { HaVpnAwsArgs } from "./aws";

export interface HaVpnArgs {
    /** The Google side: VPC network, region, Cloud Router (given, or created) and its ASN. */
    google: GoogleSideArgs;
    /** The AWS side: region, Transit Gateway (given, or created) or virtual private gateway, and its ASN. */
    aws: HaVpnAwsArgs;
    /** CIDRs Google advertises to AWS over every tunnel, e.g. `["10.100.0.0/16"]`. Give a backup the same prefixes as its primary. */
    advertisedPrefixes: string[];
    /**
     * `primary` (default) or `backup`, so that a backup carries traffic in neither direction while an
     * interconnect path is left. AWS→Google: a Transit Gateway prefers Direct Connect gateway routes
     * to VPN routes for the same prefix whatever their MED, and a backup's peers also advertise at
     * priority 10000 instead of 100 (the MED AWS compares among VPN routes). Google→AWS: AWS offers no
     * setting for the MED it sends, so a backup's peers import AWS's routes through a BGP import route
     * policy that sets their priority to 10200, above any primary route plus Google's region-to-region
     * cost, and Cloud Router installs the interconnect's routes alone. Keep the interconnect's prefixes
     * at least as specific as the Transit Gateway's: a more specific route wins before any priority.
     */
    role?: LinkRole;
    /**
     * AWS tunnel size: `standard` (default, 1.25 Gbps) or `large` (5 Gbps; Transit Gateway without
     * acceleration only). Google carries about 3 Gbps per tunnel either way.
     */
    tunnelBandwidth?: TunnelBandwidth;
    /**
     * The link-local block the tunnels' inside /30s are placed in, under this component's name: never
     * AWS-reserved, never overlapping another component of the program, and kept by the address
     * ledger once deployed. Default 169.254.0.0/16; give each stack sharing a Cloud Router its own block.
     */
    linkLocalBlock?: string;
    /** Pins the tunnels to this /28 of `linkLocalBlock` (0-based), e.g. to keep addresses across a rename. */
    slot?: number;
    /** Four inside /30s to use instead of allocating, tunnel 0 to 3: AWS takes .1 of each, Google .2. */
    insideCidrs?: string[];
    /**
     * `IPV4_ONLY` (default) or `IPV4_IPV6` (dual stack). An AWS VPN connection carries IPv4 or IPv6
     * inside its tunnels, never both, and AWS runs no multiprotocol BGP, so dual stack adds a second
     * set of the same 99.99% shape for IPv6: an HA VPN gateway of stack type IPV4_IPV6 (`-gateway-v6`),
     * two customer gateways and two VPN connections with IPv6 inside tunnels (`-vpn-v6-0/1`, Transit
     * Gateway only), a FOUR_IPS peer gateway, four tunnels with an IPv6 BGP session each, on the same
     * Cloud Router. The IPv4 half is untouched: turning dual stack on or off adds or removes the IPv6
     * half and replaces nothing. Each family keeps Google's 99.99% and AWS's 99.95% per connection.
     */
    stackType?: StackType;
    /**
     * Dual stack: the block of fdff:1::/64 the IPv6 tunnels' inside /126s are placed in, one /124 per
     * HA VPN, kept by the address ledger. fdff:1::/64 is the only range Cloud Router takes for an IPv6
     * session's interface, and lies in AWS's fd00::/8. Default fdff:1::/64; give each stack in a VPC its own.
     */
    linkLocalBlockIpv6?: string;
    /** Dual stack: four IPv6 inside /126s in fdff:1::/64 to use instead of allocating, IPv6 tunnel 0 to 3. */
    insideCidrsIpv6?: string[];
    /**
     * Prefixes already used on the Cloud Router or the AWS gateway (other links' sessions, the router's
     * BGP identifier range; IPv6 session ranges in the VPC too): never allocated, and no inside CIDR
     * may overlap them.
     */
    reservedPrefixes?: string[];
    /**
     * Alarms on both clouds from the link's resilience model (see `MonitoringArgs`): on by default;
     * a tunnel's or a connection's failure loses redundancy, losing all four tunnels (their Cloud
     * Router, their region) breaches the requirement, `requiredGbps` when given.
     */
    monitoring?: MonitoringArgs;
}

/** One tunnel as both clouds see it, without its key. */
export interface TunnelSummary {
    /** The Google VPN tunnel's name. */
    name: string;
    /** `ipv4` or `ipv6`: what its inside addresses and BGP session carry. */
    addressFamily: AddressFamily;
    /** The HA VPN gateway interface it leaves from: 0 or 1. */
    haVpnInterface: number;
    /** The AWS VPN connection that carries it. */
    awsVpnConnectionId: string;
    /** Its tunnel number on that connection: 1 or 2. */
    awsTunnel: number;
    /** The inside /30 (a /126 for an IPv6 tunnel). */
    insideCidr: string;
    /** The Cloud Router's BGP address in the /30. */
    googleInsideAddress: string;
    /** AWS's BGP address in the /30. */
    awsInsideAddress: string;
    /** The HA VPN interface's public address. */
    googleOutsideAddress: string;
    /** The AWS tunnel's public address. */
    awsOutsideAddress: string;
}

/**
 * AWS ⇄ Google HA VPN with the 99.99% shape: an HA VPN gateway, a FOUR_IPS_REDUNDANCY peer gateway
 * and four tunnels with a BGP session each on the Google side; two customer gateways and two BGP VPN
 * connections on the AWS side. Each tunnel gets its own generated pre-shared key, its own inside /30
 * and one pinned IKEv2 proposal on both ends. Arguments are checked before anything is declared.
 */
export class HaVpn extends pulumi.ComponentResource {
    /** The link as the crosscloud model describes it: four links, their BGP sessions, the group. */
    public readonly topology: pulumi.Output<Topology>;
    /** The four tunnels, in order; a dual-stack HA VPN's four IPv6 tunnels follow. */
    public readonly tunnels: pulumi.Output<TunnelSummary[]>;
    /** Public addresses of HA VPN interfaces 0 and 1 (the AWS customer gateways); then the IPv6 gateway's, with dual stack. */
    public readonly googleGatewayAddresses: pulumi.Output<string[]>;
    /** Public addresses of the four AWS tunnels, in tunnel order (the peer gateway's interfaces); then the IPv6 tunnels', with dual stack. */
    public readonly awsTunnelAddresses: pulumi.Output<string[]>;
    /** The alarms declared on both clouds, the failure groups they watch, the alarm table and what to know about them. */
    public readonly monitoring: pulumi.Output<MonitoringSummary | undefined>;

    constructor(name: string, args: HaVpnArgs, opts?: pulumi.ComponentResourceOptions) {
        // A copy with nulls dropped and anything unserializable refused, before anything reads it.
        args = plainArgs(args);
        const { plan, notes } = planInProgramSpace((space) => planHaVpn({ name, ...args }, space));
        const watch = checkMonitoring(args.monitoring, "monitoring");
        const alarms = watch.enabled ? planMonitoring({
            name, topology: plan.topology, requirement: { mbps: watch.requiredMbps }, awsRegions: vpnAwsRegions(plan.topology, args.aws.region), notify: watch.notify,
        }) : undefined;
        super("interconnect:index:HaVpn", name, args, opts);
        const children = { parent: this };
        for (const note of notes) pulumi.log.warn(note, this);

        const router = declareRouter(name, plan, args.google, children);
        const attachment = declareAttachment(name, plan, args.aws, children);
        const importPolicy = declareImportPolicy(name, plan, args.google, router, children);
        const families = plan.stackType === StackType.DualStack ? [AddressFamily.Ipv4, AddressFamily.Ipv6] : [AddressFamily.Ipv4];
        const halves = families.map((family) => {
            const specs = family === AddressFamily.Ipv6 ? plan.tunnelsIpv6 : plan.tunnels;
            const keys = specs.map((t) => presharedKey(haVpnNames(name, family).presharedKey(t.index), children));
            const google = declareGoogleGateway(name, family, args.google, router, children);
            const aws = declareAws(name, plan, args.aws, family, attachment, google.addresses, keys, children);
            const tunnels = declareGoogleTunnels(name, plan, args.google, family, google, importPolicy, aws, keys, children);
            return { family, specs, google, aws, tunnels };
        });

        const targets: MetricTargets = {
            [RefKind.AwsVpnId]: {}, [RefKind.AwsTunnelIp]: {}, [RefKind.GcpTunnelName]: {}, [RefKind.GcpPeerName]: {},
        };
        for (const half of halves) Object.assign(targets, mergeTargets(targets, half, name));
        recordTargets(this, targets);
        this.monitoring = alarms ? declareMonitoring(alarms, targets, args.monitoring?.notify, { parent: this, project: args.google.project }) : pulumi.output(undefined);

        this.topology = pulumi.output(plan.topology);
        this.googleGatewayAddresses = pulumi.all(halves.flatMap((h) => h.google.addresses));
        this.awsTunnelAddresses = pulumi.all(halves.flatMap((h) => h.aws.map((t) => t.outsideAddress)));
        this.tunnels = pulumi.all(halves.flatMap(({ family, specs, google, aws, tunnels }) => specs.map((spec) => pulumi.output({
            name: tunnels[spec.index].tunnel.name,
            addressFamily: family,
            haVpnInterface: spec.haInterface,
            awsVpnConnectionId: aws[spec.index].connectionId,
            awsTunnel: spec.awsTunnel,
            insideCidr: spec.insideCidr,
            googleInsideAddress: spec.gcpAddress,
            awsInsideAddress: spec.awsAddress,
            googleOutsideAddress: google.addresses[spec.haInterface],
            awsOutsideAddress: aws[spec.index].outsideAddress,
        }))));
        this.registerOutputs({
            topology: this.topology,
            tunnels: this.tunnels,
            googleGatewayAddresses: this.googleGatewayAddresses,
            awsTunnelAddresses: this.awsTunnelAddresses,
            monitoring: this.monitoring,
        });
    }
}

/** One family's elements, by topology id, for the alarms: its VPN connections, tunnels and BGP peers. */
function mergeTargets(
    targets: MetricTargets, half: { family: AddressFamily; specs: HaVpnPlan["tunnels"]; aws: AwsTunnelEnd[]; tunnels: GoogleTunnel[]; google: GoogleGateway }, name: string,
): MetricTargets {
    const names = haVpnNames(name, half.family);
    const { specs, aws, tunnels } = half;
    return {
        [RefKind.AwsVpnId]: { ...targets[RefKind.AwsVpnId], ...Object.fromEntries(specs.map((t) => [names.vpnConnection(t.awsConnection), aws[t.index].connectionId])) },
        [RefKind.AwsTunnelIp]: { ...targets[RefKind.AwsTunnelIp], ...Object.fromEntries(specs.map((t) => [names.tunnel(t.index), aws[t.index].outsideAddress])) },
        [RefKind.GcpTunnelName]: { ...targets[RefKind.GcpTunnelName], ...Object.fromEntries(specs.map((t) => [names.tunnel(t.index), tunnels[t.index].tunnel.name])) },
        [RefKind.GcpPeerName]: { ...targets[RefKind.GcpPeerName], ...Object.fromEntries(specs.map((t) => [names.tunnel(t.index), tunnels[t.index].peer.name])) },
    };
}

/** A key AWS and Google both accept; secret from birth, as RandomPassword's result is. */
function presharedKey(name: string, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    return new RandomPassword(name, { length: PSK_LENGTH, special: true, overrideSpecial: PSK_SPECIALS }, opts).result.apply(awsPresharedKey);
}
