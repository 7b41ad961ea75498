import assert from "node:assert/strict";
import { ErrorCode, isCrossCloudError } from "../../sdk/errors";
import { assessSla, bestTier } from "../../sdk/sla";
import { LinkKind, LinkRole, mergeTopologies, SlaTier, Topology } from "../../sdk/topology";
import { dedicatedGroup, haVpnGroup, managedGroup, PORTS_9999, ShapeName, shapes, tunnel, TUNNELS_9999 } from "./fixtures/shapes";

/**
 * Each §7.1 shape and its broken twins: what Google grants its half, what AWS grants its half (in
 * percent; undefined is none), the end-to-end tier (the lower of the two), and, word for word, why
 * not more. Decided from the providers' SLAs (sdk/sla.ts), not from the code: AWS grants a Direct
 * Connect 99.99% only for 2 LAGs at each of 2 locations, 99.9% for 2 locations, nothing for one; it
 * grants each VPN connection 99.95% whatever the shape.
 */
const EXPECTED: Record<ShapeName, { tier: SlaTier; google?: number; aws?: number; missing: string[] }> = {
    managed: {
        tier: SlaTier.FourNines, google: 99.99, aws: 99.99,
        missing: [],
    },
    managedHighProfile: {
        tier: SlaTier.ThreeNines, google: 99.9, aws: 99.99,
        missing: [
            "Google: 99.99% needs a remote transport profile with sla MAXIMUM; this profile is HIGH (99.9%)",
        ],
    },
    managedDuplicate: {
        tier: SlaTier.FourNines, google: 99.99, aws: 99.99,
        missing: [],
    },
    dedicated999: {
        tier: SlaTier.ThreeNines, google: 99.9, aws: 99.9,
        missing: [
            "Google: 99.99% needs ports in 2 metros × 2 edge availability domains; found 2 ports: iad (iad-zone1, iad-zone2)",
            "Google: 99.99% needs attachments in 2 regions; found 1 (us-east4)",
            "Google: 99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL",
            "AWS: 99.99% needs connections on 2 distinct devices (a LAG is one connection) at each of 2 or more Direct Connect locations; found CSVA1 (ded-dx1), EqDC2 (ded-dx0)",
        ],
    },
    dedicated999OnePort: {
        tier: SlaTier.None, google: undefined, aws: undefined,
        missing: [
            "Google: 99.9% needs 2 ports in one metro on distinct edge availability domains; found 1 port: iad (iad-zone1)",
            "AWS: 99.9% needs connections at 2 or more Direct Connect locations; found EqDC2 (ded-dx0)",
        ],
    },
    dedicated999OneAwsLocation: {
        tier: SlaTier.None, google: 99.9, aws: undefined,
        missing: [
            "Google: 99.99% needs ports in 2 metros × 2 edge availability domains; found 2 ports: iad (iad-zone1, iad-zone2)",
            "Google: 99.99% needs attachments in 2 regions; found 1 (us-east4)",
            "Google: 99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL",
            "AWS: 99.9% needs connections at 2 or more Direct Connect locations; found EqDC2 (ded-dx0, ded-dx1)",
        ],
    },
    dedicated999OneEdgeDomain: {
        tier: SlaTier.None, google: undefined, aws: undefined,
        missing: [
            "Google: 99.9% needs 2 ports in one metro on distinct edge availability domains; found 2 ports: iad (iad-zone1)",
            "AWS: 99.9% needs connections at 2 or more Direct Connect locations; found iad-dx (ded-dx0, ded-dx1)",
        ],
    },
    dedicated9999: {
        tier: SlaTier.FourNines, google: 99.99, aws: 99.99,
        missing: [],
    },
    dedicated9999ThreePorts: {
        tier: SlaTier.ThreeNines, google: 99.9, aws: 99.9,
        missing: [
            "Google: 99.99% needs ports in 2 metros × 2 edge availability domains; found 3 ports: iad (iad-zone1, iad-zone2), lax (lax-zone1)",
            "AWS: 99.99% needs connections on 2 distinct devices (a LAG is one connection) at each of 2 or more Direct Connect locations; found EqDC2 (ded-dx0, ded-dx1), EqLA3 (ded-dx2)",
        ],
    },
    dedicated9999RegionalRouting: {
        tier: SlaTier.ThreeNines, google: 99.9, aws: 99.99,
        missing: [
            "Google: 99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL",
        ],
    },
    dedicated9999OneMetro: {
        tier: SlaTier.ThreeNines, google: 99.9, aws: 99.99,
        missing: [
            "Google: 99.99% needs ports in 2 metros × 2 edge availability domains; found 4 ports: iad (iad-zone1, iad-zone2)",
            "Google: 99.99% needs attachments in 2 regions; found 1 (us-east4)",
        ],
    },
    dedicated9999FourAwsLocations: {
        tier: SlaTier.ThreeNines, google: 99.99, aws: 99.9,
        missing: [
            "AWS: 99.99% needs connections on 2 distinct devices (a LAG is one connection) at each of 2 or more Direct Connect locations; found loc0 (ded-dx0), loc1 (ded-dx1), loc2 (ded-dx2), loc3 (ded-dx3)",
        ],
    },
    haVpn: {
        tier: SlaTier.ThreeNines, google: 99.99, aws: 99.95,
        missing: [
            "AWS: it commits 99.95% to each Site-to-Site VPN connection, however many carry the link: 99.99% is not offered",
        ],
    },
    haVpnOneInterface: {
        tier: SlaTier.None, google: undefined, aws: 99.95,
        missing: [
            "Google: 99.99% needs 2 tunnels on each of the 2 HA VPN interfaces; found vpn-gw/0: 4 tunnels",
            "AWS: it commits 99.95% to each Site-to-Site VPN connection, however many carry the link: 99.99% is not offered",
        ],
    },
    haVpnTwoTunnels: {
        tier: SlaTier.None, google: undefined, aws: 99.95,
        missing: [
            "Google: 99.99% needs 4 tunnels; found 2",
            "Google: 99.99% needs 2 tunnels on each of the 2 HA VPN interfaces; found vpn-gw/0: 1 tunnel, vpn-gw/1: 1 tunnel",
            "AWS: it commits 99.95% to each Site-to-Site VPN connection, however many carry the link: 99.99% is not offered",
        ],
    },
    haVpnOneAwsConnection: {
        tier: SlaTier.None, google: undefined, aws: 99.95,
        missing: [
            "Google: 99.99% needs the tunnels on 2 distinct AWS VPN connections; found 1 (vpn-conn-a)",
            "AWS: it commits 99.95% to each Site-to-Site VPN connection, however many carry the link: 99.99% is not offered",
        ],
    },
    haVpnTwoIps: {
        tier: SlaTier.None, google: undefined, aws: 99.95,
        missing: [
            "Google: 99.99% needs the peer (external) VPN gateway to be FOUR_IPS_REDUNDANCY; it is not",
            "AWS: it commits 99.95% to each Site-to-Site VPN connection, however many carry the link: 99.99% is not offered",
        ],
    },
    dedicatedWithVpnBackup: {
        tier: SlaTier.FourNines, google: 99.99, aws: 99.99,
        missing: [],
    },

};

function onlyGroup(topology: Topology) {
    const { groups } = assessSla(topology);
    assert.equal(groups.length, 1);
    return groups[0];
}

describe("sla", () => {
    describe("each shape of providers.md §7.1 and its broken twins", () => {
        for (const [name, expected] of Object.entries(EXPECTED) as [ShapeName, (typeof EXPECTED)[ShapeName]][]) {
            it(`${name} earns ${expected.tier} and says why not more`, () => {
                const sla = assessSla(shapes[name]());
                assert.equal(sla.tier, expected.tier);
                const [group] = sla.groups;
                assert.deepEqual([group.google.percent, group.aws.percent, group.missing], [expected.google, expected.aws, expected.missing]);
            });
        }
    });

    describe("managed", () => {
        it("a profile without an SLA earns nothing: Google grants nothing, AWS still its 99.99%", () => {
            const g = onlyGroup(managedGroup("managed", { profileSla: SlaTier.None }));
            assert.deepEqual([g.tier, g.percent, g.google.percent, g.aws.percent], [SlaTier.None, undefined, undefined, 99.99]);
            assert.deepEqual(g.missing, ["Google: the remote transport profile carries no SLA"]);
        });

        it("a group with no connection earns nothing on either side", () => {
            const g = onlyGroup(managedGroup("managed", { connections: 0 }));
            assert.equal(g.tier, SlaTier.None);
            assert.deepEqual(g.missing, [
                "Google: needs a managed connection (Transport ⇄ Connection); found none",
                "AWS: needs a managed connection (Transport ⇄ Connection); found none",
            ]);
        });

        it("a profile's SLA is 99.99% unless stated", () => {
            const t = managedGroup("managed");
            delete t.groups[0].profileSla;
            assert.equal(onlyGroup(t).tier, SlaTier.FourNines);
        });

        it("advises against a duplicate on the same region pair, within a group or across groups", () => {
            const advice = (t: Topology) => assessSla(t).advice;
            const why = "one is already quad-redundant under the provider's SLA; a duplicate on the same pair adds cost, not availability";
            assert.deepEqual(advice(shapes.managedDuplicate()), [
                `2 managed connections on the region pair of us-east4 (managed-mc0, managed-mc1): ${why}`,
            ]);
            assert.deepEqual(advice(mergeTopologies(managedGroup("east-b"), managedGroup("east-a"))), [
                `2 managed connections on the region pair of us-east4 (east-a-mc0, east-b-mc0): ${why}`,
            ]);
            assert.deepEqual(advice(shapes.managed()), []);
        });
    });

    describe("dedicated", () => {
        it("needs a Cloud Router for Google's 99.9%", () => {
            const t = shapes.dedicated999();
            for (const l of t.links) delete l.domains.cloudRouter;
            assert.deepEqual(onlyGroup(t).google.missing, ["99.9% needs a Cloud Router; found none"]);
        });

        it("grades AWS by locations, not LAG names: two LAGs in one location earn nothing", () => {
            const g = onlyGroup(shapes.dedicated999OneAwsLocation());
            assert.deepEqual([g.google.percent, g.aws.percent, g.aws.grade, g.tier], [99.9, undefined, "Development and test (one location): no SLA", SlaTier.None]);
        });

        it("needs 2 Cloud Routers for 99.99%", () => {
            const shared = { cloudRouter: "cr-shared" };
            const t = dedicatedGroup("ded", PORTS_9999.map((p) => ({ ...p, ...shared })), { globalRouting: true });
            assert.deepEqual(onlyGroup(t).missing, ["Google: 99.99% needs 2 Cloud Routers, at least 1 per region; found 1 (cr-shared)"]);
        });

        it("needs a Cloud Router in each region for 99.99%", () => {
            const t = shapes.dedicated9999();
            for (const l of t.links.filter((l) => l.domains.region === "us-west2")) delete l.domains.cloudRouter;
            assert.deepEqual(onlyGroup(t).missing, ["Google: 99.99% needs 2 Cloud Routers, at least 1 per region; found 2 (ded-cr0, ded-cr1), none in us-west2"]);
        });

        it("needs 2 AWS devices at each of 2 locations for AWS's 99.99%", () => {
            const t = shapes.dedicated9999();
            t.links[3].domains.awsDevice = t.links[2].domains.awsDevice;
            const g = onlyGroup(t);
            assert.deepEqual([g.google.percent, g.aws.percent, g.tier], [99.99, 99.9, SlaTier.ThreeNines]);
            assert.deepEqual(g.missing, [
                "AWS: 99.99% needs connections on 2 distinct devices (a LAG is one connection) at each of 2 or more Direct Connect locations; found EqDC2 (ded-dx0, ded-dx1), EqLA3 (ded-dx2)",
            ]);
        });
    });

    describe("the whole topology", () => {
        it("reports an HA VPN's halves apart: Google 99.99%, AWS 99.95% per connection, 99.95% end to end", () => {
            const g = onlyGroup(shapes.haVpn());
            assert.deepEqual([g.google.percent, g.aws.percent, g.percent, g.tier], [99.99, 99.95, 99.95, SlaTier.ThreeNines]);
        });

        it("earns the best tier any group earns, backups included", () => {
            const vpnBackup = haVpnGroup("vpn", TUNNELS_9999, { role: LinkRole.Backup });
            const sla = assessSla(mergeTopologies(vpnBackup, shapes.dedicated999()));
            assert.deepEqual(sla.groups.map((g) => [g.group, g.role, g.tier]), [
                ["ded", LinkRole.Primary, SlaTier.ThreeNines],
                ["vpn", LinkRole.Backup, SlaTier.ThreeNines],
            ]);
            assert.equal(sla.tier, SlaTier.ThreeNines);
            assert.equal(assessSla(shapes.dedicatedWithVpnBackup()).tier, SlaTier.FourNines);
        });

        it("does not add a 99.9% interconnect and a broken VPN up to 99.99%", () => {
            const sla = assessSla(mergeTopologies(shapes.dedicated999(), haVpnGroup("vpn", [tunnel(0, "a"), tunnel(1, "b")], { role: LinkRole.Backup })));
            assert.equal(sla.tier, SlaTier.ThreeNines);
            assert.equal(sla.combinedDedicated, undefined);
        });

        it("judges the ports of several dedicated groups as one estate, as the providers do", () => {
            const east = dedicatedGroup("east", PORTS_9999.slice(0, 2), { globalRouting: true });
            const west = dedicatedGroup("west", PORTS_9999.slice(2), { globalRouting: true });
            const sla = assessSla(mergeTopologies(west, east));
            // Alone, each group's two LAGs share one AWS location: Google grants 99.9%, AWS nothing.
            assert.deepEqual(sla.groups.map((g) => [g.google.percent, g.aws.percent, g.tier]), [[99.9, undefined, SlaTier.None], [99.9, undefined, SlaTier.None]]);
            assert.deepEqual([sla.combinedDedicated?.groups, sla.combinedDedicated?.tier, sla.combinedDedicated?.missing], [["east", "west"], SlaTier.FourNines, []]);
            assert.equal(sla.tier, SlaTier.FourNines);
        });

        it("counts the estate's routing as global only if every dedicated group's is", () => {
            const east = dedicatedGroup("east", PORTS_9999.slice(0, 2), { globalRouting: true });
            const west = dedicatedGroup("west", PORTS_9999.slice(2));
            const sla = assessSla(mergeTopologies(east, west));
            assert.deepEqual([sla.combinedDedicated?.tier, sla.combinedDedicated?.missing], [
                SlaTier.ThreeNines, ["Google: 99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL"],
            ]);
            assert.equal(sla.tier, SlaTier.ThreeNines);
        });

        it("does not depend on the order of groups or links", () => {
            const t = mergeTopologies(shapes.dedicatedWithVpnBackup(), managedGroup("managed"));
            const reversed = { ...t, groups: [...t.groups].reverse(), links: [...t.links].reverse() };
            assert.deepEqual(assessSla(reversed), assessSla(t));
        });
    });

    describe("bestTier", () => {
        it("ranks 99.99 over 99.9 over none", () => {
            assert.equal(bestTier([SlaTier.ThreeNines, SlaTier.FourNines, SlaTier.None]), SlaTier.FourNines);
            assert.equal(bestTier([SlaTier.None, SlaTier.ThreeNines]), SlaTier.ThreeNines);
            assert.equal(bestTier([]), SlaTier.None);
        });
    });

    describe("invalid topologies", () => {
        const rejects = (t: Topology, code: ErrorCode, field: string) =>
            assert.throws(() => assessSla(t), (e: unknown) => isCrossCloudError(e) && e.code === code && e.field === field);

        it("rejects a link of an unknown group", () => {
            const t = shapes.haVpn();
            t.links[2].group = "nope";
            rejects(t, ErrorCode.InvalidArgument, "links[2].group");
        });

        it("rejects a link whose kind differs from its group's", () => {
            const t = shapes.haVpn();
            t.links[1].kind = LinkKind.Dedicated;
            rejects(t, ErrorCode.Conflict, "links[1].kind");
        });

        it("rejects a duplicate group id", () => {
            rejects(mergeTopologies(shapes.haVpn(), shapes.haVpn()), ErrorCode.Conflict, "groups[1].id");
        });
    });
});
