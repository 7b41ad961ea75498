import * as pulumi from "@pulumi/pulumi";
import type * as interconnect from "@pulumi/aws-native/interconnect";
import type * as awsNativeProvider from "@pulumi/aws-native/provider";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import * as compute from "@pulumi/gcp/compute";
import * as networkconnectivity from "@pulumi/gcp/networkconnectivity";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import { StackType } from "../sdk/addressFamily";
import {
    InitiatedBy, KeyHandoff, ManagedInterconnectPlan, planManagedInterconnect, requireActivationKey,
} from "../sdk/plans/managedInterconnect";
import { checkMonitoring, planMonitoring } from "../sdk/monitoring";
import { managedNames } from "../sdk/plans/names";
import { plainArgs } from "../sdk/checks/values";
import { Topology } from "../sdk/topology";
import { planInProgramSpace } from "./addressBook";
import { declareMonitoring, MonitoringArgs, MonitoringSummary, recordTargets } from "./monitoring";
import { requirePeer } from "./peers";
import { AwsSideArgs } from "./sides";

export { InitiatedBy, KeyHandoff, StackType };

/** The AWS half: a Direct Connect gateway, associated with the Transit Gateway, that the connection attaches to. */
export interface ManagedAwsArgs extends AwsSideArgs {
    /** Id of an existing Direct Connect gateway not yet associated with the Transit Gateway. Created when absent. */
    directConnectGatewayId?: pulumi.Input<string>;
    /** The Direct Connect gateway's private ASN, given or created; must differ from the Transit Gateway's. */
    directConnectGatewayAsn: number;
    /**
     * Prefixes AWS advertises to Google: the gateway association's allowed prefixes, set explicitly
     * so drift shows (at most 200; IPv6 ones, with dual stack, /64 or shorter).
     */
    allowedPrefixes: string[];
    /** AWS Interconnect environment (Google at a location) the connection is created in. AWS-initiated only. */
    environmentId?: pulumi.Input<string>;
}

/**
 * The Google half. Not the shared `GoogleSideArgs`: Google runs the BGP of a managed link, so there
 * is no Cloud Router or router ASN, and the Transport may land in an NCC hub instead of a VPC.
 */
export interface ManagedGoogleArgs {
    /** Google region of the Transport; must pair with `aws.region` (e.g. us-east4 for us-east-1). */
    region: string;
    /** Self link of the VPC network the Transport peers with (custom routes both ways). Exactly one of `network` and `hub`. */
    network?: pulumi.Input<string>;
    /** NCC hub (same project) the Transport attaches to instead of a VPC (beta). Exactly one of `network` and `hub`. */
    hub?: pulumi.Input<string>;
    /** The older spelling of the component's `stackType`; both may be given only when they agree. */
    stackType?: StackType;
    /**
     * Remote transport profile name, e.g. `aws-us-east-1`, from Google's profile list. Defaults to
     * the profile of the region pair; set it for a pair the package does not know yet.
     */
    remoteProfile?: string;
    /** Google project; defaults to the provider's. Also the remote account an AWS-initiated connection is offered to. */
    project?: pulumi.Input<string>;
}

export interface ManagedInterconnectArgs {
    /** Bandwidth of the link, e.g. `10Gbps` (or `BPS_10G`): 50 Mbps to 100 Gbps in the tiers both halves offer. */
    bandwidth: string;
    /** Which cloud creates the connection and issues the activation key. Defaults to Google (fully declarative). */
    initiatedBy?: InitiatedBy;
    /** How an AWS-issued key reaches the Transport. Defaults to automatic; AWS-initiated only. */
    keyHandoff?: KeyHandoff;
    /**
     * The AWS connection's activation key, for the manual key handoff's second step; feed it from
     * `config.requireSecret(...)`. It is kept secret either way.
     */
    activationKey?: pulumi.Input<string>;
    /** Prefixes Google advertises to AWS (the Transport's advertised routes; IPv6 with dual stack, 1,000 of each family). */
    advertisedPrefixes: string[];
    /**
     * `IPV4_ONLY` (default) or `IPV4_IPV6` (dual stack): the Transport's stack type. AWS's half has
     * no setting of its own: the managed BGP carries what the Transport does, and AWS advertises the
     * IPv6 prefixes among `aws.allowedPrefixes`. Google sets a Transport's stack type when it creates
     * it, so changing it replaces the Transport and the AWS connection paired with it.
     */
    stackType?: StackType;
    /**
     * The AWS side: region, Transit Gateway (given, or created) and the Direct Connect gateway the
     * connection attaches to. The connection is made in `aws.region`, through an aws-native provider
     * of this component's own for that region.
     */
    aws: ManagedAwsArgs;
    /** The Google side: region, the VPC or NCC hub the Transport lands in, and the routes it advertises. */
    google: ManagedGoogleArgs;
    /** Protects both halves from deletion (`protect`, and Google `deletionPolicy: PREVENT`). Defaults to false. */
    production?: boolean;
    /**
     * Alarms from the link's resilience model (see `MonitoringArgs`). Neither AWS nor Google publishes
     * a metric for a managed connection, so none is declared for it alone: `monitoring.warnings` says
     * so. Behind a CrossCloudNetwork, its backup's alarms are declared.
     */
    monitoring?: MonitoringArgs;
}

/**
 * AWS Interconnect – multicloud ⇄ Google Partner Cross-Cloud Interconnect: a Google Transport and
 * an AWS Interconnect connection on a Direct Connect gateway associated with a Transit Gateway,
 * with the activation-key handshake wired between them. Children follow `opts.providers`
 * (`[aws, gcp]`), except the AWS connection: the region of a managed connection pairs with the
 * Transport's, so it is made through an aws-native provider for `aws.region` that this component
 * declares, never one whose region comes from ambient config.
 */
export class ManagedInterconnect extends pulumi.ComponentResource {
    /** The link as planned: one managed connection, its SLA group, endpoints and prefixes. */
    readonly topology: pulumi.Output<Topology>;
    /** The AWS connection's state (`requested`, `pending`, `available`, …). */
    readonly connectionState: pulumi.Output<string>;
    /** The Transport's state; undefined while a manual key handoff waits for its second step. */
    readonly transportState: pulumi.Output<string | undefined>;
    /** The Direct Connect gateway the connection attaches to, given or created. */
    readonly directConnectGatewayId: pulumi.Output<string>;
    /** Prefixes each cloud advertises to the other. */
    readonly prefixes: pulumi.Output<Topology["prefixes"]>;
    /** What to do, or wait for, before the link can come up: a manual key handoff, the VPC peering. */
    readonly nextStep: pulumi.Output<string | undefined>;
    /** What can be watched of the link and what cannot: no provider publishes a metric for a managed connection. */
    readonly monitoring: pulumi.Output<MonitoringSummary | undefined>;

    constructor(name: string, args: ManagedInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
        // A copy with nulls dropped and anything unserializable refused, before anything reads it.
        args = plainArgs(args);
        const { plan } = planInProgramSpace((space) => planManagedInterconnect({ name, ...args }, space));
        const watch = checkMonitoring(args.monitoring, "monitoring");
        const alarms = watch.enabled ? planMonitoring({ name, topology: plan.topology, requirement: { mbps: watch.requiredMbps }, awsRegions: {}, notify: watch.notify }) : undefined;
        // An optional peer: only this component needs it, so only this component loads it.
        const { Connection } = requirePeer<typeof interconnect>("@pulumi/aws-native", "@pulumi/aws-native/interconnect", "ManagedInterconnect");
        const { Provider } = requirePeer<typeof awsNativeProvider>("@pulumi/aws-native", "@pulumi/aws-native/provider", "ManagedInterconnect");
        super("interconnect:index:ManagedInterconnect", name, { ...args, activationKey: args.activationKey && pulumi.secret(args.activationKey) }, opts);
        const children = { parent: this };
        const names = managedNames(name);

        const directConnectGatewayId = declareGateways(name, plan, args.aws, children);
        const awsNative = new Provider(names.awsNativeProvider, { region: args.aws.region as awsNativeProvider.ProviderArgs["region"] }, children);
        const context: HalfContext = { name, plan, args, Connection, awsNative, directConnectGatewayId, project: googleProject(args.google, children), opts: children };
        const { connection, transport } = plan.initiatedBy === InitiatedBy.Google ? declareGoogleInitiated(context) : declareAwsInitiated(context);
        const peeringNetwork = transport && args.google.network ? declarePeering(context, transport, args.google.network) : undefined;

        recordTargets(this, {});
        this.monitoring = alarms ? declareMonitoring(alarms, {}, args.monitoring?.notify, { parent: this, project: args.google.project }) : pulumi.output(undefined);

        for (const warning of plan.warnings) pulumi.log.warn(warning, this);
        if (plan.nextStep) pulumi.log.warn(plan.nextStep, this);

        this.topology = pulumi.output(plan.topology);
        this.connectionState = connection.state;
        this.transportState = transport ? transport.state : pulumi.output(undefined);
        this.directConnectGatewayId = pulumi.output(directConnectGatewayId);
        this.prefixes = pulumi.output(plan.topology.prefixes);
        this.nextStep = pulumi.output(peeringNetwork ?? "").apply((known) => {
            const steps = [plan.nextStep, peeringNetwork && !known ? plan.peeringStep : undefined].filter((s) => s !== undefined);
            return steps.length === 0 ? undefined : steps.join("\n");
        });
        this.registerOutputs({
            topology: this.topology,
            connectionState: this.connectionState,
            transportState: this.transportState,
            directConnectGatewayId: this.directConnectGatewayId,
            prefixes: this.prefixes,
            nextStep: this.nextStep,
            monitoring: this.monitoring,
        });
    }
}

/** What both halves are declared from. */
interface HalfContext {
    name: string;
    /** The AWS half's resource class, from the optional aws-native peer. */
    Connection: typeof interconnect.Connection;
    /** The aws-native provider for `aws.region`: where the connection is made. */
    awsNative: pulumi.ProviderResource;
    plan: ManagedInterconnectPlan;
    args: ManagedInterconnectArgs;
    directConnectGatewayId: pulumi.Input<string>;
    /** The Google project: in the remote profile's URL, and the remote account AWS offers a connection to. */
    project: pulumi.Input<string>;
    opts: pulumi.CustomResourceOptions;
}

interface Halves {
    connection: interconnect.Connection;
    /** Absent while a manual key handoff waits for its second step. */
    transport?: networkconnectivity.Transport;
}

/** The Direct Connect gateway (given or created) and its association with the Transit Gateway (given or created). */
function declareGateways(name: string, plan: ManagedInterconnectPlan, aws: ManagedAwsArgs, opts: pulumi.CustomResourceOptions): pulumi.Input<string> {
    const names = managedNames(name);
    const transitGatewayId = aws.transitGatewayId ?? new ec2transitgateway.TransitGateway(names.transitGateway, {
        amazonSideAsn: plan.transitGatewayAsn,
        region: aws.region,
    }, opts).id;
    const directConnectGatewayId = aws.directConnectGatewayId ?? new directconnect.Gateway(names.dxGateway, {
        amazonSideAsn: String(plan.directConnectGatewayAsn),
    }, opts).id;
    new directconnect.GatewayAssociation(names.association, {
        dxGatewayId: directConnectGatewayId,
        associatedGatewayId: transitGatewayId,
        allowedPrefixes: plan.allowedPrefixes,
        region: aws.region,
    }, opts);
    return directConnectGatewayId;
}

/**
 * The Transport generates the key and the connection accepts it, so a destroy removes the AWS half
 * first. The key matters only to the create: aws-native replaces a connection whose `activationKey`
 * changes (a create-only property of AWS::Interconnect::Connection), and Google documents the
 * generated key as valid only while the Transport waits in PENDING_KEY (networkconnectivity
 * Transport: generatedActivationKey), so a key Google clears or rotates after AWS has accepted it is
 * ignored instead of replacing a paid, running connection.
 */
function declareGoogleInitiated(c: HalfContext): Halves {
    const names = managedNames(c.name);
    const transport = new networkconnectivity.Transport(names.transport, {
        ...transportArgs(c),
        bandwidth: c.plan.bandwidth.google,
        remoteAccountId: getCallerIdentityOutput({}, c.opts).accountId,
    }, halfOptions(c, { additionalSecretOutputs: TRANSPORT_KEYS }));
    const connection = new c.Connection(names.connection, {
        attachPoint: { directConnectGateway: c.directConnectGatewayId },
        activationKey: pulumi.secret(transport.generatedActivationKey),
    }, halfOptions(c, { additionalSecretOutputs: CONNECTION_KEYS, dependsOn: [transport], provider: c.awsNative, ignoreChanges: ["activationKey"] }));
    return { connection, transport };
}

/**
 * The connection is created in an Interconnect environment and the Transport accepts its key, so a
 * destroy removes the Google half first. The Transport waits for the key in a manual handoff.
 *
 * The Transport takes the key and the remote profile, and no bandwidth: Google's API documents both
 * as optional, immutable fields of one create, the key only for a profile with an INPUT key flow,
 * and the bandwidth as "set when no activation key is being provided" (networkconnectivity
 * Transport reference; RemoteTransportProfile.KeyProvisioningFlow). gcloud makes --activation-key and
 * --remote-profile exclusive because it reads the profile from the key; the Pulumi provider requires
 * remoteProfile, and the profile the key names is the region pair's. The key is immutable, so a
 * changed key output on the AWS side after acceptance is ignored rather than replacing the Transport.
 */
function declareAwsInitiated(c: HalfContext): Halves {
    const names = managedNames(c.name);
    const connection = new c.Connection(names.connection, {
        attachPoint: { directConnectGateway: c.directConnectGatewayId },
        environmentId: c.args.aws.environmentId,
        bandwidth: c.plan.bandwidth.aws,
        remoteAccount: { identifier: c.project },
    }, halfOptions(c, { additionalSecretOutputs: CONNECTION_KEYS, provider: c.awsNative }));
    if (!c.plan.declaresTransport) return { connection };

    const key = c.args.activationKey ?? connection.activationKey.apply((k) => requireActivationKey(k, names.connection));
    const transport = new networkconnectivity.Transport(names.transport, {
        ...transportArgs(c),
        providedActivationKey: pulumi.secret(key),
    }, halfOptions(c, { additionalSecretOutputs: TRANSPORT_KEYS, dependsOn: [connection], ignoreChanges: ["providedActivationKey"] }));
    return { connection, transport };
}

/**
 * The Transport lives in a Google-managed network peered toward the VPC; routes flow once the VPC
 * peers back. That network is named in `peeringNetwork`, which Google fills in as it configures the
 * Transport (networkconnectivity Transport: "Output only. VPC Network URI that was created for the VPC
 * Peering connection"), so the peering is declared once it is known: in the update that created the
 * Transport if Google reports it by then, else in the next one. A preview of a new Transport cannot
 * show it; the component's `nextStep` says so. Returns the network as it is known (empty: not yet).
 */
function declarePeering(c: HalfContext, transport: networkconnectivity.Transport, network: pulumi.Input<string>): pulumi.Output<string> {
    return transport.peeringNetwork.apply((peerNetwork) => {
        if (peerNetwork) {
            new compute.NetworkPeering(managedNames(c.name).peering, {
                network,
                peerNetwork,
                importCustomRoutes: true,
                exportCustomRoutes: true,
                stackType: c.plan.stackType,
            }, c.opts);
        }
        return peerNetwork ?? "";
    });
}

/** What the Transport takes in both directions; only the initiating half states the bandwidth, the key carries it. */
function transportArgs({ plan, args: { google }, project }: HalfContext): networkconnectivity.TransportArgs {
    return {
        region: google.region,
        project: google.project,
        remoteProfile: pulumi.interpolate`https://networkconnectivity.googleapis.com/v1/projects/${project}/locations/${google.region}/remoteTransportProfiles/${plan.remoteProfile.name}`,
        network: google.network,
        hub: google.hub,
        advertisedRoutes: plan.advertisedPrefixes,
        stackType: plan.stackType,
        deletionPolicy: plan.production ? "PREVENT" : undefined,
    };
}

/** Both halves are paid resources, protected in production. */
function halfOptions({ plan, opts }: HalfContext, extra: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    return { ...opts, protect: plan.production, ...extra };
}

// Neither provider marks the activation key secret.
const TRANSPORT_KEYS = ["generatedActivationKey", "providedActivationKey"];
const CONNECTION_KEYS = ["activationKey"];

function googleProject(google: ManagedGoogleArgs, opts: pulumi.InvokeOutputOptions): pulumi.Input<string> {
    // The result types projectId as optional because it is also an argument; for the provider's own project it is always set.
    return google.project ?? (getProjectOutput({}, opts).projectId as pulumi.Output<string>);
}
