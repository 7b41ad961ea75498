import * as pulumi from "@pulumi/pulumi";
import { Bandwidth, PortSpeed, TunnelBandwidth } from "../sdk/bandwidth";
import { plainArgs } from "../sdk/checks/values";
import { checkMonitoring, dedicatedAwsRegions, planMonitoring, vpnAwsRegions } from "../sdk/monitoring";
import { childInputs, childNames, planCrossCloudNetwork } from "../sdk/plans/crossCloudNetwork";
import { SlaTarget } from "../sdk/plans/dedicated";
import { AddressFamily, StackType } from "../sdk/addressFamily";
import { InitiatedBy, KeyHandoff } from "../sdk/plans/managedInterconnect";
import { LinkKind, SlaTier, Topology } from "../sdk/topology";
import { planAside } from "./addressBook";
import { DedicatedAttachmentArgs, DedicatedInterconnect, DedicatedPortArgs, RegionRouterArgs } from "./dedicatedInterconnect";
import { HaVpn } from "./haVpn";
import { ManagedInterconnect } from "./managedInterconnect";
import { declareMonitoring, MonitoringArgs, MonitoringSummary, targetsOf } from "./monitoring";
import { AwsSideArgs, GoogleSideArgs } from "./sides";

export { LinkKind, SlaTier };

/** What the environment needs between the clouds; checked against the planned shape before anything is declared. */
export interface RequirementArgs {
    /** Gbps that must cross between the clouds. */
    bandwidthGbps: number;
    /** The SLA tier the shape must earn: `99.9`, `99.99` or `none`. */
    sla: SlaTier;
    /** The bandwidth must survive any single failure — port, device, metro, region, tunnel, router (N-1). Defaults to true. */
    survivesSingleFailure?: boolean;
    /**
     * The address families the requirement holds for (`ipv4`, `ipv6`): each must carry the
     * bandwidth, earn the SLA and survive a single failure on its own links. Defaults to every family
     * the network carries; naming one it does not carry is refused.
     */
    families?: AddressFamily[];
}

export interface NetworkGoogleArgs extends GoogleSideArgs {
    /** The VPC's dynamic routing mode is GLOBAL (a dedicated 99.99% link needs it). Defaults to false. */
    globalRouting?: boolean;
    /** Cloud Routers of other regions a dedicated link's attachments land in, keyed by region. */
    routers?: { [region: string]: RegionRouterArgs };
}

export interface NetworkAwsArgs extends AwsSideArgs {
    /** Id of an existing Direct Connect gateway for an interconnect primary. Created when absent. */
    directConnectGatewayId?: pulumi.Input<string>;
    /** The Direct Connect gateway's private ASN; required for an interconnect primary. */
    directConnectGatewayAsn?: number;
}

export interface NetworkPrefixesArgs {
    /** CIDRs AWS advertises to Google (the Direct Connect gateway's allowed prefixes). */
    aws: string[];
    /** CIDRs Google advertises to AWS, on the primary and the backup alike. */
    google: string[];
}

/** A managed interconnect primary: see `ManagedInterconnect`. */
export interface ManagedLinkArgs {
    /** Bandwidth, e.g. `10Gbps`. */
    bandwidth: string;
    /** Which cloud creates the connection. Defaults to Google. */
    initiatedBy?: InitiatedBy;
    /** How an AWS-issued key reaches Google. Defaults to automatic. */
    keyHandoff?: KeyHandoff;
    /** The AWS-issued activation key, for a manual handoff's second step (from `config.requireSecret`). */
    activationKey?: pulumi.Input<string>;
    /** AWS Interconnect environment id, for an AWS-initiated link. */
    environmentId?: pulumi.Input<string>;
    /** Remote transport profile; defaults to the region pair's. */
    remoteProfile?: string;
    /** The older spelling of the network's `stackType`; both may be given only when they agree. */
    stackType?: StackType;
}

/** A dedicated Cross-Cloud Interconnect primary: see `DedicatedInterconnect`. */
export interface DedicatedLinkArgs {
    /** The shape to build; defaults to the network's SLA requirement. */
    sla?: SlaTarget;
    /** Port speed. */
    portSpeed: PortSpeed;
    /** Links per port (LAG members): 1, the only count offered (see `DedicatedInterconnect`). */
    linksPerPort?: number;
    /** Ports by stable key; each is declared in two stages (`ready`). */
    ports: { [key: string]: DedicatedPortArgs };
    /** VLAN attachments by stable key, declared once their port is ready. */
    attachments: { [key: string]: DedicatedAttachmentArgs };
}

/** An HA VPN, as the primary or the backup: see `HaVpn`. */
export interface VpnLinkArgs {
    /** `standard` (1.25 Gbps per AWS tunnel, default) or `large` (5 Gbps; Transit Gateway only). */
    tunnelBandwidth?: TunnelBandwidth;
    /** Pins the tunnels' /30s to this /28 of the link-local block (0-based); crosscloud places them when absent. */
    slot?: number;
    /** Four inside /30s to use instead of allocating. */
    insideCidrs?: string[];
    /** Dual stack: four IPv6 inside /126s (in the network's IPv6 block) to use instead of allocating. */
    insideCidrsIpv6?: string[];
}

export interface PrimaryLinkArgs {
    /** `managed`, `dedicated` or `ha-vpn`; set the matching block (an HA VPN needs none). */
    kind: LinkKind;
    managed?: ManagedLinkArgs;
    dedicated?: DedicatedLinkArgs;
    haVpn?: VpnLinkArgs;
}

export interface CrossCloudNetworkArgs {
    /** What the environment needs; the plan is refused when the shape cannot deliver it. */
    requirement: RequirementArgs;
    /** The Google side: VPC, region, Cloud Router and ASN (from the shared layer). */
    google: NetworkGoogleArgs;
    /** The AWS side: region, Transit Gateway and ASNs (from the shared layer). */
    aws: NetworkAwsArgs;
    /** Prefixes each side advertises. */
    prefixes: NetworkPrefixesArgs;
    /** The primary link. */
    primary: PrimaryLinkArgs;
    /** An HA VPN behind an interconnect primary, at a worse route priority. */
    backup?: VpnLinkArgs;
    /**
     * `IPV4_ONLY` (default) or `IPV4_IPV6` (dual stack), for the primary and the backup alike: see
     * each component's `stackType` for the shape it builds.
     */
    stackType?: StackType;
    /** This environment's link-local block (from the shared layer), so environments on one Cloud Router never collide. */
    linkLocalBlock?: string;
    /** Dual stack: this environment's block of fdff:1::/64 for the HA VPNs' IPv6 tunnels (from the shared layer). */
    linkLocalBlockIpv6?: string;
    /** Link-local prefixes already used on the Cloud Routers outside this network. */
    reservedPrefixes?: string[];
    /** Protects ports, LAGs and managed connections from deletion. Defaults to false. */
    production?: boolean;
    /**
     * Alarms on both clouds for the primary and the backup together, from the network's resilience
     * model against `requirement.bandwidthGbps` (see `MonitoringArgs`; `requiredGbps` does not apply):
     * on by default. A failure after which the requirement still holds loses redundancy; one after
     * which it does not, or that cuts the clouds, breaches it, and so does any combination of failures
     * leaving less than the requirement.
     */
    monitoring?: MonitoringArgs;
}

/**
 * What an environment declares between AWS and Google: a primary link (managed interconnect,
 * dedicated Cross-Cloud Interconnect or HA VPN), an optional HA VPN backup that loses to it, the
 * prefixes each side advertises, and the bandwidth and SLA required. The whole shape is planned and
 * its resilience proven — every single failure, the surviving bandwidth, the SLA tier — before any
 * resource is declared.
 */
export class CrossCloudNetwork extends pulumi.ComponentResource {
    /** Both links as one topology. */
    readonly topology: pulumi.Output<Topology>;
    /** The SLA tier the whole shape earns; dual stack: the lower of the two families'. */
    readonly slaTier: pulumi.Output<SlaTier>;
    /** Gbps between the clouds with every link up (and every ordered port ready); dual stack: what each family has at least. */
    readonly totalGbps: pulumi.Output<number>;
    /** Gbps left after the worst single failure; dual stack: the least any family keeps. */
    readonly minSurvivingGbps: pulumi.Output<number>;
    /** Single failures that cut every link (dual stack: every link of a family), as `kind:id` (e.g. `region:us-east4`). */
    readonly singlePointsOfFailure: pulumi.Output<string[]>;
    /** The Direct Connect gateway of an interconnect primary. */
    readonly directConnectGatewayId: pulumi.Output<string | undefined>;
    /** What to do before every part of the network can come up, when this run cannot finish it. */
    readonly nextStep: pulumi.Output<string | undefined>;
    /** The alarms declared on both clouds, the failure groups they watch, the alarm table and what to know about them. */
    readonly monitoring: pulumi.Output<MonitoringSummary | undefined>;

    constructor(name: string, args: CrossCloudNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        // A copy with nulls dropped and anything unserializable refused, before anything reads it.
        args = plainArgs(args);
        // Planned aside: the children place their own sessions when declared, primary first, exactly as here.
        const plan = planAside((space) => planCrossCloudNetwork({ name, ...args }, space));
        const watch = checkMonitoring(args.monitoring, "monitoring", Bandwidth.fromGbps(args.requirement.bandwidthGbps).mbps);
        const names = childNames(name);
        const alarms = watch.enabled ? planMonitoring({
            name,
            topology: plan.topology,
            requirement: { mbps: watch.requiredMbps },
            awsRegions: {
                ...(plan.primary.haVpn && vpnAwsRegions(plan.primary.haVpn.topology, args.aws.region)),
                ...(plan.primary.dedicated && dedicatedAwsRegions(names.primary, plan.primary.dedicated)),
                ...(plan.backup && vpnAwsRegions(plan.backup.topology, args.aws.region)),
            },
            notify: watch.notify,
        }) : undefined;
        super("interconnect:index:CrossCloudNetwork", name, withSecrets(args), opts);
        const children = childInputs<pulumi.Input<string>>({ name, ...args });
        const parent = { parent: this };

        // The network watches its links as one: its children declare no alarms of their own.
        const quiet = { monitoring: { enabled: false } };
        const primary =
            children.haVpn ? new HaVpn(children.haVpn.name, { ...children.haVpn, ...quiet }, parent)
            : children.managed ? new ManagedInterconnect(children.managed.name, { ...children.managed, ...quiet }, parent)
            : new DedicatedInterconnect(children.dedicated!.name, { ...children.dedicated!, ...quiet }, parent);
        const backup = children.backup && new HaVpn(children.backup.name, { ...children.backup, ...quiet }, parent);
        this.monitoring = alarms
            ? declareMonitoring(alarms, targetsOf(primary, ...(backup ? [backup] : [])), args.monitoring?.notify, { parent: this, project: args.google.project })
            : pulumi.output(undefined);

        this.topology = pulumi.output(plan.topology);
        this.slaTier = pulumi.output(plan.slaTier);
        this.totalGbps = pulumi.output(Bandwidth.fromMbps(plan.totalMbps).gbps);
        this.minSurvivingGbps = pulumi.output(Bandwidth.fromMbps(plan.minSurvivingMbps).gbps);
        this.singlePointsOfFailure = pulumi.output(plan.resilience.singlePointsOfFailure.map((f) => `${f.kind}:${f.id}`));
        this.directConnectGatewayId = primary instanceof HaVpn ? pulumi.output(undefined) : primary.directConnectGatewayId;
        this.nextStep = primary instanceof HaVpn ? pulumi.output(undefined) : primary.nextStep;
        this.registerOutputs({
            topology: this.topology,
            slaTier: this.slaTier,
            totalGbps: this.totalGbps,
            minSurvivingGbps: this.minSurvivingGbps,
            singlePointsOfFailure: this.singlePointsOfFailure,
            directConnectGatewayId: this.directConnectGatewayId,
            nextStep: this.nextStep,
            monitoring: this.monitoring,
        });
    }
}

/** The network's own inputs carry the children's secrets too: an activation key given as plain text stays secret. */
function withSecrets(args: CrossCloudNetworkArgs): pulumi.Inputs {
    const { managed } = args.primary;
    return {
        ...args,
        primary: {
            ...args.primary,
            ...(managed?.activationKey !== undefined && { managed: { ...managed, activationKey: pulumi.secret(managed.activationKey) } }),
        },
    };
}
