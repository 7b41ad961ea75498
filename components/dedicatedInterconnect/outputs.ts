import * as pulumi from "@pulumi/pulumi";
import { DedicatedInterconnectPlan } from "../../sdk/plans/dedicated";
import { LinkStage } from "../../sdk/topology";
import { AwsHalf } from "./aws";
import { GoogleHalf } from "./google";

export type { GoogleSlaBlocker } from "./google";

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
    /** Id of the port's dedicated connection (the LAG's link). */
    connectionId: string;
    /** AWS device the link landed on. AWS's 99.99% counts on two distinct devices at each location. */
    awsDevice: string;
    /** `ordered` until the port is set ready, then `ready`. */
    stage: LinkStage;
    /** What to do next for an ordered port; absent once it is ready. */
    nextStep?: string;
}

/** One attachment of a ready port and the transit VIF it pairs with. */
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
    /** Dual stack: the Cloud Router's IPv6 address, as AWS assigned it (the VIF IPv6 peer's customer address). */
    cloudRouterIpv6Address?: string;
    /** Dual stack: AWS's IPv6 address (the VIF IPv6 peer's Amazon address). */
    customerRouterIpv6Address?: string;
}

export function portSummaries(plan: DedicatedInterconnectPlan, google: GoogleHalf, aws: AwsHalf): pulumi.Output<{ [key: string]: PortSummary }> {
    return pulumi.output(Object.fromEntries(plan.ports.map((p) => {
        const port = google.ports[p.key];
        const connection = aws.connections[p.key];
        return [p.key, {
            interconnect: port.name,
            selfLink: google.portLinks[p.key],
            googleReferenceId: port.googleReferenceId,
            location: p.location,
            metro: p.metro,
            edgeDomain: p.edgeDomain,
            awsLocation: p.awsLocation,
            lagId: aws.lags[p.key].id,
            connectionId: connection.id,
            awsDevice: connection.awsDevice,
            stage: p.stage,
            ...(p.nextStep !== undefined && { nextStep: p.nextStep }),
        }];
    })));
}

export function attachmentSummaries(plan: DedicatedInterconnectPlan, google: GoogleHalf, aws: AwsHalf): pulumi.Output<{ [key: string]: AttachmentSummary }> {
    return pulumi.output(Object.fromEntries(plan.attachments.filter((a) => a.stage === LinkStage.Ready).map((a) => {
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
            ...(aws.ipv6Peers[a.key] && { cloudRouterIpv6Address: attachment.cloudRouterIpv6Address, customerRouterIpv6Address: attachment.customerRouterIpv6Address }),
        }];
    })));
}
