/**
 * Alarm definitions in each provider's own shape — a CloudWatch `PutMetricAlarm`, a Cloud
 * Monitoring `AlertPolicy` — with `Ref`s where a deployed resource's id or name goes. Components
 * declare them with the refs filled in; the evaluator (evaluate/) judges the same shapes, read back
 * from what was declared.
 */
import { Ref, RefKind, SIGNALS, SignalKind, Value } from "./catalogue";

export interface AwsMetric {
    namespace: string;
    metricName: string;
    dimensions: Record<string, Value>;
    stat: string;
    /** Seconds. */
    period: number;
}

export interface AwsQuery {
    id: string;
    metric?: AwsMetric;
    expression?: string;
    label?: string;
    returnData: boolean;
}

/** A CloudWatch metric alarm: one metric, or a metric math expression over several (`queries`). */
export interface AwsAlarmDefinition {
    region: string;
    description: string;
    comparisonOperator: "LessThanThreshold" | "GreaterThanThreshold" | "LessThanOrEqualToThreshold" | "GreaterThanOrEqualToThreshold";
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "breaching" | "notBreaching" | "ignore" | "missing";
    metric?: AwsMetric;
    queries?: AwsQuery[];
    tags: Record<string, string>;
}

export interface GcpAggregation {
    alignmentPeriod: string;
    perSeriesAligner: string;
    crossSeriesReducer?: string;
}

export interface GcpCondition {
    displayName: string;
    /** The filter's text, with refs where names go. */
    filter: Value[];
    aggregations: GcpAggregation[];
    comparison: "COMPARISON_LT" | "COMPARISON_LE" | "COMPARISON_GT" | "COMPARISON_GE";
    thresholdValue: number;
    duration: string;
    evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE" | "EVALUATION_MISSING_DATA_INACTIVE" | "EVALUATION_MISSING_DATA_NO_OP";
}

export interface GcpPolicyDefinition {
    displayName: string;
    severity: "CRITICAL" | "WARNING";
    combiner: "OR" | "AND";
    /** Markdown. */
    documentation: string;
    userLabels: Record<string, string>;
    conditions: GcpCondition[];
}

// ---- CloudWatch ------------------------------------------------------------------------------

/**
 * Periods, from AWS's own alarm examples: a Direct Connect connection "down for five consecutive
 * 1-minute periods" (Direct Connect User Guide, "Creating CloudWatch alarms"); a VPN connection
 * down "for 1 consecutive 5-minute period" (Site-to-Site VPN User Guide). Direct Connect BGP
 * metrics are published every 5 minutes.
 */
const FIVE_MINUTES = 300;
const ONE_MINUTE = 60;

export function vpnTunnelsMetric(connection: string, stat: "Minimum" | "Maximum"): AwsMetric {
    return { namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { VpnId: ref(RefKind.AwsVpnId, connection) }, stat, period: FIVE_MINUTES };
}

export function vpnTunnelMetric(connection: string, link: string): AwsMetric {
    return {
        namespace: "AWS/VPN", metricName: "TunnelState",
        dimensions: { VpnId: ref(RefKind.AwsVpnId, connection), TunnelIpAddress: ref(RefKind.AwsTunnelIp, link) },
        stat: "Maximum", period: FIVE_MINUTES,
    };
}

export function dxConnectionMetric(port: string): AwsMetric {
    return { namespace: "AWS/DX", metricName: "ConnectionState", dimensions: { ConnectionId: ref(RefKind.AwsPortConnectionId, port) }, stat: "Maximum", period: ONE_MINUTE };
}

export function vifBgpMetric(link: string, stat: "Minimum" | "Maximum"): AwsMetric {
    return {
        namespace: "AWS/DX", metricName: "VirtualInterfaceBgpStatus",
        dimensions: { ConnectionId: ref(RefKind.AwsVifConnectionId, link), VirtualInterfaceId: ref(RefKind.AwsVifId, link), IpAddressFamily: "ipv4" },
        stat, period: FIVE_MINUTES,
    };
}

export function dxErrorsMetric(port: string): AwsMetric {
    return { namespace: "AWS/DX", metricName: "ConnectionErrorCount", dimensions: { ConnectionId: ref(RefKind.AwsPortConnectionId, port) }, stat: "Sum", period: FIVE_MINUTES };
}

/**
 * "Down" over one or more metrics: each reports 1 while its element is up, so the greatest of them
 * is below 1 only when every element is down. A series that stops altogether counts as down
 * (`breaching`): AWS publishes these states for as long as the resource exists.
 */
export function awsDownAlarm(region: string, metrics: AwsMetric[], description: string, tags: Record<string, string>): AwsAlarmDefinition {
    const period = metrics[0].period;
    const consecutive = period === ONE_MINUTE ? 5 : 1;
    const base = {
        region, description, comparisonOperator: "LessThanThreshold" as const, threshold: 1,
        evaluationPeriods: consecutive, datapointsToAlarm: consecutive, treatMissingData: "breaching" as const, tags,
    };
    if (metrics.length === 1) return { ...base, metric: metrics[0] };
    const ids = metrics.map((_, i) => `m${i}`);
    return {
        ...base,
        queries: [
            ...metrics.map((metric, i) => ({ id: ids[i], metric, returnData: false })),
            { id: "up", expression: `MAX([${ids.join(",")}])`, label: "the most up of the watched elements (1 up, 0 down)", returnData: true },
        ],
    };
}

/** A term of the surviving capacity: a metric that reads 1 per carrying element, times its Mbps. */
export interface CapacityTerm {
    metric: AwsMetric;
    mbps: number;
}

/**
 * The capacity that survives, as one expression: each VPN connection counts Minimum + Maximum of its
 * tunnels (2 both up, 1 one up, 0 none), each VIF its BGP status, a missing datapoint as down.
 */
export function awsCapacityAlarm(region: string, terms: CapacityTerm[], requiredMbps: number, description: string, tags: Record<string, string>): AwsAlarmDefinition {
    const ids = terms.map((_, i) => `c${i}`);
    const expression = terms.map((t, i) => `${t.mbps}*FILL(${ids[i]},0)`).join("+");
    return {
        region, description, comparisonOperator: "LessThanThreshold", threshold: Math.max(requiredMbps, 1),
        evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: "breaching", tags,
        queries: [
            ...terms.map((t, i) => ({ id: ids[i], metric: t.metric, returnData: false })),
            { id: "mbps", expression, label: "surviving Mbps", returnData: true },
        ],
    };
}

/**
 * MAC-level errors on a port, "the error count that occurred since the last reported datapoint" (AWS
 * DX metrics): any in two of three 5-minute periods. No datapoint is no error.
 */
export function awsErrorsAlarm(region: string, port: string, description: string, tags: Record<string, string>): AwsAlarmDefinition {
    return {
        region, description, metric: dxErrorsMetric(port), comparisonOperator: "GreaterThanThreshold", threshold: 0,
        evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: "notBreaching", tags,
    };
}

// ---- Cloud Monitoring ------------------------------------------------------------------------

/**
 * How each signal is read: its metric type, monitored resource, the filter clause naming one
 * element, the aligner over 60-second windows, and the comparison that means "down".
 */
interface GcpReading {
    metricType: string;
    resourceType: string;
    aligner: string;
    /** Down: below this (`LT`), or at most this (`LE`). */
    down: { comparison: "COMPARISON_LT" | "COMPARISON_LE"; threshold: number };
}

const GCP_READINGS: Partial<Record<SignalKind, GcpReading>> = {
    // 1 up, 0 down.
    [SignalKind.GcpBgpSession]: { metricType: SIGNALS[SignalKind.GcpBgpSession].metric, resourceType: "gce_router", aligner: "ALIGN_MAX", down: { comparison: "COMPARISON_LT", threshold: 1 } },
    // "Indicates successful tunnel establishment if > 0".
    [SignalKind.GcpVpnTunnel]: { metricType: SIGNALS[SignalKind.GcpVpnTunnel].metric, resourceType: "vpn_gateway", aligner: "ALIGN_MAX", down: { comparison: "COMPARISON_LE", threshold: 0 } },
    // BOOL: the fraction of the window the bundle was up.
    [SignalKind.GcpInterconnect]: { metricType: SIGNALS[SignalKind.GcpInterconnect].metric, resourceType: "interconnect", aligner: "ALIGN_FRACTION_TRUE", down: { comparison: "COMPARISON_LT", threshold: 0.5 } },
};

/** One element in a filter: a link's peer or tunnel (with its region), or a port. */
export interface GcpElement {
    kind: SignalKind.GcpBgpSession | SignalKind.GcpVpnTunnel | SignalKind.GcpInterconnect | SignalKind.GcpRxPower;
    subject: string;
    region?: string;
}

function clause(e: GcpElement): Value[] {
    switch (e.kind) {
        case SignalKind.GcpBgpSession:
            return [`(resource.labels.region = "${e.region}" AND metric.labels.bgp_peer_name = "`, ref(RefKind.GcpPeerName, e.subject), `")`];
        case SignalKind.GcpVpnTunnel:
            return [`(resource.labels.region = "${e.region}" AND metric.labels.tunnel_name = "`, ref(RefKind.GcpTunnelName, e.subject), `")`];
        case SignalKind.GcpInterconnect:
        case SignalKind.GcpRxPower:
            return ["resource.labels.interconnect = \"", ref(RefKind.GcpInterconnectName, e.subject), "\""];
    }
}

function filterOf(metricType: string, resourceType: string, elements: GcpElement[]): Value[] {
    const any = elements.flatMap((e, i) => [...(i > 0 ? [" OR "] : []), ...clause(e)]);
    return [`metric.type = "${metricType}" AND resource.type = "${resourceType}" AND (`, ...any, ")"];
}

/**
 * Google publishes every 60 s and shows a point up to 180 s later, so a condition holding for five
 * minutes is a failure, not a sample in flight. A region that is down publishes nothing: with no
 * data the condition counts as met (EVALUATION_MISSING_DATA_ACTIVE, "evaluate the condition as true").
 */
const DOWN_DURATION = "300s";

export function gcpDownCondition(displayName: string, elements: GcpElement[]): GcpCondition {
    const reading = GCP_READINGS[elements[0].kind]!;
    return {
        displayName,
        filter: filterOf(reading.metricType, reading.resourceType, elements),
        aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: reading.aligner, crossSeriesReducer: "REDUCE_MAX" }],
        comparison: reading.down.comparison,
        thresholdValue: reading.down.threshold,
        duration: DOWN_DURATION,
        evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE",
    };
}

/**
 * How many of these BGP sessions were up for the whole minute, at most `upToCount`: a session that
 * stops reporting counts as down, and no data at all as none up.
 */
export function gcpSessionsUpAtMost(displayName: string, elements: GcpElement[], upToCount: number): GcpCondition {
    return {
        displayName,
        filter: filterOf(SIGNALS[SignalKind.GcpBgpSession].metric, "gce_router", elements),
        aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MIN", crossSeriesReducer: "REDUCE_SUM" }],
        comparison: "COMPARISON_LE",
        thresholdValue: upToCount,
        duration: DOWN_DURATION,
        evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE",
    };
}

/** The weakest light any lane of the port's circuits receives, below Google's alarm level for ten minutes. */
export function gcpRxPowerCondition(displayName: string, port: string, alarmDbm: number): GcpCondition {
    return {
        displayName,
        filter: filterOf(SIGNALS[SignalKind.GcpRxPower].metric, "interconnect", [{ kind: SignalKind.GcpRxPower, subject: port }]),
        aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MIN", crossSeriesReducer: "REDUCE_MIN" }],
        comparison: "COMPARISON_LT",
        thresholdValue: alarmDbm,
        duration: "600s",
        evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
    };
}

/**
 * Learned routes dropped over quota in a network region. Its resource, gce_network_region, is keyed
 * by Google's numeric network id, which the stack does not know: the filter names the region, so
 * another VPC of the project in that region can raise it too.
 */
export function gcpRoutesDroppedCondition(displayName: string, region: string): GcpCondition {
    return {
        displayName,
        filter: [`metric.type = "${SIGNALS[SignalKind.GcpRoutesDropped].metric}" AND resource.type = "gce_network_region" AND resource.labels.region = "${region}"`],
        aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_COUNT_TRUE", crossSeriesReducer: "REDUCE_SUM" }],
        comparison: "COMPARISON_GT",
        thresholdValue: 0,
        duration: DOWN_DURATION,
        evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE",
    };
}

function ref(kind: RefKind, subject: string): Ref {
    return { ref: kind, subject };
}

/** At least one of a VPN connection's two tunnels is down: AWS's "Minimum … when at least one tunnel is down". */
export function awsAnyTunnelDownAlarm(region: string, connection: string, description: string, tags: Record<string, string>): AwsAlarmDefinition {
    return {
        region, description, metric: vpnTunnelsMetric(connection, "Minimum"), comparisonOperator: "LessThanThreshold", threshold: 1,
        evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: "breaching", tags,
    };
}
