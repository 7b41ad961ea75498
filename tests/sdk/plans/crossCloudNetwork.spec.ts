import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressFamily, familiesOf, StackType } from "../../../sdk/addressFamily";
import { AWS_RESERVED_ASNS, isPrivateAsn } from "../../../sdk/asn";
import { Bandwidth, PORT_LINK_TYPES, PortSpeed, TunnelBandwidth } from "../../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../../sdk/errors";
import { AWS_RESERVED, CHUNK_BITS, IPV6_SESSION_RANGE, LINK_LOCAL } from "../../../sdk/linkLocal";
import { CrossCloudNetworkInput, CrossCloudNetworkPlan, planCrossCloudNetwork } from "../../../sdk/plans/crossCloudNetwork";
import { SlaTarget } from "../../../sdk/plans/dedicated";
import { findOverlap, mustParsePrefix } from "../../../sdk/prefix";
import { ROUTE_PRIORITY } from "../../../sdk/routes";
import { bestTier } from "../../../sdk/sla";
import { carriesFamily, FAILURE_KINDS, Link, LinkKind, LinkRole, sessionFamily, SlaTier } from "../../../sdk/topology";

/*
 * Fixtures and the input generator are exported: the component spec runs the same generator
 * through CrossCloudNetwork under mocks.
 */

export const NETWORK = "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit";
export const BLOCK = "169.254.96.0/19";

const port = (location: string, awsLocation: string, awsRegion?: string) => ({
    location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation, ...(awsRegion && { awsRegion }), ready: true,
});

/** Two metros × two edge availability domains, each metro's LAGs at one AWS location, as in the prod stack; every port ready. */
const prodPorts = () => ({
    "iad-1": port("iad-zone1-1", "EqDC2"),
    "iad-2": port("iad-zone2-1", "EqDC2"),
    "ord-1": port("ord-zone1-7", "EqCh2", "us-east-2"),
    "ord-2": port("ord-zone2-7", "EqCh2", "us-east-2"),
});

/**
 * A network that plans, for each primary kind, landing on the shared layer's Transit Gateway and
 * Cloud Router in block 3; `change` edits it for the case at hand.
 *
 * - HA VPN: 4 standard tunnels, 5 Gbps; 2 Gbps asked, no N-1 (a region outage cuts every tunnel).
 * - managed: one 10 Gbps connection, 10 asked, no N-1 (it lives in one region).
 * - dedicated: the 99.99% shape, 4 × 10 Gbps; 20 asked with N-1 (a metro or region leaves 20).
 */
export function network(kind: LinkKind, change: (n: CrossCloudNetworkInput<string>) => void = () => undefined): CrossCloudNetworkInput<string> {
    const n: CrossCloudNetworkInput<string> = {
        name: "env",
        // AWS commits 99.95% to each VPN connection: an HA VPN earns the 99.9% tier end to end.
        requirement: { bandwidthGbps: 2, sla: SlaTier.ThreeNines, survivesSingleFailure: false },
        google: { network: NETWORK, region: "us-east4", router: "shared-router-us-east4", routerAsn: 65010, globalRouting: true },
        aws: { region: "us-east-1", transitGatewayId: "tgw-shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603 },
        prefixes: { aws: ["10.10.0.0/16"], google: ["10.20.0.0/14"] },
        primary: { kind, haVpn: {} },
        linkLocalBlock: BLOCK,
    };
    if (kind === LinkKind.Managed) {
        n.requirement = { ...n.requirement, bandwidthGbps: 10, sla: SlaTier.FourNines };
        n.primary = { kind, managed: { bandwidth: "10Gbps" } };
    }
    if (kind === LinkKind.Dedicated) {
        n.requirement = { bandwidthGbps: 20, sla: SlaTier.FourNines, survivesSingleFailure: true };
        n.google.routers = { "us-central1": { router: "shared-router-us-central1", routerAsn: 65020 } };
        n.primary = {
            kind,
            dedicated: {
                portSpeed: PortSpeed.Gbps10,
                ports: prodPorts(),
                attachments: {
                    "east-a": { port: "iad-1", bandwidth: "10Gbps" },
                    "east-b": { port: "iad-2", bandwidth: "10Gbps" },
                    "central-a": { port: "ord-1", region: "us-central1", bandwidth: "10Gbps" },
                    "central-b": { port: "ord-2", region: "us-central1", bandwidth: "10Gbps" },
                },
            },
        };
    }
    change(n);
    return n;
}

/** Google's 99.9% dedicated shape: iad only, one region. */
function threeNines(n: CrossCloudNetworkInput<string>): void {
    n.google.routers = undefined;
    // Two LAGs at two AWS locations: AWS's High model, 99.9%.
    const { "iad-1": iad1, "iad-2": iad2 } = { ...prodPorts(), "iad-2": port("iad-zone2-1", "CSVA1") };
    n.primary.dedicated!.ports = { "iad-1": iad1, "iad-2": iad2 };
    n.primary.dedicated!.attachments = { "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" } };
    n.requirement = { bandwidthGbps: 10, sla: SlaTier.ThreeNines, survivesSingleFailure: false };
}

function refusal(f: () => unknown): CrossCloudError {
    try {
        f();
    } catch (e) {
        if (e instanceof CrossCloudError) return e;
        throw e;
    }
    return assert.fail("expected a CrossCloudError");
}

const plan = (n: CrossCloudNetworkInput) => planCrossCloudNetwork(n);
const mbps = (links: readonly Link[]) => links.reduce((sum, l) => sum + l.mbps, 0);
const sessionsOf = (p: CrossCloudNetworkPlan, role: LinkRole) => {
    const links = new Set(p.topology.links.filter((l) => l.role === role).map((l) => l.id));
    return p.topology.sessions.filter((s) => links.has(s.link));
};

describe("planCrossCloudNetwork", () => {
    describe("each primary kind, with and without a backup", () => {
        const shapes: [what: string, input: () => CrossCloudNetworkInput, expected: { tier: SlaTier; totalMbps: number; minSurvivingMbps: number; sessions: [primary: number, backup: number] }][] = [
            ["an HA VPN", () => network(LinkKind.HaVpn), { tier: SlaTier.ThreeNines, totalMbps: 5000, minSurvivingMbps: 0, sessions: [4, 0] }],
            ["a managed interconnect", () => network(LinkKind.Managed), { tier: SlaTier.FourNines, totalMbps: 10000, minSurvivingMbps: 0, sessions: [0, 0] }],
            ["a managed interconnect with an HA VPN backup", () => network(LinkKind.Managed, (n) => { n.backup = {}; }), { tier: SlaTier.FourNines, totalMbps: 15000, minSurvivingMbps: 0, sessions: [0, 4] }],
            ["a dedicated interconnect", () => network(LinkKind.Dedicated), { tier: SlaTier.FourNines, totalMbps: 40000, minSurvivingMbps: 20000, sessions: [4, 0] }],
            ["a dedicated interconnect with a large HA VPN backup", () => network(LinkKind.Dedicated, (n) => { n.backup = { tunnelBandwidth: TunnelBandwidth.Large }; }), { tier: SlaTier.FourNines, totalMbps: 52000, minSurvivingMbps: 20000, sessions: [4, 4] }],
        ];
        for (const [what, input, expected] of shapes) {
            it(`plans ${what}: one child per link, named after the network, joined into one topology`, () => {
                const n = input();
                const p = plan(n);
                const kinds = (["haVpn", "managed", "dedicated"] as const).filter((k) => p.primary[k] !== undefined);
                assert.deepEqual(kinds, [{ [LinkKind.HaVpn]: "haVpn", [LinkKind.Managed]: "managed", [LinkKind.Dedicated]: "dedicated" }[n.primary.kind]]);
                assert.equal(p.primary.kind, n.primary.kind);
                assert.equal(p.backup !== undefined, n.backup !== undefined);
                assert.deepEqual(p.topology.groups.map((g) => [g.id, g.role]), [["env-primary", LinkRole.Primary], ...(n.backup ? [["env-backup", LinkRole.Backup]] : [])]);
                assert.equal(p.resilience.sla.tier, expected.tier);
                assert.equal(p.resilience.totalMbps, expected.totalMbps);
                assert.equal(p.minSurvivingMbps, expected.minSurvivingMbps);
                assert.deepEqual([sessionsOf(p, LinkRole.Primary).length, sessionsOf(p, LinkRole.Backup).length], expected.sessions);
                assert.ok(sessionsOf(p, LinkRole.Primary).every((s) => s.routePriority === ROUTE_PRIORITY[LinkRole.Primary]), "the primary wins");
                assert.ok(sessionsOf(p, LinkRole.Backup).every((s) => s.routePriority === ROUTE_PRIORITY[LinkRole.Backup]), "the backup loses");
                for (const s of p.topology.sessions) assert.ok(mustParsePrefix(BLOCK).contains(mustParsePrefix(s.insideCidr!)), `${s.id} in the block`);
            });
        }

        it("hands the backup the network's sides and Google prefixes, in the same block, at the backup priority", () => {
            const p = plan(network(LinkKind.Dedicated, (n) => { n.backup = { tunnelBandwidth: TunnelBandwidth.Large }; }));
            const backup = p.backup!;
            assert.deepEqual([backup.role, backup.routePriority, backup.tunnelBandwidth], [LinkRole.Backup, 10000, TunnelBandwidth.Large]);
            assert.deepEqual([backup.routerAsn, backup.awsAsn, backup.advertisedPrefixes], [65010, 64512, ["10.20.0.0/14"]]);
            assert.deepEqual(p.topology.endpoints.map((e) => e.id).sort(), ["env-primary-dx-gateway", "shared-router-us-central1", "shared-router-us-east4", "tgw-shared"]);
        });

        it("derives a dedicated primary's shape from the requirement when none is given", () => {
            assert.equal(plan(network(LinkKind.Dedicated)).primary.dedicated!.sla, SlaTarget.FourNines);
            assert.equal(plan(network(LinkKind.Dedicated, threeNines)).primary.dedicated!.sla, SlaTarget.ThreeNines);
        });
    });

    describe("the requirement", () => {
        it("is met: the tier, the total and every single failure", () => {
            const p = plan(network(LinkKind.Dedicated));
            assert.ok(p.resilience.failures.length > 0 && p.resilience.failures.every((f) => f.survivingMbps >= 20000));
        });

        it("is met exactly even where float sums fall short (50 Mbps + 300 Mbps + 50 Mbps = 0.4 Gbps)", () => {
            const p = plan(network(LinkKind.Dedicated, (n) => {
                threeNines(n);
                n.primary.dedicated!.attachments = {
                    a: { port: "iad-1", bandwidth: "50Mbps" }, b: { port: "iad-2", bandwidth: "300Mbps" }, c: { port: "iad-1", bandwidth: "50Mbps" },
                };
                n.requirement.bandwidthGbps = 0.4;
            }));
            assert.equal(mbps(p.topology.links), 400);
        });

        it("refuses a shape short of the SLA, naming the tier it earns and what it lacks", () => {
            const e = refusal(() => plan(network(LinkKind.Dedicated, (n) => {
                threeNines(n);
                n.primary.dedicated!.sla = SlaTarget.ThreeNines;
                n.requirement.sla = SlaTier.FourNines;
            })));
            assert.deepEqual([e.code, e.field, e.value], [ErrorCode.ShapeBelowSla, "requirement.sla", SlaTier.FourNines]);
            assert.match(e.message, /earns 99\.9% end to end \(the lower of what Google and AWS each grant\): env-primary: Google: 99\.99% needs ports in 2 metros/);
        });

        it("does not lift a 99.9% dedicated primary to 99.99% with an HA VPN backup: AWS grants a VPN connection 99.95%", () => {
            const e = refusal(() => plan(network(LinkKind.Dedicated, (n) => {
                threeNines(n);
                n.primary.dedicated!.sla = SlaTarget.ThreeNines;
                n.requirement.sla = SlaTier.FourNines;
                n.backup = {};
            })));
            assert.deepEqual([e.code, e.field], [ErrorCode.ShapeBelowSla, "requirement.sla"]);
            assert.match(e.message, /env-backup: AWS: it commits 99\.95% to each Site-to-Site VPN connection/);
        });

        it("refuses too little bandwidth, naming both numbers", () => {
            const e = refusal(() => plan(network(LinkKind.Managed, (n) => { n.primary.managed!.bandwidth = "1Gbps"; })));
            assert.deepEqual([e.code, e.field, e.value], [ErrorCode.InsufficientBandwidth, "requirement.bandwidthGbps", 10]);
            assert.match(e.message, /^requirement\.bandwidthGbps = 10: the primary link carries 1 Gbps\./);
        });

        it("does not count a backup toward the bandwidth needed with every link up", () => {
            // 4 × 5 Gbps of large tunnels would cover 15 Gbps, but they carry nothing while the primary is up.
            const e = refusal(() => plan(network(LinkKind.Managed, (n) => {
                n.requirement.bandwidthGbps = 15;
                n.requirement.survivesSingleFailure = false;
                n.backup = { tunnelBandwidth: TunnelBandwidth.Large };
            })));
            assert.match(e.message, /the primary link carries 10 Gbps/);
        });

        it("refuses a shape whose bandwidth does not survive a single failure, naming the worst one and the numbers", () => {
            const e = refusal(() => plan(network(LinkKind.Dedicated, (n) => { n.requirement.bandwidthGbps = 25; })));
            assert.deepEqual([e.code, e.field], [ErrorCode.InsufficientBandwidth, "requirement.survivesSingleFailure"]);
            assert.match(e.message, /after awsLocation EqCh2 fails only 20 Gbps of the required 25 Gbps survive \(8 single failures fall short\)/);
        });

        it("checks N-1 unless told not to", () => {
            const e = refusal(() => plan(network(LinkKind.HaVpn, (n) => { n.requirement.survivesSingleFailure = undefined; })));
            assert.match(e.message, /after region us-east4 fails only 0 Gbps of the required 2 Gbps survive \(2 single failures fall short\)/);
        });
    });

    describe("refusals", () => {
        const refusals: [what: string, input: () => CrossCloudNetworkInput, code: ErrorCode, field: string][] = [
            ["a managed primary without its block", () => network(LinkKind.Managed, (n) => { n.primary.managed = undefined; }), ErrorCode.InvalidArgument, "primary.managed"],
            ["a dedicated primary without its block", () => network(LinkKind.Dedicated, (n) => { n.primary.dedicated = undefined; }), ErrorCode.InvalidArgument, "primary.dedicated"],
            ["a managed primary whose block is null", () => network(LinkKind.Managed, (n) => { n.primary.managed = null as never; }), ErrorCode.InvalidArgument, "primary.managed"],
            ["a dedicated block that is not an object", () => network(LinkKind.Dedicated, (n) => { n.primary.dedicated = "4 ports" as never; }), ErrorCode.InvalidArgument, "primary.dedicated"],
            ["a managed block on an HA VPN primary", () => network(LinkKind.HaVpn, (n) => { n.primary.managed = { bandwidth: "1Gbps" }; }), ErrorCode.Conflict, "primary.managed"],
            ["a dedicated block on a managed primary", () => network(LinkKind.Managed, (n) => { n.primary.dedicated = network(LinkKind.Dedicated).primary.dedicated; }), ErrorCode.Conflict, "primary.dedicated"],
            ["an HA VPN block on a dedicated primary", () => network(LinkKind.Dedicated, (n) => { n.primary.haVpn = {}; }), ErrorCode.Conflict, "primary.haVpn"],
            ["an unknown kind", () => network(LinkKind.HaVpn, (n) => { n.primary.kind = "vpn" as LinkKind; }), ErrorCode.InvalidArgument, "primary.kind"],
            ["an HA VPN backup behind an HA VPN", () => network(LinkKind.HaVpn, (n) => { n.backup = {}; }), ErrorCode.Conflict, "backup"],
            ["a backup that is not an object", () => network(LinkKind.Managed, (n) => { n.backup = "yes" as never; }), ErrorCode.InvalidArgument, "backup"],
            ["a missing Google side", () => network(LinkKind.Managed, (n) => { n.google = undefined as never; }), ErrorCode.InvalidArgument, "google"],
            ["a missing AWS side", () => network(LinkKind.Dedicated, (n) => { n.aws = null as never; }), ErrorCode.InvalidArgument, "aws"],
            ["an interconnect without a Direct Connect gateway ASN", () => network(LinkKind.Managed, (n) => { n.aws.directConnectGatewayAsn = undefined; }), ErrorCode.InvalidArgument, "aws.directConnectGatewayAsn"],
            ["a requirement of no bandwidth", () => network(LinkKind.HaVpn, (n) => { n.requirement.bandwidthGbps = 0; }), ErrorCode.InvalidArgument, "requirement.bandwidthGbps"],
            ["an unknown SLA tier", () => network(LinkKind.HaVpn, (n) => { n.requirement.sla = "99.999" as SlaTier; }), ErrorCode.InvalidArgument, "requirement.sla"],
            ["N-1 spelled as a string", () => network(LinkKind.HaVpn, (n) => { n.requirement.survivesSingleFailure = "false" as never; }), ErrorCode.InvalidArgument, "requirement.survivesSingleFailure"],
            ["production spelled as a string", () => network(LinkKind.HaVpn, (n) => { n.production = "yes" as never; }), ErrorCode.InvalidArgument, "production"],
            ["a link-local block outside 169.254.0.0/16", () => network(LinkKind.Managed, (n) => { n.linkLocalBlock = "10.0.0.0/19"; }), ErrorCode.NotLinkLocal, "linkLocalBlock"],
            ["backup inside /30s outside the environment's block", () => network(LinkKind.Dedicated, (n) => {
                n.backup = { insideCidrs: ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"] };
            }), ErrorCode.Conflict, "backup.insideCidrs[0]"],
            ["primary inside /30s outside the environment's block", () => network(LinkKind.HaVpn, (n) => {
                n.primary.haVpn = { insideCidrs: ["169.254.100.0/30", "169.254.100.4/30", "169.254.200.8/30", "169.254.100.12/30"] };
            }), ErrorCode.Conflict, "primary.haVpn.insideCidrs[2]"],
            // Child planners' errors, named by the network's arguments.
            ["a managed bandwidth neither cloud offers (never rounded to 10)", () => network(LinkKind.Managed, (n) => { n.primary.managed!.bandwidth = "7Gbps"; }), ErrorCode.BandwidthUnsupported, "primary.managed.bandwidth"],
            ["an attachment bandwidth spelled wrong", () => network(LinkKind.Dedicated, (n) => { n.primary.dedicated!.attachments["east-a"].bandwidth = "10gbps"; }), ErrorCode.InvalidBandwidth, 'primary.dedicated.attachments["east-a"].bandwidth'],
            ["attachments over a port's capacity", () => network(LinkKind.Dedicated, (n) => { n.primary.dedicated!.attachments["east-c"] = { port: "iad-1", bandwidth: "5Gbps" }; }), ErrorCode.CapacityExceeded, 'primary.dedicated.attachments["east-c"].bandwidth'],
            ["a port in a metro with one edge domain", () => network(LinkKind.Dedicated, (n) => { n.primary.dedicated!.ports["iad-2"] = port("iad-zone1-2", "CSVA1"); }), ErrorCode.ShapeBelowSla, 'primary.dedicated.ports["iad-2"].location'],
            ["a malformed Google prefix", () => network(LinkKind.Dedicated, (n) => { n.prefixes.google = ["10.20.0.1/14"]; }), ErrorCode.InvalidPrefix, "prefixes.google[0]"],
            ["overlapping AWS prefixes", () => network(LinkKind.Managed, (n) => { n.prefixes.aws = ["10.10.0.0/16", "10.10.4.0/24"]; }), ErrorCode.Overlap, "prefixes.aws[1]"],
            ["a malformed AWS prefix on an HA VPN network", () => network(LinkKind.HaVpn, (n) => { n.prefixes.aws = ["10.10.0.0/33"]; }), ErrorCode.InvalidPrefix, "prefixes.aws[0]"],
            ["prefixes both clouds advertise on an HA VPN network", () => network(LinkKind.HaVpn, (n) => { n.prefixes.aws = ["10.0.0.0/8"]; }), ErrorCode.Overlap, "prefixes.google[0]"],
            ["a backup tunnel size AWS does not offer", () => network(LinkKind.Managed, (n) => { n.backup = { tunnelBandwidth: "huge" as TunnelBandwidth }; }), ErrorCode.InvalidArgument, "backup.tunnelBandwidth"],
            ["a backup slot outside the block", () => network(LinkKind.Managed, (n) => { n.backup = { slot: 512 }; }), ErrorCode.InvalidArgument, "backup.slot"],
            ["a Cloud Router ASN equal to the Transit Gateway's", () => network(LinkKind.HaVpn, (n) => { n.google.routerAsn = 64512; }), ErrorCode.AsnCollision, "aws.transitGatewayAsn"],
            ["an ASN AWS reserves", () => network(LinkKind.Managed, (n) => { n.aws.transitGatewayAsn = 7224; }), ErrorCode.ReservedAsn, "aws.transitGatewayAsn"],
            ["a Direct Connect gateway ASN equal to the Transit Gateway's", () => network(LinkKind.Dedicated, (n) => { n.aws.directConnectGatewayAsn = 64512; }), ErrorCode.AsnCollision, "aws.directConnectGatewayAsn"],
        ];
        for (const [what, input, code, field] of refusals) {
            it(`refuses ${what}, naming ${field}`, () => {
                const e = refusal(() => plan(input()));
                assert.equal(e.code, code, e.message);
                assert.equal(e.field, field, e.message);
                assert.ok(e.rule && e.fix, e.message);
            });
        }

        it("refuses a backup pinned onto a primary session's slot: ADDRESS_COLLISION, naming the attachment there and the backup as the link to pin elsewhere", () => {
            const taken = plan(network(LinkKind.Dedicated)).primary.dedicated!.attachments.find((a) => a.key === "east-a")!;
            const e = refusal(() => plan(network(LinkKind.Dedicated, (n) => { n.backup = { slot: taken.slot }; })));
            assert.deepEqual([e.code, e.field], [ErrorCode.AddressCollision, "backup.slot"]);
            assert.match(e.rule, new RegExp(`slot ${taken.slot} \\(.*\\) holds the sessions of link "env-primary/east-a"`));
            assert.match(e.fix, /Pin the new link "env-backup" to another slot, or leave slot out/);
            // Any other free slot settles it.
            const chunk = (slot: number) => mustParsePrefix(BLOCK).subnet(CHUNK_BITS, slot);
            const used = plan(network(LinkKind.Dedicated)).topology.sessions.map((x) => mustParsePrefix(x.insideCidr!));
            const free = [...Array(512).keys()].find((s) => s > 0 && !used.some((u) => chunk(s).overlaps(u)))!;
            assert.ok(plan(network(LinkKind.Dedicated, (n) => { n.backup = { slot: free }; })).backup!.tunnels.every((t) => chunk(free).contains(mustParsePrefix(t.insideCidr))));
        });

        it("keeps the backup's role whatever else its block carries", () => {
            const p = plan(network(LinkKind.Managed, (n) => { n.backup = { role: LinkRole.Primary, name: "x" } as never; }));
            assert.deepEqual([p.backup!.role, p.backup!.routePriority, p.topology.groups[1].id], [LinkRole.Backup, 10000, "env-backup"]);
        });
    });

    describe("property: every input plans with every invariant holding, or throws a CrossCloudError", () => {
        it("over 10,000 generated networks, valid and invalid", function () {
            this.timeout(30_000);
            const seen = { planned: new Map<string, number>(), refused: 0 };
            fc.assert(fc.property(networkInputs, (input) => {
                deepFreeze(input);
                const why = mustRefuse(input);
                let p: CrossCloudNetworkPlan;
                try {
                    p = planCrossCloudNetwork(input);
                } catch (e) {
                    if (!(e instanceof CrossCloudError)) throw new Error(`threw ${String(e)} instead of a CrossCloudError`, { cause: e });
                    assert.ok((Object.values(ErrorCode) as string[]).includes(e.code), e.code);
                    assert.ok(NETWORK_ARGS.includes(e.field.split(/[.[]/)[0]), `"${e.field}" names an argument of the network: ${e.message}`);
                    assert.ok(e.rule.length > 0 && e.fix.length > 0, e.message);
                    seen.refused++;
                    return;
                }
                assert.equal(why, undefined, `planned although ${why}`);
                checkInvariants(input, p);
                const key = `${input.primary.kind}${input.backup ? "+backup" : ""}`;
                seen.planned.set(key, (seen.planned.get(key) ?? 0) + 1);
            }), { numRuns: 10_000 });
            // The generator must reach every shape that plans, and refuse plenty.
            for (const key of ["ha-vpn", "managed", "managed+backup", "dedicated", "dedicated+backup"]) {
                assert.ok((seen.planned.get(key) ?? 0) >= 50, `only ${seen.planned.get(key) ?? 0} ${key} networks planned: ${JSON.stringify([...seen.planned])}`);
            }
            assert.ok(seen.refused >= 2_000, `only ${seen.refused} refused`);
        });
    });
});

/** The top-level arguments of the network: every error must name a path under one of them. */
const NETWORK_ARGS = ["name", "requirement", "google", "aws", "prefixes", "primary", "backup", "stackType", "linkLocalBlock", "linkLocalBlockIpv6", "reservedPrefixes", "production"];

/** The stack the network builds: its stackType, or a managed primary's older spelling. */
function stackOf(input: CrossCloudNetworkInput): StackType {
    return (input.stackType ?? input.primary.managed?.stackType ?? StackType.Ipv4Only) as StackType;
}

/** What must hold of every plan, checked from the input and the plan's topology, not from the planner's own report. */
function checkInvariants(input: CrossCloudNetworkInput, p: CrossCloudNetworkPlan): void {
    const { topology } = p;
    const stack = stackOf(input);
    const carried = familiesOf(stack);
    // AWS assigns a dedicated IPv6 session's addresses; every other session's prefix is planned.
    const planned = topology.sessions.filter((s) => !(sessionFamily(s) === AddressFamily.Ipv6 && topology.links.find((l) => l.id === s.link)?.kind === LinkKind.Dedicated));
    const nets = planned.filter((s) => s.insideCidr !== undefined).map((s) => mustParsePrefix(s.insideCidr!));
    assert.equal(nets.length, planned.length, "every customer BGP session crosscloud addresses has its prefix");
    assert.equal(findOverlap(nets), undefined, "no two session prefixes overlap");
    const block = input.linkLocalBlock === undefined ? LINK_LOCAL : mustParsePrefix(input.linkLocalBlock);
    const block6 = input.linkLocalBlockIpv6 === undefined ? IPV6_SESSION_RANGE : mustParsePrefix(input.linkLocalBlockIpv6);
    const reserved = (input.reservedPrefixes ?? []).map(mustParsePrefix);
    for (const net of nets) {
        assert.ok(!AWS_RESERVED.some((r) => r.prefix.overlaps(net)), `${net} is AWS-reserved`);
        const home = net.family === AddressFamily.Ipv6 ? block6 : block;
        assert.ok(home.contains(net), `${net} is outside ${home}`);
        assert.ok(!reserved.some((r) => r.overlaps(net)), `${net} overlaps a reserved prefix`);
        assert.ok(carried.includes(net.family), `${net} is of a family the network does not carry`);
    }
    assert.ok(topology.links.every((l) => (l.families ?? [AddressFamily.Ipv4]).every((f) => carried.includes(f))), "every link carries families of the stack");

    // Each family the requirement holds for meets it on the links carrying that family alone.
    const { requirement } = input;
    for (const family of requirement.families ?? carried) {
        const links = topology.links.filter((l) => carriesFamily(l, family));
        const tier = p.resilience.sla.byFamily?.find((f) => f.family === family)?.tier ?? p.resilience.sla.tier;
        assert.equal(bestTier([tier, requirement.sla]), tier, `the ${family} tier meets the requirement`);
        assert.ok(mbps(links.filter((l) => l.role === LinkRole.Primary)) / 1000 >= requirement.bandwidthGbps, `the primary alone meets the requirement for ${family}`);
        if (requirement.survivesSingleFailure !== false) {
            for (const kind of FAILURE_KINDS) {
                for (const id of new Set(links.map((l) => l.domains[kind]).filter((d) => d !== undefined))) {
                    const left = mbps(links.filter((l) => l.domains[kind] !== id)) / 1000;
                    assert.ok(left >= requirement.bandwidthGbps, `${kind} ${id} leaves ${left} of ${requirement.bandwidthGbps} Gbps of ${family}`);
                }
            }
        }
    }

    // ASNs: private, not AWS-reserved, and distinct wherever two of them meet.
    for (const s of topology.sessions) {
        assert.notEqual(s.gcpAsn, s.awsAsn, `${s.id} is eBGP`);
        for (const asn of [s.gcpAsn, s.awsAsn]) assert.ok(asn !== undefined && isPrivateAsn(asn) && !AWS_RESERVED_ASNS.includes(asn), `${asn} is usable`);
    }
    const vpns = [p.primary.haVpn, p.backup].filter((v) => v !== undefined);
    for (const v of vpns) assert.notEqual(v.routerAsn, v.awsAsn, "Cloud Router ≠ Transit Gateway");
    const interconnect = p.primary.managed ?? p.primary.dedicated;
    if (interconnect) {
        assert.notEqual(interconnect.directConnectGatewayAsn, interconnect.transitGatewayAsn, "Direct Connect gateway ≠ Transit Gateway");
        for (const v of vpns) assert.equal(v.awsAsn, interconnect.transitGatewayAsn, "one Transit Gateway");
    }
    for (const r of p.primary.dedicated?.routers ?? []) assert.notEqual(r.asn, p.primary.dedicated!.directConnectGatewayAsn, "Cloud Router ≠ Direct Connect gateway");

    // What was asked is what was planned: the kind, the backup, every bandwidth in both spellings.
    assert.equal(p.primary.kind, input.primary.kind);
    assert.equal(p.backup !== undefined, input.backup !== undefined && input.backup !== null);
    if (p.primary.managed) {
        const asked = Bandwidth.parse(input.primary.managed!.bandwidth, "asked");
        const { aws, google } = p.primary.managed.bandwidth;
        assert.ok(Bandwidth.parse(aws, "aws").equals(asked) && Bandwidth.parse(google, "google").equals(asked), `${aws} / ${google} for ${input.primary.managed!.bandwidth}`);
        assert.deepEqual([aws, google], [asked.toAws(), asked.toGcp()]);
        assert.deepEqual(topology.links.filter((l) => l.kind === LinkKind.Managed).map((l) => l.mbps), [asked.mbps]);
    }
    if (p.primary.dedicated) {
        const d = input.primary.dedicated!;
        const planned = p.primary.dedicated;
        assert.deepEqual(planned.attachments.map((a) => a.key).sort(), Object.keys(d.attachments).sort());
        for (const a of planned.attachments) {
            const asked = d.attachments[a.key];
            const bandwidth = Bandwidth.parse(asked.bandwidth, "asked");
            assert.ok(Bandwidth.parse(a.bandwidth, "planned").equals(bandwidth) && a.mbps === bandwidth.mbps, `${a.key}: ${a.bandwidth} for ${asked.bandwidth}`);
            if (asked.slot !== undefined) assert.equal(a.slot, asked.slot);
        }
        assert.deepEqual([planned.connectionsBandwidth, planned.linkType, d.linksPerPort ?? 1], [d.portSpeed, PORT_LINK_TYPES[d.portSpeed], 1]);
        assert.deepEqual(planned.ports.map((x) => x.key).sort(), Object.keys(d.ports).sort());
    }
    const vpnInputs: [typeof p.backup, CrossCloudNetworkInput["backup"]][] = [[p.primary.haVpn, input.primary.haVpn ?? {}], [p.backup, input.backup]];
    for (const [v, asked] of vpnInputs) {
        if (!v || !asked) continue;
        assert.equal(v.tunnelBandwidth, asked.tunnelBandwidth ?? TunnelBandwidth.Standard);
        // A dual-stack HA VPN's IPv6 tunnels are a group of their own, on their own gateway.
        for (const id of [`${input.name}-${v.role}`, ...(carried.length > 1 ? [`${input.name}-${v.role}-v6`] : [])]) {
            const group = topology.links.filter((l) => l.group === id);
            assert.deepEqual(group.map((l) => l.mbps), Array(4).fill(v.tunnelBandwidth === TunnelBandwidth.Large ? 3000 : 1250), id);
        }
        assert.equal(v.tunnelsIpv6.length, stack === StackType.DualStack ? 4 : 0, "IPv6 tunnels exactly with dual stack");
        if (asked.insideCidrs) assert.deepEqual(v.tunnels.map((t) => t.insideCidr), asked.insideCidrs);
        if (asked.insideCidrsIpv6 && stack === StackType.DualStack) assert.deepEqual(v.tunnelsIpv6.map((t) => t.insideCidr), asked.insideCidrsIpv6.map((c) => mustParsePrefix(c).toString()));
        if (asked.slot !== undefined) assert.ok(v.tunnels.every((t) => block.subnet(CHUNK_BITS, asked.slot!).contains(mustParsePrefix(t.insideCidr))));
    }
    for (const role of [LinkRole.Primary, LinkRole.Backup]) {
        assert.ok(sessionsOf(p, role).every((s) => s.routePriority === ROUTE_PRIORITY[role]), `${role} sessions at ${ROUTE_PRIORITY[role]}`);
    }
    assert.ok(p.minSurvivingMbps <= p.resilience.totalMbps);
}

// ------------------------------------------------------------------------------------------------
// The generator: each field is mostly drawn from values that work together, sometimes from values
// that collide (ASNs, prefixes, slots) and sometimes from values that are wrong on their own. The
// wrong-on-their-own values live in BAD_* lists, so `mustRefuse` can say when a plan is impossible.
// ------------------------------------------------------------------------------------------------

const BAD_ASNS: readonly unknown[] = [7224, 16550, 15169, 0, 65535, 4294967295, 64512.5, "ASN", null, -1];
const BAD_BANDWIDTHS: readonly unknown[] = ["7Gbps", 7, "BPS_7G", "10gbps", "10 Gbps", "0Gbps", -1, "", null, 10.0001, "1.5Gbps", "25Gbps"];
const BAD_PREFIX_LISTS: readonly unknown[] = [["10.10.0.1/16"], ["10.30.0.0/16", "10.30.1.0/24"], [], "10.30.0.0/16", [5], ["10.30.0.0/33"], ["10.30.0.0/16", undefined]];
const BAD_BLOCKS: readonly unknown[] = ["10.0.0.0/19", "169.254.96.0/29", "169.254.97.0/19", "169.254.96.0", 5];
const BAD_REQUIREMENT_GBPS: readonly unknown[] = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "10", null];
const BAD_TIERS: readonly unknown[] = ["99.999", undefined, 99.99, "four nines"];
const BAD_FLAGS: readonly unknown[] = ["false", 0, "yes"];
const BAD_RESERVED: readonly unknown[] = [["x"], "169.254.96.0/24"];
/** Too small for a link's four /126s, outside fdff:1::/64, the other family, not a prefix. */
const BAD_BLOCKS_IPV6: readonly unknown[] = ["fdff:1::/125", "fd00::/64", "169.254.96.0/19", "fdff:1::"];

/** `weight` parts of good values to one of bad ones. */
function mostly<T>(weight: number, good: fc.Arbitrary<T>, bad: readonly unknown[]): fc.Arbitrary<T> {
    return fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) as fc.Arbitrary<T> });
}

const weighted = <T>(...choices: [number, ...T[]][]): fc.Arbitrary<T> =>
    fc.oneof(...choices.map(([weight, ...values]) => ({ weight, arbitrary: fc.constantFrom(...values) })));

const asns = {
    // Mostly the shared layer's ASNs; sometimes another router, a 32-bit one, a decimal string, or a collision.
    router: mostly(20, weighted<unknown>([40, 65010], [4, 65020, 4200000001, "65010"], [1, 64512, 64603]), BAD_ASNS),
    transitGateway: mostly(20, weighted<unknown>([40, 64512], [4, 64513], [1, 65010]), BAD_ASNS),
    directConnect: mostly(20, weighted<unknown>([40, 64603], [4, 64601], [1, 64512, 65010, undefined]), BAD_ASNS),
};

const bandwidths = {
    managed: mostly(10, fc.constantFrom<unknown>("10Gbps", "BPS_10G", 10, " 10Gbps ", "1Gbps", "BPS_500M", "500Mbps", 0.5, "100Gbps", "50Gbps", "2Gbps", "BPS_50M", "400Gbps"), BAD_BANDWIDTHS),
    attachment: mostly(40, weighted<unknown>([30, "10Gbps", "BPS_10G", 10, "5Gbps", "BPS_5G", "2Gbps", "1Gbps", "BPS_500M", "50Mbps", "300Mbps"], [1, "20Gbps"]), BAD_BANDWIDTHS),
};

/** Mostly none; sometimes one of two slots any link may pin, so a backup and an attachment land on the same chunk. */
const slot = mostly(16, fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(7, 8) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 511 }) },
), [-1, 1.5, 512, "3"]);

const insideCidrs = (third: number) => [0, 4, 8, 12].map((n) => `169.254.${third}.${n}/30`);
const insideCidrsIpv6 = (group: string) => ["0", "4", "8", "c"].map((n) => `fdff:1:0:0:${group}:0:0:${n}/126`);
/** The IPv6 block of the generator's environment, block 3 as its IPv4 one. */
const BLOCK6 = "fdff:1:0:0:6000::/67";
const vpnLink = fc.record({
    tunnelBandwidth: weighted<unknown>([10, undefined], [3, TunnelBandwidth.Standard, TunnelBandwidth.Large], [1, "huge"]),
    slot,
    insideCidrs: weighted<unknown>(
        [30, undefined],
        [2, insideCidrs(100)], // inside the usual block
        [1, insideCidrs(10), insideCidrs(0), ["169.254.100.0/30", "169.254.100.0/30", "169.254.100.8/30", "169.254.100.12/30"], insideCidrs(100).slice(0, 3), "169.254.100.0/28"],
    ),
    insideCidrsIpv6: weighted<unknown>(
        [30, undefined],
        [2, insideCidrsIpv6("6000")], // inside the generator's IPv6 block
        [1, insideCidrsIpv6("1000"), ["169.254.100.0/30"], insideCidrsIpv6("6000").map((c) => c.replace("/126", "/125")), ["fd00::/126", "fd00::4/126", "fd00::8/126", "fd00::c/126"]],
    ),
});

const PORTS = prodPorts();

/** A dedicated block: the prod ports, the iad pair, or something broken, with attachments to suit. */
const dedicatedLink = fc.record({
    sla: weighted<unknown>([12, undefined], [4, SlaTarget.ThreeNines], [2, SlaTarget.FourNines], [1, "99.999"]),
    portSpeed: weighted<unknown>([25, PortSpeed.Gbps10], [2, PortSpeed.Gbps100], [1, "40Gbps", "10G", 10]),
    linksPerPort: weighted<unknown>([25, undefined], [2, 1, 2], [1, 0, 5, 1.5]),
    ports: weighted<unknown>(
        [12, PORTS],
        [6, { "iad-1": PORTS["iad-1"], "iad-2": PORTS["iad-2"] }],
        [1, { ...PORTS, "iad-3": port("iad-zone1-2", "EqDC6") }, { "iad-1": PORTS["iad-1"], "iad-2": port("iad-zone1-2", "CSVA1") }],
        [1, {}, [], null, "iad-1", { "iad-1": null }, { Bad_Key: PORTS["iad-1"], "iad-2": PORTS["iad-2"] }, { "iad-1": { location: "nowhere" }, "iad-2": PORTS["iad-2"] }],
    ),
    macsec: weighted<unknown>([30, undefined], [1, {}, { keyName: "key1" }, { keys: { "iad-1": { cak: "c", ckn: "k" } } }, { keyName: "Key 1" }, { keys: { nope: { cak: "c", ckn: "k" } } }, "false", { keys: { "iad-1": {} } }]),
}).chain((d) => {
    const given = d.ports !== null && typeof d.ports === "object" && !Array.isArray(d.ports) ? Object.keys(d.ports) : [];
    const keys = given.length > 0 ? given : ["iad-1"];
    const one = (key: string) => fc.record({
        port: weighted<string>([60, key], [1, "iad-9"]),
        region: key.startsWith("ord")
            ? weighted<unknown>([60, "us-central1"], [1, undefined, "us-west2", "Central"])
            : weighted<unknown>([40, undefined], [8, "us-east4"], [1, "us-central1"]),
        bandwidth: bandwidths.attachment,
        slot,
    });
    // One attachment per port, named after its metro; sometimes a second on the first port, or a broken map.
    const attachments = fc.tuple(fc.tuple(...keys.map(one)), fc.oneof({ weight: 15, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: one(keys[0]) })).map(([each, extra]) => ({
        ...Object.fromEntries(each.map((a, i) => [`${keys[i].split("-")[0].toLowerCase()}-${String.fromCharCode(97 + i)}`, a])),
        ...(extra && { "extra-z": extra }),
    }));
    return mostly(80, attachments, [{}, null, { "east-a": null }]).map((a) => ({ ...d, attachments: a }));
});

const managedLink = fc.record({
    bandwidth: bandwidths.managed,
    initiatedBy: weighted<unknown>([20, undefined], [2, "google"], [1, "aws", "amazon"]),
    keyHandoff: weighted<unknown>([25, undefined], [1, "automatic", "manual"]),
    environmentId: weighted<unknown>([20, undefined], [1, "env-1"]),
    activationKey: weighted<unknown>([25, undefined], [1, "ACTIVATION-KEY"]),
    remoteProfile: weighted<unknown>([20, undefined], [1, "aws-us-east-1", "Bad Profile"]),
    stackType: weighted<unknown>([20, undefined], [1, "IPV4_ONLY", "IPV4_IPV6", "IPV6"]),
});

const KINDS = [LinkKind.HaVpn, LinkKind.Managed, LinkKind.Dedicated];

const primaryLink = fc.record({
    kind: mostly(40, fc.constantFrom(...KINDS), ["vpn", undefined, "Dedicated"]),
    haVpn: vpnLink,
    managed: managedLink,
    dedicated: dedicatedLink,
    // Leave out the kind's own block, or keep another kind's.
    missing: weighted<boolean>([30, false], [1, true]),
    foreign: weighted<string | undefined>([40, undefined], [1, "haVpn", "managed", "dedicated"]),
}).map(({ kind, missing, foreign, ...blocks }) => {
    const own = { [LinkKind.HaVpn]: "haVpn", [LinkKind.Managed]: "managed", [LinkKind.Dedicated]: "dedicated" }[kind as LinkKind] as keyof typeof blocks | undefined;
    return {
        kind,
        ...(own && !missing && { [own]: blocks[own] }),
        ...(foreign && foreign !== own && { [foreign]: blocks[foreign as keyof typeof blocks] }),
    };
});

const prefixList = (good: string[][]) => mostly(20, fc.constantFrom(...good), BAD_PREFIX_LISTS);

/** Random CrossCloudNetwork inputs, about a third of which plan. */
export const networkInputs: fc.Arbitrary<CrossCloudNetworkInput> = fc.record({
    name: weighted<string>([30, "env"], [1, "prod", "Bad_Name", "an-environment-name-long-enough-to-overflow-every-google-name"]),
    requirement: fc.record({
        bandwidthGbps: mostly(50, weighted<unknown>([30, 0.05, 0.4, 1, 2, 4, 5], [10, 10, 12, 20], [2, 25, 40]), BAD_REQUIREMENT_GBPS),
        sla: mostly(50, fc.constantFrom<unknown>(SlaTier.FourNines, SlaTier.ThreeNines, SlaTier.None), BAD_TIERS),
        survivesSingleFailure: mostly(50, weighted<unknown>([4, false], [1, undefined, true]), BAD_FLAGS),
        families: weighted<unknown>([30, undefined], [4, ["ipv4"], ["ipv4", "ipv6"]], [2, ["ipv6"]], [1, [], ["ipx"], "ipv4"]),
    }),
    google: mostly(60, fc.record({
        network: fc.constant(NETWORK),
        region: weighted<unknown>([30, "us-east4"], [1, "us-central1", "", "US-EAST4"]),
        router: weighted<unknown>([10, "shared-router-us-east4"], [3, undefined]),
        routerAsn: asns.router,
        globalRouting: weighted<unknown>([10, true], [2, false, undefined]),
        routers: weighted<unknown>(
            [40, { "us-central1": { router: "shared-router-us-central1", routerAsn: 65020 } }],
            [8, undefined, { "us-central1": { routerAsn: 65010 } }],
            [1, { "us-central1": { routerAsn: 64603 } }],
            [1, { "us-west9": { routerAsn: 65030 } }, { "us-east4": {} }],
        ),
    }), [undefined, null, "google"]),
    aws: mostly(60, fc.record({
        region: weighted<unknown>([30, "us-east-1"], [1, "us-west-1", "useast"]),
        transitGatewayId: weighted<unknown>([10, "tgw-shared"], [3, undefined]),
        transitGatewayAsn: asns.transitGateway,
        directConnectGatewayId: weighted<unknown>([10, undefined], [1, "dxgw-existing"]),
        directConnectGatewayAsn: asns.directConnect,
    }), [undefined, null]),
    prefixes: fc.record({
        aws: mostly(15, prefixList([["10.10.0.0/16"], ["10.10.0.0/16", "10.11.0.0/16"], ["10.11.0.0/16", "10.10.0.0/16"], ["10.10.0.0/16", "2600:1f18:4d2c::/56"]]), [["10.0.0.0/8"], ["2600:1f18::/48"], ["10.10.0.0/16", "2600:1f18:4d2c:100:8000::/80"], ["10.10.0.0/16", "fd20:a:b::/48"]]),
        google: prefixList([["10.20.0.0/14"], ["10.20.0.0/16", "10.21.0.0/16"], ["10.20.0.0/14", "fd20:a:b::/48"], ["fd20:a:b::/48", "10.20.0.0/14"]]),
    }),
    primary: primaryLink,
    backup: fc.oneof(
        { weight: 10, arbitrary: fc.constant(undefined) },
        { weight: 10, arbitrary: vpnLink },
        { weight: 1, arbitrary: fc.constantFrom<unknown>("yes", 5, null) },
    ),
    stackType: weighted<unknown>([20, undefined], [8, StackType.DualStack], [2, StackType.Ipv4Only], [1, "IPV6", 4]),
    linkLocalBlock: mostly(25, weighted<unknown>([30, BLOCK], [3, undefined], [1, "169.254.0.0/19", "169.254.96.0/24", "169.254.96.0/28"]), BAD_BLOCKS),
    linkLocalBlockIpv6: weighted<unknown>([20, undefined], [6, BLOCK6], [1, "fdff:1::/124", ...BAD_BLOCKS_IPV6]),
    reservedPrefixes: mostly(40, weighted<unknown>([30, undefined], [1, ["169.254.96.0/24"], ["169.254.96.0/19"]]), BAD_RESERVED),
    production: weighted<unknown>([40, undefined], [6, true, false], [1, "yes"]),
    // An HA VPN backup behind an HA VPN is refused; keep the refusals to a few.
    vpnBehindVpn: weighted<boolean>([1, true], [6, false]),
    // A dedicated link in one region takes no other region's router; mostly give it none.
    routersFollowAttachments: weighted<boolean>([6, true], [1, false]),
    // Mostly, IPv6 arguments come only with dual stack.
    ipv6FollowsStack: weighted<boolean>([8, true], [1, false]),
}).map(({ vpnBehindVpn, routersFollowAttachments, ipv6FollowsStack, ...input }) => {
    const given = input as CrossCloudNetworkInput;
    const dual = (given.stackType ?? given.primary.managed?.stackType) === StackType.DualStack;
    const v4 = (list: unknown) => (Array.isArray(list) ? list.filter((x) => !(typeof x === "string" && x.includes(":"))) : list);
    const n: CrossCloudNetworkInput = ipv6FollowsStack && !dual ? {
        ...given,
        linkLocalBlockIpv6: undefined,
        prefixes: { aws: v4(given.prefixes.aws) as string[], google: v4(given.prefixes.google) as string[] },
        requirement: { ...given.requirement, families: Array.isArray(given.requirement.families) && given.requirement.families.includes(AddressFamily.Ipv6) ? undefined : given.requirement.families },
    } : given;
    const backup = n.primary.kind === LinkKind.HaVpn && !vpnBehindVpn ? undefined : n.backup;
    const attachments = n.primary.dedicated?.attachments;
    const oneRegion = typeof attachments === "object" && attachments !== null && Object.values(attachments).every((a) => a?.region === undefined);
    const google = routersFollowAttachments && oneRegion && typeof n.google === "object" && n.google !== null ? { ...n.google, routers: undefined } : n.google;
    return { ...n, google, backup };
}) as fc.Arbitrary<CrossCloudNetworkInput>;

/**
 * Why an input cannot plan, when that is plain from values that are wrong on their own or from an
 * argument the network itself refuses; undefined when it takes the planners to tell.
 */
export function mustRefuse(input: CrossCloudNetworkInput): string | undefined {
    const { requirement: r, google, aws, primary, backup } = input;
    const kind = primary.kind;
    const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
    if (!KINDS.includes(kind)) return `kind ${String(kind)}`;
    if (!isObject(google) || !isObject(aws)) return "a side is missing";
    if (BAD_REQUIREMENT_GBPS.includes(r.bandwidthGbps) || BAD_TIERS.includes(r.sla) || BAD_FLAGS.includes(r.survivesSingleFailure)) return "the requirement is malformed";
    if (BAD_FLAGS.includes(input.production)) return "production is not a boolean";
    if (BAD_PREFIX_LISTS.includes(input.prefixes.aws) || BAD_PREFIX_LISTS.includes(input.prefixes.google)) return "a prefix list is malformed";
    if (BAD_BLOCKS.includes(input.linkLocalBlock)) return "the link-local block is malformed";
    if (BAD_RESERVED.includes(input.reservedPrefixes)) return "the reserved prefixes are malformed";
    const stacks = [input.stackType, primary.managed?.stackType].filter((t) => t !== undefined);
    if (stacks.some((t) => !Object.values(StackType).includes(t as StackType))) return "a stack type is malformed";
    if (new Set(stacks).size > 1) return "the stack types disagree";
    const dual = stacks[0] === StackType.DualStack;
    if (input.linkLocalBlockIpv6 !== undefined && (!dual || BAD_BLOCKS_IPV6.includes(input.linkLocalBlockIpv6))) return "the IPv6 block is malformed or of no use";
    const families = r.families as unknown;
    if (families !== undefined && (!Array.isArray(families) || families.length === 0 || families.some((f) => f !== "ipv4" && (f !== "ipv6" || !dual)))) return "the requirement names a family the network cannot carry";
    if (!dual && [...(Array.isArray(input.prefixes.aws) ? input.prefixes.aws : []), ...(Array.isArray(input.prefixes.google) ? input.prefixes.google : [])].some((x) => typeof x === "string" && x.includes(":"))) return "an IPv6 prefix on an IPv4 network";
    if (BAD_ASNS.includes(aws.transitGatewayAsn)) return "the Transit Gateway ASN is unusable";
    const own = { [LinkKind.HaVpn]: primary.haVpn, [LinkKind.Managed]: primary.managed, [LinkKind.Dedicated]: primary.dedicated }[kind];
    if (kind !== LinkKind.HaVpn && !own) return `the ${kind} block is missing`;
    if ((["haVpn", "managed", "dedicated"] as const).some((k) => primary[k] !== undefined && primary[k] !== own)) return "another kind's block is given";
    if (backup !== undefined && backup !== null && (!isObject(backup) || backup.tunnelBandwidth === ("huge" as never))) return "the backup is malformed";
    if (kind === LinkKind.HaVpn && backup) return "an HA VPN backs up an HA VPN";
    const vpn = kind === LinkKind.HaVpn || Boolean(backup);
    // A dedicated link reads google.routerAsn for attachments in google.region (the default).
    const attachments = kind === LinkKind.Dedicated && isObject(primary.dedicated!.attachments) ? Object.values(primary.dedicated!.attachments) : [];
    const inGoogleRegion = attachments.some((a) => isObject(a) && a.region === undefined);
    if ((vpn || inGoogleRegion) && BAD_ASNS.includes(google.routerAsn)) return "the Cloud Router ASN is unusable";
    if (vpn && Number(google.routerAsn) === Number(aws.transitGatewayAsn)) return "the Cloud Router and Transit Gateway share an ASN";
    if (kind !== LinkKind.HaVpn) {
        const dx = aws.directConnectGatewayAsn;
        if (dx === undefined || BAD_ASNS.includes(dx)) return "the Direct Connect gateway ASN is missing or unusable";
        if (dx === aws.transitGatewayAsn) return "the Direct Connect gateway and Transit Gateway share an ASN";
    }
    if (kind === LinkKind.Managed && BAD_BANDWIDTHS.includes(primary.managed!.bandwidth)) return "the managed bandwidth is malformed";
    if (attachments.some((a) => isObject(a) && BAD_BANDWIDTHS.includes(a.bandwidth))) return "an attachment bandwidth is malformed";
    return undefined;
}

function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}
