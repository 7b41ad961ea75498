/**
 * Judges a stack's alarms under failure scenarios: the series the links publish are simulated
 * (sdk/monitoring/evaluate/series.ts) and each alarm is evaluated as its cloud would
 * (sdk/monitoring/evaluate). An alarm's state depends only on the series it selects, so each alarm
 * is evaluated over those alone, and under a scenario only the alarms reading a series the
 * scenario changes are evaluated again: an estate of thousands of links and alarms is judged
 * failure by failure in time linear in what each failure touches.
 */
import {
    AlarmState, AwsSeries, evaluateAlertPolicy, evaluateMetricAlarm, GcpSeries, HEALTHY, Constraints, fieldValue, filterConstraints, isUnknown, matchingSeries, MetricStore, parseFilter,
    Scenario, simulate,
} from "../../sdk";
import { MonitoringView, ReadAlarm } from "./monitoring";

/** An alarm's state under a scenario: open (ALARM, or a policy with an incident), closed, or not known (a preview, an unmodelled form). */
export type Verdict = "open" | "closed" | "unknown";

export class AlarmJudge {
    private readonly healthy: MetricStore;
    /** Per element, where its series sits in the healthy store. */
    private readonly slot: { cloud: "aws" | "gcp"; at: number }[];
    /** Per alarm, the indexes of the series it selects. */
    private readonly reads: { aws: number[]; gcp: number[] }[];
    /** Per series (`aws:3`, `gcp:7`), the alarms that read it. */
    private readonly readers = new Map<string, number[]>();
    /** Per link id, the elements that report on it; per `kind:id` failure domain, the links it cuts. */
    private readonly elementsOf = new Map<string, number[]>();
    private readonly linksOf = new Map<string, string[]>();
    /** AWS series by namespace, metric and every dimension: what an alarm whose values are all known selects. */
    private readonly exact = new Map<string, number[]>();
    /** Google series by a field's value, per field. */
    private readonly byField = new Map<string, Map<string, number[]>>();
    private healthyVerdicts?: Verdict[];

    constructor(private readonly view: MonitoringView) {
        this.healthy = simulate(view.elements, view.topology.links, HEALTHY);
        view.elements.forEach((e, i) => {
            for (const l of e.links) push(this.elementsOf, l, i);
        });
        for (const l of view.topology.links) {
            for (const [kind, id] of Object.entries(l.domains)) push(this.linksOf, `${kind}:${id}`, l.id);
        }
        let aws = 0;
        let gcp = 0;
        this.slot = view.elements.map((e) => (e.aws ? { cloud: "aws" as const, at: aws++ } : { cloud: "gcp" as const, at: gcp++ }));
        const byMetric = new Map<string, number[]>();
        this.healthy.aws.forEach((s, i) => {
            push(byMetric, `${s.namespace}|${s.metricName}`, i);
            push(this.exact, seriesKey(s.namespace, s.metricName, s.dimensions), i);
        });
        this.reads = view.alarms.map((alarm, a) => {
            const reads = { aws: this.awsReads(alarm, byMetric), gcp: this.gcpReads(alarm) };
            for (const i of reads.aws) push(this.readers, `aws:${i}`, a);
            for (const i of reads.gcp) push(this.readers, `gcp:${i}`, a);
            return reads;
        });
    }

    /** The links whose series an alarm reads: what it watches. */
    linksRead(alarm: number): string[] {
        const keys = new Set([...this.reads[alarm].aws.map((i) => `aws:${i}`), ...this.reads[alarm].gcp.map((i) => `gcp:${i}`)]);
        const links = new Set<string>();
        this.view.elements.forEach((e, i) => {
            if (keys.has(this.keyOf(i))) for (const l of e.links) links.add(l);
        });
        return [...links].sort();
    }

    /** Whether an alarm reads any series the stack's links publish (an alarm on something else is none of the links' business). */
    readsLinks(alarm: number): boolean {
        return this.reads[alarm].aws.length > 0 || this.reads[alarm].gcp.length > 0;
    }

    /** Every alarm's verdict under a scenario, in the view's order. */
    verdicts(scenario: Scenario = HEALTHY): Verdict[] {
        const healthy = (this.healthyVerdicts ??= this.view.alarms.map((_, a) => this.evaluate(a, () => undefined)));
        if (scenario.failures.length === 0 && (scenario.degraded ?? []).length === 0) return healthy;
        const changes = this.changes(scenario);
        return healthy.map((v, a) => (changes.alarms.has(a) ? this.evaluate(a, changes.series) : v));
    }

    /**
     * Whether some alarm the scenario touches opens ("open"), none does but one cannot be told
     * ("unknown"), or none opens ("closed"). Alarms reading fewer series are tried first, and the
     * first that opens ends the search.
     */
    anyOpens(scenario: Scenario): Verdict {
        const changes = this.changes(scenario);
        const touched = [...changes.alarms].sort((a, b) => this.size(a) - this.size(b) || a - b);
        let unknown = this.view.alarms.some((a) => a.unreadable !== undefined);
        for (const a of touched) {
            const verdict = this.evaluate(a, changes.series);
            if (verdict === "open") return "open";
            if (verdict === "unknown") unknown = true;
        }
        return unknown ? "unknown" : "closed";
    }

    private size(alarm: number): number {
        return this.reads[alarm].aws.length + this.reads[alarm].gcp.length;
    }

    /**
     * What a scenario changes: the alarms reading a series of an element it touches, and each such
     * series (keyed `aws:i` / `gcp:i`), simulated for its element alone when first asked for.
     */
    private changes(scenario: Scenario): { alarms: Set<number>; series: (key: string) => AwsSeries | GcpSeries | undefined } {
        const cut = new Set(scenario.failures.flatMap((f) => this.linksOf.get(`${f.kind}:${f.id}`) ?? []));
        const degraded = new Set(scenario.degraded ?? []);
        const touched = new Map<string, number>();
        const touch = (index: number) => touched.set(this.keyOf(index), index);
        for (const l of cut) for (const index of this.elementsOf.get(l) ?? []) touch(index);
        if (degraded.size > 0) this.view.elements.forEach((e, i) => degraded.has(e.subject) && touch(i));
        const links = this.view.topology.links.filter((l) => cut.has(l.id));
        const simulated = new Map<string, AwsSeries | GcpSeries>();
        const series = (key: string) => {
            const index = touched.get(key);
            if (index === undefined) return undefined;
            let result = simulated.get(key);
            if (!result) {
                const store = simulate([this.view.elements[index]], links, scenario);
                result = store.aws[0] ?? store.gcp[0];
                simulated.set(key, result);
            }
            return result;
        };
        return { alarms: new Set([...touched.keys()].flatMap((k) => this.readers.get(k) ?? [])), series };
    }

    private keyOf(element: number): string {
        return `${this.slot[element].cloud}:${this.slot[element].at}`;
    }

    /** One alarm's verdict over the series it reads, the changed ones in place of the healthy. */
    private evaluate(alarm: number, changed: (key: string) => AwsSeries | GcpSeries | undefined): Verdict {
        const a = this.view.alarms[alarm];
        if (a.unreadable) return "unknown";
        const reads = this.reads[alarm];
        const store: MetricStore = {
            now: this.healthy.now,
            aws: reads.aws.map((i) => (changed(`aws:${i}`) as AwsSeries | undefined) ?? this.healthy.aws[i]),
            gcp: reads.gcp.map((i) => (changed(`gcp:${i}`) as GcpSeries | undefined) ?? this.healthy.gcp[i]),
        };
        try {
            if (a.gcp) return evaluateAlertPolicy(a.gcp, store) ? "open" : "closed";
            const state: AlarmState | "unknown" = evaluateMetricAlarm(a.aws!, store);
            return state === "unknown" ? "unknown" : state === "ALARM" ? "open" : "closed";
        } catch {
            // A statistic, aligner or expression the evaluator does not model: say nothing rather than guess.
            return "unknown";
        }
    }

    private awsReads(alarm: ReadAlarm, byMetric: ReadonlyMap<string, number[]>): number[] {
        if (!alarm.aws) return [];
        const metrics = alarm.aws.metric ? [alarm.aws.metric] : (alarm.aws.queries ?? []).flatMap((q) => (q.metric ? [q.metric] : []));
        const read = new Set<number>();
        for (const m of metrics) {
            if (!Object.values(m.dimensions).some(isUnknown)) {
                for (const i of this.exact.get(seriesKey(m.namespace, m.metricName, m.dimensions as Record<string, string>)) ?? []) read.add(i);
                continue;
            }
            const candidates = byMetric.get(`${m.namespace}|${m.metricName}`) ?? [];
            const chosen = new Set(matchingSeries(m, { now: this.healthy.now, aws: candidates.map((i) => this.healthy.aws[i]), gcp: [] }));
            for (const i of candidates) if (chosen.has(this.healthy.aws[i])) read.add(i);
        }
        return [...read].sort((x, y) => x - y);
    }

    /** The Google series a filter's constraints leave, by the most selective field it constrains. */
    private gcpCandidates(constraints: Constraints): number[] {
        let best: { field: string; size: number } | undefined;
        for (const [field, values] of constraints) {
            const index = this.gcpIndex(field);
            let size = 0;
            for (const v of values) size += index.get(v)?.length ?? 0;
            if (!best || size < best.size) best = { field, size };
        }
        if (!best) return this.healthy.gcp.map((_, i) => i);
        const index = this.gcpIndex(best.field);
        return [...constraints.get(best.field)!].flatMap((v) => index.get(v) ?? []);
    }

    /** Google series by one field's value, built when first asked for. */
    private gcpIndex(field: string): Map<string, number[]> {
        let index = this.byField.get(field);
        if (!index) {
            index = new Map();
            for (const [i, s] of this.healthy.gcp.entries()) {
                const value = fieldValue(s, field);
                if (value !== undefined) push(index, value, i);
            }
            this.byField.set(field, index);
        }
        return index;
    }

    private gcpReads(alarm: ReadAlarm): number[] {
        if (!alarm.gcp) return [];
        const read = new Set<number>();
        for (const c of alarm.gcp.conditions) {
            const filter = (c.conditionThreshold ?? c.conditionAbsent)!.filter;
            const selects = parseFilter(filter);
            for (const i of this.gcpCandidates(filterConstraints(filter))) if (selects(this.healthy.gcp[i])) read.add(i);
        }
        return [...read].sort((x, y) => x - y);
    }
}

function seriesKey(namespace: string, metricName: string, dimensions: Record<string, string>): string {
    return JSON.stringify([namespace, metricName, Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
}

/** Each alarm's verdict under a scenario, in the view's alarm order. */
export function judgeAlarms(view: MonitoringView, scenario: Scenario = HEALTHY): Verdict[] {
    return new AlarmJudge(view).verdicts(scenario);
}
