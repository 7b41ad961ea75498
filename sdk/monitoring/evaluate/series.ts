/**
 * Synthetic metric series: what each cloud would publish for a topology's elements, healthy or
 * after some failures. Each element is one series as the provider keys it (a namespace, a metric,
 * its dimensions; or a metric type, a monitored resource and labels) and the links whose state it
 * reports. The physics — which failure takes which series down, which stops it — is the catalogue's.
 *
 * Simplifications, on purpose: every series is sampled once a minute from 0 to `now` (AWS sends
 * Direct Connect state every 30 s, Google samples every 60 s and shows a point up to 180 s later);
 * a failure starts at `failedAt` and lasts; values are exactly up or down, never in between.
 */
import { Failure } from "../../resilience";
import { Link } from "../../topology";
import { SIGNALS, SignalKind } from "../catalogue";

export interface Sample {
    /** Seconds. */
    t: number;
    v: number;
}

/** A CloudWatch series, and for each dimension the resource its value came from (when known). */
export interface AwsSeries {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    /** Dimension name → the id of the resource the value is an output of; matches an alarm whose value is not known yet. */
    origins?: Record<string, string>;
    samples: Sample[];
}

export interface GcpSeries {
    metricType: string;
    resourceType: string;
    resourceLabels: Record<string, string>;
    metricLabels: Record<string, string>;
    points: Sample[];
}

export interface MetricStore {
    now: number;
    aws: AwsSeries[];
    gcp: GcpSeries[];
}

/** One series a cloud publishes, and what it reports on. */
export interface Element {
    kind: SignalKind;
    /** The links whose state it reports; a VPN connection's series pools its tunnels' datapoints. */
    links: string[];
    aws?: Omit<AwsSeries, "samples">;
    gcp?: Omit<GcpSeries, "points">;
    /** Degradation scenarios name the port or region an element is about. */
    subject: string;
}

/** What goes wrong: failure domains, and ports or regions that work badly. */
export interface Scenario {
    failures: Failure[];
    degraded?: string[];
}

export const HEALTHY: Scenario = { failures: [] };

export const TIMELINE = { now: 3600, failedAt: 1800, step: 60 };

/** The links a set of failures cuts, each with the kinds of failure that cut it. */
function cutKinds(links: readonly Link[], failures: readonly Failure[]): Map<string, Set<string>> {
    const cut = new Map<string, Set<string>>();
    for (const f of failures) {
        for (const l of links) {
            if (l.domains[f.kind] !== f.id) continue;
            const kinds = cut.get(l.id) ?? new Set<string>();
            kinds.add(f.kind);
            cut.set(l.id, kinds);
        }
    }
    return cut;
}

type LinkState = "up" | "down" | "missing";

const TIMES: readonly number[] = Array.from({ length: TIMELINE.now / TIMELINE.step + 1 }, (_, i) => i * TIMELINE.step);

export function simulate(elements: readonly Element[], links: readonly Link[], scenario: Scenario): MetricStore {
    const cut = cutKinds(links, scenario.failures);
    const degraded = new Set(scenario.degraded ?? []);
    const store: MetricStore = { now: TIMELINE.now, aws: [], gcp: [] };
    for (const e of elements) {
        const spec = SIGNALS[e.kind];
        const state = (link: string): LinkState => {
            const kinds = cut.get(link);
            if (!kinds) return "up";
            if (spec.missingOn.some((k) => kinds.has(k))) return "missing";
            return spec.downOn.some((k) => kinds.has(k)) ? "down" : "up";
        };
        const failedValue = (s: LinkState) => (s === "down" ? spec.down : spec.up);
        const healthy = e.links.map((): LinkState => "up");
        const failed = e.links.map(state);
        const samples: Sample[] = [];
        for (const t of TIMES) {
            const after = t >= TIMELINE.failedAt;
            if (after && degraded.has(e.subject) && spec.degraded !== undefined) {
                samples.push({ t, v: spec.degraded });
                continue;
            }
            const states = after ? failed : healthy;
            if (e.kind === SignalKind.AwsVpnTunnels) {
                // Each tunnel reports under the connection's VpnId; a down tunnel reports 0.
                for (const s of states) if (s !== "missing") samples.push({ t, v: failedValue(s) });
                continue;
            }
            if (states.every((s) => s === "missing") && states.length > 0) continue;
            // A port or session is down only when every link it reports on is.
            const down = states.length > 0 && states.every((s) => s !== "up");
            samples.push({ t, v: down ? spec.down : spec.up });
        }
        if (e.aws) store.aws.push({ ...e.aws, samples });
        if (e.gcp) store.gcp.push({ ...e.gcp, points: samples });
    }
    return store;
}
