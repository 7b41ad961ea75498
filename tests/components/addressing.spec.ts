import * as assert from "node:assert/strict";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { openAddressLedger } from "../../components/addressBook";
import { CrossCloudNetwork, LinkKind, SlaTier } from "../../components/crossCloudNetwork";
import { DedicatedInterconnect } from "../../components/dedicatedInterconnect";
import { HaVpn, HaVpnArgs } from "../../components/haVpn";
import { PortSpeed } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { environmentBlock } from "../../sdk/linkLocal";
import { SlaTarget } from "../../sdk/plans/dedicated";
import { Prefix } from "../../sdk/prefix";
import { Topology } from "../../sdk/topology";
import { capture, Plan } from "../../offline";

/**
 * Components that take addresses on the same Cloud Routers, in one program and across stacks: no
 * two BGP sessions on a router may overlap unless the plan fails first. Each stack takes its own
 * block, as the shared layer hands them out; inside a stack every component plans in the
 * program's one address space.
 */

const NETWORK = "projects/acme/global/networks/transit";
const ROUTERS = { "us-east4": "shared-router-us-east4", "us-central1": "shared-router-us-central1" } as const;
type Region = keyof typeof ROUTERS;

function vpnArgs(block: Prefix, router: Region | "output", extra: Partial<HaVpnArgs> = {}): HaVpnArgs {
    return {
        google: {
            network: NETWORK, region: router === "output" ? "us-east4" : router, routerAsn: 65010,
            // The README's way: the router's name from another stack, known only once resolved.
            router: router === "output" ? pulumi.output(ROUTERS["us-east4"]) : ROUTERS[router],
        },
        aws: { region: "us-east-1", transitGatewayId: "tgw-shared", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"],
        linkLocalBlock: block.toString(),
        ...extra,
    };
}

const port = (location: string, awsLocation: string) => ({ location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation });

function dedicatedArgs(block: Prefix, attachments: { key: string; region: Region }[]) {
    return {
        sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10,
        ports: { "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "CSVA1") },
        // Ports by sorted key, so the order written never moves an attachment to another port.
        attachments: Object.fromEntries(attachments.map((a) => [a.key, {
            port: [...attachments].sort((x, y) => (x.key < y.key ? -1 : 1)).indexOf(a) % 2 === 0 ? "iad-1" : "iad-2", region: a.region, bandwidth: "1Gbps",
        }])),
        google: {
            network: NETWORK, region: "us-east4", router: ROUTERS["us-east4"], routerAsn: 65010,
            ...(attachments.some((a) => a.region === "us-central1") && { routers: { "us-central1": { router: ROUTERS["us-central1"], routerAsn: 65020 } } }),
        },
        aws: { region: "us-east-1", transitGatewayId: "tgw-shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        advertisedPrefixes: ["10.20.0.0/16"],
        linkLocalBlock: block.toString(),
    };
}

type Component =
    | { kind: "vpn"; router: Region | "output"; slot?: number; hand?: number }
    | { kind: "dedicated"; attachments: { key: string; region: Region }[] }
    | { kind: "network" };

/** Declares one stack's components (named `<kind>-<index>` unless named); returns their topologies as the stack's exports. */
function program(components: (Component & { name?: string })[], block: Prefix, ledger: boolean) {
    return async () => {
        const book = ledger ? await openAddressLedger() : undefined;
        const topologies = components.map((c, i) => {
            const name = c.name ?? `${c.kind}-${i}`;
            if (c.kind === "vpn") {
                const insideCidrs = c.hand === undefined ? undefined : [0, 1, 2, 3].map((t) => Prefix.from(block.network + BigInt(c.hand! * 4 + t * 4), 30).toString());
                return new HaVpn(name, vpnArgs(block, c.router, { slot: c.slot, ...(insideCidrs && { insideCidrs, linkLocalBlock: undefined }) })).topology;
            }
            if (c.kind === "dedicated") return new DedicatedInterconnect(name, dedicatedArgs(block, c.attachments)).topology;
            const d = dedicatedArgs(block, [{ key: "east-a", region: "us-east4" }, { key: "east-b", region: "us-east4" }]);
            return new CrossCloudNetwork(name, {
                requirement: { bandwidthGbps: 1, sla: SlaTier.ThreeNines, survivesSingleFailure: false },
                google: d.google, aws: d.aws, prefixes: { aws: d.aws.allowedPrefixes, google: d.advertisedPrefixes },
                primary: { kind: LinkKind.Dedicated, dedicated: { portSpeed: d.portSpeed, ports: d.ports, attachments: d.attachments } },
                backup: {}, linkLocalBlock: block.toString(),
            }).topology;
        });
        return { topologies, ...(book && { addressLedger: book.record() }) };
    };
}

const component: fc.Arbitrary<Component> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("vpn" as const), router: fc.constantFrom<Region | "output">("us-east4", "us-central1", "output") }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("vpn" as const), router: fc.constantFrom<Region>("us-east4"), slot: fc.integer({ min: 0, max: 15 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("vpn" as const), router: fc.constantFrom<Region>("us-east4"), hand: fc.integer({ min: 0, max: 60 }) }) },
    {
        weight: 2, arbitrary: fc.record({
            kind: fc.constant("dedicated" as const),
            attachments: fc.uniqueArray(fc.record({ key: fc.constantFrom("east-a", "east-b", "east-c", "central-a", "central-b"), region: fc.constantFrom<Region>("us-east4", "us-central1") }), { selector: (a) => a.key, minLength: 2, maxLength: 4 }),
        }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("network" as const) }) },
);

/** Every session of a plan's topologies, with the router it is on. */
function sessionsOf(plan: Plan): { router: string; id: string; prefix: Prefix }[] {
    return (plan.outputs.topologies as Topology[]).flatMap((t) => t.sessions.map((s) => ({
        router: t.links.find((l) => l.id === s.link)!.gcp, id: s.id, prefix: Prefix.parse(s.insideCidr, s.id),
    })));
}

describe("addresses on shared Cloud Routers", () => {
    it("gives two HA VPNs on one router and one block distinct inside /30s (they were identical)", async () => {
        const block = environmentBlock(3);
        const plan = await capture(program([{ kind: "vpn", router: "us-east4" }, { kind: "vpn", router: "us-east4" }], block, false));
        const [a, b] = plan.outputs.topologies as Topology[];
        for (const s of a.sessions) for (const t of b.sessions) assert.ok(!Prefix.parse(s.insideCidr, "a").overlaps(Prefix.parse(t.insideCidr, "b")), `${s.insideCidr} ${t.insideCidr}`);
    });

    it("keeps what a program deployed when the next one reads its ledger: removing one VPN and reordering the rest moves nothing", async () => {
        const block = environmentBlock(2);
        const east = (key: string) => ({ key, region: "us-east4" as const });
        const components = [
            { name: "vpn-a", kind: "vpn" as const, router: "us-east4" as const },
            { name: "vpn-b", kind: "vpn" as const, router: "us-east4" as const },
            { name: "cci", kind: "dedicated" as const, attachments: [east("east-a"), east("east-b")] },
        ];
        const first = await capture(program(components, block, true), { stack: "prod" });
        const own = { "organization/crosscloud/prod": { addressLedger: first.outputs.addressLedger } };
        const reordered: Component & { name: string } = { name: "cci", kind: "dedicated", attachments: [east("east-b"), east("east-a")] };
        const next = await capture(program([reordered, components[1]], block, true), { stack: "prod", stackOutputs: own });
        const byId = (plan: Plan) => Object.fromEntries(sessionsOf(plan).map((s) => [s.id, s.prefix.toString()]));
        const [was, is] = [byId(first), byId(next)];
        for (const id of Object.keys(is)) assert.equal(is[id], was[id], id);
        assert.deepEqual(Object.keys((next.outputs.addressLedger as { retired: object }).retired), ["vpn-a"]);
    });

    it("over random estates of components and stacks on shared routers, never gives two sessions on one router overlapping ranges without a plan-time error", async function () {
        this.timeout(120_000);
        const stacks = fc.array(fc.record({ components: fc.array(component, { minLength: 1, maxLength: 4 }), ledger: fc.boolean() }), { minLength: 2, maxLength: 3 });
        let planned = 0;
        await fc.assert(fc.asyncProperty(stacks, async (specs) => {
            const all: { stack: number; router: string; id: string; prefix: Prefix }[] = [];
            for (const [i, spec] of specs.entries()) {
                // Small blocks (16 /28s each), so links of one program often share a home.
                const block = environmentBlock(40 + i, 24);
                let plan: Plan;
                try {
                    plan = await capture(program(spec.components, block, spec.ledger), { stack: `env${i}` });
                } catch (e) {
                    // A plan-time refusal: a pin on a taken /28, hand-written /30s on another link's, a full block.
                    assert.ok(e instanceof CrossCloudError, String(e));
                    assert.ok([ErrorCode.AddressCollision, ErrorCode.Overlap, ErrorCode.ReservedRange, ErrorCode.BlockExhausted].includes(e.code), e.message);
                    continue;
                }
                planned++;
                for (const s of sessionsOf(plan)) {
                    assert.ok(block.contains(s.prefix), `${s.id} ${s.prefix} is outside ${block}`);
                    all.push({ stack: i, ...s });
                }
            }
            const byRouter = new Map<string, typeof all>();
            for (const s of all) {
                // An HA VPN given its router as an Output labels it `<name>-router` in its topology: it is us-east4's shared router.
                const router = /^vpn-\d+-router$/.test(s.router) ? ROUTERS["us-east4"] : s.router;
                byRouter.set(router, [...(byRouter.get(router) ?? []), s]);
            }
            for (const [router, sessions] of byRouter) {
                const sorted = [...sessions].sort((a, b) => a.prefix.compare(b.prefix));
                for (let k = 1; k < sorted.length; k++) {
                    assert.ok(!sorted[k - 1].prefix.overlaps(sorted[k].prefix), `${router}: ${sorted[k - 1].id}@${sorted[k - 1].stack} ${sorted[k - 1].prefix} / ${sorted[k].id}@${sorted[k].stack} ${sorted[k].prefix}`);
                }
            }
        }), { numRuns: 6 });
        assert.ok(planned > 6, `only ${planned} stacks planned`);
    });
});
