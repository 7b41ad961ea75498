/**
 * Whether a Cloud Monitoring alert policy is open over a metric store, as its conditions are
 * evaluated ("Alerting policies": metric-threshold and metric-absence conditions; Monitoring API
 * AlertPolicy.Condition): the filter selects series; each is aligned over `alignmentPeriod` windows
 * ending at each evaluation time by its per-series aligner; a cross-series reducer combines them
 * into one series; a threshold condition is met for a series when the comparison holds at every
 * aligned point of the last `duration` (the latest point when it is 0), and for the policy when
 * `trigger.count` (default 1) series meet it. A series with no point in that time follows
 * `evaluationMissingData`: ACTIVE met, INACTIVE or NO_OP not. An absence condition is met when no
 * selected series has a point in the last `duration`. The combiner joins conditions (OR, AND).
 *
 * Simplified: no `groupByFields` (every reducer makes one series), `trigger.percent` is not
 * modelled, NO_OP starts (and so stays) closed, and points in the window that exist are judged
 * alone (a gap inside the window neither meets nor breaks the condition).
 */
import { parseFilter } from "./filter";
import { GcpSeries, MetricStore } from "./series";

export interface CmAggregation {
    alignmentPeriod?: string;
    perSeriesAligner?: string;
    crossSeriesReducer?: string;
}

export interface CmCondition {
    conditionThreshold?: {
        filter: string;
        aggregations?: CmAggregation[];
        comparison: string;
        thresholdValue?: number;
        duration: string;
        evaluationMissingData?: string;
        trigger?: { count?: number };
    };
    conditionAbsent?: {
        filter: string;
        aggregations?: CmAggregation[];
        duration: string;
    };
}

export interface CmPolicy {
    combiner: string;
    conditions: CmCondition[];
    enabled?: boolean;
}

function seconds(duration: string | undefined): number {
    if (duration === undefined) return 0;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(duration);
    if (!match) throw new Error(`duration ${duration} is not in seconds ("300s")`);
    return Number(match[1]);
}

function align(aligner: string | undefined, values: number[]): number | undefined {
    if (values.length === 0) return undefined;
    switch (aligner ?? "ALIGN_NONE") {
        case "ALIGN_NONE":
        case "ALIGN_NEXT_OLDER": return values[values.length - 1];
        case "ALIGN_MAX": return Math.max(...values);
        case "ALIGN_MIN": return Math.min(...values);
        case "ALIGN_MEAN": return values.reduce((a, b) => a + b, 0) / values.length;
        case "ALIGN_SUM": return values.reduce((a, b) => a + b, 0);
        case "ALIGN_COUNT": return values.length;
        case "ALIGN_COUNT_TRUE": return values.filter((v) => v > 0).length;
        case "ALIGN_COUNT_FALSE": return values.filter((v) => v <= 0).length;
        case "ALIGN_FRACTION_TRUE": return values.filter((v) => v > 0).length / values.length;
        default: throw new Error(`aligner ${aligner} is not modelled`);
    }
}

function reduce(reducer: string, values: number[]): number | undefined {
    if (values.length === 0) return undefined;
    switch (reducer) {
        case "REDUCE_MAX": return Math.max(...values);
        case "REDUCE_MIN": return Math.min(...values);
        case "REDUCE_SUM": return values.reduce((a, b) => a + b, 0);
        case "REDUCE_MEAN": return values.reduce((a, b) => a + b, 0) / values.length;
        case "REDUCE_COUNT": return values.length;
        case "REDUCE_COUNT_TRUE": return values.filter((v) => v > 0).length;
        default: throw new Error(`reducer ${reducer} is not modelled`);
    }
}

function compare(value: number, comparison: string, threshold: number): boolean {
    switch (comparison) {
        case "COMPARISON_GT": return value > threshold;
        case "COMPARISON_GE": return value >= threshold;
        case "COMPARISON_LT": return value < threshold;
        case "COMPARISON_LE": return value <= threshold;
        case "COMPARISON_EQ": return value === threshold;
        case "COMPARISON_NE": return value !== threshold;
        default: throw new Error(`comparison ${comparison} is not modelled`);
    }
}

/** The aligned (and reduced) series at the evaluation times of the last `duration`, newest first: one array per resulting series. */
function aligned(filter: string, aggregations: CmAggregation[] | undefined, store: MetricStore, duration: number): (number | undefined)[][] {
    const selected = store.gcp.filter(parseFilter(filter));
    const aggregation = aggregations?.[0] ?? {};
    const period = seconds(aggregation.alignmentPeriod ?? "60s");
    const times: number[] = [];
    for (let t = store.now; t >= store.now - duration; t -= period) times.push(t);
    const perSeries = selected.map((s: GcpSeries) => times.map((t) => align(aggregation.perSeriesAligner, s.points.filter((p) => p.t > t - period && p.t <= t).map((p) => p.v))));
    const reducer = aggregation.crossSeriesReducer;
    if (reducer === undefined || reducer === "REDUCE_NONE") return perSeries;
    return [times.map((_, i) => reduce(reducer, perSeries.map((s) => s[i]).filter((v): v is number => v !== undefined)))];
}

function conditionMet(condition: CmCondition, store: MetricStore): boolean {
    if (condition.conditionAbsent) {
        const { filter, aggregations, duration } = condition.conditionAbsent;
        return aligned(filter, aggregations, store, seconds(duration)).every((s) => s.every((v) => v === undefined));
    }
    const threshold = condition.conditionThreshold;
    if (!threshold) throw new Error("only metric-threshold and metric-absence conditions are modelled");
    const series = aligned(threshold.filter, threshold.aggregations, store, seconds(threshold.duration));
    const missingIsMet = threshold.evaluationMissingData === "EVALUATION_MISSING_DATA_ACTIVE";
    const met = series.filter((s) => {
        const present = s.filter((v): v is number => v !== undefined);
        if (present.length === 0) return missingIsMet;
        return present.every((v) => compare(v, threshold.comparison, threshold.thresholdValue ?? 0));
    }).length;
    // No series at all is missing data for the one series the condition would have.
    if (series.length === 0) return missingIsMet;
    return met >= (threshold.trigger?.count ?? 1);
}

/** True when the policy opens an incident at `store.now`. */
export function evaluateAlertPolicy(policy: CmPolicy, store: MetricStore): boolean {
    if (policy.enabled === false) return false;
    const results = policy.conditions.map((c) => conditionMet(c, store));
    return policy.combiner === "AND" ? results.every(Boolean) : results.some(Boolean);
}
