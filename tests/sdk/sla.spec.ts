import assert from "node:assert/strict";
import { ErrorCode, isCrossCloudError } from "../../sdk/errors";
import { assessSla, bestTier } from "../../sdk/sla";
import { LinkKind, LinkRole, mergeTopologies, SlaTier, Topology } from "../../sdk/topology";
import { dedicatedGroup, haVpnGroup, managedGroup, port, PORTS_999, ShapeName, shapes, tunnel, TUNNELS_9999 } from "./fixtures/shapes";

/** Each §7.1 shape and its broken twins: the tier earned and, word for word, why not the next one. */
const EXPECTED: Record<ShapeName, { tier: SlaTier; missing: string[] }> = {
    managed: { tier: SlaTier.FourNines, missing: [] },
    managedHighProfile: {
        tier: SlaTier.ThreeNines,
        missing: ["99.99% needs a remote transport profile with sla MAXIMUM; this profile is HIGH (99.9%)"],
    },
    managedDuplicate: { tier: SlaTier.FourNines, missing: [] },

    dedicated999: {
        tier: SlaTier.ThreeNines,
        missing: [
            "99.99% needs ports in 2 metros × 2 edge availability domains; found 2 ports: iad (iad-zone1, iad-zone2)",
            "99.99% needs attachments in 2 regions; found 1 (us-east4)",
            "99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL",
            "99.99% needs the AWS side on 4 distinct Direct Connect devices, one LAG per port; found 2 (ded-dx0, ded-dx1)",
        ],
    },
    dedicated999OnePort: {
        tier: SlaTier.None,
        missing: [
            "99.9% needs 2 ports in one metro on distinct edge availability domains; found 1 port: iad (iad-zone1)",
            "99.9% needs the AWS side on 2 distinct Direct Connect devices, one LAG per port; found 1 (ded-dx0)",
        ],
    },
    dedicated999OneEdgeDomain: {
        tier: SlaTier.None,
        missing: ["99.9% needs 2 ports in one metro on distinct edge availability domains; found 2 ports: iad (iad-zone1)"],
    },

    dedicated9999: { tier: SlaTier.FourNines, missing: [] },
    dedicated9999ThreePorts: {
        tier: SlaTier.ThreeNines,
        missing: [
            "99.99% needs ports in 2 metros × 2 edge availability domains; found 3 ports: iad (iad-zone1, iad-zone2), lax (lax-zone1)",
            "99.99% needs the AWS side on 4 distinct Direct Connect devices, one LAG per port; found 3 (ded-dx0, ded-dx1, ded-dx2)",
        ],
    },
    dedicated9999RegionalRouting: {
        tier: SlaTier.ThreeNines,
        missing: ["99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL"],
    },
    dedicated9999OneMetro: {
        tier: SlaTier.ThreeNines,
        missing: [
            "99.99% needs ports in 2 metros × 2 edge availability domains; found 4 ports: iad (iad-zone1, iad-zone2)",
            "99.99% needs attachments in 2 regions; found 1 (us-east4)",
        ],
    },

    haVpn: { tier: SlaTier.FourNines, missing: [] },
    haVpnOneInterface: {
        tier: SlaTier.None,
        missing: ["99.99% needs 2 tunnels on each of the 2 HA VPN interfaces; found vpn-gw/0: 4 tunnels"],
    },
    haVpnTwoTunnels: {
        tier: SlaTier.None,
        missing: [
            "99.99% needs 4 tunnels; found 2",
            "99.99% needs 2 tunnels on each of the 2 HA VPN interfaces; found vpn-gw/0: 1 tunnel, vpn-gw/1: 1 tunnel",
        ],
    },
    haVpnOneAwsConnection: {
        tier: SlaTier.None,
        missing: ["99.99% needs the tunnels on 2 distinct AWS VPN connections; found 1 (vpn-conn-a)"],
    },
    haVpnTwoIps: {
        tier: SlaTier.None,
        missing: ["99.99% needs the peer (external) VPN gateway to be FOUR_IPS_REDUNDANCY; it is not"],
    },

    dedicatedWithVpnBackup: { tier: SlaTier.FourNines, missing: [] },
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
                assert.deepEqual(sla.groups[0].missing, expected.missing);
            });
        }
    });

    describe("managed", () => {
        it("a profile without an SLA earns nothing", () => {
            assert.deepEqual(onlyGroup(managedGroup("managed", { profileSla: SlaTier.None })), {
                group: "managed", kind: LinkKind.Managed, role: LinkRole.Primary, tier: SlaTier.None,
                missing: ["99.9% needs a remote transport profile with an SLA (HIGH or MAXIMUM); this profile has none"],
            });
        });

        it("a group with no connection earns nothing", () => {
            const g = onlyGroup(managedGroup("managed", { connections: 0 }));
            assert.equal(g.tier, SlaTier.None);
            assert.deepEqual(g.missing, ["99.9% needs a managed connection (Transport ⇄ Connection); found none"]);
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
        it("needs a Cloud Router for 99.9%", () => {
            const t = shapes.dedicated999();
            for (const l of t.links) delete l.domains.cloudRouter;
            assert.deepEqual(onlyGroup(t).missing, ["99.9% needs a Cloud Router; found none"]);
        });

        it("needs the AWS side on 2 devices for 99.9%", () => {
            const t = dedicatedGroup("ded", [port("iad", 1, { awsDevice: "dx-shared" }), port("iad", 2, { awsDevice: "dx-shared" })]);
            assert.deepEqual(onlyGroup(t), {
                group: "ded", kind: LinkKind.Dedicated, role: LinkRole.Primary, tier: SlaTier.None,
                missing: ["99.9% needs the AWS side on 2 distinct Direct Connect devices, one LAG per port; found 1 (dx-shared)"],
            });
        });

        it("needs 2 Cloud Routers for 99.99%", () => {
            const shared = { cloudRouter: "cr-shared" };
            const t = dedicatedGroup("ded", [port("iad", 1, shared), port("iad", 2, shared), port("lax", 1, shared), port("lax", 2, shared)], { globalRouting: true });
            assert.deepEqual(onlyGroup(t).missing, ["99.99% needs 2 Cloud Routers, at least 1 per region; found 1 (cr-shared)"]);
        });

        it("needs a Cloud Router in each region for 99.99%", () => {
            const t = shapes.dedicated9999();
            for (const l of t.links.filter((l) => l.domains.region === "us-west2")) delete l.domains.cloudRouter;
            assert.deepEqual(onlyGroup(t).missing, ["99.99% needs 2 Cloud Routers, at least 1 per region; found 2 (ded-cr0, ded-cr1), none in us-west2"]);
        });

        it("needs 4 AWS devices for 99.99%", () => {
            const t = shapes.dedicated9999();
            t.links[3].domains.awsDevice = t.links[2].domains.awsDevice;
            assert.deepEqual(onlyGroup(t).missing, [
                "99.99% needs the AWS side on 4 distinct Direct Connect devices, one LAG per port; found 3 (ded-dx0, ded-dx1, ded-dx2)",
            ]);
        });
    });

    describe("the whole topology", () => {
        it("earns the best tier any group earns, backups included", () => {
            const vpnBackup = haVpnGroup("vpn", TUNNELS_9999, { role: LinkRole.Backup });
            const sla = assessSla(mergeTopologies(vpnBackup, shapes.dedicated999()));
            assert.deepEqual(sla.groups.map((g) => [g.group, g.role, g.tier]), [
                ["ded", LinkRole.Primary, SlaTier.ThreeNines],
                ["vpn", LinkRole.Backup, SlaTier.FourNines],
            ]);
            assert.equal(sla.tier, SlaTier.FourNines);
        });

        it("does not add a 99.9% interconnect and a broken VPN up to 99.99%", () => {
            const sla = assessSla(mergeTopologies(shapes.dedicated999(), haVpnGroup("vpn", [tunnel(0, "a"), tunnel(1, "b")], { role: LinkRole.Backup })));
            assert.equal(sla.tier, SlaTier.ThreeNines);
            assert.equal(sla.combinedDedicated, undefined);
        });

        it("judges the ports of several dedicated groups as one estate, as the providers do", () => {
            const east = dedicatedGroup("east", PORTS_999, { globalRouting: true });
            const west = dedicatedGroup("west", [port("lax", 1), port("lax", 2)], { globalRouting: true });
            const sla = assessSla(mergeTopologies(west, east));
            assert.deepEqual(sla.groups.map((g) => g.tier), [SlaTier.ThreeNines, SlaTier.ThreeNines]);
            assert.deepEqual(sla.combinedDedicated, { groups: ["east", "west"], tier: SlaTier.FourNines, missing: [] });
            assert.equal(sla.tier, SlaTier.FourNines);
        });

        it("counts the estate's routing as global only if every dedicated group's is", () => {
            const east = dedicatedGroup("east", PORTS_999, { globalRouting: true });
            const west = dedicatedGroup("west", [port("lax", 1), port("lax", 2)]);
            const sla = assessSla(mergeTopologies(east, west));
            assert.deepEqual(sla.combinedDedicated, {
                groups: ["east", "west"], tier: SlaTier.ThreeNines,
                missing: ["99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL"],
            });
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
