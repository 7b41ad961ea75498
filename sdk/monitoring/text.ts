/** What an alarm tells the person it wakes: what it watches, what survives, what to do. */
import { Failure } from "../resilience";
import { FailureKind } from "../topology";
import { Severity } from "./catalogue";
import { domainText, FailureGroup, gbpsText, Requirement, requirementText } from "./groups";

export const SEVERITY_TEXT: Record<Severity, string> = {
    [Severity.RedundancyLost]: "Redundancy lost",
    [Severity.RequirementBreached]: "Requirement breached",
};

/** CloudWatch's limit on an alarm description (PutMetricAlarm: AlarmDescription, 0 to 1024 characters). */
export const AWS_DESCRIPTION_LIMIT = 1024;

/** `port prod-primary-port-iad-1 (and its LAG …, edge availability domain iad-zone1)`. */
export function domainsText(domains: readonly Failure[]): string {
    const [first, ...rest] = domains;
    return rest.length === 0 ? domainText(first) : `${domainText(first)} (one failure domain with ${rest.map(domainText).join(", ")}: they cut the same links)`;
}

export function survivesText(group: Pick<FailureGroup, "survivingMbps" | "connected" | "severity">, requirement: Requirement): string {
    if (!group.connected) return "Nothing survives it: the clouds are cut.";
    const verdict = group.severity === Severity.RequirementBreached ? "below" : "still meeting";
    return `${gbpsText(group.survivingMbps)} survive it, ${verdict} ${requirementText(requirement)}.`;
}

const ACTIONS: Record<FailureKind, string> = {
    port: "Check the port on both clouds (gcloud compute interconnects get-diagnostics; the AWS connection's state and light levels) and the cross-connect with the colocation provider; open a case with whichever provider's side is dark.",
    awsDevice: "The AWS device under the LAG is down or unreachable: open an AWS Support case for the LAG and its connection; check AWS Health for the Direct Connect location.",
    awsLocation: "A whole Direct Connect location is dark: check AWS Health and the colocation provider for the facility.",
    metro: "A whole interconnect metro is dark: check Google Cloud Service Health and AWS Health for the facilities there.",
    edgeDomain: "A Google edge availability domain is down (often planned maintenance): check Google's maintenance notices and the Interconnect's expected outages.",
    region: "A Google region, or everything of this network in it, is down: check Google Cloud Service Health, then the Cloud Routers and the links there.",
    cloudRouter: "The Cloud Router's BGP sessions are down while their links may be up: check gcloud compute routers get-status and the router's logs (BGP events).",
    vpnInterface: "An HA VPN interface is down: check both of its tunnels (gcloud compute vpn-tunnels describe) and the VPN logs on both clouds.",
    awsVpnConnection: "An AWS VPN connection is down: check its two tunnels' status and IKE/BGP logs (Site-to-Site VPN logs), and whether it was modified.",
    tunnel: "One IPsec tunnel is down: check its IKE and BGP state on both ends (AWS tunnel details; gcloud compute vpn-tunnels describe) and the VPN logs.",
    managedConnection: "The managed connection is down: check its state on both clouds (AWS Interconnect console, the Transport's state) and open a case with either provider.",
};

export function actionText(group: Pick<FailureGroup, "domains" | "severity">): string {
    const urgency = group.severity === Severity.RequirementBreached
        ? "Act now: the network carries less than it must."
        : "Restore it before another failure: the network still carries what it must, with no margin left in this domain.";
    return `${urgency} ${ACTIONS[group.domains[0].kind]}`;
}

/** A description within CloudWatch's limit; the documentation of a Cloud Monitoring policy takes it whole. */
export function fitted(text: string, limit = AWS_DESCRIPTION_LIMIT): string {
    return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
