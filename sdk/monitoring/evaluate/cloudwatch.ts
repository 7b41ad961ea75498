/**
 * A CloudWatch metric alarm's state over a metric store, as CloudWatch evaluates it ("Using Amazon
 * CloudWatch alarms": evaluation periods, datapoints to alarm, treating missing data): each of the
 * last `evaluationPeriods` periods gives one datapoint (the statistic of the samples in it, or the
 * metric math expression over the queries' datapoints); the alarm is in ALARM when at least
 * `datapointsToAlarm` of them breach the threshold. Missing datapoints are `breaching`,
 * `notBreaching`, or (`missing`, `ignore`) left out; with all of them missing, `missing` gives
 * INSUFFICIENT_DATA.
 *
 * Simplified: CloudWatch looks back further than the evaluation range when datapoints are missing,
 * and `ignore` keeps the previous state (here: OK, the state a new alarm starts from after its
 * first evaluation); extended statistics (percentiles) are not modelled.
 */
import { AwsSeries, MetricStore } from "./series";
import { evaluateExpression } from "./math";

/** A dimension value the evaluator does not know: an output not known yet, from one of these resources. */
export interface Unknown {
    unknown: true;
    /** Ids (URNs) of the resources the alarm depends on: the value came from one of them. */
    from: readonly string[];
}

export type Dimension = string | Unknown;

export interface CwMetric {
    namespace: string;
    metricName: string;
    dimensions: Record<string, Dimension>;
    stat: string;
    period: number;
}

export interface CwAlarm {
    comparisonOperator: string;
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm?: number;
    treatMissingData?: string;
    metric?: CwMetric;
    queries?: { id: string; metric?: CwMetric; expression?: string; returnData?: boolean }[];
}

export type AlarmState = "ALARM" | "OK" | "INSUFFICIENT_DATA";

export function isUnknown(value: unknown): value is Unknown {
    return typeof value === "object" && value !== null && (value as Unknown).unknown === true;
}

/** The series an alarm's metric names: exactly its dimension set, each value equal (or, when not known yet, from a resource it depends on). */
export function matchingSeries(metric: CwMetric, store: MetricStore): AwsSeries[] {
    const names = Object.keys(metric.dimensions).sort();
    return store.aws.filter((s) => s.namespace === metric.namespace && s.metricName === metric.metricName
        && Object.keys(s.dimensions).sort().join() === names.join()
        && names.every((n) => {
            const wanted = metric.dimensions[n];
            if (!isUnknown(wanted)) return s.dimensions[n] === wanted;
            const origin = s.origins?.[n];
            return origin !== undefined && wanted.from.includes(origin);
        }));
}

function statistic(stat: string, values: number[]): number | undefined {
    if (values.length === 0) return undefined;
    switch (stat) {
        case "Minimum": return Math.min(...values);
        case "Maximum": return Math.max(...values);
        case "Sum": return values.reduce((a, b) => a + b, 0);
        case "Average": return values.reduce((a, b) => a + b, 0) / values.length;
        case "SampleCount": return values.length;
        default: throw new Error(`CloudWatch statistic ${stat} is not modelled`);
    }
}

/** The datapoints of one series over the last `count` periods of `period` seconds, oldest first. */
function datapoints(metric: CwMetric, series: AwsSeries | undefined, store: MetricStore, count: number): (number | undefined)[] {
    const samples = series?.samples ?? [];
    const points: (number | undefined)[] = [];
    for (let k = count; k >= 1; k--) {
        const start = store.now - k * metric.period;
        const end = start + metric.period;
        points.push(statistic(metric.stat, samples.filter((s) => s.t > start && s.t <= end).map((s) => s.v)));
    }
    return points;
}

function breaches(value: number, operator: string, threshold: number): boolean {
    switch (operator) {
        case "GreaterThanThreshold": return value > threshold;
        case "GreaterThanOrEqualToThreshold": return value >= threshold;
        case "LessThanThreshold": return value < threshold;
        case "LessThanOrEqualToThreshold": return value <= threshold;
        default: throw new Error(`CloudWatch comparison ${operator} is not modelled`);
    }
}

/**
 * The series each metric reads. A metric whose values are all known reads its one series. Metrics
 * whose values are not known yet (a preview) and that have the same shape (metric, statistic,
 * dimension names) share out the series their alarm depends on, one each, in a fixed order: exact
 * for expressions that treat them alike (MAX over them, a sum of equal weights), which is how the
 * alarms here use them. Undefined when that cannot be done.
 */
function assignSeries(metrics: readonly CwMetric[], store: MetricStore): (AwsSeries | undefined)[] | undefined {
    const assigned: (AwsSeries | undefined)[] = [];
    const shapes = new Map<string, number[]>();
    metrics.forEach((m, i) => {
        const candidates = matchingSeries(m, store);
        if (!Object.values(m.dimensions).some(isUnknown)) {
            assigned[i] = candidates[0];
            return;
        }
        const shape = [m.namespace, m.metricName, m.stat, ...Object.keys(m.dimensions).sort()].join("|");
        shapes.set(shape, [...(shapes.get(shape) ?? []), i]);
    });
    for (const members of shapes.values()) {
        const pool = [...new Set(members.flatMap((i) => matchingSeries(metrics[i], store)))]
            .sort((a, b) => JSON.stringify(a.origins ?? a.dimensions).localeCompare(JSON.stringify(b.origins ?? b.dimensions)));
        if (pool.length > members.length) return undefined;
        members.forEach((i, k) => (assigned[i] = pool[k]));
    }
    return assigned;
}

/** The alarm's state at `store.now`, or "unknown" when a value it needs is not known and the series it reads cannot be told. */
export function evaluateMetricAlarm(alarm: CwAlarm, store: MetricStore): AlarmState | "unknown" {
    const n = alarm.evaluationPeriods;
    let points: (number | undefined)[];
    if (alarm.metric) {
        const series = assignSeries([alarm.metric], store);
        if (!series) return "unknown";
        points = datapoints(alarm.metric, series[0], store, n);
    } else {
        const queries = alarm.queries ?? [];
        const metricQueries = queries.filter((x) => x.metric);
        const series = assignSeries(metricQueries.map((q) => q.metric!), store);
        if (!series) return "unknown";
        const byId = new Map<string, (number | undefined)[]>(metricQueries.map((q, i) => [q.id, datapoints(q.metric!, series[i], store, n)]));
        const result = queries.find((q) => q.returnData !== false && q.expression !== undefined);
        if (!result) throw new Error("a metric math alarm needs one expression that returns data");
        points = [];
        for (let i = 0; i < n; i++) points.push(evaluateExpression(result.expression!, (id) => byId.get(id)?.[i]));
    }
    const missing = alarm.treatMissingData ?? "missing";
    if (points.every((p) => p === undefined) && (missing === "missing" || missing === "ignore")) {
        return missing === "missing" ? "INSUFFICIENT_DATA" : "OK";
    }
    const breaching = points.filter((p) => (p === undefined ? missing === "breaching" : breaches(p, alarm.comparisonOperator, alarm.threshold))).length;
    return breaching >= (alarm.datapointsToAlarm ?? n) ? "ALARM" : "OK";
}
