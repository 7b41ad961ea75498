import * as pulumi from "@pulumi/pulumi";
import type * as interconnect from "@pulumi/aws-native/interconnect";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import * as compute from "@pulumi/gcp/compute";
import * as networkconnectivity from "@pulumi/gcp/networkconnectivity";
import { getProjectOutput } from "@pulumi/gcp/organizations/getProject";
import {
    InitiatedBy, KeyHandoff, ManagedInterconnectPlan, planManagedInterconnect, requireActivationKey, StackType,
} from "../sdk/plans/managedInterconnect";
import { plainArgs } from "../sdk/checks/values";
import { Topology } from "../sdk/topology";
import { planInProgramSpace } from "./addressBook";
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
     * so drift shows (at most 20; IPv6 with dual stack).
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
    /** Prefixes Google advertises to AWS (IPv6 with dual stack). */
    advertisedRoutes: string[];
    /** IPv4 only (default) or dual stack. */
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
    /** The AWS side: region, Transit Gateway (given, or created) and the Direct Connect gateway the connection attaches to. */
    aws: ManagedAwsArgs;
    /** The Google side: region, the VPC or NCC hub the Transport lands in, and the routes it advertises. */
    google: ManagedGoogleArgs;
    /** Protects both halves from deletion (`protect`, and Google `deletionPolicy: PREVENT`). Defaults to false. */
    production?: boolean;
}

/**
 * AWS Interconnect – multicloud ⇄ Google Partner Cross-Cloud Interconnect: a Google Transport and
 * an AWS Interconnect connection on a Direct Connect gateway associated with a Transit Gateway,
 * with the activation-key handshake wired between them. Children follow `opts.providers`
 * (`[aws, awsNative, gcp]`); the aws-native provider's region is the connection's region.
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
    /** What to do before the link can come up, when this run cannot finish it. */
    readonly nextStep: pulumi.Output<string | undefined>;

    constructor(name: string, args: ManagedInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
        // A copy with nulls dropped and anything unserializable refused, before anything reads it.
        args = plainArgs(args);
        const { plan } = planInProgramSpace((space) => planManagedInterconnect({ name, ...args }, space));
        // An optional peer: only this component needs it, so only this component loads it.
        const { Connection } = requirePeer<typeof interconnect>("@pulumi/aws-native", "@pulumi/aws-native/interconnect", "ManagedInterconnect");
        super("interconnect:index:ManagedInterconnect", name, { ...args, activationKey: args.activationKey && pulumi.secret(args.activationKey) }, opts);
        const children = { parent: this };

        const directConnectGatewayId = declareGateways(name, plan, args.aws, children);
        const context: HalfContext = { name, plan, args, Connection, directConnectGatewayId, project: googleProject(args.google, children), opts: children };
        const { connection, transport } = plan.initiatedBy === InitiatedBy.Google ? declareGoogleInitiated(context) : declareAwsInitiated(context);
        if (transport && args.google.network) {
            // The Transport lives in a Google-managed network peered toward the VPC; routes flow once the VPC peers back.
            new compute.NetworkPeering(`${name}-peering`, {
                network: args.google.network,
                peerNetwork: transport.peeringNetwork,
                importCustomRoutes: true,
                exportCustomRoutes: true,
                stackType: plan.stackType,
            }, children);
        }

        for (const warning of plan.warnings) pulumi.log.warn(warning, this);
        if (plan.nextStep) pulumi.log.warn(plan.nextStep, this);

        this.topology = pulumi.output(plan.topology);
        this.connectionState = connection.state;
        this.transportState = transport ? transport.state : pulumi.output(undefined);
        this.directConnectGatewayId = pulumi.output(directConnectGatewayId);
        this.prefixes = pulumi.output(plan.topology.prefixes);
        this.nextStep = pulumi.output(plan.nextStep);
        this.registerOutputs({
            topology: this.topology,
            connectionState: this.connectionState,
            transportState: this.transportState,
            directConnectGatewayId: this.directConnectGatewayId,
            prefixes: this.prefixes,
            nextStep: this.nextStep,
        });
    }
}

/** What both halves are declared from. */
interface HalfContext {
    name: string;
    /** The AWS half's resource class, from the optional aws-native peer. */
    Connection: typeof interconnect.Connection;
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
    const transitGatewayId = aws.transitGatewayId ?? new ec2transitgateway.TransitGateway(`${name}-transit-gateway`, {
        amazonSideAsn: plan.transitGatewayAsn,
        region: aws.region,
    }, opts).id;
    const directConnectGatewayId = aws.directConnectGatewayId ?? new directconnect.Gateway(`${name}-dx-gateway`, {
        amazonSideAsn: String(plan.directConnectGatewayAsn),
    }, opts).id;
    new directconnect.GatewayAssociation(`${name}-association`, {
        dxGatewayId: directConnectGatewayId,
        associatedGatewayId: transitGatewayId,
        allowedPrefixes: plan.allowedPrefixes,
        region: aws.region,
    }, opts);
    return directConnectGatewayId;
}

/** The Transport generates the key and the connection accepts it, so a destroy removes the AWS half first. */
function declareGoogleInitiated(c: HalfContext): Halves {
    const transport = new networkconnectivity.Transport(`${c.name}-transport`, {
        ...transportArgs(c),
        bandwidth: c.plan.bandwidth.google,
        remoteAccountId: getCallerIdentityOutput({}, c.opts).accountId,
    }, halfOptions(c, { additionalSecretOutputs: TRANSPORT_KEYS }));
    const connection = new c.Connection(`${c.name}-connection`, {
        attachPoint: { directConnectGateway: c.directConnectGatewayId },
        activationKey: pulumi.secret(transport.generatedActivationKey),
    }, halfOptions(c, { additionalSecretOutputs: CONNECTION_KEYS, dependsOn: [transport] }));
    return { connection, transport };
}

/**
 * The connection is created in an Interconnect environment and the Transport accepts its key, so a
 * destroy removes the Google half first. The Transport waits for the key in a manual handoff.
 */
function declareAwsInitiated(c: HalfContext): Halves {
    const connection = new c.Connection(`${c.name}-connection`, {
        attachPoint: { directConnectGateway: c.directConnectGatewayId },
        environmentId: c.args.aws.environmentId,
        bandwidth: c.plan.bandwidth.aws,
        remoteAccount: { identifier: c.project },
    }, halfOptions(c, { additionalSecretOutputs: CONNECTION_KEYS }));
    if (!c.plan.declaresTransport) return { connection };

    const key = c.args.activationKey ?? connection.activationKey.apply((k) => requireActivationKey(k, `${c.name}-connection`));
    const transport = new networkconnectivity.Transport(`${c.name}-transport`, {
        ...transportArgs(c),
        providedActivationKey: pulumi.secret(key),
    }, halfOptions(c, { additionalSecretOutputs: TRANSPORT_KEYS, dependsOn: [connection] }));
    return { connection, transport };
}

/** What the Transport takes in both directions; only the initiating half states the bandwidth, the key carries it. */
function transportArgs({ plan, args: { google }, project }: HalfContext): networkconnectivity.TransportArgs {
    return {
        region: google.region,
        project: google.project,
        remoteProfile: pulumi.interpolate`https://networkconnectivity.googleapis.com/v1/projects/${project}/locations/${google.region}/remoteTransportProfiles/${plan.remoteProfile.name}`,
        network: google.network,
        hub: google.hub,
        advertisedRoutes: plan.advertisedRoutes,
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
