import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random";
import { TunnelBandwidth } from "../../sdk/bandwidth";
import { plainArgs } from "../../sdk/checks/values";
import { awsPresharedKey, planHaVpn, PSK_LENGTH, PSK_SPECIALS } from "../../sdk/plans/haVpn";
import { haVpnNames } from "../../sdk/plans/names";
import { checkMonitoring, planMonitoring, RefKind, vpnAwsRegions } from "../../sdk/monitoring";
import { LinkRole, Topology } from "../../sdk/topology";
import { planInProgramSpace } from "../addressBook";
import { declareMonitoring, MetricTargets, MonitoringArgs, MonitoringSummary, recordTargets } from "../monitoring";
import { GoogleSideArgs } from "../sides";
import { declareAws, HaVpnAwsArgs } from "./aws";
import { declareGoogleGateway, declareGoogleTunnels } from "./google";

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
     * Link-local prefixes already used on the Cloud Router or the AWS gateway (other links' sessions,
     * the router's BGP identifier range): never allocated, and no inside CIDR may overlap them.
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
    /** The HA VPN gateway interface it leaves from: 0 or 1. */
    haVpnInterface: number;
    /** The AWS VPN connection that carries it. */
    awsVpnConnectionId: string;
    /** Its tunnel number on that connection: 1 or 2. */
    awsTunnel: number;
    /** The inside /30. */
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
    /** The four tunnels, in order. */
    public readonly tunnels: pulumi.Output<TunnelSummary[]>;
    /** Public addresses of HA VPN interfaces 0 and 1 (the AWS customer gateways). */
    public readonly googleGatewayAddresses: pulumi.Output<string[]>;
    /** Public addresses of the four AWS tunnels, in tunnel order (the peer gateway's interfaces). */
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

        const keys = plan.tunnels.map((t) => presharedKey(haVpnNames(name).presharedKey(t.index), children));
        const google = declareGoogleGateway(name, plan, args.google, children);
        const aws = declareAws(name, plan, args.aws, google.addresses, keys, children);
        const tunnels = declareGoogleTunnels(name, plan, args.google, google, aws, keys, children);

        const names = haVpnNames(name);
        const targets: MetricTargets = {
            [RefKind.AwsVpnId]: Object.fromEntries(plan.tunnels.map((t) => [names.vpnConnection(t.awsConnection), aws[t.index].connectionId])),
            [RefKind.AwsTunnelIp]: Object.fromEntries(plan.tunnels.map((t) => [names.tunnel(t.index), aws[t.index].outsideAddress])),
            [RefKind.GcpTunnelName]: Object.fromEntries(plan.tunnels.map((t) => [names.tunnel(t.index), tunnels[t.index].tunnel.name])),
            [RefKind.GcpPeerName]: Object.fromEntries(plan.tunnels.map((t) => [names.tunnel(t.index), tunnels[t.index].peer.name])),
        };
        recordTargets(this, targets);
        this.monitoring = alarms ? declareMonitoring(alarms, targets, args.monitoring?.notify, { parent: this, project: args.google.project }) : pulumi.output(undefined);

        this.topology = pulumi.output(plan.topology);
        this.googleGatewayAddresses = pulumi.all(google.addresses);
        this.awsTunnelAddresses = pulumi.all(aws.map((t) => t.outsideAddress));
        this.tunnels = pulumi.all(plan.tunnels.map((spec) => pulumi.output({
            name: tunnels[spec.index].tunnel.name,
            haVpnInterface: spec.haInterface,
            awsVpnConnectionId: aws[spec.index].connectionId,
            awsTunnel: spec.awsTunnel,
            insideCidr: spec.insideCidr,
            googleInsideAddress: spec.gcpAddress,
            awsInsideAddress: spec.awsAddress,
            googleOutsideAddress: google.addresses[spec.haInterface],
            awsOutsideAddress: aws[spec.index].outsideAddress,
        })));
        this.registerOutputs({
            topology: this.topology,
            tunnels: this.tunnels,
            googleGatewayAddresses: this.googleGatewayAddresses,
            awsTunnelAddresses: this.awsTunnelAddresses,
            monitoring: this.monitoring,
        });
    }
}

/** A key AWS and Google both accept; secret from birth, as RandomPassword's result is. */
function presharedKey(name: string, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    return new RandomPassword(name, { length: PSK_LENGTH, special: true, overrideSpecial: PSK_SPECIALS }, opts).result.apply(awsPresharedKey);
}
