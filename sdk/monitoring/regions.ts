/** The AWS region of every element a plan's alarms may watch: CloudWatch reads a metric in its own region only. */
import { DedicatedInterconnectPlan } from "../plans/dedicated";
import { dedicatedNames } from "../plans/names";
import { LinkKind, Topology } from "../topology";
import { Severity } from "./catalogue";

/** An HA VPN: its connections and tunnels are all in the AWS region of its gateway. */
export function vpnAwsRegions(topology: Topology, region: string): Record<string, string> {
    const regions: Record<string, string> = {};
    for (const link of topology.links.filter((l) => l.kind === LinkKind.HaVpn)) {
        regions[link.id] = region;
        if (link.domains.awsVpnConnection !== undefined) regions[link.domains.awsVpnConnection] = region;
    }
    return regions;
}

/** A dedicated interconnect: each port's connection, LAG and VIFs are in the region its Direct Connect location belongs to. */
export function dedicatedAwsRegions(name: string, plan: DedicatedInterconnectPlan): Record<string, string> {
    const names = dedicatedNames(name);
    const regions: Record<string, string> = {};
    for (const port of plan.ports) regions[names.port(port.key)] = port.awsRegion;
    for (const a of plan.attachments) regions[names.attachment(a.key)] = plan.ports.find((p) => p.key === a.port)!.awsRegion;
    return regions;
}

/**
 * The Region of an SNS topic's ARN (`arn:<partition>:sns:<region>:<account>:<name>`), or undefined
 * for any other action (an SSM Incidents response plan, say). CloudWatch notifies only topics in
 * the alarm's own Region: it refuses another with "ValidationError: Invalid region <r> specified.
 * Only <alarm's region> is supported" (PutMetricAlarm), so each alarm takes the topics of its Region.
 */
export function snsTopicRegion(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" && parts[2] === "sns" && parts[3] !== "" ? parts[3] : undefined;
}

/**
 * Severities given SNS topics, none of them in the Region of some of its alarms: those alarms notify
 * nobody. One warning per severity and Region.
 */
export function unnotifiedRegions(alarms: readonly { severity: Severity; aws?: { region: string } }[], topics: Record<Severity, readonly string[]>): string[] {
    return Object.values(Severity).flatMap((severity) => {
        const arns = topics[severity];
        if (arns.length === 0) return [];
        const regions = [...new Set(alarms.filter((a) => a.severity === severity && a.aws).map((a) => a.aws!.region))].sort();
        const bare = regions.filter((region) => actionsInRegion(arns, region).length === 0);
        return bare.map((region) => `CloudWatch alarms of severity "${severity}" in ${region} notify nobody: CloudWatch notifies only SNS topics in the alarm's own Region, and none given is in ${region}; add one there`);
    });
}

/** The actions an alarm in `region` takes: SNS topics of that Region, and every action that is no SNS topic. */
export function actionsInRegion(arns: readonly string[], region: string): string[] {
    return arns.filter((arn) => {
        const topicRegion = snsTopicRegion(arn);
        return topicRegion === undefined || topicRegion === region;
    });
}
