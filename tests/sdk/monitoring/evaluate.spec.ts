/**
 * The evaluator's model of each cloud's alarm semantics, on hand-made series: what a CloudWatch
 * alarm's statistic, period, evaluation periods, datapoints to alarm, comparison and missing-data
 * treatment do, and what a Cloud Monitoring condition's filter, aligner, reducer, duration and
 * missing-data evaluation do. Each case is one the documentation describes.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AwsSeries, CwAlarm, evaluateAlertPolicy, evaluateMetricAlarm, fieldValue, filterConstraints, GcpSeries, MetricStore, parseFilter } from "../../../sdk/monitoring";

const NOW = 3600;

/** One sample a minute over the last hour; `value(t)` undefined leaves the minute out. */
function minutes(value: (t: number) => number | undefined): { t: number; v: number }[] {
    const samples: { t: number; v: number }[] = [];
    for (let t = 0; t <= NOW; t += 60) {
        const v = value(t);
        if (v !== undefined) samples.push({ t, v });
    }
    return samples;
}

function awsStore(...series: AwsSeries[]): MetricStore {
    return { now: NOW, aws: series, gcp: [] };
}

function gcpStore(...series: GcpSeries[]): MetricStore {
    return { now: NOW, aws: [], gcp: series };
}

const tunnelState = (vpnId: string, value: (t: number) => number | undefined, origin?: string): AwsSeries => ({
    namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { VpnId: vpnId }, samples: minutes(value), ...(origin && { origins: { VpnId: origin } }),
});

const alarm = (over: Partial<CwAlarm>): CwAlarm => ({
    comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: "breaching",
    metric: { namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { VpnId: "vpn-1" }, stat: "Maximum", period: 300 },
    ...over,
});

const up = () => 1;
const downFrom = (start: number) => (t: number) => (t >= start ? 0 : 1);

describe("the CloudWatch model", () => {
    it("reads the statistic of the samples in each period: Maximum < 1 is every sample down, Minimum < 1 any", () => {
        // A tunnel that flaps once in the last five minutes.
        const flap = tunnelState("vpn-1", (t) => (t === NOW - 120 ? 0 : 1));
        assert.equal(evaluateMetricAlarm(alarm({}), awsStore(flap)), "OK");
        assert.equal(evaluateMetricAlarm(alarm({ metric: { ...alarm({}).metric!, stat: "Minimum" } }), awsStore(flap)), "ALARM");
    });

    it("needs `datapointsToAlarm` breaching datapoints of the last `evaluationPeriods`", () => {
        // Down for the last two minutes: two of the last five one-minute periods breach.
        const down = tunnelState("vpn-1", downFrom(NOW - 60));
        const perMinute = alarm({ metric: { ...alarm({}).metric!, period: 60 }, evaluationPeriods: 5, datapointsToAlarm: 5 });
        assert.equal(evaluateMetricAlarm(perMinute, awsStore(down)), "OK", "2 of 5");
        assert.equal(evaluateMetricAlarm({ ...perMinute, datapointsToAlarm: 2 }, awsStore(down)), "ALARM", "2 of 5 needed");
        assert.equal(evaluateMetricAlarm(perMinute, awsStore(tunnelState("vpn-1", downFrom(0)))), "ALARM", "5 of 5");
    });

    it("treats missing datapoints as the alarm says", () => {
        const gone = awsStore(tunnelState("vpn-1", (t) => (t < 1800 ? 1 : undefined)));
        assert.equal(evaluateMetricAlarm(alarm({ treatMissingData: "breaching" }), gone), "ALARM");
        assert.equal(evaluateMetricAlarm(alarm({ treatMissingData: "notBreaching" }), gone), "OK");
        assert.equal(evaluateMetricAlarm(alarm({ treatMissingData: "missing" }), gone), "INSUFFICIENT_DATA");
        assert.equal(evaluateMetricAlarm(alarm({}), awsStore()), "ALARM", "a series that does not exist is missing too");
    });

    it("matches a metric by its whole dimension set: a per-tunnel series is not the connection's", () => {
        const perTunnel: AwsSeries = { ...tunnelState("vpn-1", downFrom(0)), dimensions: { VpnId: "vpn-1", TunnelIpAddress: "203.0.113.1" } };
        assert.equal(evaluateMetricAlarm(alarm({ treatMissingData: "notBreaching" }), awsStore(perTunnel)), "OK");
    });

    it("evaluates metric math per period: MAX over series skips the missing ones, FILL replaces them", () => {
        const queries = (expression: string) => ({
            metric: undefined,
            queries: [
                { id: "a", metric: { ...alarm({}).metric!, dimensions: { VpnId: "vpn-1" } }, returnData: false },
                { id: "b", metric: { ...alarm({}).metric!, dimensions: { VpnId: "vpn-2" } }, returnData: false },
                { id: "e", expression, returnData: true },
            ],
        });
        const oneDown = awsStore(tunnelState("vpn-1", downFrom(0)), tunnelState("vpn-2", up));
        assert.equal(evaluateMetricAlarm(alarm(queries("MAX([a,b])")), oneDown), "OK");
        assert.equal(evaluateMetricAlarm(alarm(queries("MIN([a,b])")), oneDown), "ALARM");
        const oneGone = awsStore(tunnelState("vpn-1", downFrom(0)));
        assert.equal(evaluateMetricAlarm(alarm(queries("MAX([a,b])")), oneGone), "ALARM", "b missing is skipped");
        assert.equal(evaluateMetricAlarm(alarm({ ...queries("a+b"), treatMissingData: "notBreaching" }), oneGone), "OK", "a+missing is missing");
        assert.equal(evaluateMetricAlarm(alarm({ ...queries("5000*FILL(a,0)+5000*FILL(b,0)"), threshold: 5000 }), oneGone), "ALARM");
        assert.throws(() => evaluateMetricAlarm(alarm(queries("ANOMALY_DETECTION_BAND(a)")), oneDown), /not modelled/);
    });

    it("matches a value not known yet to a series the alarm depends on, and only to one", () => {
        const unknownFrom = (...from: string[]) => alarm({ metric: { ...alarm({}).metric!, dimensions: { VpnId: { unknown: true, from } } } });
        const store = awsStore(tunnelState("<a>", downFrom(0), "urn:a"), tunnelState("<b>", up, "urn:b"));
        assert.equal(evaluateMetricAlarm(unknownFrom("urn:a"), store), "ALARM");
        assert.equal(evaluateMetricAlarm(unknownFrom("urn:b"), store), "OK");
        assert.equal(evaluateMetricAlarm(unknownFrom("urn:a", "urn:b"), store), "unknown", "two candidates for one metric");
    });
});

const session = (peer: string, region: string, value: (t: number) => number | undefined): GcpSeries => ({
    metricType: "router.googleapis.com/bgp/session_up", resourceType: "gce_router",
    resourceLabels: { region, router_id: "1" }, metricLabels: { bgp_peer_name: peer }, points: minutes(value),
});

const FILTER = 'metric.type = "router.googleapis.com/bgp/session_up" AND resource.type = "gce_router" AND (metric.labels.bgp_peer_name = "p1" OR metric.labels.bgp_peer_name = "p2")';

const policy = (over: Record<string, unknown> = {}) => ({
    combiner: "OR",
    conditions: [{
        conditionThreshold: {
            filter: FILTER, aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MAX", crossSeriesReducer: "REDUCE_MAX" }],
            comparison: "COMPARISON_LT", thresholdValue: 1, duration: "300s", evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE", ...over,
        },
    }],
});

describe("the Cloud Monitoring model", () => {
    it("parses the filters alert policies use, and refuses what it does not model", () => {
        const matches = parseFilter('metric.type = "x" resource.labels.region = starts_with("us-") AND (metric.label.a = "1" OR metric.labels.b != "2")');
        const series = (region: string, labels: Record<string, string>) => ({ metricType: "x", resourceType: "r", resourceLabels: { region }, metricLabels: labels });
        assert.equal(matches(series("us-east4", { a: "1" })), true);
        assert.equal(matches(series("us-east4", { b: "3" })), true, "b != 2");
        assert.equal(matches(series("us-east4", { b: "2" })), false);
        assert.equal(matches(series("europe-west1", { a: "1" })), false);
        assert.throws(() => parseFilter('metric.type = one_of("a", "b")'), /expected a quoted value/);
        assert.throws(() => parseFilter("project = \"p\""), /unsupported term/);
    });

    it("tells which values a filter requires of a field, never leaving out a series it selects", () => {
        assert.deepEqual([...filterConstraints(FILTER)].map(([f, v]) => [f, [...v].sort()]), [
            ["metric.type", ["router.googleapis.com/bgp/session_up"]], ["resource.type", ["gce_router"]], ["metric.labels.bgp_peer_name", ["p1", "p2"]],
        ]);
        const values = ["a", "b"];
        const field = fc.constantFrom("metric.type", "metric.labels.x", "metric.label.x", "resource.labels.y");
        const atom = fc.tuple(field, fc.constantFrom("=", "!="), fc.constantFrom(...values), fc.boolean())
            .map(([f, op, v, prefix]) => `${f} ${op} ${prefix ? `starts_with("${v}")` : `"${v}"`}`);
        const filter: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
            node: fc.oneof({ depthSize: "small", withCrossShrink: true }, atom, fc.tuple(tie("node"), fc.constantFrom(" AND ", " OR ", " "), tie("node")).map(([a, op, b]) => `(${a}${op}${b})`)),
        })).node;
        const series = fc.record({ t: fc.constantFrom(...values), x: fc.constantFrom(...values), y: fc.constantFrom(...values) })
            .map(({ t, x, y }) => ({ metricType: t, resourceType: "r", metricLabels: { x }, resourceLabels: { y } }));
        fc.assert(fc.property(filter, series, (text, s) => {
            if (!parseFilter(text)(s)) return;
            for (const [f, allowed] of filterConstraints(text)) assert.ok(allowed.has(fieldValue(s, f)!), `${text} selects ${JSON.stringify(s)} but requires ${f} in ${[...allowed]}`);
        }), { numRuns: 500 });
    });

    it("reduces the selected series across, then needs the condition for the whole duration", () => {
        assert.equal(evaluateAlertPolicy(policy(), gcpStore(session("p1", "r", downFrom(0)), session("p2", "r", up))), false, "the greatest is up");
        assert.equal(evaluateAlertPolicy(policy(), gcpStore(session("p1", "r", downFrom(0)), session("p2", "r", downFrom(0)))), true);
        // Down for the last three minutes only: not yet for 300 s.
        assert.equal(evaluateAlertPolicy(policy(), gcpStore(session("p1", "r", downFrom(NOW - 180)), session("p2", "r", downFrom(NOW - 180)))), false);
        assert.equal(evaluateAlertPolicy(policy({ duration: "0s" }), gcpStore(session("p1", "r", downFrom(NOW - 180)), session("p2", "r", downFrom(NOW - 180)))), true);
    });

    it("counts what a SUM reducer finds: series that stopped reporting count for nothing", () => {
        const count = policy({ aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MIN", crossSeriesReducer: "REDUCE_SUM" }], comparison: "COMPARISON_LE", thresholdValue: 1 });
        assert.equal(evaluateAlertPolicy(count, gcpStore(session("p1", "r", up), session("p2", "r", up))), false);
        assert.equal(evaluateAlertPolicy(count, gcpStore(session("p1", "r", up), session("p2", "r", (t) => (t < 1800 ? 1 : undefined)))), true);
    });

    it("evaluates missing data as the condition says, and absence when asked", () => {
        const silent = gcpStore(session("p1", "r", (t) => (t < 1800 ? 1 : undefined)));
        assert.equal(evaluateAlertPolicy(policy({ evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE" }), silent), true);
        assert.equal(evaluateAlertPolicy(policy({ evaluationMissingData: "EVALUATION_MISSING_DATA_INACTIVE" }), silent), false);
        assert.equal(evaluateAlertPolicy(policy({ evaluationMissingData: undefined }), silent), false, "NO_OP starts closed");
        const absent = { combiner: "OR", conditions: [{ conditionAbsent: { filter: FILTER, duration: "600s" } }] };
        assert.equal(evaluateAlertPolicy(absent, silent), true);
        assert.equal(evaluateAlertPolicy(absent, gcpStore(session("p1", "r", up))), false);
    });

    it("joins conditions with the combiner", () => {
        const both = { ...policy(), conditions: [...policy().conditions, ...policy({ filter: 'metric.type = "router.googleapis.com/bgp/session_up" AND metric.labels.bgp_peer_name = "p3"' }).conditions] };
        const store = gcpStore(session("p1", "r", downFrom(0)), session("p2", "r", downFrom(0)), session("p3", "r", up));
        assert.equal(evaluateAlertPolicy(both, store), true);
        assert.equal(evaluateAlertPolicy({ ...both, combiner: "AND" }, store), false);
        assert.equal(evaluateAlertPolicy({ ...both, enabled: false }, store), false);
    });
});
