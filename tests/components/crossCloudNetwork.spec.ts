import * as assert from "node:assert/strict";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { CrossCloudNetwork, CrossCloudNetworkArgs } from "../../components/crossCloudNetwork";
import { TunnelBandwidth } from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { CrossCloudNetworkInput, planCrossCloudNetwork } from "../../sdk/plans/crossCloudNetwork";
import { InitiatedBy, KeyHandoff } from "../../sdk/plans/managedInterconnect";
import { ROUTE_PRIORITY } from "../../sdk/routes";
import { LinkKind, LinkRole, SlaTier, Topology } from "../../sdk/topology";
import { capture, CapturedResource, Plan } from "../../offline";
import { network, networkInputs } from "../sdk/plans/crossCloudNetwork.spec";

const T = {
    stack: "pulumi:pulumi:Stack",
    network: "interconnect:index:CrossCloudNetwork",
    haVpn: "interconnect:index:HaVpn",
    managed: "interconnect:index:ManagedInterconnect",
    dedicated: "interconnect:index:DedicatedInterconnect",
    peer: "gcp:compute/routerPeer:RouterPeer",
} as const;

const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "gcp:monitoring/alertPolicy:AlertPolicy"];

/** The network's children apart from its alarms, which it declares itself for both links (named `<network>-alarm-…`, `<network>-alert-…`). */
function components(plan: Plan, net: CapturedResource): CapturedResource[] {
    const children = plan.childrenOf(net);
    for (const alarm of children.filter((c) => ALARM_TYPES.includes(c.type))) assert.match(alarm.name, new RegExp(`^${net.name}-(alarm|alert)-`));
    return children.filter((c) => !ALARM_TYPES.includes(c.type));
}

const CHILD_TYPE: Record<LinkKind, string> = { [LinkKind.HaVpn]: T.haVpn, [LinkKind.Managed]: T.managed, [LinkKind.Dedicated]: T.dedicated };

/** Declares the network `input` describes, as a program would: its name, then its args. */
function declare(input: CrossCloudNetworkInput, opts?: pulumi.ComponentResourceOptions): Promise<Plan> {
    const { name, ...args } = input;
    return capture(() => { new CrossCloudNetwork(name, args as CrossCloudNetworkArgs, opts); });
}

/** Declares it and keeps what the constructor threw, so the capture still reports what was registered. */
async function attempt(input: CrossCloudNetworkInput): Promise<{ plan: Plan; thrown: unknown }> {
    const { name, ...args } = input;
    let thrown: unknown;
    const plan = await capture(() => {
        try {
            new CrossCloudNetwork(name, args as CrossCloudNetworkArgs);
        } catch (e) {
            thrown = e;
        }
    });
    return { plan, thrown };
}

/** The resource and every ancestor up to the stack. */
function ancestry(plan: Plan, r: CapturedResource): CapturedResource[] {
    return r.parent === undefined ? [r] : [r, ...ancestry(plan, plan.byUrn(r.parent))];
}

const withBackup = (kind: LinkKind, tunnelBandwidth?: TunnelBandwidth) => network(kind, (n) => { n.backup = tunnelBandwidth ? { tunnelBandwidth } : {}; });

describe("CrossCloudNetwork", () => {
    describe("children", () => {
        const shapes: [string, () => CrossCloudNetworkInput][] = [
            ["an HA VPN", () => network(LinkKind.HaVpn)],
            ["a managed interconnect", () => network(LinkKind.Managed)],
            ["a managed interconnect with a backup", () => withBackup(LinkKind.Managed)],
            ["a dedicated interconnect", () => network(LinkKind.Dedicated)],
            ["a dedicated interconnect with a backup", () => withBackup(LinkKind.Dedicated, TunnelBandwidth.Large)],
        ];
        for (const [what, input] of shapes) {
            it(`declares ${what} as the right components, named after the network and parented to it`, async () => {
                const n = input();
                const plan = await declare(n);
                const net = plan.named("env");
                assert.equal(net.type, T.network);
                assert.equal(plan.byUrn(net.parent!).type, T.stack);
                const expected = [["env-primary", CHILD_TYPE[n.primary.kind]], ...(n.backup ? [["env-backup", T.haVpn]] : [])];
                assert.deepEqual(components(plan, net).map((c) => [c.name, c.type]).sort(), expected.sort());
                // Everything else hangs off one of them, named after it; the children declare no alarms of their own.
                const rest = plan.resources.filter((r) => ![T.stack, T.network].includes(r.type as never) && r.parent !== net.urn);
                assert.ok(rest.every((r) => !ALARM_TYPES.includes(r.type)), "the network watches its links as one");
                assert.ok(rest.length > 0);
                for (const r of rest) {
                    const child = ancestry(plan, r).find((a) => a.parent === net.urn);
                    assert.ok(child && r.name.startsWith(`${child.name}-`), `${r.name} hangs off a child of the network and is named after it`);
                }
            });
        }

        it("gives the backup's BGP peers the backup route priority and the primary's the primary one", async () => {
            const plan = await declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large));
            const priorities = (stem: string) => plan.ofType(T.peer).filter((p) => p.name.startsWith(stem)).map((p) => p.inputs.advertisedRoutePriority);
            assert.deepEqual(priorities("env-primary-"), Array(4).fill(ROUTE_PRIORITY[LinkRole.Primary]));
            assert.deepEqual(priorities("env-backup-"), Array(4).fill(ROUTE_PRIORITY[LinkRole.Backup]));
            assert.ok(ROUTE_PRIORITY[LinkRole.Backup] > ROUTE_PRIORITY[LinkRole.Primary], "lower wins");
            // Both advertise the same prefixes, so the backup carries them only when the primary is gone.
            const ranges = new Set(plan.ofType(T.peer).map((p) => JSON.stringify(p.inputs.advertisedIpRanges)));
            assert.deepEqual([...ranges], [JSON.stringify([{ range: "10.20.0.0/14" }])]);
        });

        it("lands both links on the given Transit Gateway and Cloud Routers, creating neither", async () => {
            const plan = await declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large));
            assert.deepEqual(plan.resources.filter((r) => /TransitGateway:TransitGateway|compute\/router:Router$/.test(r.type)), []);
            const routers = new Set(plan.resources.filter((r) => typeof r.inputs.router === "string").map((r) => r.inputs.router));
            assert.deepEqual([...routers].sort(), ["shared-router-us-central1", "shared-router-us-east4"]);
            assert.deepEqual([...new Set(plan.resources.map((r) => r.inputs.transitGatewayId ?? r.inputs.associatedGatewayId).filter(Boolean))], ["tgw-shared"]);
        });

        it("follows the component's providers down to every cloud resource", async () => {
            const plan = await capture(() => {
                const aws = new AwsProvider("aws-east", { region: "us-east-1" });
                const gcp = new GcpProvider("gcp-transit", { project: "acme-transit" });
                const { name, ...args } = withBackup(LinkKind.Dedicated, TunnelBandwidth.Large);
                new CrossCloudNetwork(name, args as CrossCloudNetworkArgs, { providers: [aws, gcp] });
            });
            const provider = (r: CapturedResource) => r.provider?.split("::").at(-2);
            const byPackage = (pkg: string) => [...new Set(plan.resources.filter((r) => r.custom && r.type.startsWith(`${pkg}:`) && !r.type.startsWith("pulumi:providers")).map(provider))];
            assert.deepEqual(byPackage("aws"), ["aws-east"]);
            assert.deepEqual(byPackage("gcp"), ["gcp-transit"]);
        });

        it("keeps a plain-text activation key secret in the network's own inputs", async () => {
            const managed = await declare(network(LinkKind.Managed, (n) => {
                n.primary.managed = { bandwidth: "10Gbps", initiatedBy: InitiatedBy.Aws, keyHandoff: KeyHandoff.Manual, environmentId: "env-1", activationKey: "PLAIN-KEY" };
            }));
            assert.ok(managed.named("env").secretPaths.includes("primary.managed.activationKey"), String(managed.named("env").secretPaths));
            const texts = managed.resources.filter((r) => r.secretPaths.length === 0).map((r) => JSON.stringify(r.inputs)).join("");
            assert.ok(!texts.includes("PLAIN-KEY"), "no key in a resource without secrets");
        });
    });

    describe("outputs", () => {
        const cases: [string, () => CrossCloudNetworkInput, { slaTier: SlaTier; totalGbps: number; minSurvivingGbps: number; singlePointsOfFailure: string[]; dxGateway: boolean }][] = [
            ["an HA VPN", () => network(LinkKind.HaVpn), { slaTier: SlaTier.ThreeNines, totalGbps: 5, minSurvivingGbps: 0, singlePointsOfFailure: ["region:us-east4", "cloudRouter:shared-router-us-east4"], dxGateway: false }],
            ["a managed interconnect with a backup", () => withBackup(LinkKind.Managed), { slaTier: SlaTier.FourNines, totalGbps: 15, minSurvivingGbps: 0, singlePointsOfFailure: ["region:us-east4"], dxGateway: true }],
            ["a dedicated interconnect with a backup", () => withBackup(LinkKind.Dedicated, TunnelBandwidth.Large), { slaTier: SlaTier.FourNines, totalGbps: 52, minSurvivingGbps: 20, singlePointsOfFailure: [], dxGateway: true }],
        ];
        for (const [what, input, expected] of cases) {
            it(`reports what ${what} earns: tier, total, what survives the worst failure, single points of failure`, async () => {
                const n = input();
                const outputs = (await declare(n)).named("env").outputs;
                const { dxGateway, ...numbers } = expected;
                assert.deepEqual({ slaTier: outputs.slaTier, totalGbps: outputs.totalGbps, minSurvivingGbps: outputs.minSurvivingGbps, singlePointsOfFailure: outputs.singlePointsOfFailure }, numbers);
                assert.deepEqual(outputs.topology as Topology, JSON.parse(JSON.stringify(planCrossCloudNetwork(n).topology)));
                assert.equal(outputs.directConnectGatewayId, dxGateway ? "env-primary-dx-gateway-id" : undefined);
            });
        }

        it("passes on the step a manual key handoff waits for", async () => {
            const outputs = (await declare(network(LinkKind.Managed, (n) => {
                n.primary.managed = { bandwidth: "10Gbps", initiatedBy: InitiatedBy.Aws, keyHandoff: KeyHandoff.Manual, environmentId: "env-1" };
            }))).named("env").outputs;
            assert.match(String(outputs.nextStep), /^Step 1 of 2/);
        });
    });

    describe("arguments that fail", () => {
        const failing: [string, () => CrossCloudNetworkInput, ErrorCode][] = [
            ["a shape short of the SLA", () => network(LinkKind.Dedicated, (n) => { n.primary.dedicated!.sla = "99.9" as never; n.primary.dedicated!.ports = { "iad-1": n.primary.dedicated!.ports["iad-1"], "iad-2": n.primary.dedicated!.ports["iad-2"] }; n.primary.dedicated!.attachments = { "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" } }; n.google.routers = undefined; n.requirement.survivesSingleFailure = false; }), ErrorCode.ShapeBelowSla],
            ["too little bandwidth", () => network(LinkKind.Managed, (n) => { n.requirement.bandwidthGbps = 20; }), ErrorCode.InsufficientBandwidth],
            ["a primary kind without its block", () => network(LinkKind.Managed, (n) => { n.primary.managed = undefined; }), ErrorCode.InvalidArgument],
            ["an HA VPN backup behind an HA VPN", () => withBackup(LinkKind.HaVpn), ErrorCode.Conflict],
            ["a backup pinned onto the primary's sessions", () => network(LinkKind.Dedicated, (n) => {
                n.backup = { slot: planCrossCloudNetwork(network(LinkKind.Dedicated)).primary.dedicated!.attachments[0].slot };
            }), ErrorCode.AddressCollision],
        ];
        for (const [what, input, code] of failing) {
            it(`rejects ${what} with a CrossCloudError and registers nothing`, async () => {
                const { plan, thrown } = await attempt(input());
                assert.ok(thrown instanceof CrossCloudError, String(thrown));
                assert.equal(thrown.code, code, thrown.message);
                assert.deepEqual(plan.resources.map((r) => r.type), [T.stack]);
            });
        }

        it("rejects the capture itself with the CrossCloudError", async () => {
            await assert.rejects(declare(withBackup(LinkKind.HaVpn)), (e) => e instanceof CrossCloudError && e.field === "backup");
        });
    });

    describe("property: through the component under mocks", () => {
        it("declares every network the planner accepts and nothing for one it refuses", async function () {
            this.timeout(60_000);
            let declared = 0;
            await fc.assert(fc.asyncProperty(networkInputs, async (input) => {
                let planned = true;
                try {
                    planCrossCloudNetwork(input);
                } catch {
                    planned = false;
                }
                const { plan, thrown } = await attempt(input);
                if (!planned) {
                    assert.ok(thrown instanceof CrossCloudError, `threw ${String(thrown)} instead of a CrossCloudError`);
                    assert.deepEqual(plan.resources.map((r) => r.type), [T.stack], "registers nothing");
                    return;
                }
                assert.equal(thrown, undefined);
                const net = plan.named(input.name);
                const expected = [`${input.name}-primary`, ...(input.backup ? [`${input.name}-backup`] : [])];
                assert.deepEqual(components(plan, net).map((c) => c.name).sort(), expected.sort());
                assert.equal(plan.named(`${input.name}-primary`).type, CHILD_TYPE[input.primary.kind]);
                assert.ok(plan.resources.some((r) => r.custom && ancestry(plan, r).includes(net)), "cloud resources under the network");
                declared++;
            }), { numRuns: 200 });
            assert.ok(declared >= 15, `only ${declared} networks declared`);
        });
    });
});
