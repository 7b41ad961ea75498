import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressFamily, StackType } from "../../sdk/addressFamily";
import { AddressSpace } from "../../sdk/allocation/addressSpace";
import { planVlans, VLAN_MAX, VLAN_MIN } from "../../sdk/allocation/vlans";
import { ErrorCode } from "../../sdk/errors";
import { CHUNK_BITS_IPV6, environmentBlock, environmentBlockIpv6, IPV6_SESSION_RANGE } from "../../sdk/linkLocal";
import { CrossCloudNetworkInput, planCrossCloudNetwork } from "../../sdk/plans/crossCloudNetwork";
import { DedicatedInterconnectInput, planDedicatedInterconnect, SlaTarget } from "../../sdk/plans/dedicated";
import { HaVpnInput, planHaVpn } from "../../sdk/plans/haVpn";
import { findOverlap, Prefix } from "../../sdk/prefix";
import { PortSpeed } from "../../sdk/bandwidth";
import { analyzeResilience } from "../../sdk/resilience";
import { assessSla } from "../../sdk/sla";
import { Link, LinkKind, LinkRole, SlaTier, Topology } from "../../sdk/topology";
import { typedError } from "./typedError";

const vpn = (name: string, change: (i: HaVpnInput) => void = () => undefined): HaVpnInput => {
    const i: HaVpnInput = {
        name, stackType: StackType.DualStack,
        google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010, router: "shared-router" },
        aws: { region: "us-east-1", transitGatewayAsn: 64512, transitGatewayId: "tgw-0shared" },
        advertisedPrefixes: ["10.100.0.0/16", "fd20:a:1::/48"],
    };
    change(i);
    return i;
};

const ipv6Nets = (space: AddressSpace, ...inputs: HaVpnInput[]) => inputs.flatMap((i) => planHaVpn(i, space).tunnelsIpv6.map((t) => t.insideCidr));

describe("dual stack in sdk/", () => {
    describe("IPv6 allocation", () => {
        it("places four /126s per HA VPN in one /124 of the block, inside fdff:1::/64 and AWS's fd00::/8, none shared", () => {
            const block = environmentBlockIpv6(2);
            const space = AddressSpace.empty();
            const nets = ipv6Nets(space, ...["dev-backup", "dev-primary", "qa-backup"].map((n) => vpn(n, (i) => { i.linkLocalBlockIpv6 = block.toString(); })));
            const prefixes = nets.map((n) => Prefix.parse(n, "net", AddressFamily.Ipv6));
            assert.ok(prefixes.every((p) => p.bits === 126 && block.contains(p) && IPV6_SESSION_RANGE.contains(p) && Prefix.parse("fd00::/8", "aws").contains(p)));
            assert.equal(findOverlap(prefixes), undefined);
            for (let v = 0; v < 3; v++) {
                const chunk = Prefix.from(prefixes[4 * v].network, CHUNK_BITS_IPV6, AddressFamily.Ipv6);
                assert.ok(prefixes.slice(4 * v, 4 * v + 4).every((p) => chunk.contains(p)), "one /124 per HA VPN");
            }
        });

        it("gives each environment its own IPv6 block, by the same index as its IPv4 block", () => {
            const blocks = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => environmentBlockIpv6(i));
            assert.equal(findOverlap(blocks), undefined);
            assert.ok(blocks.every((b) => IPV6_SESSION_RANGE.contains(b)));
            assert.equal(environmentBlock(3).toString(), "169.254.96.0/19");
            assert.equal(environmentBlockIpv6(3).toString(), "fdff:1:0:0:6000::/67");
            assert.equal(typedError(() => environmentBlockIpv6(8)).code, ErrorCode.InvalidArgument);
        });

        it("keeps every placed /126 when links are added, removed and reordered, with the ledger the program recorded", () => {
            const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), { minLength: 1, maxLength: 6 });
            fc.assert(fc.property(names, names, (first, later) => {
                const deployed = AddressSpace.empty();
                const before = new Map(first.map((n) => [n, planHaVpn(vpn(n), deployed).tunnelsIpv6.map((t) => t.insideCidr)]));
                const next = AddressSpace.fromLedger(JSON.parse(JSON.stringify(deployed.record())));
                // The next program keeps some links, in another order, and adds others.
                const kept = [...first.filter((_, i) => i % 2 === 0).reverse(), ...later.filter((n) => !first.includes(n))];
                const after = new Map(kept.map((n) => [n, planHaVpn(vpn(n), next).tunnelsIpv6.map((t) => t.insideCidr)]));
                for (const [n, nets] of after) if (before.has(n)) assert.deepEqual(nets, before.get(n), `${n} moved`);
                assert.equal(findOverlap([...after.values()].flat().map((t) => Prefix.parse(t, "t"))), undefined);
            }), { numRuns: 60 });
        });

        it("turning dual stack on keeps the IPv4 tunnels where they are and only adds IPv6 ones", () => {
            const space = AddressSpace.empty();
            const ipv4 = planHaVpn(vpn("prod-backup", (i) => { i.stackType = StackType.Ipv4Only; i.advertisedPrefixes = ["10.100.0.0/16"]; }), space);
            const next = AddressSpace.fromLedger(space.record());
            const dual = planHaVpn(vpn("prod-backup"), next);
            assert.deepEqual(dual.tunnels, ipv4.tunnels);
            assert.equal(dual.tunnelsIpv6.length, 4);
        });

        it("refuses hand-written IPv6 /126s that another HA VPN in the program already has", () => {
            const space = AddressSpace.empty();
            const taken = planHaVpn(vpn("a"), space).tunnelsIpv6.map((t) => t.insideCidr);
            const e = typedError(() => planHaVpn(vpn("b", (i) => { i.insideCidrsIpv6 = taken; }), space));
            assert.deepEqual([e.code, e.field], [ErrorCode.Overlap, "insideCidrsIpv6[0]"]);
        });
    });

    describe("dedicated dual stack", () => {
        const port = (location: string, awsLocation: string) => ({ location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation, ready: true });
        const input = (stackType: StackType): DedicatedInterconnectInput => ({
            name: "prod-primary", sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10, stackType,
            ports: { "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "CSVA1") },
            attachments: { "east-a": { port: "iad-1", bandwidth: "5Gbps" }, "east-b": { port: "iad-2", bandwidth: "5Gbps" }, "east-c": { port: "iad-1", bandwidth: "5Gbps" } },
            google: { network: "n", region: "us-east4", routerAsn: 65010 },
            aws: {
                region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603,
                allowedPrefixes: stackType === StackType.DualStack ? ["10.10.0.0/16", "2600:1f18:4000::/56"] : ["10.10.0.0/16"],
            },
            advertisedPrefixes: stackType === StackType.DualStack ? ["10.20.0.0/16", "fd20:a:1::/48"] : ["10.20.0.0/16"],
        });

        it("plans a VLAN per attachment, distinct on each port, kept by the ledger", () => {
            const space = AddressSpace.empty();
            const plan = planDedicatedInterconnect(input(StackType.DualStack), space);
            const onPort1 = plan.attachments.filter((a) => a.port === "iad-1").map((a) => a.vlan!);
            assert.equal(new Set(onPort1).size, 2);
            assert.ok(plan.attachments.every((a) => a.vlan! >= VLAN_MIN && a.vlan! <= VLAN_MAX));
            const again = planDedicatedInterconnect(input(StackType.DualStack), AddressSpace.fromLedger(space.record()));
            assert.deepEqual(again.attachments.map((a) => a.vlan), plan.attachments.map((a) => a.vlan));
        });

        it("never gives two attachments on one port the same VLAN, and a recorded VLAN stays", () => {
            const request = fc.record({ key: fc.stringMatching(/^[a-z]{1,6}$/), port: fc.constantFrom("p1", "p2"), recorded: fc.option(fc.integer({ min: VLAN_MIN, max: VLAN_MAX }), { nil: undefined }) });
            fc.assert(fc.property(fc.uniqueArray(request, { selector: (r) => r.key, maxLength: 30 }), (requests) => {
                const planned = planVlans(requests);
                for (const port of ["p1", "p2"]) {
                    const vlans = requests.filter((r) => r.port === port).map((r) => planned.get(r.key)!.vlan);
                    assert.equal(new Set(vlans).size, vlans.length);
                }
                // The first request recording a VLAN on its port keeps it.
                const seen = new Set<string>();
                for (const r of requests.filter((x) => x.recorded !== undefined).sort((a, b) => (a.key < b.key ? -1 : 1))) {
                    const slot = `${r.port}/${r.recorded}`;
                    if (!seen.has(slot)) assert.equal(planned.get(r.key)!.vlan, r.recorded);
                    seen.add(slot);
                }
            }));
        });

        it("refuses to make a deployed IPv4-only attachment dual stack, which replaces it, unless the ledger allows it", () => {
            const space = AddressSpace.empty();
            planDedicatedInterconnect(input(StackType.Ipv4Only), space);
            const ledger = space.record();
            const e = typedError(() => planDedicatedInterconnect(input(StackType.DualStack), AddressSpace.fromLedger(ledger)));
            assert.deepEqual([e.code, e.field], [ErrorCode.ReplacementRefused, "stackType"]);
            assert.match(e.rule, /link "prod-primary\/east-a" is deployed: its stackType is "IPV4_ONLY"/);
            const allowed = AddressSpace.fromLedger(ledger, { allowReplacement: ["prod-primary/east-a", "prod-primary/east-b", "prod-primary/east-c"] });
            assert.equal(planDedicatedInterconnect(input(StackType.DualStack), allowed).stackType, StackType.DualStack);
        });
    });

    describe("resilience and SLA per family", () => {
        /** A dual-stack attachment on port p1 and an IPv4-only one on p2: an estate half way to dual stack. */
        const halfway: Topology = {
            endpoints: [],
            groups: [{ id: "cci", kind: LinkKind.Dedicated, role: LinkRole.Primary }],
            links: [
                { id: "a", group: "cci", kind: LinkKind.Dedicated, role: LinkRole.Primary, aws: "dx", gcp: "r", mbps: 10000, families: [AddressFamily.Ipv4, AddressFamily.Ipv6], domains: { port: "p1", metro: "iad" } },
                { id: "b", group: "cci", kind: LinkKind.Dedicated, role: LinkRole.Primary, aws: "dx", gcp: "r", mbps: 10000, domains: { port: "p2", metro: "iad" } },
            ] as Link[],
            sessions: [],
            prefixes: { aws: [], gcp: [] },
        };

        it("shows a failure that leaves IPv4 up but cuts IPv6 as a single point of failure of IPv6 alone", () => {
            const report = analyzeResilience(halfway);
            const p1 = report.failures.find((f) => f.kind === "port" && f.id === "p1")!;
            assert.equal(p1.connected, false, "a family is cut");
            assert.deepEqual(p1.families, [
                { family: "ipv4", cut: 1, survivingMbps: 10000, survivingPrimaryMbps: 10000, connected: true },
                { family: "ipv6", cut: 1, survivingMbps: 0, survivingPrimaryMbps: 0, connected: false },
            ]);
            const p2 = report.failures.find((f) => f.kind === "port" && f.id === "p2")!;
            assert.equal(p2.connected, true);
            assert.deepEqual(report.byFamily!.map((f) => [f.family, f.totalMbps, f.singlePointsOfFailure]), [
                ["ipv4", 20000, ["metro:iad"]],
                ["ipv6", 10000, ["port:p1", "metro:iad"]],
            ]);
            assert.deepEqual(report.singlePointsOfFailure.map((f) => `${f.kind}:${f.id}`), ["port:p1", "metro:iad"]);
        });

        it("judges a dual-stack HA VPN's IPv6 tunnels as a 99.99% shape of their own, and an IPv6 interface loss as IPv6's", () => {
            const plan = planHaVpn(vpn("vpn"));
            const sla = assessSla(plan.topology);
            // Google grants each gateway's four tunnels 99.99%, AWS each VPN connection 99.95%: 99.9% end to end, per family.
            assert.deepEqual([sla.tier, ...sla.byFamily!.map((f) => [f.family, f.tier])], [SlaTier.ThreeNines, ["ipv4", SlaTier.ThreeNines], ["ipv6", SlaTier.ThreeNines]]);
            const report = analyzeResilience(plan.topology);
            const lost = report.failures.find((f) => f.kind === "vpnInterface" && f.id === "vpn-gateway-v6/0")!;
            assert.deepEqual(lost.cut, ["vpn-tunnel-v6-0", "vpn-tunnel-v6-1"]);
            assert.deepEqual(lost.families!.map((f) => [f.family, f.cut, f.connected]), [["ipv4", 0, true], ["ipv6", 2, true]]);
        });

        it("holds the requirement for each family it names, and refuses a family the network does not carry", () => {
            const network = (change: (n: CrossCloudNetworkInput) => void): CrossCloudNetworkInput => {
                const n: CrossCloudNetworkInput = {
                    name: "dev", stackType: StackType.DualStack,
                    requirement: { bandwidthGbps: 2, sla: SlaTier.ThreeNines, survivesSingleFailure: false },
                    google: { network: "n", region: "us-east4", router: "shared-router", routerAsn: 65010 },
                    aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512 },
                    prefixes: { aws: ["10.1.0.0/16", "2600:1f18:4000::/56"], google: ["10.101.0.0/16", "fd20:a:1::/48"] },
                    primary: { kind: LinkKind.HaVpn },
                };
                change(n);
                return n;
            };
            const plan = planCrossCloudNetwork(network(() => undefined));
            assert.deepEqual(plan.resilience.byFamily!.map((f) => [f.family, f.totalMbps]), [["ipv4", 5000], ["ipv6", 5000]]);
            // 8 Gbps: both families' tunnels together carry 10, each family alone 5.
            const short = typedError(() => planCrossCloudNetwork(network((n) => { n.requirement.bandwidthGbps = 8; })));
            assert.deepEqual([short.code, short.field], [ErrorCode.InsufficientBandwidth, "requirement.bandwidthGbps"]);
            assert.match(short.rule, /for IPv4/);
            const ipv4Only = typedError(() => planCrossCloudNetwork(network((n) => { delete n.stackType; n.prefixes = { aws: ["10.1.0.0/16"], google: ["10.101.0.0/16"] }; n.requirement.families = [AddressFamily.Ipv6]; })));
            assert.deepEqual([ipv4Only.code, ipv4Only.field, ipv4Only.value], [ErrorCode.Conflict, "requirement.families[0]", "ipv6"]);
            assert.match(ipv4Only.fix, /IPV4_IPV6/);
        });
    });
});
