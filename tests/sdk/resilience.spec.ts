import assert from "node:assert/strict";
import fc from "fast-check";
import { ErrorCode, isCrossCloudError } from "../../sdk/errors";
import { analyzeResilience, failureImpacts, FailureCase, ResilienceReport } from "../../sdk/resilience";
import {
    LinkStage,
    emptyTopology, FAILURE_KINDS, FailureDomains, FailureKind, Link, LinkGroup, LinkKind, LinkRole, mergeTopologies, SlaTier, Topology,
} from "../../sdk/topology";
import { haVpnGroup, managedGroup, shapes, TUNNELS_9999 } from "./fixtures/shapes";

function caseOf(report: ResilienceReport, kind: FailureKind, id: string): FailureCase {
    const found = report.failures.find((c) => c.kind === kind && c.id === id);
    assert.ok(found, `no failure ${kind} ${id}`);
    return found;
}

const spofs = (report: ResilienceReport) => report.singlePointsOfFailure.map((c) => `${c.kind} ${c.id}`);

describe("analyzeResilience", () => {
    describe("managed interconnect", () => {
        const report = analyzeResilience(shapes.managed());

        it("enumerates the connection and its region, in FAILURE_KINDS order", () => {
            assert.deepEqual(report.failures.map(({ kind, id }) => ({ kind, id })), [
                { kind: "managedConnection", id: "managed-mc0" },
                { kind: "region", id: "us-east4" },
            ]);
        });

        it("shows the one connection as a single point of failure that the provider's SLA covers", () => {
            assert.deepEqual(caseOf(report, "managedConnection", "managed-mc0"), {
                kind: "managedConnection", id: "managed-mc0", cut: ["managed-link0"],
                survivingMbps: 0, survivingPrimaryMbps: 0, connected: false, coveredByProviderSla: true,
                carriers: { awsToGoogle: [], googleToAws: [] },
            });
            assert.deepEqual(spofs(report), ["managedConnection managed-mc0", "region us-east4"]);
        });

        it("does not let the SLA cover the loss of a whole Google region", () => {
            assert.equal(caseOf(report, "region", "us-east4").coveredByProviderSla, false);
        });

        it("covers the connection under a HIGH profile, not under a profile without an SLA", () => {
            const covered = (profileSla: SlaTier) =>
                caseOf(analyzeResilience(managedGroup("managed", { profileSla })), "managedConnection", "managed-mc0").coveredByProviderSla;
            assert.equal(covered(SlaTier.ThreeNines), true);
            assert.equal(covered(SlaTier.None), false);
        });

        it("reports the earned tier with the failures", () => {
            assert.equal(report.sla.tier, SlaTier.FourNines);
            assert.deepEqual([report.totalMbps, report.totalPrimaryMbps], [10000, 10000]);
        });
    });

    describe("dedicated 99.9%", () => {
        const report = analyzeResilience(shapes.dedicated999());

        it("survives a port, a device or an edge domain with half the bandwidth, but not the metro or region", () => {
            for (const [kind, id] of [["port", "ded-port0"], ["awsDevice", "ded-dx1"], ["edgeDomain", "iad-zone2"], ["cloudRouter", "ded-cr0"]] as const) {
                const c = caseOf(report, kind, id);
                assert.deepEqual([c.connected, c.survivingMbps], [true, 10000], `${kind} ${id}`);
            }
            assert.deepEqual(spofs(report), ["metro iad", "region us-east4"]);
        });

        it("twin with two ports in one edge domain: the edge domain cuts everything", () => {
            const twin = analyzeResilience(shapes.dedicated999OneEdgeDomain());
            // Both LAGs land in the metro's one AWS location too.
            assert.deepEqual(spofs(twin), ["awsLocation iad-dx", "metro iad", "edgeDomain iad-zone1", "region us-east4"]);
            assert.deepEqual(caseOf(twin, "edgeDomain", "iad-zone1").cut, ["ded-att0", "ded-att1"]);
        });

        it("twin with one port: every failure is a single point of failure", () => {
            const twin = analyzeResilience(shapes.dedicated999OnePort());
            assert.equal(twin.failures.length, 7);
            assert.deepEqual(twin.singlePointsOfFailure, twin.failures);
            assert.ok(twin.failures.every((c) => !c.coveredByProviderSla));
        });
    });

    describe("dedicated 99.99%", () => {
        const report = analyzeResilience(shapes.dedicated9999());

        it("has no single point of failure", () => {
            assert.deepEqual(report.singlePointsOfFailure, []);
        });

        it("losing a metro leaves half the bandwidth", () => {
            const c = caseOf(report, "metro", "iad");
            assert.equal(report.totalMbps, 40000);
            assert.deepEqual([c.cut, c.survivingMbps], [["ded-att0", "ded-att1"], 20000]);
        });

        it("names the first of the equally bad failures as the worst case: the AWS location of a metro's two LAGs, then the metro", () => {
            assert.deepEqual([report.worstCase?.kind, report.worstCase?.id, report.worstCase?.survivingMbps], ["awsLocation", "EqDC2", 20000]);
            assert.equal(caseOf(report, "metro", "iad").survivingMbps, 20000);
        });

        it("twin in one metro: the metro cuts everything", () => {
            assert.deepEqual(spofs(analyzeResilience(shapes.dedicated9999OneMetro())), ["metro iad", "region us-east4"]);
        });
    });

    describe("HA VPN", () => {
        const report = analyzeResilience(shapes.haVpn());

        it("survives an interface, an AWS VPN connection or a tunnel", () => {
            assert.equal(report.totalMbps, 5000);
            assert.equal(caseOf(report, "vpnInterface", "vpn-gw/0").survivingMbps, 2500);
            assert.equal(caseOf(report, "awsVpnConnection", "vpn-conn-b").survivingMbps, 2500);
            assert.equal(caseOf(report, "tunnel", "vpn-tunnel3").survivingMbps, 3750);
        });

        it("depends on its region and its one Cloud Router", () => {
            assert.deepEqual(spofs(report), ["region us-east4", "cloudRouter vpn-cr"]);
        });

        it("twins: tunnels on one interface, or on one AWS VPN connection, put that domain on the SPOF list", () => {
            assert.ok(spofs(analyzeResilience(shapes.haVpnOneInterface())).includes("vpnInterface vpn-gw/0"));
            assert.ok(spofs(analyzeResilience(shapes.haVpnOneAwsConnection())).includes("awsVpnConnection vpn-conn-a"));
        });

        it("twin with two tunnels: losing one leaves one", () => {
            const t = shapes.haVpnTwoTunnels();
            const c = caseOf(analyzeResilience(t), "tunnel", "vpn-tunnel0");
            assert.deepEqual([survivors(t, c), c.survivingMbps], [["vpn-tunnel1"], 1250]);
        });
    });

    describe("primary with a VPN backup", () => {
        it("keeps connectivity on the backup when the whole dedicated group's metro fails", () => {
            const vpnBackup = haVpnGroup("vpn", TUNNELS_9999, { role: LinkRole.Backup });
            const t = mergeTopologies(shapes.dedicated999(), vpnBackup);
            const report = analyzeResilience(t);
            const c = caseOf(report, "metro", "iad");
            assert.deepEqual([c.connected, c.survivingMbps, c.survivingPrimaryMbps], [true, 5000, 0]);
            assert.deepEqual(survivors(t, c), ["vpn-tunnel0", "vpn-tunnel1", "vpn-tunnel2", "vpn-tunnel3"]);
            assert.deepEqual(spofs(report), ["region us-east4"]);
        });

        it("dedicated 99.99% + VPN backup: no single point of failure; a metro leaves half the primary", () => {
            const report = analyzeResilience(shapes.dedicatedWithVpnBackup());
            assert.deepEqual([report.totalMbps, report.totalPrimaryMbps], [45000, 40000]);
            assert.deepEqual(report.singlePointsOfFailure, []);
            const c = caseOf(report, "metro", "lax");
            assert.deepEqual([c.survivingMbps, c.survivingPrimaryMbps], [25000, 20000]);
            assert.equal(report.sla.tier, SlaTier.FourNines);
        });
    });

    it("reports nothing to fail in an empty topology", () => {
        const report = analyzeResilience(emptyTopology());
        assert.deepEqual(report.failures, []);
        assert.equal(report.worstCase, undefined);
        assert.deepEqual([report.totalMbps, report.totalPrimaryMbps], [0, 0]);
    });

    describe("invalid topologies", () => {
        const rejects = (t: Topology, code: ErrorCode, field: string) =>
            assert.throws(() => analyzeResilience(t), (e: unknown) => isCrossCloudError(e) && e.code === code && e.field === field);

        it("rejects a duplicate link id", () => {
            const t = shapes.haVpn();
            t.links[3].id = t.links[0].id;
            rejects(t, ErrorCode.Conflict, "links[3].id");
        });

        for (const mbps of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
            it(`rejects a bandwidth of ${mbps} Mbps`, () => {
                const t = shapes.dedicated999();
                t.links[1].mbps = mbps;
                rejects(t, ErrorCode.InvalidBandwidth, "links[1].mbps");
            });
        }
    });

    describe("properties of random topologies", () => {
        const RUNS = { numRuns: 1000 };
        const kinds = [LinkKind.Managed, LinkKind.Dedicated, LinkKind.HaVpn];
        const roles = [LinkRole.Primary, LinkRole.Backup];
        // Few values per kind, so links share domains often; bandwidths that would not add up exactly as floating-point Gbps.
        const domainsArb: fc.Arbitrary<FailureDomains> = fc.record(
            Object.fromEntries(FAILURE_KINDS.map((k) => [k, fc.constantFrom(`${k}-a`, `${k}-b`, `${k}-c`)])) as Record<FailureKind, fc.Arbitrary<string>>,
            { requiredKeys: [], noNullPrototype: true },
        );
        const groupArb = fc.record({
            kind: fc.constantFrom(...kinds),
            role: fc.constantFrom(...roles),
            globalRouting: fc.boolean(),
            fourIpsRedundancy: fc.boolean(),
            profileSla: fc.constantFrom(SlaTier.None, SlaTier.ThreeNines, SlaTier.FourNines),
        });
        const linkArb = fc.record({
            group: fc.nat(),
            role: fc.constantFrom(...roles),
            mbps: fc.constantFrom(0, 50, 100, 200, 300, 1250, 10000, 100000),
            domains: domainsArb,
        });
        const topologyArb: fc.Arbitrary<Topology> = fc
            .tuple(fc.array(groupArb, { minLength: 1, maxLength: 4 }), fc.array(linkArb, { maxLength: 12 }))
            .map(([groupSpecs, linkSpecs]) => {
                const groups = groupSpecs.map((g, i): LinkGroup => ({ id: `g${i}`, ...g }));
                const links = linkSpecs.map((l, i): Link => {
                    const group = groups[l.group % groups.length];
                    return { id: `l${i}`, group: group.id, kind: group.kind, role: l.role, aws: "aws", gcp: "gcp", mbps: l.mbps, domains: l.domains };
                });
                return { ...emptyTopology(), groups, links };
            });
        const shuffled = (t: Topology) => fc
            .tuple(fc.shuffledSubarray(t.links, { minLength: t.links.length }), fc.shuffledSubarray(t.groups, { minLength: t.groups.length }))
            .map(([links, groups]): Topology => ({ ...t, links, groups }));

        it("never counts more surviving bandwidth than there is", () => {
            fc.assert(fc.property(topologyArb, (t) => {
                const r = analyzeResilience(t);
                return r.failures.every((c) => c.survivingMbps <= r.totalMbps
                    && c.survivingPrimaryMbps <= r.totalPrimaryMbps
                    && c.survivingPrimaryMbps <= c.survivingMbps);
            }), RUNS);
        });

        it("cuts exactly the links that carry the failed domain", () => {
            fc.assert(fc.property(topologyArb, (t) => {
                const carries = new Map(t.links.map((l) => [l.id, l.domains]));
                return analyzeResilience(t).failures.every((c) =>
                    c.cut.length > 0
                    && c.cut.every((id) => carries.get(id)?.[c.kind] === c.id)
                    && survivors(t, c).every((id) => carries.get(id)?.[c.kind] !== c.id));
            }), RUNS);
        });

        it("lists every distinct domain once and calls exactly the failures that cut everything single points", () => {
            fc.assert(fc.property(topologyArb, (t) => {
                const r = analyzeResilience(t);
                const distinct = new Set(t.links.flatMap((l) => FAILURE_KINDS.filter((k) => l.domains[k] !== undefined).map((k) => `${k} ${l.domains[k]}`)));
                assert.deepEqual(new Set(r.failures.map((c) => `${c.kind} ${c.id}`)), distinct);
                assert.equal(r.failures.length, distinct.size);
                assert.deepEqual(r.singlePointsOfFailure, r.failures.filter((c) => c.cut.length === t.links.length));
                assert.ok(r.failures.every((c) => r.worstCase !== undefined && c.survivingMbps >= r.worstCase.survivingMbps));
            }), RUNS);
        });

        it("gives the same report whatever the order of links and groups", () => {
            fc.assert(fc.property(topologyArb.chain((t) => fc.tuple(fc.constant(t), shuffled(t))), ([t, reordered]) => {
                const before = structuredClone(t);
                const report = analyzeResilience(t);
                assert.deepEqual(t, before, "the input is left untouched");
                assert.deepEqual(analyzeResilience(reordered), report);
                assert.deepEqual(failureImpacts(reordered.links), failureImpacts(t.links));
            }), RUNS);
        });
    });

    describe("which path carries traffic in each direction", () => {
        const withBackup = (backup: Topology) => mergeTopologies(shapes.dedicated999(), backup);
        const backup = () => haVpnGroup("vpn", TUNNELS_9999, { role: LinkRole.Backup });

        it("keeps both directions on the interconnect while a port of it is left, then moves both to the backup", () => {
            const report = analyzeResilience(withBackup(backup()));
            assert.deepEqual(report.carriers, { awsToGoogle: ["ded"], googleToAws: ["ded"] });
            assert.deepEqual(caseOf(report, "port", "ded-port0").carriers, { awsToGoogle: ["ded"], googleToAws: ["ded"] });
            assert.deepEqual(caseOf(report, "metro", "iad").carriers, { awsToGoogle: ["vpn"], googleToAws: ["vpn"] });
        });

        it("without an import priority on the backup, Google spreads its traffic to AWS over both (ECMP); AWS still prefers the interconnect", () => {
            const t = withBackup(backup());
            for (const s of t.sessions) delete s.learnedPriority;
            assert.deepEqual(analyzeResilience(t).carriers, { awsToGoogle: ["ded"], googleToAws: ["ded", "vpn"] });
        });

        it("counts no ordered link as a carrier", () => {
            const t = withBackup(backup());
            for (const l of t.links.filter((l) => l.group === "ded")) l.stage = LinkStage.Ordered;
            assert.deepEqual(analyzeResilience(t).carriers, { awsToGoogle: ["vpn"], googleToAws: ["vpn"] });
        });
    });
});

/** The links a failure leaves, sorted: every link it does not cut. */
function survivors(t: Topology, c: FailureCase): string[] {
    return t.links.map((l) => l.id).filter((id) => !c.cut.includes(id)).sort();
}
