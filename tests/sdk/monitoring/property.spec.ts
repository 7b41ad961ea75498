/**
 * Over random topologies — HA VPNs, dedicated ports with attachments (some still ordered), a managed
 * link, shared routers and regions, elements in two AWS regions — the planned definitions, with ids
 * filled in as a deployment would, judged by the evaluator against the series each scenario makes
 * the clouds publish: nothing opens while healthy; after any failure the resilience analysis
 * enumerates, or any two, exactly the alarms the oracle expects open, each at its group's severity,
 * the worst of them the failure's own; a degraded port opens its early warnings.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { Failure, failureImpacts } from "../../../sdk/resilience";
import {
    AlarmClass, evaluateAlertPolicy, evaluateMetricAlarm, MAX_METRICS_PER_AWS_ALARM, MonitoringPlan, planMonitoring, resolveAws, resolveGcp,
    Scenario, Severity, simulate, topologyElements,
} from "../../../sdk/monitoring";
import { Cloud, FailureKind, Link, LinkKind, LinkRole, LinkStage, Topology } from "../../../sdk/topology";
import { effectiveMbps, expectedOpen, OracleGroup, ready, severityOfFailure, survivingMbps } from "../../monitoring/oracle";

interface Shape {
    topology: Topology;
    awsRegions: Record<string, string>;
    requiredMbps: number;
}

const REGIONS = ["us-east4", "us-central1"];
const AWS_REGIONS = ["us-east-1", "us-east-2"];

const vpnArb = fc.record({ region: fc.constantFrom(...REGIONS), router: fc.constantFrom("a", "b"), mbps: fc.constantFrom(1250, 3000), awsRegion: fc.constantFrom(...AWS_REGIONS) });
const portArb = fc.record({
    metro: fc.constantFrom("iad", "ord"), edge: fc.constantFrom(1, 2), location: fc.constantFrom("EqDC2", "EqCh2", "CSVA1"),
    awsRegion: fc.constantFrom(...AWS_REGIONS), ordered: fc.boolean(),
    attachments: fc.array(fc.record({ region: fc.constantFrom(...REGIONS), router: fc.constantFrom("a", "b"), mbps: fc.constantFrom(5000, 10000) }), { minLength: 1, maxLength: 2 }),
});

const shapeArb: fc.Arbitrary<Shape> = fc.record({
    vpns: fc.array(vpnArb, { maxLength: 2 }),
    ports: fc.array(portArb, { maxLength: 5 }),
    managed: fc.boolean(),
    share: fc.double({ min: 0, max: 1.2, noNaN: true }),
}).filter((s) => s.vpns.length + s.ports.length > 0).map(({ vpns, ports, managed, share }) => {
    const links: Link[] = [];
    const awsRegions: Record<string, string> = {};
    const base = (id: string, group: string, kind: LinkKind, mbps: number) => ({ id, group, kind, role: LinkRole.Primary, aws: "aws", gcp: "gcp", mbps });
    vpns.forEach((v, i) => {
        for (let t = 0; t < 4; t++) {
            const id = `vpn${i}-tunnel-${t}`;
            const connection = `vpn${i}-connection-${t >> 1}`;
            links.push({ ...base(id, `vpn${i}`, LinkKind.HaVpn, v.mbps), role: ports.length > 0 ? LinkRole.Backup : LinkRole.Primary, domains: {
                tunnel: id, vpnInterface: `vpn${i}-gateway/${t >> 1}`, awsVpnConnection: connection, cloudRouter: `router-${v.router}-${v.region}`, region: v.region,
            } });
            awsRegions[id] = v.awsRegion;
            awsRegions[connection] = v.awsRegion;
        }
    });
    ports.forEach((p, j) => {
        const port = `port-${j}`;
        awsRegions[port] = p.awsRegion;
        p.attachments.forEach((a, k) => {
            const id = `port-${j}-attachment-${k}`;
            awsRegions[id] = p.awsRegion;
            links.push({ ...base(id, "dedicated", LinkKind.Dedicated, a.mbps), ...(p.ordered && { stage: LinkStage.Ordered }), domains: {
                port, awsDevice: `lag-${j}`, awsLocation: p.location, metro: p.metro, edgeDomain: `${p.metro}-zone${p.edge}`,
                region: a.region, cloudRouter: `router-${a.router}-${a.region}`,
            } });
        });
    });
    if (managed) links.push({ ...base("managed-connection", "managed", LinkKind.Managed, 10000), domains: { managedConnection: "managed-connection", region: REGIONS[0] } });
    const total = links.filter((l) => l.stage !== LinkStage.Ordered).reduce((s, l) => s + l.mbps, 0);
    return {
        topology: { endpoints: [], groups: [], links, sessions: [], prefixes: { aws: [], gcp: [] } },
        awsRegions,
        requiredMbps: Math.round(total * share),
    };
});

const NO_TARGETS = { [Severity.RedundancyLost]: { aws: false, gcp: false }, [Severity.RequirementBreached]: { aws: false, gcp: false } };

function plan(shape: Shape): MonitoringPlan {
    return planMonitoring({ name: "net", topology: shape.topology, requirement: { mbps: shape.requiredMbps }, awsRegions: shape.awsRegions, notify: NO_TARGETS });
}

/**
 * Google may take several policies to watch the capacity (one per way of falling short): one of them
 * opening is the capacity alarm opening, so they count as one, `<name>-alert-capacity`.
 */
function asOne(names: string[]): string[] {
    return [...new Set(names.map((n) => n.replace(/-alert-capacity-\d+$/, "-alert-capacity")))].sort();
}

function openAlarms(shape: Shape, planned: MonitoringPlan, scenario: Scenario): string[] {
    const store = simulate(topologyElements(shape.topology), shape.topology.links, scenario);
    return asOne(planned.alarms.filter((a) => (a.aws ? evaluateMetricAlarm(resolveAws(a.aws), store) === "ALARM" : evaluateAlertPolicy(resolveGcp(a.gcp!), store))).map((a) => a.resourceName));
}

function expected(shape: Shape, planned: MonitoringPlan, failures: Failure[], degraded: string[] = []): string[] {
    const groups = new Map<string, OracleGroup>(planned.groups.map((g) => [g.key, { key: g.key, links: g.links, kinds: g.domains.map((d) => d.kind) }]));
    return asOne(planned.alarms.filter((a) => expectedOpen({ cloud: a.cloud, kind: a.class, groups: a.groups, subject: a.subject }, groups, shape.topology, shape.requiredMbps, failures, degraded))
        .map((a) => a.resourceName));
}

/** Every single failure the resilience analysis enumerates, ordered links included. */
function failuresOf(topology: Topology): Failure[] {
    return failureImpacts(topology.links).map(({ kind, id }) => ({ kind, id }));
}

const RUNS = { numRuns: 60 };

describe("monitoring plans over random topologies", function () {
    this.timeout(120_000);

    it("raise nothing while every link is up", () => {
        fc.assert(fc.property(shapeArb, (shape) => {
            assert.deepEqual(openAlarms(shape, plan(shape), { failures: [] }), []);
        }), RUNS);
    });

    it("after every single failure, open exactly the alarms expected, each at its group's severity, the worst the failure's own", () => {
        const seen = new Set<Severity>();
        fc.assert(fc.property(shapeArb, (shape) => {
            const planned = plan(shape);
            const bySeverity = new Map(planned.alarms.map((a) => [asOne([a.resourceName])[0], a.severity]));
            for (const g of planned.groups) {
                for (const domain of g.domains) assert.equal(g.severity, severityOfFailure(shape.topology, domain, shape.requiredMbps), `${g.key}: ${domain.kind} ${domain.id}`);
            }
            for (const failure of failuresOf(shape.topology)) {
                const open = openAlarms(shape, planned, { failures: [failure] });
                assert.deepEqual(open, expected(shape, planned, [failure]), `${failure.kind} ${failure.id}`);
                const severity = severityOfFailure(shape.topology, failure, shape.requiredMbps);
                const cut = ready(shape.topology).filter((l) => l.domains[failure.kind] === failure.id);
                if (severity === undefined || cut.some((l) => l.kind === LinkKind.Managed)) continue;
                // A failure of observable links is watched, and the worst alarm it opens says how bad it is.
                assert.ok(open.length > 0, `${failure.kind} ${failure.id} opens nothing`);
                const worst = open.some((n) => bySeverity.get(n) === Severity.RequirementBreached) ? Severity.RequirementBreached : Severity.RedundancyLost;
                assert.equal(worst, severity, `${failure.kind} ${failure.id}`);
                seen.add(severity);
            }
        }), RUNS);
        assert.deepEqual([...seen].sort(), [Severity.RedundancyLost, Severity.RequirementBreached], "both severities were exercised");
    });

    it("after any two failures, open exactly the alarms expected, a breach among them when less than the requirement survives", () => {
        let breaches = 0;
        fc.assert(fc.property(shapeArb, fc.nat(), fc.nat(), (shape, i, j) => {
            const planned = plan(shape);
            const all = failuresOf(shape.topology);
            const pair = [all[i % all.length], all[j % all.length]];
            const open = openAlarms(shape, planned, { failures: pair });
            assert.deepEqual(open, expected(shape, planned, pair));
            const capacityWatched = planned.alarms.some((a) => a.class === AlarmClass.Capacity);
            if (capacityWatched && survivingMbps(shape.topology, pair) < Math.max(effectiveMbps(shape.topology, shape.requiredMbps), 1)) {
                assert.ok(open.some((n) => planned.alarms.find((a) => asOne([a.resourceName])[0] === n)!.severity === Severity.RequirementBreached), "the breach opens");
                breaches++;
            }
        }), RUNS);
        assert.ok(breaches > 0, "some pairs breached the requirement");
    });

    it("warn of a degraded port from both clouds, at the port's severity", () => {
        fc.assert(fc.property(shapeArb.filter((s) => s.topology.links.some((l) => l.kind === LinkKind.Dedicated && l.stage !== LinkStage.Ordered)), (shape) => {
            const planned = plan(shape);
            const port = ready(shape.topology).find((l) => l.kind === LinkKind.Dedicated)!.domains.port!;
            const open = openAlarms(shape, planned, { failures: [], degraded: [port] });
            assert.deepEqual(open, expected(shape, planned, [], [port]));
            assert.ok(open.includes(`net-alert-light-${port}`));
        }), RUNS);
    });

    it("declare what each cloud can take, and say where the other covers it", () => {
        fc.assert(fc.property(shapeArb, (shape) => {
            const planned = plan(shape);
            for (const a of planned.alarms.filter((x) => x.aws)) {
                const metrics = a.aws!.queries ? a.aws!.queries.filter((q) => q.metric).length : 1;
                assert.ok(metrics <= MAX_METRICS_PER_AWS_ALARM, a.key);
                assert.ok(a.aws!.description.length <= 1024, a.key);
                const subjects = new Set([...JSON.stringify(a.aws).matchAll(/"subject":"([^"]+)"/g)].map((m) => shape.awsRegions[m[1]]));
                assert.deepEqual([...subjects], [a.aws!.region], `${a.key} reads metrics of its own region only`);
            }
            for (const gap of planned.gaps.filter((g) => g.coveredBy.length > 0)) {
                for (const key of gap.coveredBy) assert.ok(planned.alarms.some((a) => a.key === key && a.cloud !== gap.cloud), `${gap.watches} is covered by ${key}`);
            }
            const observable = ready(shape.topology).every((l) => l.kind !== LinkKind.Managed);
            for (const g of planned.groups.filter((x) => x.unobservable.length === 0)) {
                assert.ok(planned.alarms.some((a) => a.cloud === Cloud.Gcp && a.groups.includes(g.key)), `${g.key} is watched from Google`);
            }
            if (!observable) assert.ok(planned.warnings.some((w) => /not watched on either cloud/.test(w)));
        }), RUNS);
    });
});

describe("a monitoring plan", () => {
    const kinds = (topology: Topology): FailureKind[] => [...new Set(topology.links.flatMap((l) => Object.keys(l.domains) as FailureKind[]))];

    it("names every failure domain of its ready links in its table", () => {
        fc.assert(fc.property(shapeArb, (shape) => {
            const planned = plan(shape);
            const rows = planned.table.map((r) => r.watches).join("\n");
            for (const impact of failureImpacts(ready(shape.topology))) assert.ok(rows.includes(impact.id), `${impact.kind} ${impact.id}`);
            assert.ok(kinds(shape.topology).length > 0);
        }), { numRuns: 30 });
    });
});
