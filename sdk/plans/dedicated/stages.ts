/**
 * The life of a port, between the order and its first packet. Google: a Cross-Cloud Interconnect
 * connection is ordered, then the AWS ports (one LAG per connection, "Order AWS ports"); the
 * cross-connect between the two is made from AWS's Letter of Authorization and Connecting Facility
 * Assignment (LOA-CFA); Google tests the connection and only then accepts VLAN attachments
 * ("Cross-Cloud Interconnect provisioning overview"; "Create VLAN attachments" needs a provisioned
 * connection). AWS: a LAG is `requested`, its LOA-CFA is downloadable while it waits for the
 * cross-connect, and it is `available` once the cross-connect is up; a virtual interface is made on
 * an available connection (Direct Connect "Dedicated connections", "Download the LOA-CFA").
 *
 * So a port is declared in two stages, decided by the `ready` flag the user sets: an explicit,
 * reviewed argument keeps every plan deterministic and offline, where reading the provisioning
 * state would make the same program declare different resources from one run to the next, and
 * would need both clouds' credentials to preview.
 */
import { LinkStage } from "../../topology";
import { dedicatedNames } from "../names";

export interface StagedPort {
    key: string;
    awsLocation: string;
    awsRegion: string;
}

/** What happens next for an ordered port: the handoff, the cross-connect, what to wait for, what to set. */
export function portNextStep(name: string, port: StagedPort): string {
    const names = dedicatedNames(name);
    return `Port ${port.key} is ordered (Google interconnect ${names.port(port.key)}, AWS LAG ${names.lag(port.key)} at ${port.awsLocation}). ` +
        `1) Download the LAG's LOA-CFA (aws directconnect describe-loa --connection-id <LAG id> --region ${port.awsRegion}) and hand it to Google ` +
        "with the Cross-Cloud Interconnect order, which has the cross-connect into AWS's cage made. " +
        "2) Wait until Google has tested the connection (gcloud compute interconnects describe <interconnect>: state ACTIVE, operationalStatus OS_ACTIVE) " +
        "and the LAG's connection is available (aws directconnect describe-lags). " +
        `3) Set ports["${port.key}"].ready: true and run pulumi up: its attachments, router interfaces, BGP peers and MD5 keys, transit VIFs and SLA groups follow.`;
}

export function stageOf(ready: boolean): LinkStage {
    return ready ? LinkStage.Ready : LinkStage.Ordered;
}

/** One message for every ordered port, in key order; absent when every port is ready. */
export function nextSteps(ports: { nextStep?: string }[]): string | undefined {
    const steps = ports.map((p) => p.nextStep).filter((s): s is string => s !== undefined);
    return steps.length === 0 ? undefined : steps.join("\n");
}
