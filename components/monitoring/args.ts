import * as pulumi from "@pulumi/pulumi";

/** Who hears one severity's alarms. */
export interface MonitoringNotifyArgs {
    /**
     * ARNs of SNS topics the CloudWatch alarms notify. CloudWatch notifies only topics in the alarm's
     * own Region, so give one per Region the alarms are in (a dedicated link's ports may be in
     * several): each alarm takes those of its Region, and the `monitoring` output warns of a Region
     * left without one.
     */
    snsTopicArns?: pulumi.Input<string>[];
    /** Cloud Monitoring notification channels the alert policies notify (`projects/<p>/notificationChannels/<id>`). */
    notificationChannels?: pulumi.Input<string>[];
}

/** Who hears each severity's alarms. */
export interface MonitoringNotifyTargets {
    /** A failure after which what survives still meets the requirement. */
    redundancyLost?: MonitoringNotifyArgs;
    /** A failure, or failures, after which it does not, or the clouds are cut. */
    requirementBreached?: MonitoringNotifyArgs;
}

/**
 * The alarms a link declares on both clouds, from the same plan as the link: one per failure domain
 * (port, device, metro, region, tunnel, router…) on each cloud that can see it, one on the capacity
 * that survives any combination of failures, early warnings for ports. Each has one of two
 * severities: `redundancy-lost` (what survives still meets the requirement) or
 * `requirement-breached` (it does not, or the clouds are cut).
 */
export interface MonitoringArgs {
    /** Declare the alarms. Defaults to true. */
    enabled?: boolean;
    /**
     * Gbps that must survive, for a link declared on its own: below it a failure breaches the
     * requirement. Defaults to none: only losing every link breaches it. A CrossCloudNetwork uses its
     * `requirement.bandwidthGbps` instead.
     */
    requiredGbps?: number;
    /** Notification targets per severity. Without any, the alarms exist without actions (the plan says so). */
    notify?: MonitoringNotifyTargets;
}
