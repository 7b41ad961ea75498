import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random";
import { StackType } from "../../sdk/addressFamily";
import { plainArgs } from "../../sdk/checks/values";
import { MD5_KEY_LENGTH, planDedicatedInterconnect, SlaTarget } from "../../sdk/plans/dedicated";
import { checkMonitoring, dedicatedAwsRegions, planMonitoring, RefKind } from "../../sdk/monitoring";
import { dedicatedNames } from "../../sdk/plans/names";
import { LinkStage, SlaTier, Topology } from "../../sdk/topology";
import { planInProgramSpace } from "../addressBook";
import { declareMonitoring, MetricTargets, MonitoringSummary, recordTargets } from "../monitoring";
import { DedicatedInterconnectArgs } from "./args";
import { declareAws, VifWiring } from "./aws";
import { declareGoogle } from "./google";
import { AttachmentSummary, attachmentSummaries, GoogleSlaBlocker, PortSummary, portSummaries } from "./outputs";

export * from "./args";
export { AttachmentSummary, GoogleSlaBlocker, PortSummary } from "./outputs";
export { SlaTarget };

/**
 * Dedicated Cross-Cloud Interconnect between Google and AWS, in the 99.9% or 99.99% shape: Google
 * ports (interconnects with a remote location) and the AWS LAGs they land on, a VLAN attachment
 * and transit VIF per attachment wired to each other, Cloud Routers, link-local /29s, and BGP with
 * MD5 and BFD on every session. A port is declared in two stages: ordered (the port and its LAG;
 * `nextStep` says what to do), then, once set `ready`, its attachments and sessions. Children follow
 * `opts.providers` (`[aws, gcp]`).
 */
export class DedicatedInterconnect extends pulumi.ComponentResource {
    /** The link as planned: one link per attachment with its failure domains, the BGP sessions and the prefixes. */
    readonly topology: pulumi.Output<Topology>;
    /** The SLA tier the shape earns by crosscloud's analysis: at least the target. */
    readonly slaTier: pulumi.Output<SlaTier>;
    /** Ports by key. */
    readonly ports: pulumi.Output<{ [key: string]: PortSummary }>;
    /** Attachments of ready ports, by key. */
    readonly attachments: pulumi.Output<{ [key: string]: AttachmentSummary }>;
    /** Google's own verdict on the declared SLA intent: empty when nothing blocks it. */
    readonly googleSlaBlockers: pulumi.Output<GoogleSlaBlocker[]>;
    /** The Direct Connect gateway every transit VIF lands on, given or created. */
    readonly directConnectGatewayId: pulumi.Output<string>;
    /** The Transit Gateway the Direct Connect gateway is associated with, given or created. */
    readonly transitGatewayId: pulumi.Output<string>;
    /** What to do for each port still ordered (LOA-CFA, cross-connect, what to wait for); undefined once all are ready. */
    readonly nextStep: pulumi.Output<string | undefined>;
    /** The alarms declared on both clouds, the failure groups they watch, the alarm table and what to know about them. */
    readonly monitoring: pulumi.Output<MonitoringSummary | undefined>;

    constructor(name: string, args: DedicatedInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
        // A copy with nulls dropped and anything unserializable refused, before anything reads it.
        args = plainArgs(args);
        const { plan, notes } = planInProgramSpace((space) => planDedicatedInterconnect({ name, ...args }, space));
        const watch = checkMonitoring(args.monitoring, "monitoring");
        const alarms = watch.enabled ? planMonitoring({
            name, topology: plan.topology, requirement: { mbps: watch.requiredMbps }, awsRegions: dedicatedAwsRegions(name, plan), notify: watch.notify,
        }) : undefined;
        super("interconnect:index:DedicatedInterconnect", name, args, opts);
        for (const note of notes) pulumi.log.warn(note, this);

        // One key per session, the same on both ends; neither cloud marks it secret, the generator does.
        const ready = plan.attachments.filter((a) => a.stage === LinkStage.Ready);
        const md5Keys = Object.fromEntries(ready.map((a) => [a.key, new RandomPassword(dedicatedNames(name).md5(a.key), {
            length: MD5_KEY_LENGTH,
            special: false,
        }, { parent: this }).result]));
        // IPv4 only: the attachment first, and the VIF takes its VLAN and addresses from what Google
        // assigned. Dual stack: the VIF first, with the VLAN and addresses crosscloud planned, because
        // the attachment's IPv6 addresses are those AWS gives the VIF's IPv6 BGP peer (aws.ts).
        const dual = plan.stackType === StackType.DualStack;
        const plannedWiring: VifWiring = Object.fromEntries(ready.map((a) => [a.key, { vlan: a.vlan!, customerAddress: a.cloudRouterAddress, amazonAddress: a.customerRouterAddress }]));
        const aws0 = dual ? declareAws(name, args, plan, plannedWiring, md5Keys, this) : undefined;
        const google = declareGoogle(name, args, plan, md5Keys, this, aws0?.ipv6Peers);
        const aws = aws0 ?? declareAws(name, args, plan, Object.fromEntries(ready.map((a) => {
            const attachment = google.attachments[a.key];
            return [a.key, { vlan: attachment.vlanTag8021q, customerAddress: attachment.cloudRouterIpAddress, amazonAddress: attachment.customerRouterIpAddress }];
        })), md5Keys, this);

        if (plan.nextStep) pulumi.log.warn(plan.nextStep, this);

        const names = dedicatedNames(name);
        const portOf = (key: string) => plan.attachments.find((a) => a.key === key)!.port;
        const targets: MetricTargets = {
            [RefKind.AwsPortConnectionId]: Object.fromEntries(plan.ports.map((p) => [names.port(p.key), aws.connections[p.key].id])),
            [RefKind.GcpInterconnectName]: Object.fromEntries(plan.ports.map((p) => [names.port(p.key), google.ports[p.key].name])),
            [RefKind.AwsVifConnectionId]: Object.fromEntries(ready.map((a) => [names.attachment(a.key), aws.lags[portOf(a.key)].id])),
            [RefKind.AwsVifId]: Object.fromEntries(ready.map((a) => [names.attachment(a.key), aws.vifs[a.key].id])),
            [RefKind.GcpPeerName]: Object.fromEntries(ready.map((a) => [names.attachment(a.key), google.peers[a.key].name])),
        };
        recordTargets(this, targets);
        this.monitoring = alarms ? declareMonitoring(alarms, targets, args.monitoring?.notify, { parent: this, project: args.google.project }) : pulumi.output(undefined);

        this.topology = pulumi.output(plan.topology);
        this.slaTier = pulumi.output(plan.earned);
        this.ports = portSummaries(plan, google, aws);
        this.attachments = attachmentSummaries(plan, google, aws);
        this.googleSlaBlockers = google.slaBlockers;
        this.directConnectGatewayId = aws.directConnectGatewayId;
        this.transitGatewayId = aws.transitGatewayId;
        this.nextStep = pulumi.output(plan.nextStep);
        this.registerOutputs({
            topology: this.topology,
            slaTier: this.slaTier,
            ports: this.ports,
            attachments: this.attachments,
            googleSlaBlockers: this.googleSlaBlockers,
            directConnectGatewayId: this.directConnectGatewayId,
            transitGatewayId: this.transitGatewayId,
            nextStep: this.nextStep,
            monitoring: this.monitoring,
        });
    }
}
