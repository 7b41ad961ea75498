/**
 * A stack's alarms and the series its links make the clouds publish, read from raw resources: the
 * CloudWatch metric alarms and Cloud Monitoring alert policies as declared (by any program, not only
 * ours), and for every ready link the series keyed as each provider keys them, with the ids and
 * names of the stack's own resources. Values not known yet (a preview) stay unknown: an alarm's
 * dimension then matches a series whose value is an output of a resource the alarm depends on.
 */
import {
    CmPolicy, Cloud, CwAlarm, CwMetric, Dimension, Element, LinkKind, parseFilter, readyLinks, Severity, SignalKind, SIGNALS, Topology,
} from "../../sdk";
import type { StackModel } from ".";
import { StackResource, valueAt } from "./stackResource";
import { T } from "./tokens";
import { list, num, record, text } from "./values";

/** One alarm or alert policy as declared, in the evaluator's terms. */
export interface ReadAlarm {
    resource: StackResource;
    cloud: Cloud;
    /** What the alarm says of itself: a `crosscloud:severity` tag or label, or Google's CRITICAL / WARNING. */
    severity?: Severity;
    /** Whether it notifies anyone (alarm actions, notification channels). */
    notifies: boolean;
    aws?: CwAlarm;
    gcp?: CmPolicy;
    /** Why it cannot be evaluated, when it cannot (a filter known only after deploy). */
    unreadable?: string;
}

export interface MonitoringView {
    alarms: ReadAlarm[];
    /** The series each ready link's resources make the clouds publish. */
    elements: Element[];
    topology: Topology;
}

export function monitoringView(model: StackModel): MonitoringView {
    return { alarms: readAlarms(model), elements: elementsOf(model), topology: model.topology };
}

// ---- alarms ------------------------------------------------------------------------------------

function readAlarms(model: StackModel): ReadAlarm[] {
    return [
        ...model.index.all(T.awsMetricAlarm).map(readMetricAlarm),
        ...model.index.all(T.gcpAlertPolicy).map(readAlertPolicy),
    ];
}

const SEVERITIES = new Set<string>(Object.values(Severity));

function severityIn(value: unknown): Severity | undefined {
    const s = text(value);
    return s !== undefined && SEVERITIES.has(s) ? (s as Severity) : undefined;
}

function readMetricAlarm(r: StackResource): ReadAlarm {
    const p = r.props;
    const base = {
        resource: r, cloud: Cloud.Aws,
        severity: severityIn(record(p.tags)?.["crosscloud:severity"]),
        notifies: list(p.alarmActions).length > 0 || r.unknown?.has("alarmActions") === true,
    };
    const metric = (at: string): CwMetric | undefined => {
        const m = valueAt(r, at) as Record<string, unknown> | undefined;
        const name = text(m?.metricName);
        if (!m || name === undefined) return undefined;
        const dimensions = dimensionsAt(r, `${at}.dimensions`, record(m.dimensions) ?? {});
        return dimensions && { namespace: text(m.namespace) ?? "", metricName: name, dimensions, stat: text(m.stat) ?? "", period: num(m.period) ?? 60 };
    };
    const queries = list(p.metricQueries).map((q, i) => {
        const query = record(q) ?? {};
        return { id: text(query.id) ?? `q${i}`, expression: text(query.expression), returnData: query.returnData !== false, metric: metric(`metricQueries.${i}.metric`), hasMetric: query.metric !== undefined };
    });
    if (queries.some((q) => q.hasMetric && !q.metric)) return { ...base, unreadable: "a metric of its expression is not known yet" };
    const single = queries.length === 0 ? singleMetric(r) : undefined;
    if (queries.length === 0 && !single) return { ...base, unreadable: "its metric is not known yet" };
    return {
        ...base,
        aws: {
            comparisonOperator: text(p.comparisonOperator) ?? "",
            threshold: num(p.threshold) ?? 0,
            evaluationPeriods: num(p.evaluationPeriods) ?? 1,
            datapointsToAlarm: num(p.datapointsToAlarm),
            treatMissingData: text(p.treatMissingData) ?? "missing",
            ...(single ? { metric: single } : { queries: queries.map(({ id, expression, returnData, metric: m }) => ({ id, returnData, ...(expression !== undefined && { expression }), ...(m && { metric: m }) })) }),
        },
    };
}

function singleMetric(r: StackResource): CwMetric | undefined {
    const p = r.props;
    const name = text(p.metricName);
    const dimensions = dimensionsAt(r, "dimensions", record(p.dimensions) ?? {});
    if (name === undefined || !dimensions) return undefined;
    return { namespace: text(p.namespace) ?? "", metricName: name, dimensions, stat: text(p.statistic) ?? text(p.extendedStatistic) ?? "", period: num(p.period) ?? 60 };
}

/** Dimension values; one not known yet came from a resource the alarm depends on. Undefined when even the names are unknown. */
function dimensionsAt(r: StackResource, at: string, known: Record<string, unknown>): Record<string, Dimension> | undefined {
    if (r.unknown?.has(at)) return undefined;
    const names = new Set(Object.keys(known));
    for (const path of r.unknown ?? []) if (path.startsWith(`${at}.`)) names.add(path.slice(at.length + 1).split(".")[0]);
    return Object.fromEntries([...names].map((n) => {
        const value = text(known[n]);
        return [n, value ?? { unknown: true as const, from: r.dependencies }];
    }));
}

function readAlertPolicy(r: StackResource): ReadAlarm {
    const p = r.props;
    const declared = severityIn(record(p.userLabels)?.crosscloud_severity);
    const base = {
        resource: r, cloud: Cloud.Gcp,
        severity: declared ?? (text(p.severity) === "CRITICAL" ? Severity.RequirementBreached : text(p.severity) === "WARNING" ? Severity.RedundancyLost : undefined),
        notifies: list(p.notificationChannels).length > 0 || r.unknown?.has("notificationChannels") === true,
    };
    const conditions = list(p.conditions).map((c, i) => ({ c: record(c) ?? {}, i }));
    if ([...(r.unknown ?? [])].some((path) => /^conditions\.\d+\.condition(Threshold|Absent)\.filter$/.test(path) || path === "conditions")) {
        return { ...base, unreadable: "a filter is not known yet" };
    }
    const unsupported = conditions.find(({ c }) => !c.conditionThreshold && !c.conditionAbsent);
    if (unsupported) return { ...base, unreadable: `condition ${unsupported.i} is neither a metric threshold nor a metric absence (MQL, PromQL, logs and SQL conditions are not modelled)` };
    for (const { c, i } of conditions) {
        const filter = text(record(c.conditionThreshold ?? c.conditionAbsent)?.filter) ?? "";
        try {
            parseFilter(filter);
        } catch (error) {
            return { ...base, unreadable: `condition ${i}'s filter is not modelled: ${(error as Error).message}` };
        }
    }
    return {
        ...base,
        gcp: {
            combiner: text(p.combiner) ?? "OR",
            enabled: p.enabled !== false,
            conditions: conditions.map(({ c }) => {
                const threshold = record(c.conditionThreshold);
                const absent = record(c.conditionAbsent);
                const aggregations = list((threshold ?? absent)?.aggregations).map((a) => {
                    const agg = record(a) ?? {};
                    return { alignmentPeriod: text(agg.alignmentPeriod), perSeriesAligner: text(agg.perSeriesAligner), crossSeriesReducer: text(agg.crossSeriesReducer) };
                });
                if (absent) return { conditionAbsent: { filter: text(absent.filter) ?? "", aggregations, duration: text(absent.duration) ?? "0s" } };
                const trigger = record(threshold!.trigger);
                return {
                    conditionThreshold: {
                        filter: text(threshold!.filter) ?? "",
                        aggregations,
                        comparison: text(threshold!.comparison) ?? "",
                        thresholdValue: num(threshold!.thresholdValue) ?? 0,
                        duration: text(threshold!.duration) ?? "0s",
                        evaluationMissingData: text(threshold!.evaluationMissingData),
                        trigger: { count: num(trigger?.count) ?? 1 },
                    },
                };
            }),
        },
    };
}

// ---- what the links publish ----------------------------------------------------------------------

/** A value as the series carries it: known, or standing for the output of `r` (matched through the alarm's dependencies). */
function valueOf(r: StackResource, value: unknown): string {
    return text(value) ?? `<${r.urn}>`;
}

function googleName(r: StackResource): string {
    return text(r.props.name) ?? r.name;
}

function elementsOf(model: StackModel): Element[] {
    const ready = new Set(readyLinks(model.topology).map((l) => l.id));
    const links = model.topology.links.filter((l) => ready.has(l.id));
    const linkIdOf = new Map<string, string>([...model.linkSource].map(([id, r]) => [r.urn, id]));
    const elements: Element[] = [];
    const gcp = (kind: SignalKind, subject: string, linksOf: string[], resourceType: string, resourceLabels: Record<string, string>, metricLabels: Record<string, string> = {}) =>
        elements.push({ kind, subject, links: linksOf, gcp: { metricType: SIGNALS[kind].metric, resourceType, resourceLabels, metricLabels } });
    const aws = (kind: SignalKind, subject: string, linksOf: string[], namespace: string, metricName: string, dimensions: Record<string, string>, origins: Record<string, string>) =>
        elements.push({ kind, subject, links: linksOf, aws: { namespace, metricName, dimensions, origins } });
    const regionOf = (id: string) => links.find((l) => l.id === id)?.domains.region ?? "";

    const connections = new Map<string, { resource: StackResource; links: string[] }>();
    for (const view of model.haVpns) {
        for (const t of view.tunnels) {
            const id = linkIdOf.get(t.tunnel.urn);
            if (id === undefined || !ready.has(id)) continue;
            const region = regionOf(id);
            const peer = t.peers[0];
            gcp(SignalKind.GcpVpnTunnel, id, [id], "vpn_gateway", { region }, { tunnel_name: googleName(t.tunnel) });
            if (peer) gcp(SignalKind.GcpBgpSession, id, [id], "gce_router", { region }, { bgp_peer_name: googleName(peer) });
            const c = t.awsConnection;
            if (!c) continue;
            // Which of the connection's tunnels it is may be known only once its addresses are.
            if (t.awsTunnel !== undefined) {
                aws(SignalKind.AwsVpnTunnel, id, [id], "AWS/VPN", "TunnelState",
                    { VpnId: valueOf(c, c.id), TunnelIpAddress: valueOf(c, c.props[`tunnel${t.awsTunnel}Address`]) }, { VpnId: c.urn, TunnelIpAddress: c.urn });
            }
            const entry = connections.get(c.urn) ?? { resource: c, links: [] };
            entry.links.push(id);
            connections.set(c.urn, entry);
        }
    }
    for (const { resource: c, links: tunnels } of connections.values()) {
        aws(SignalKind.AwsVpnTunnels, model.index.label(c), tunnels, "AWS/VPN", "TunnelState", { VpnId: valueOf(c, c.id) }, { VpnId: c.urn });
    }

    const ports = new Map<string, { interconnect?: StackResource; connection?: StackResource; links: string[] }>();
    for (const a of model.attachments) {
        const id = linkIdOf.get(a.attachment.urn);
        if (id === undefined || !ready.has(id)) continue;
        const peer = a.peers[0];
        if (peer) gcp(SignalKind.GcpBgpSession, id, [id], "gce_router", { region: regionOf(id) }, { bgp_peer_name: googleName(peer) });
        if (a.vif && a.lag) {
            aws(SignalKind.AwsDxVifBgp, id, [id], "AWS/DX", "VirtualInterfaceBgpStatus",
                { ConnectionId: valueOf(a.lag, a.lag.id), VirtualInterfaceId: valueOf(a.vif, a.vif.id), IpAddressFamily: "ipv4" },
                { ConnectionId: a.lag.urn, VirtualInterfaceId: a.vif.urn });
        }
        const port = links.find((l) => l.id === id)?.domains.port;
        if (port === undefined) continue;
        // A LAG made from a connection names it; a plain connection is its own port.
        const connection = a.lag && (a.lag.type === T.awsDxConnection ? a.lag : model.index.resolve(T.awsDxConnection, a.lag, "connectionId"));
        const entry = ports.get(port) ?? { interconnect: a.interconnect, connection, links: [] };
        entry.links.push(id);
        ports.set(port, entry);
    }
    for (const [port, { interconnect, connection, links: over }] of ports) {
        if (connection) {
            const dims = { ConnectionId: valueOf(connection, connection.id) };
            aws(SignalKind.AwsDxConnection, port, over, "AWS/DX", "ConnectionState", dims, { ConnectionId: connection.urn });
            aws(SignalKind.AwsDxErrors, port, over, "AWS/DX", "ConnectionErrorCount", dims, { ConnectionId: connection.urn });
        }
        if (interconnect) {
            gcp(SignalKind.GcpInterconnect, port, over, "interconnect", { interconnect: googleName(interconnect) });
            gcp(SignalKind.GcpRxPower, port, over, "interconnect", { interconnect: googleName(interconnect) }, { link_id: "0", laser_index: "0" });
        }
    }
    const routed = new Set(links.filter((l) => l.kind !== LinkKind.Managed && l.domains.cloudRouter !== undefined).map((l) => l.domains.region).filter((r): r is string => r !== undefined));
    for (const region of routed) gcp(SignalKind.GcpRoutesDropped, region, [], "gce_network_region", { region }, { routing_mode: "regional" });
    return elements;
}
