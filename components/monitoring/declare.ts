import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as monitoring from "@pulumi/gcp/monitoring";
import {
    actionsInRegion, AlarmClass, AlarmTableRow, AwsAlarmDefinition, AwsMetric, GcpPolicyDefinition, isRef, MonitoringPlan, Severity, SEVERITY_ARGS, unnotifiedRegions, Value,
} from "../../sdk/monitoring";
import { Cloud } from "../../sdk/topology";
import { MonitoringArgs } from "./args";
import { MetricTargets, resolveRef } from "./targets";

/** One declared alarm, as the `monitoring` output lists it. */
export interface AlarmSummary {
    /** The resource's name: `<component>-alarm-<key>` (CloudWatch) or `<component>-alert-<key>` (Cloud Monitoring). */
    name: string;
    cloud: Cloud;
    severity: Severity;
    /** `down` (failure domains), `capacity`, `degraded` (a port working badly) or `routes`. */
    kind: AlarmClass;
    /** The failure groups it reports, by key (see `groups`). */
    groups: string[];
    /** What a `degraded` alarm watches (a port) or a `routes` alarm (a Google region). */
    subject?: string;
    title: string;
}

/** Failure domains that cut the same links, and how bad losing them is. */
export interface FailureGroupSummary {
    key: string;
    /** `kind:id`, e.g. `port:prod-primary-port-iad-1`. */
    domains: string[];
    links: string[];
    severity: Severity;
    survivingGbps: number;
}

export interface MonitoringSummary {
    alarms: AlarmSummary[];
    groups: FailureGroupSummary[];
    /** Failure domain (or the capacity) → the alarms on each cloud → severity. */
    table: AlarmTableRow[];
    /** Alarms without actions, what no metric watches. */
    warnings: string[];
}

export interface DeclareOptions {
    parent: pulumi.Resource;
    /** Google project of the alert policies; the provider's when absent. */
    project?: pulumi.Input<string>;
}

/** Declares a plan's alarms, filled in with the ids and names of what the component declared, and returns the plan's summary. */
export function declareMonitoring(
    plan: MonitoringPlan, targets: MetricTargets, notify: MonitoringArgs["notify"], options: DeclareOptions,
): pulumi.Output<MonitoringSummary> {
    const targetsFor = (severity: Severity) => notify?.[SEVERITY_ARGS[severity]];
    const topics = Object.fromEntries(Object.values(Severity).map((severity) => [severity, pulumi.all(targetsFor(severity)?.snsTopicArns ?? [])])) as Record<Severity, pulumi.Output<string[]>>;
    for (const alarm of plan.alarms) {
        const to = targetsFor(alarm.severity);
        if (alarm.aws) declareAwsAlarm(alarm.resourceName, alarm.aws, targets, topics[alarm.severity], options.parent);
        if (alarm.gcp) declarePolicy(alarm.resourceName, alarm.gcp, targets, to?.notificationChannels ?? [], options);
    }
    for (const warning of plan.warnings) pulumi.log.warn(`monitoring: ${warning}`, options.parent);
    return pulumi.all([pulumi.output(topics[Severity.RedundancyLost]), pulumi.output(topics[Severity.RequirementBreached])]).apply(([lost, breached]) => ({
        alarms: plan.alarms.map((a) => ({
            name: a.resourceName, cloud: a.cloud, severity: a.severity, kind: a.class, groups: a.groups, ...(a.subject !== undefined && { subject: a.subject }), title: a.title,
        })),
        groups: plan.groups.map((g) => ({
            key: g.key, domains: g.domains.map((d) => `${d.kind}:${d.id}`), links: g.links, severity: g.severity, survivingGbps: g.survivingMbps / 1000,
        })),
        table: plan.table,
        warnings: [...plan.warnings, ...unnotifiedRegions(plan.alarms, { [Severity.RedundancyLost]: lost, [Severity.RequirementBreached]: breached })],
    }));
}

function declareAwsAlarm(name: string, def: AwsAlarmDefinition, targets: MetricTargets, topics: pulumi.Output<string[]>, parent: pulumi.Resource): void {
    const actions = topics.apply((arns) => actionsInRegion(arns, def.region));
    const metric = (m: AwsMetric) => ({ namespace: m.namespace, metricName: m.metricName, dimensions: dimensions(m.dimensions, targets), stat: m.stat, period: m.period });
    new cloudwatch.MetricAlarm(name, {
        region: def.region,
        alarmDescription: def.description,
        comparisonOperator: def.comparisonOperator,
        threshold: def.threshold,
        evaluationPeriods: def.evaluationPeriods,
        datapointsToAlarm: def.datapointsToAlarm,
        treatMissingData: def.treatMissingData,
        ...(def.metric
            ? { namespace: def.metric.namespace, metricName: def.metric.metricName, dimensions: dimensions(def.metric.dimensions, targets), statistic: def.metric.stat, period: def.metric.period }
            : { metricQueries: def.queries!.map((q) => ({ id: q.id, returnData: q.returnData, ...(q.label !== undefined && { label: q.label }), ...(q.expression !== undefined ? { expression: q.expression } : { metric: metric(q.metric!) }) })) }),
        actionsEnabled: true,
        alarmActions: actions,
        okActions: actions,
        tags: def.tags,
    }, { parent });
}

function declarePolicy(name: string, def: GcpPolicyDefinition, targets: MetricTargets, channels: pulumi.Input<string>[], options: DeclareOptions): void {
    new monitoring.AlertPolicy(name, {
        displayName: def.displayName,
        severity: def.severity,
        combiner: def.combiner,
        enabled: true,
        documentation: { content: def.documentation, mimeType: "text/markdown" },
        userLabels: def.userLabels,
        conditions: def.conditions.map((c) => ({
            displayName: c.displayName,
            conditionThreshold: {
                filter: pulumi.all(c.filter.map((part) => filled(part, targets))).apply((parts) => parts.join("")),
                aggregations: c.aggregations,
                comparison: c.comparison,
                thresholdValue: c.thresholdValue,
                duration: c.duration,
                evaluationMissingData: c.evaluationMissingData,
                trigger: { count: 1 },
            },
        })),
        notificationChannels: channels,
        project: options.project,
    }, { parent: options.parent });
}

function dimensions(values: Record<string, Value>, targets: MetricTargets): Record<string, pulumi.Input<string>> {
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, filled(v, targets)]));
}

function filled(value: Value, targets: MetricTargets): pulumi.Input<string> {
    return isRef(value) ? resolveRef(targets, value) : value;
}
