import * as pulumi from "@pulumi/pulumi";
import { DedicatedInterconnectPlan, PlannedPort } from "../../sdk/plans/dedicatedInterconnect";
import { AwsHalf } from "./aws";
import { GoogleHalf } from "./google";

export type { GoogleSlaBlocker } from "./google";

export enum MacsecState {
    /** MACsec was not asked for. */
    Off = "off",
    /** MACsec-capable on both clouds, waiting for the CAK/CKN Google generated (see `nextStep`). */
    AwaitingKeys = "awaiting-keys",
    /** Keys associated on AWS; must-secure on Google, `must_encrypt` on AWS. */
    Enforced = "enforced",
}

/** One port as both clouds see it. */
export interface PortSummary {
    /** Name of the Google interconnect, as gcloud takes it. */
    interconnect: string;
    /** Self link of the Google interconnect. */
    selfLink: string;
    /** Google's reference id, for support cases. */
    googleReferenceId: string;
    /** Google interconnect location, as given. */
    location: string;
    /** Google metro, e.g. `iad`. */
    metro: string;
    /** Edge availability domain, e.g. `iad-zone1`. */
    edgeDomain: string;
    /** AWS Direct Connect location of the LAG. */
    awsLocation: string;
    /** Id of the AWS LAG the port lands on. */
    lagId: string;
    /** Ids of the port's dedicated connections (the LAG's links). */
    connectionIds: string[];
    /** AWS devices the links landed on. The SLA counts on each port's LAG being on its own device. */
    awsDevices: string[];
    /** Whether MACsec is off, waiting for Google's keys, or enforced. */
    macsec: MacsecState;
}

/** One attachment and the transit VIF it pairs with. */
export interface AttachmentSummary {
    /** Key of the port the attachment rides. */
    port: string;
    /** Google region of the attachment and its Cloud Router. */
    region: string;
    /** Google spelling, e.g. `BPS_5G`. */
    bandwidth: string;
    /** Self link of the Google VLAN attachment. */
    selfLink: string;
    /** 802.1Q tag, the same on the attachment and the VIF. */
    vlan: number;
    /** The link-local /29 the BGP session runs in. */
    subnet: string;
    /** The Cloud Router's address (the VIF's customer address). */
    cloudRouterIpAddress: string;
    /** AWS's address (the VIF's Amazon address). */
    customerRouterIpAddress: string;
    /** Id of the AWS transit virtual interface paired with the attachment. */
    virtualInterfaceId: string;
}

export function portSummaries(plan: DedicatedInterconnectPlan, google: GoogleHalf, aws: AwsHalf): pulumi.Output<{ [key: string]: PortSummary }> {
    return pulumi.output(Object.fromEntries(plan.ports.map((p) => {
        const port = google.ports[p.key];
        const links = aws.connections[p.key];
        return [p.key, {
            interconnect: port.name,
            selfLink: google.portLinks[p.key],
            googleReferenceId: port.googleReferenceId,
            location: p.location,
            metro: p.metro,
            edgeDomain: p.edgeDomain,
            awsLocation: p.awsLocation,
            lagId: aws.lags[p.key].id,
            connectionIds: links.map((l) => l.id),
            awsDevices: links.map((l) => l.awsDevice),
            macsec: macsecState(p),
        }];
    })));
}

export function attachmentSummaries(plan: DedicatedInterconnectPlan, google: GoogleHalf, aws: AwsHalf): pulumi.Output<{ [key: string]: AttachmentSummary }> {
    return pulumi.output(Object.fromEntries(plan.attachments.map((a) => {
        const attachment = google.attachments[a.key];
        return [a.key, {
            port: a.port,
            region: a.region,
            bandwidth: a.bandwidth,
            selfLink: attachment.selfLink,
            vlan: attachment.vlanTag8021q,
            subnet: a.subnet,
            cloudRouterIpAddress: attachment.cloudRouterIpAddress,
            customerRouterIpAddress: attachment.customerRouterIpAddress,
            virtualInterfaceId: aws.vifs[a.key].id,
        }];
    })));
}

function macsecState(port: PlannedPort): MacsecState {
    if (!port.macsec) return MacsecState.Off;
    return port.macsec.secured ? MacsecState.Enforced : MacsecState.AwaitingKeys;
}
