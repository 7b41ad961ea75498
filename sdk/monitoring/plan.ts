/**
 * Plans the alarms of a topology on both clouds from the resilience model: one per failure group
 * and cloud (severity from what survives the group's failure), one on the capacity that survives
 * any combination, and early warnings for ports. Where one cloud cannot express an alarm, the other
 * cloud's covers it and the plan says so; what no metric can watch is said too. Plain data out:
 * components declare it, the CLI and the README show its table.
 */
import { Bandwidth } from "../bandwidth";
import { ErrorCode, fail } from "../errors";
import { Cloud, Link, LinkKind, Topology } from "../topology";
import { MAX_METRICS_PER_AWS_ALARM, RX_POWER_ALARM_DBM, Severity, SignalKind } from "./catalogue";
import {
    AwsAlarmDefinition, AwsMetric, awsAnyTunnelDownAlarm, awsCapacityAlarm, awsDownAlarm, awsErrorsAlarm, CapacityTerm, dxConnectionMetric,
    GcpCondition, GcpElement, gcpDownCondition, gcpRoutesDroppedCondition, gcpRxPowerCondition, GcpPolicyDefinition, gcpSessionsUpAtMost,
    vifBgpMetric, vpnTunnelMetric, vpnTunnelsMetric,
} from "./definitions";
import { byKey, domainText, FailureGroup, failureGroups, gbpsText, isObservable, Level, readyLinks, Requirement, requirementText } from "./groups";
import { actionText, domainsText, fitted, SEVERITY_TEXT, survivesText } from "./text";

export enum AlarmClass {
    /** A failure group is down. */
    Down = "down",
    /** Less than the requirement survives, whatever combination of failures caused it. */
    Capacity = "capacity",
    /** A port is working badly: errors, low light. It counts as lost. */
    Degraded = "degraded",
    /** Google drops routes learned from AWS over quota. */
    Routes = "routes",
}

export interface PlannedAlarm {
    /** Stable: the alarm's resource is `${name}-alarm-${key}` on AWS, `${name}-alert-${key}` on Google. */
    key: string;
    resourceName: string;
    cloud: Cloud;
    class: AlarmClass;
    severity: Severity;
    /** Down alarms: the groups it reports, by key; it fires once any of them has failed. */
    groups: string[];
    /** Degraded alarms: the port; routes alarms: the region. */
    subject?: string;
    title: string;
    aws?: AwsAlarmDefinition;
    gcp?: GcpPolicyDefinition;
}

/** A failure group, or the capacity, one cloud does not watch, and why; `coveredBy` is the other cloud's alarm. */
export interface Gap {
    cloud: Cloud;
    /** The group's key, or `capacity`. */
    watches: string;
    reason: string;
    coveredBy: string[];
}

/** One row of the alarm table: a failure domain (or the capacity) → the alarms on each cloud → severity. */
export interface AlarmTableRow {
    watches: string;
    severity?: Severity;
    survives: string;
    aws: string[];
    google: string[];
    note?: string;
}

export interface MonitoringPlan {
    requirement: string;
    groups: FailureGroup[];
    alarms: PlannedAlarm[];
    gaps: Gap[];
    table: AlarmTableRow[];
    /** Things the user should know: alarms without actions, what no metric watches. */
    warnings: string[];
}

export interface NotifyTargets {
    aws: boolean;
    gcp: boolean;
}

export interface MonitoringInput {
    /** The component's name: every alarm's resource name starts with it, and its text names it. */
    name: string;
    topology: Topology;
    requirement: Requirement;
    /** The AWS region of each AWS element alarms may watch, by topology id: links, ports, VPN connections. */
    awsRegions: Readonly<Record<string, string>>;
    /** Whether each severity notifies anyone on each cloud. */
    notify: Readonly<Record<Severity, NotifyTargets>>;
}

export function planMonitoring(input: MonitoringInput): MonitoringPlan {
    const planner = new Planner(input);
    return planner.plan();
}

/** The whole Mbps a `requiredGbps` argument asks for, checked. */
export function requiredMbps(gbps: unknown, field: string): number {
    if (gbps === undefined) return 0;
    if (typeof gbps !== "number" || !Number.isFinite(gbps) || gbps <= 0) {
        fail({ code: ErrorCode.InvalidArgument, field, value: gbps, rule: "must be a positive number of Gbps", fix: "Give the bandwidth that must survive a failure, e.g. 10, or leave it out to alarm only when the clouds are cut." });
    }
    return Bandwidth.fromGbps(gbps).mbps;
}

class Planner {
    private readonly links: Map<string, Link>;
    private readonly ready: Link[];
    private readonly groups: FailureGroup[];
    private readonly alarms: PlannedAlarm[] = [];
    private readonly gaps: Gap[] = [];

    private readonly input: MonitoringInput;
    /** The ready links carry this much with every link up. */
    private readonly readyMbps: number;

    constructor(given: MonitoringInput) {
        this.ready = readyLinks(given.topology);
        this.readyMbps = this.ready.reduce((sum, l) => sum + l.mbps, 0);
        // While ports are ordered the ready links may carry less than the requirement: the alarms
        // then compare against what they carry, so a healthy network raises none and every loss does.
        const short = this.ready.length > 0 && this.readyMbps < given.requirement.mbps;
        this.input = short ? { ...given, requirement: { mbps: this.readyMbps } } : given;
        this.short = short ? given.requirement : undefined;
        this.links = new Map(this.ready.map((l) => [l.id, l]));
        this.groups = failureGroups(this.input.topology, this.input.requirement).sort(byKey);
    }

    /** The requirement as given, when the ready links carry less than it. */
    private readonly short?: Requirement;

    plan(): MonitoringPlan {
        const anyTunnel = this.connectionsWatchedPerTunnel();
        for (const group of this.groups) this.watchGroup(group, anyTunnel);
        for (const [connection, groups] of anyTunnel) this.watchTunnelsOf(connection, groups);
        this.watchCapacity();
        this.watchPorts();
        this.watchRoutes();
        this.alarms.sort((a, b) => (a.cloud === b.cloud ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.cloud === Cloud.Aws ? -1 : 1));
        return {
            requirement: requirementText(this.input.requirement),
            groups: this.groups,
            alarms: this.alarms,
            gaps: this.gaps,
            table: this.table(),
            warnings: this.warnings(),
        };
    }

    // ---- failure groups ----------------------------------------------------------------------

    private watchGroup(group: FailureGroup, anyTunnel: Map<string, FailureGroup[]>): void {
        if (group.unobservable.length > 0) {
            const reason = `no metric watches ${group.unobservable.join(", ")}: neither AWS (AWS Interconnect - multicloud) nor Google (the Transport) publishes one`;
            for (const cloud of [Cloud.Aws, Cloud.Gcp]) this.gaps.push({ cloud, watches: group.key, reason, coveredBy: [] });
            return;
        }
        const google = this.googleDown(group);
        const covered = [...anyTunnel.values()].some((groups) => groups.includes(group));
        if (!covered) this.awsDown(group, google);
    }

    private googleDown(group: FailureGroup): PlannedAlarm {
        const elements: GcpElement[] = group.level === Level.Physical
            ? this.portsOf(group.links).map((port) => ({ kind: SignalKind.GcpInterconnect, subject: port }))
            : group.links.map((id) => ({ kind: group.level === Level.Tunnel ? SignalKind.GcpVpnTunnel : SignalKind.GcpBgpSession, subject: id, region: this.links.get(id)!.domains.region }));
        const what = group.level === Level.Physical ? "the ports' interconnects are down" : group.level === Level.Tunnel ? "the tunnels are not established" : "the links' BGP sessions are down";
        return this.add(Cloud.Gcp, AlarmClass.Down, group.key, group.severity, [group.key], `${shortDomains(group)} down`,
            (title, text) => this.policy(title, group.severity, text, [gcpDownCondition(`${what}: ${group.links.join(", ")}`, elements)]), this.groupText(group, `Fires when ${what} (${group.links.join(", ")}) for 5 minutes, or report nothing.`));
    }

    private awsDown(group: FailureGroup, google: PlannedAlarm): void {
        const metrics: { metric: AwsMetric; subject: string }[] = group.level === Level.Physical
            ? this.portsOf(group.links).map((port) => ({ metric: dxConnectionMetric(port), subject: port }))
            : this.linkMetrics(group.links);
        const problem = this.awsLimits(metrics.map((m) => m.subject));
        if (problem) {
            this.gaps.push({ cloud: Cloud.Aws, watches: group.key, reason: problem, coveredBy: [google.key] });
            return;
        }
        const region = this.input.awsRegions[metrics[0].subject];
        const what = group.level === Level.Physical ? "the ports' Direct Connect connections are down" : "every watched tunnel and virtual interface is down";
        this.add(Cloud.Aws, AlarmClass.Down, group.key, group.severity, [group.key], `${shortDomains(group)} down`,
            (title, text) => awsDownAlarm(region, metrics.map((m) => m.metric), fitted(`[crosscloud] ${title}. ${text}`), this.tags(group.severity)),
            this.groupText(group, `Fires when ${what} (${group.links.join(", ")}).`));
    }

    /** A link's AWS metric: a whole VPN connection's tunnels together, a lone tunnel, or a VIF's BGP status. */
    private linkMetrics(ids: readonly string[]): { metric: AwsMetric; subject: string }[] {
        const metrics: { metric: AwsMetric; subject: string }[] = [];
        const done = new Set<string>();
        for (const id of ids) {
            const link = this.links.get(id)!;
            const connection = link.domains.awsVpnConnection;
            if (link.kind === LinkKind.HaVpn && connection !== undefined) {
                if (done.has(connection)) continue;
                const tunnels = this.tunnelsOf(connection);
                if (tunnels.every((t) => ids.includes(t.id))) {
                    done.add(connection);
                    metrics.push({ metric: vpnTunnelsMetric(connection, "Maximum"), subject: connection });
                } else {
                    metrics.push({ metric: vpnTunnelMetric(connection, id), subject: id });
                }
            } else {
                metrics.push({ metric: vifBgpMetric(id, "Maximum"), subject: id });
            }
        }
        return metrics;
    }

    /**
     * VPN connections whose tunnels are each a group of their own, all of one severity: AWS watches
     * them with one alarm on the connection, as AWS advises ("Minimum … when at least one tunnel is
     * down"), which needs no tunnel address in its dimensions.
     */
    private connectionsWatchedPerTunnel(): Map<string, FailureGroup[]> {
        const watched = new Map<string, FailureGroup[]>();
        const connections = new Set(this.ready.map((l) => l.domains.awsVpnConnection).filter((c): c is string => c !== undefined));
        for (const connection of connections) {
            const tunnels = this.tunnelsOf(connection);
            const groups = tunnels.map((t) => this.groups.find((g) => g.links.length === 1 && g.links[0] === t.id));
            if (groups.some((g) => g === undefined || g.unobservable.length > 0)) continue;
            const found = groups as FailureGroup[];
            if (new Set(found.map((g) => g.severity)).size === 1 && this.input.awsRegions[connection] !== undefined) watched.set(connection, found);
        }
        return watched;
    }

    private watchTunnelsOf(connection: string, groups: FailureGroup[]): void {
        const severity = groups[0].severity;
        const text = [
            `Watches ${groups.map((g) => domainsText(g.domains)).join("; ")}: each of AWS VPN connection ${connection}'s tunnels.`,
            `Fires when at least one of them is down (AWS/VPN TunnelState, Minimum < 1 over 5 minutes).`,
            survivesText(groups[0], this.input.requirement),
            actionText(groups[0]),
        ].join(" ");
        this.add(Cloud.Aws, AlarmClass.Down, `tunnels-${connection}`, severity, groups.map((g) => g.key), `a tunnel of ${connection} down`,
            (title) => awsAnyTunnelDownAlarm(this.input.awsRegions[connection], connection, fitted(`[crosscloud] ${title}. ${text}`), this.tags(severity)), text);
    }

    // ---- capacity ----------------------------------------------------------------------------

    /**
     * The capacity that survives whatever failed, against the requirement: it sees combinations no
     * single group's alarm can. AWS counts it in one expression; Google counts sessions up, which
     * weighs links only by bandwidth class, so it takes one policy per way of falling short.
     */
    private watchCapacity(): void {
        if (this.ready.length === 0) return;
        const unobservable = this.ready.filter((l) => !isObservable(l)).map((l) => l.id);
        const target = `less than ${this.input.requirement.mbps > 0 ? gbpsText(this.input.requirement.mbps) : "one link"} up`;
        if (unobservable.length > 0) {
            const reason = `no metric counts ${unobservable.join(", ")}, so the surviving capacity cannot be measured`;
            for (const cloud of [Cloud.Aws, Cloud.Gcp]) this.gaps.push({ cloud, watches: "capacity", reason, coveredBy: [] });
            return;
        }
        const required = this.input.requirement.mbps;
        const text = `Fires when the links up carry ${target}, whatever combination of failures took the rest: the requirement is ${requirementText(this.input.requirement)}. Act now: find the failed domains in the other alarms and restore the nearest.`;
        const google = this.googleCapacity(required, target, text);
        const terms = this.capacityTerms();
        const problem = terms ? this.awsLimits(terms.map((t) => t.subject)) : "its VPN connections do not have two tunnels each";
        if (problem || !terms) {
            this.gaps.push({ cloud: Cloud.Aws, watches: "capacity", reason: problem ?? "", coveredBy: google.map((a) => a.key) });
            return;
        }
        const region = this.input.awsRegions[terms[0].subject];
        this.add(Cloud.Aws, AlarmClass.Capacity, "capacity", Severity.RequirementBreached, [], target,
            (title) => awsCapacityAlarm(region, terms.map((t) => t.term), required, fitted(`[crosscloud] ${title}. ${text}`), this.tags(Severity.RequirementBreached)), text);
    }

    private capacityTerms(): { term: CapacityTerm; subject: string }[] | undefined {
        const terms: { term: CapacityTerm; subject: string }[] = [];
        const connections = new Set<string>();
        for (const link of this.ready) {
            const connection = link.domains.awsVpnConnection;
            if (link.kind !== LinkKind.HaVpn || connection === undefined) {
                terms.push({ term: { metric: vifBgpMetric(link.id, "Minimum"), mbps: link.mbps }, subject: link.id });
                continue;
            }
            if (connections.has(connection)) continue;
            connections.add(connection);
            const tunnels = this.tunnelsOf(connection);
            if (tunnels.length !== 2 || tunnels[0].mbps !== tunnels[1].mbps) return undefined;
            for (const stat of ["Minimum", "Maximum"] as const) terms.push({ term: { metric: vpnTunnelsMetric(connection, stat), mbps: link.mbps }, subject: connection });
        }
        return terms;
    }

    private googleCapacity(required: number, target: string, text: string): PlannedAlarm[] {
        const classes = [...new Set(this.ready.map((l) => l.mbps))].sort((a, b) => b - a);
        const members = (mbps: number) => this.ready.filter((l) => l.mbps === mbps).map((l): GcpElement => ({ kind: SignalKind.GcpBgpSession, subject: l.id, region: l.domains.region }));
        const ways = shortfalls(classes.map((mbps) => ({ mbps, count: members(mbps).length })), Math.max(required, 1));
        if (ways === undefined) {
            this.gaps.push({ cloud: Cloud.Gcp, watches: "capacity", reason: `its links come in ${classes.length} bandwidths, too many ways of falling short for policies that count sessions, not Mbps`, coveredBy: [] });
            return [];
        }
        // The first keeps its name as the ways multiply (ports becoming ready), so it changes in place.
        return ways.map((bounds, i) => this.add(Cloud.Gcp, AlarmClass.Capacity, i === 0 ? "capacity" : `capacity-${i}`, Severity.RequirementBreached, [],
            ways.length === 1 ? target : `${target} (${i + 1} of ${ways.length})`,
            (title) => this.policy(title, Severity.RequirementBreached, text, bounds.map(({ mbps, atMost }) =>
                gcpSessionsUpAtMost(`at most ${atMost} of the ${gbpsText(mbps)} sessions up`, members(mbps), atMost)), "AND"), text));
    }

    // ---- ports and routes ----------------------------------------------------------------------

    /** A port dropping frames or losing light still carries traffic badly: it counts as lost, at its group's severity. */
    private watchPorts(): void {
        for (const port of this.portsOf(this.ready.map((l) => l.id))) {
            const group = this.groups.find((g) => g.domains.some((d) => d.kind === "port" && d.id === port))!;
            const survives = survivesText(group, this.input.requirement);
            const key = `light-${port}`;
            const gText = `Watches port ${port}: the weakest light its circuits receive. Fires below ${RX_POWER_ALARM_DBM} dBm for 10 minutes, Google's alarm level for interconnect optics (AWS publishes light levels per optical lane, which an alarm cannot name). Treat the port as lost: ${survives} Clean or replace the optics and patch cords with the colocation provider.`;
            this.add(Cloud.Gcp, AlarmClass.Degraded, key, group.severity, [], `port ${port} losing light`,
                (title) => this.policy(title, group.severity, gText, [gcpRxPowerCondition(`light received on ${port} below ${RX_POWER_ALARM_DBM} dBm`, port, RX_POWER_ALARM_DBM)]), gText, port);
            const region = this.input.awsRegions[port];
            if (region === undefined) continue;
            const aText = `Watches port ${port}: MAC-level errors AWS counts on its connection (CRC included; AWS/DX ConnectionErrorCount, Sum > 0 in 2 of 3 five-minute periods). Treat the port as lost: ${survives} Check the optics and cross-connect; AWS cannot tell which end causes them.`;
            this.add(Cloud.Aws, AlarmClass.Degraded, `errors-${port}`, group.severity, [], `port ${port} taking errors`,
                (title) => awsErrorsAlarm(region, port, fitted(`[crosscloud] ${title}. ${aText}`), this.tags(group.severity)), aText, port);
        }
    }

    /** Google drops learned routes over its per-region quota: the links stay up and carry nothing for those prefixes. */
    private watchRoutes(): void {
        const regions = [...new Set(this.ready.filter((l) => l.domains.cloudRouter !== undefined).map((l) => l.domains.region).filter((r): r is string => r !== undefined))].sort();
        for (const region of regions) {
            const text = `Watches the dynamic routes Cloud Routers learn in ${region}: fires when Google drops any over its quota, so prefixes AWS advertises have no route although every link is up. Counts every VPC of the project in ${region} (the metric is keyed by Google's numeric network id). Act now: summarise the prefixes AWS advertises, or raise the quota.`;
            this.add(Cloud.Gcp, AlarmClass.Routes, `routes-${region}`, Severity.RequirementBreached, [], `routes dropped in ${region}`,
                (title) => this.policy(title, Severity.RequirementBreached, text, [gcpRoutesDroppedCondition(`learned routes dropped in ${region}`, region)]), text, region);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** One AWS alarm watches metrics of one region, ten at most. */
    private awsLimits(subjects: readonly string[]): string | undefined {
        const regions = new Set<string | undefined>(subjects.map((s) => this.input.awsRegions[s]));
        if (regions.has(undefined)) return "the AWS region of an element it watches is unknown";
        if (regions.size > 1) return `its elements are in ${[...regions].sort().join(" and ")}, and a CloudWatch alarm reads metrics of its own region only`;
        if (subjects.length > MAX_METRICS_PER_AWS_ALARM) return `it needs ${subjects.length} metrics; a metric math alarm takes at most ${MAX_METRICS_PER_AWS_ALARM}`;
        return undefined;
    }

    private groupText(group: FailureGroup, fires: string): string {
        return [`Watches ${domainsText(group.domains)}.`, fires, survivesText(group, this.input.requirement), actionText(group)].join(" ");
    }

    private add(
        cloud: Cloud, alarmClass: AlarmClass, key: string, severity: Severity, groups: string[], what: string,
        define: (title: string, text: string) => AwsAlarmDefinition | GcpPolicyDefinition, text: string, subject?: string,
    ): PlannedAlarm {
        const title = `${SEVERITY_TEXT[severity]}: ${this.input.name}: ${what}`;
        const definition = define(title, text);
        const alarm: PlannedAlarm = {
            key,
            resourceName: `${this.input.name}-${cloud === Cloud.Aws ? "alarm" : "alert"}-${key}`,
            cloud, class: alarmClass, severity, groups, title,
            ...(subject !== undefined && { subject }),
            ...(cloud === Cloud.Aws ? { aws: definition as AwsAlarmDefinition } : { gcp: definition as GcpPolicyDefinition }),
        };
        this.alarms.push(alarm);
        return alarm;
    }

    private policy(title: string, severity: Severity, text: string, conditions: GcpCondition[], combiner: "OR" | "AND" = "OR"): GcpPolicyDefinition {
        return {
            displayName: title,
            severity: severity === Severity.RequirementBreached ? "CRITICAL" : "WARNING",
            combiner,
            documentation: `**${title}**\n\n${text}`,
            userLabels: { crosscloud: this.input.name.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63), crosscloud_severity: severity },
            conditions,
        };
    }

    private tags(severity: Severity): Record<string, string> {
        return { "crosscloud:component": this.input.name, "crosscloud:severity": severity };
    }

    private tunnelsOf(connection: string): Link[] {
        return this.ready.filter((l) => l.domains.awsVpnConnection === connection);
    }

    private portsOf(ids: readonly string[]): string[] {
        return [...new Set(ids.map((id) => this.links.get(id)!.domains.port).filter((p): p is string => p !== undefined))].sort();
    }

    // ---- the table and what to tell the user -----------------------------------------------------

    private table(): AlarmTableRow[] {
        const names = (cloud: Cloud, pick: (a: PlannedAlarm) => boolean) => this.alarms.filter((a) => a.cloud === cloud && pick(a)).map((a) => a.resourceName);
        const rows: AlarmTableRow[] = [];
        for (const group of this.groups) {
            const watching = (a: PlannedAlarm) => a.groups.includes(group.key);
            const gaps = this.gaps.filter((g) => g.watches === group.key);
            const note = gaps.map((g) => `${g.cloud === Cloud.Aws ? "AWS" : "Google"}: ${g.reason}`).join("; ") || undefined;
            for (const domain of group.domains) {
                rows.push({
                    watches: domainsText([domain]),
                    severity: group.unobservable.length > 0 ? undefined : group.severity,
                    survives: group.connected ? gbpsText(group.survivingMbps) : "cut",
                    aws: names(Cloud.Aws, watching),
                    google: names(Cloud.Gcp, watching),
                    ...(note !== undefined && { note }),
                });
            }
        }
        const capacityGaps = this.gaps.filter((g) => g.watches === "capacity");
        if (this.ready.length > 0) {
            rows.push({
                watches: `any failures leaving less than ${this.input.requirement.mbps > 0 ? gbpsText(this.input.requirement.mbps) : "one link"}`,
                severity: Severity.RequirementBreached,
                survives: "—",
                aws: names(Cloud.Aws, (a) => a.class === AlarmClass.Capacity),
                google: names(Cloud.Gcp, (a) => a.class === AlarmClass.Capacity),
                ...(capacityGaps.length > 0 && { note: capacityGaps.map((g) => `${g.cloud === Cloud.Aws ? "AWS" : "Google"}: ${g.reason}`).join("; ") }),
            });
        }
        for (const a of this.alarms.filter((x) => x.class === AlarmClass.Degraded || x.class === AlarmClass.Routes)) {
            rows.push({
                watches: a.class === AlarmClass.Routes ? `routes learned in ${a.subject}` : `port ${a.subject} ${a.cloud === Cloud.Aws ? "errors" : "light"}`,
                severity: a.severity,
                survives: "—",
                aws: a.cloud === Cloud.Aws ? [a.resourceName] : [],
                google: a.cloud === Cloud.Gcp ? [a.resourceName] : [],
            });
        }
        return rows;
    }

    private warnings(): string[] {
        const warnings: string[] = [];
        for (const severity of [Severity.RequirementBreached, Severity.RedundancyLost]) {
            for (const cloud of [Cloud.Aws, Cloud.Gcp]) {
                const count = this.alarms.filter((a) => a.cloud === cloud && a.severity === severity).length;
                if (count === 0 || this.input.notify[severity][cloud === Cloud.Aws ? "aws" : "gcp"]) continue;
                const where = cloud === Cloud.Aws ? "an SNS topic (monitoring.notify.*.snsTopicArns)" : "a Cloud Monitoring notification channel (monitoring.notify.*.notificationChannels)";
                const things = cloud === Cloud.Aws ? (count === 1 ? "CloudWatch alarm" : "CloudWatch alarms") : (count === 1 ? "Cloud Monitoring alert policy" : "Cloud Monitoring alert policies");
                warnings.push(`${count} ${things} of severity "${SEVERITY_TEXT[severity].toLowerCase()}" notify nobody: they exist without actions; give ${where} for it`);
            }
        }
        const unwatched = [...new Set(this.gaps.filter((g) => g.coveredBy.length === 0).map((g) => `${g.watches} (${g.reason})`))];
        for (const gap of unwatched) warnings.push(`not watched on either cloud: ${gap}`);
        if (this.short) {
            warnings.push(`the ready links carry ${gbpsText(this.readyMbps)}, less than ${requirementText(this.short)}: until more links are ready, the alarms compare against ${gbpsText(this.readyMbps)}, so every loss breaches it`);
        }
        const ordered = this.input.topology.links.length - this.ready.length;
        if (ordered > 0) warnings.push(`${ordered} ordered link${ordered === 1 ? " is" : "s are"} not watched until ready: alarms and severities count the ready links only`);
        return warnings;
    }
}

/** `port prod-primary-port-iad-1 (+2 domains cutting the same links)`: a title, not the whole story. */
function shortDomains(group: FailureGroup): string {
    const more = group.domains.length - 1;
    return more === 0 ? domainText(group.domains[0]) : `${domainText(group.domains[0])} (+${more} cutting the same links)`;
}

/** The most ways of falling short a capacity is split into; beyond it Google's side is left to AWS. */
const MAX_CAPACITY_POLICIES = 16;

/**
 * Every way the links up can carry less than `need`, as per-class upper bounds on the count of links
 * up — "at most 1 of the 10 Gbps and at most 1 of the 3 Gbps" — keeping only the loosest: a state
 * falls short exactly when some way's bounds all hold. A class without a bound is unbounded.
 * Undefined when it would take more than MAX_CAPACITY_POLICIES.
 */
export function shortfalls(classes: readonly { mbps: number; count: number }[], need: number): { mbps: number; atMost: number }[][] | undefined {
    const head = classes.slice(0, -1);
    const last = classes[classes.length - 1];
    const ways: number[][] = [];
    const walk = (i: number, counts: number[], carried: number): void => {
        if (carried >= need) return;
        if (i === head.length) {
            const lastBound = Math.ceil((need - carried) / last.mbps) - 1;
            ways.push([...counts, Math.min(lastBound, last.count)]);
            return;
        }
        for (let up = 0; up <= head[i].count; up++) walk(i + 1, [...counts, up], carried + up * head[i].mbps);
    };
    walk(0, [], 0);
    // A way whose bounds another's all reach is covered by it.
    const loosest = ways.filter((w, i) => !ways.some((v, j) => j !== i && v.every((b, k) => b >= w[k]) && (v.some((b, k) => b > w[k]) || j < i)));
    if (loosest.length > MAX_CAPACITY_POLICIES) return undefined;
    return loosest.map((w) => w.map((atMost, k) => ({ mbps: classes[k].mbps, atMost })).filter((b, k) => b.atMost < classes[k].count));
}
