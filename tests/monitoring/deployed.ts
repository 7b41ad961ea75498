/**
 * Judges what a program would deploy: its CloudWatch metric alarms and Cloud Monitoring alert
 * policies as the offline engine captured them, read and evaluated as the policy pack reads them
 * (policy/extract/monitoring.ts, sdk/monitoring/evaluate), against the oracle's expectation from
 * the component's topology and its declared groups. Failures are those the resilience analysis
 * enumerates on the component's topology, ordered links included.
 */
import * as assert from "node:assert/strict";
import { MonitoringSummary } from "../../components/monitoring";
import { CapturedResource } from "../../offline";
import { AlarmJudge, stackMonitoring } from "../../policy/evaluate";
import { Failure, failureImpacts } from "../../sdk/resilience";
import { LinkKind, Topology } from "../../sdk/topology";
import { Severity } from "../../sdk/monitoring";
import { expectedOpen, OracleGroup, ready, severityOfFailure, survivingMbps, effectiveMbps } from "./oracle";

export interface Coverage {
    /** Single failures the resilience analysis enumerates. */
    failures: number;
    /** Of those, the ones after which exactly the expected alarms opened, at the expected severity. */
    right: number;
    /** Of those, the ones that opened at least one alarm. */
    watched: number;
    /** Failures of managed links only: no provider publishes a metric for them. */
    unwatchable: number;
    /** Pairs of failures checked, and how many of them breach the requirement. */
    pairs: number;
    breaches: number;
}

/** Google may take several policies to watch the capacity: one of them opening is the capacity alarm opening. */
function asOne(names: readonly string[]): string[] {
    return [...new Set(names.map((n) => n.replace(/-alert-capacity-\d+$/, "-alert-capacity")))].sort();
}

export interface DeployedOptions {
    /** Also check every pair of failures (the breach of a combination). */
    pairs?: boolean;
    /** The value the engine shows for what is known only after deploy, in a preview. */
    unknown?: string;
}

export function checkDeployed(resources: readonly CapturedResource[], component: string, requiredMbps: number, options: DeployedOptions = {}): Coverage {
    const network = resources.find((r) => r.name === component && r.type.startsWith("interconnect:index:"));
    assert.ok(network, `no component ${component}`);
    const topology = network.outputs.topology as Topology;
    const summary = network.outputs.monitoring as MonitoringSummary | undefined;
    const view = stackMonitoring(resources, options.unknown !== undefined ? { unknown: options.unknown } : {});
    const judge = new AlarmJudge(view);
    const names = view.alarms.map((a) => a.resource.name);
    const declared = new Map(view.alarms.map((a, i) => [names[i], a.severity]));
    assert.deepEqual(asOne(names), asOne(summary?.alarms.map((a) => a.name) ?? []), "the alarms registered are the ones the component lists");
    assert.deepEqual(view.alarms.filter((a) => a.unreadable).map((a) => `${a.resource.name}: ${a.unreadable}`), []);

    const groups = new Map<string, OracleGroup>((summary?.groups ?? []).map((g) => [g.key, {
        key: g.key, links: g.links, kinds: g.domains.map((d) => d.slice(0, d.indexOf(":")) as OracleGroup["kinds"][number]),
    }]));
    const rawFailure = rawFailures(topology, view.topology);
    const opened = (failures: Failure[]) => {
        const verdicts = judge.verdicts({ failures: failures.map(rawFailure) });
        assert.ok(!verdicts.includes("unknown"), `an alarm cannot be told after ${failures.map((f) => `${f.kind} ${f.id}`).join(" + ")}`);
        return asOne(names.filter((_, i) => verdicts[i] === "open"));
    };
    const expected = (failures: Failure[]) => asOne((summary?.alarms ?? [])
        .filter((a) => expectedOpen({ cloud: a.cloud, kind: a.kind, groups: a.groups, subject: a.subject }, groups, topology, requiredMbps, failures))
        .map((a) => a.name));

    assert.deepEqual(opened([]), [], "nothing opens while every link is up");
    const coverage: Coverage = { failures: 0, right: 0, watched: 0, unwatchable: 0, pairs: 0, breaches: 0 };
    const failures = failureImpacts(topology.links).map(({ kind, id }) => ({ kind, id }));
    for (const failure of failures) {
        const what = `${failure.kind} ${failure.id}`;
        coverage.failures++;
        const open = opened([failure]);
        assert.deepEqual(open, expected([failure]), what);
        const cut = ready(topology).filter((l) => l.domains[failure.kind] === failure.id);
        const severity = severityOfFailure(topology, failure, requiredMbps);
        if (cut.length > 0 && cut.every((l) => l.kind === LinkKind.Managed)) {
            assert.deepEqual(open, [], `${what}: no metric watches a managed connection`);
            coverage.unwatchable++;
        } else if (severity !== undefined) {
            assert.ok(open.length > 0, `${what} opens nothing`);
            const worst = open.some((n) => declared.get(n) === Severity.RequirementBreached) ? Severity.RequirementBreached : Severity.RedundancyLost;
            assert.equal(worst, severity, `${what}: the worst alarm it opens says how bad it is`);
        }
        if (open.length > 0) coverage.watched++;
        coverage.right++;
    }
    if (options.pairs) {
        for (let i = 0; i < failures.length; i++) {
            for (let j = i + 1; j < failures.length; j++) {
                const pair = [failures[i], failures[j]];
                const open = opened(pair);
                assert.deepEqual(open, expected(pair), pair.map((f) => `${f.kind} ${f.id}`).join(" + "));
                coverage.pairs++;
                const short = survivingMbps(topology, pair) < Math.max(effectiveMbps(topology, requiredMbps), 1);
                const observable = ready(topology).some((l) => l.kind !== LinkKind.Managed);
                if (short && observable) {
                    assert.ok(open.some((n) => declared.get(n) === Severity.RequirementBreached), `${pair.map((f) => `${f.kind} ${f.id}`).join(" + ")}: the breach opens`);
                    coverage.breaches++;
                }
            }
        }
    }
    return coverage;
}

/**
 * The component's failure domains as the raw resources name them: the same cut, the same kind (an
 * AWS device is named by the LAG in the plan and by the device AWS reports on the VIF in the stack).
 */
function rawFailures(planned: Topology, raw: Topology): (f: Failure) => Failure {
    const key = (kind: string, cut: readonly string[]) => `${kind}|${[...cut].sort().join(",")}`;
    const byCut = new Map(failureImpacts(raw.links).map((i) => [key(i.kind, i.cut), { kind: i.kind, id: i.id }]));
    const cutOf = new Map(failureImpacts(planned.links).map((i) => [`${i.kind}|${i.id}`, i.cut]));
    return (f) => byCut.get(key(f.kind, cutOf.get(`${f.kind}|${f.id}`) ?? [])) ?? f;
}
