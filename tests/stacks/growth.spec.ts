import * as assert from "node:assert/strict";
import * as ipaddr from "ipaddr.js";
import { AddressFamily } from "../../sdk/addressFamily";
import { Prefix } from "../../sdk/prefix";
import { SlaTier, Topology } from "../../sdk/topology";
import { CapturedResource, Plan } from "../../offline";
import { ALARM_TYPES, comparedInputs, REPLACED_WHEN_CHANGED, replacements } from "./replacements";
import { ENVIRONMENTS, planStack, readyConfig, stackConfig } from "../../bench/workloads/estate";
import { CrossCloudError, ErrorCode } from "@crosscloud/interconnect";
import { Estate, extension, ofExtension, qaConfig } from "./estateModel";

/** Any CIDR as written on a resource, as the network it names. */
function network(cidr: string): Prefix {
    const [address, bits] = ipaddr.parseCIDR(cidr);
    const value = address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
    return Prefix.from(value, bits, address.kind() === "ipv6" ? AddressFamily.Ipv6 : AddressFamily.Ipv4);
}

const sessions = (plan: Plan) => (plan.outputs.topology as Topology).sessions.filter((s) => s.insideCidr !== undefined).map((s) => network(s.insideCidr!));
const names = (plan: Plan) => new Set(plan.resources.map((r) => r.name));

type Config = Record<string, unknown>;

/** The shared layer's config with a fourth environment, qa: block 4 and its own Direct Connect gateway ASN. */
function sharedWithQa(): Config {
    const environments = structuredClone(stackConfig("shared")["crosscloud:environments"]) as Config;
    return stackConfig("shared", { "crosscloud:environments": { ...environments, qa: { block: 4, directConnectGatewayAsn: 64604 } } });
}

/** qa: dev's shape, an HA VPN on the same shared Cloud Router, with its own prefixes. */
function qa(): Config {
    return stackConfig("dev", {
        "crosscloud:network": {
            requirement: { bandwidthGbps: 2, sla: "99.9", survivesSingleFailure: false },
            prefixes: { aws: ["10.3.0.0/16"], google: ["10.103.0.0/16"] },
            primary: { kind: "ha-vpn", haVpn: { tunnelBandwidth: "standard" } },
        },
    });
}

/**
 * prod (its ports ready) with a new port pair in iad, one per edge domain, at a third AWS location,
 * carrying a fifth and a sixth attachment: the four 10 Gbps ports are full, so a second attachment on
 * iad-1 would not fit.
 */
function prodWithMorePorts(): Config {
    const config = readyConfig("prod");
    const net = structuredClone(config["crosscloud:network"]) as { primary: { dedicated: { ports: Config; attachments: Config } } };
    net.primary.dedicated.ports["iad-3"] = { location: "iad-zone1-2", remoteLocation: "aws-eqdc6", awsLocation: "EqDC6", ready: true };
    net.primary.dedicated.ports["iad-4"] = { location: "iad-zone2-2", remoteLocation: "aws-eqdc6", awsLocation: "EqDC6", ready: true };
    net.primary.dedicated.attachments["east-c"] = { port: "iad-3", bandwidth: "5Gbps" };
    net.primary.dedicated.attachments["east-d"] = { port: "iad-4", bandwidth: "5Gbps" };
    return { ...config, "crosscloud:network": net };
}

describe("growing the estate", () => {
    const was: Record<string, Plan> = {};
    const now: Record<string, Plan> = {};

    before(async function () {
        this.timeout(60_000);
        was.shared = await planStack("shared");
        for (const env of ENVIRONMENTS) was[env] = await planStack(env, { shared: was.shared.outputs, config: readyConfig(env) });

        // Each stack reads back what its last update exported: the shared layer its routers and blocks, an environment its address ledger.
        now.shared = await planStack("shared", { config: sharedWithQa(), own: was.shared.outputs });
        for (const env of ["dev", "staging"]) now[env] = await planStack(env, { shared: now.shared.outputs, own: was[env].outputs });
        now.prod = await planStack("prod", { shared: now.shared.outputs, config: prodWithMorePorts(), own: was.prod.outputs });
        now.qa = await planStack("qa", { shared: now.shared.outputs, config: qa() });
    });

    it("grows: a fourth environment in the shared layer, two attachments on a new port pair in prod, and qa's tunnels", () => {
        assert.deepEqual((now.shared.outputs.environments as Config).qa, { linkLocalBlock: "169.254.128.0/19", linkLocalBlockIpv6: "fdff:1:0:0:8000::/67", directConnectGatewayAsn: 64604 });
        const added = [...names(now.prod)].filter((n) => !names(was.prod).has(n));
        for (const stem of ["prod-primary-port-iad-3", "prod-primary-port-iad-4", "prod-primary-attachment-east-c", "prod-primary-attachment-east-d", "prod-primary-vif-east-d", "prod-primary-peer-east-c"]) {
            assert.ok(added.includes(stem), `${stem} is added`);
        }
        assert.deepEqual([now.prod.outputs.totalGbps, now.prod.outputs.slaTier], [62, SlaTier.FourNines]);
        // An HA VPN earns the 99.9% tier end to end: AWS grants each VPN connection 99.95%.
        assert.deepEqual([now.qa.ofType("gcp:compute/vPNTunnel:VPNTunnel").length, now.qa.outputs.slaTier], [4, SlaTier.ThreeNines]);
    });

    for (const stack of ["shared", ...ENVIRONMENTS]) {
        it(`keeps every resource of ${stack}, under the same URN, with every replacement-forcing input and its protection unchanged`, () => {
            assert.deepEqual(replacements(was[stack], now[stack]), []);
        });
    }

    it("compares real values: every custom resource type has its row, and every resource sets inputs the row names", () => {
        const plans = [...Object.values(was), ...Object.values(now)];
        const types = new Set(plans.flatMap((p) => p.resources.filter((r) => r.custom).map((r) => r.type)));
        assert.deepEqual([...types].filter((t) => !(t in REPLACED_WHEN_CHANGED)), [], "types without a row");
        for (const plan of plans) {
            const compared = new Set(comparedInputs(plan).map((c) => c.split(".")[0]));
            const bare = plan.resources.filter((r: CapturedResource) => r.custom && REPLACED_WHEN_CHANGED[r.type]?.length && !compared.has(r.name));
            assert.deepEqual(bare.map((r) => r.name), [], "resources none of whose replacement-forcing inputs is set");
        }
        // What the issue names in particular.
        const prod = comparedInputs(was.prod);
        for (const field of [
            "prod-backup-vpn-0.tunnel1InsideCidr", "prod-backup-interface-0.ipRange", "prod-primary-attachment-east-a.candidateSubnets",
            "prod-primary-attachment-east-a.candidateCloudRouterIpAddress", "prod-backup-psk-0.length", "prod-primary-md5-east-a.length",
            "prod-primary-vif-east-a.vlan", "prod-backup-vpn-0.transitGatewayId", "prod-primary-vif-east-a.dxGatewayId", "prod-backup-gateway.network",
            "prod-backup-tunnel-0.router", "prod-backup-cgw-0.ipAddress", "prod-backup-cgw-0.bgpAsn", "prod-primary-lag-iad-1.location",
            "prod-primary-lag-iad-1.connectionsBandwidth", "prod-primary-port-iad-1.location",
        ]) {
            assert.ok(prod.includes(field), field);
        }
        assert.ok(comparedInputs(was.staging).includes("staging-primary-connection.activationKey"));
    });

    it("gives qa addresses in its own block that meet no other environment's", () => {
        const qaBlock = network("169.254.128.0/19");
        assert.ok(sessions(now.qa).every((s) => qaBlock.contains(s)));
        for (const env of ENVIRONMENTS) {
            for (const s of sessions(now[env])) assert.ok(!qaBlock.overlaps(s), `${env} ${s}`);
        }
        const routers = new Set(now.qa.ofType("gcp:compute/vPNTunnel:VPNTunnel").map((t) => t.inputs.router));
        assert.deepEqual([...routers], ["shared-router-us-east4"], "on the router dev and prod's backup use");
    });

    it("would see a replacement: the comparison fails when a forcing input moves", () => {
        const subnet = (was.prod.named("prod-primary-attachment-east-a").inputs.candidateSubnets as string[])[0];
        const moved = new Plan(was.prod.resources.map((r) => (r.name === "prod-primary-attachment-east-a" ? { ...r, inputs: { ...r.inputs, candidateSubnets: ["169.254.100.0/29"] } } : r)), was.prod.outputs);
        assert.deepEqual(replacements(was.prod, moved), [`prod-primary-attachment-east-a.candidateSubnets: ["${subnet}"] → ["169.254.100.0/29"]`]);
        const gone = new Plan(was.prod.resources.filter((r) => r.name !== "prod-backup-psk-3"), was.prod.outputs);
        assert.match(replacements(was.prod, gone).join(), /prod-backup-psk-3 is gone/);
    });
});

/** The CrossCloudError a plan fails with (the estate loads the package's build, whose class this is). */
async function refusal(plan: Promise<unknown>): Promise<CrossCloudError> {
    try {
        await plan;
    } catch (e) {
        assert.ok(e instanceof CrossCloudError, String(e));
        assert.ok(e.field && e.rule && e.fix, e.message);
        return e;
    }
    return assert.fail("the plan went through");
}

const attachmentRouters = (plan: Plan) => Object.fromEntries(plan.ofType("gcp:compute/interconnectAttachment:InterconnectAttachment").map((a) => [a.name, a.inputs.router]));
const subnets = (plan: Plan) => Object.fromEntries(plan.ofType("gcp:compute/interconnectAttachment:InterconnectAttachment").map((a) => [a.name, a.inputs.candidateSubnets]));

describe("growth that would replace something", () => {
    async function deployed(...stacks: string[]): Promise<Estate> {
        const estate = new Estate();
        for (const stack of ["shared", ...stacks]) await estate.up(stack);
        return estate;
    }

    it("keeps prod's own Cloud Router, and every attachment on it, when the shared layer adds a router in that region", async () => {
        // The case: a port pair landed where the shared layer had no router, so prod made its own.
        const estate = await deployed("prod");
        estate.editNetwork("prod", (n) => Object.assign(n.primary.dedicated!.ports, extension(1, "iad", "us-east1").ports));
        estate.editNetwork("prod", (n) => Object.assign(n.primary.dedicated!.attachments, extension(1, "iad", "us-east1").attachments));
        const own = await estate.up("prod");
        assert.deepEqual([attachmentRouters(own)["prod-primary-attachment-x1-a"], own.named("prod-primary-router-us-east1").inputs.region], ["prod-primary-router-us-east1", "us-east1"]);

        estate.edit("shared", (c) => { (c["crosscloud:routers"] as Record<string, number>)["us-east1"] = 65030; });
        await estate.up("shared");
        // Estate.up asserts that nothing prod has is replaced or deleted.
        const after = await estate.up("prod");
        assert.equal(attachmentRouters(after)["prod-primary-attachment-x1-b"], "prod-primary-router-us-east1");

        // Moving them onto the shared router is a replacement, made on purpose by listing their keys.
        estate.edit("prod", (c) => { c["crosscloud:allowReplacement"] = ["prod-primary/x1-a", "prod-primary/x1-b"]; });
        const moved = await estate.plan("prod");
        assert.deepEqual([attachmentRouters(moved)["prod-primary-attachment-x1-a"], moved.resources.some((r) => r.name === "prod-primary-router-us-east1")], ["shared-router-us-east1", false]);
        assert.deepEqual(subnets(moved)["prod-primary-attachment-x1-a"], subnets(after)["prod-primary-attachment-x1-a"], "the addresses stay");
    });

    it("refuses to move an attachment to another region's router, saying what that replaces, until its key is allowed", async () => {
        const estate = await deployed("prod");
        estate.editNetwork("prod", (n) => { n.primary.dedicated!.attachments["east-a"].region = "us-central1"; });
        const e = await refusal(estate.plan("prod"));
        assert.deepEqual([e.code, e.field], [ErrorCode.ReplacementRefused, 'primary.dedicated.attachments["east-a"].region']);
        assert.match(e.rule, /link "prod-primary\/east-a" is deployed: its router is "shared-router-us-east4"/);
        assert.match(e.rule, /replaces the attachment prod-primary-attachment-east-a, its router interface and BGP peer, and the transit VIF prod-primary-vif-east-a/);
        assert.match(e.fix, /add "prod-primary\/east-a" to the address ledger's allowReplacement/);
        estate.edit("prod", (c) => { c["crosscloud:allowReplacement"] = ["prod-primary/east-a"]; });
        assert.equal(attachmentRouters(await estate.plan("prod"))["prod-primary-attachment-east-a"], "shared-router-us-central1");
    });

    it("after a failed update that recorded its ledger, a retry with more links moves nothing the failed one created", async () => {
        const estate = await deployed("prod");
        const add = (k: number, metro: string, region: string) => estate.editNetwork("prod", (n) => {
            Object.assign(n.primary.dedicated!.ports, extension(k, metro, region).ports);
            Object.assign(n.primary.dedicated!.attachments, extension(k, metro, region).attachments);
        });
        add(1, "iad", "us-east4");
        // The update creates the first port pair's Google side, then fails.
        const failed = await estate.up("prod", { fails: (name) => /-(port|attachment|interface|peer)-x1-/.test(name) });
        add(2, "ord", "us-central1");
        // Estate.up compares with what exists, the failed update's attachments included.
        const retry = await estate.up("prod");
        for (const name of ["prod-primary-attachment-x1-a", "prod-primary-attachment-x1-b"]) assert.deepEqual(subnets(retry)[name], subnets(failed)[name], name);
        estate.assertNoOverlap();
    });

    it("after a failed update whose outputs were lost, the unchanged retry plans the same addresses", async () => {
        const estate = await deployed("prod");
        estate.editNetwork("prod", (n) => {
            Object.assign(n.primary.dedicated!.ports, { ...extension(1, "iad", "us-east4").ports, ...extension(2, "ord", "us-central1").ports });
            Object.assign(n.primary.dedicated!.attachments, { ...extension(1, "iad", "us-east4").attachments, ...extension(2, "ord", "us-central1").attachments });
        });
        // The ledger stays the last good update's: planning twice from it gives the same plan.
        const [first, again] = [await estate.plan("prod"), await estate.plan("prod")];
        assert.deepEqual(subnets(again), subnets(first));
        assert.deepEqual(again.outputs.addressLedger, first.outputs.addressLedger);
    });

    describe("the shared layer changing what environments are built on", () => {
        const changes: [string, (c: Config) => void, string, string][] = [
            // [comment, change, refused field, opt-in id]
            ["a router's ASN", (c) => { (c["crosscloud:routers"] as Record<string, number>)["us-east4"] = 65011; }, "crosscloud:routers.us-east4", "routers.us-east4"],
            ["a router removed", (c) => {
                delete (c["crosscloud:routers"] as Record<string, number>)["us-central1"];
                delete (c["crosscloud:routerIdentifierRanges"] as Record<string, string>)["us-central1"];
            }, "crosscloud:routers.us-central1", "routers.us-central1"],
            ["an environment's block", (c) => { (c["crosscloud:environments"] as Record<string, { block: number }>).prod.block = 5; }, "crosscloud:environments.prod.block", "environments.prod"],
            ["an environment's Direct Connect gateway ASN", (c) => { (c["crosscloud:environments"] as Record<string, { directConnectGatewayAsn: number }>).prod.directConnectGatewayAsn = 64613; }, "crosscloud:environments.prod.directConnectGatewayAsn", "environments.prod"],
            ["the Transit Gateway's ASN", (c) => { c["crosscloud:transitGatewayAsn"] = 64513; }, "crosscloud:transitGatewayAsn", "transitGatewayAsn"],
        ];
        for (const [comment, change, field, id] of changes) {
            it(`refuses ${comment} in the shared layer; forced through, prod refuses to replace what it built on it`, async () => {
                const estate = await deployed("dev", "prod");
                estate.edit("shared", change);
                const e = await refusal(estate.plan("shared"));
                assert.deepEqual([e.code, e.field], [ErrorCode.ReplacementRefused, field]);
                assert.match(e.fix, new RegExp(`add "${id}" to crosscloud:allowReplacement`));

                estate.edit("shared", (c) => { c["crosscloud:allowReplacement"] = [id]; });
                await estate.up("shared", { replacing: true });
                if (id === "transitGatewayAsn") return; // environments take the Transit Gateway by id: replacing it is the shared layer's to refuse
                const refused = await refusal(estate.plan("prod"));
                assert.equal(refused.code, ErrorCode.ReplacementRefused, refused.message);
            });
        }

        it("adds a router and an environment without touching any environment", async () => {
            const estate = await deployed("dev", "staging", "prod");
            estate.edit("shared", (c) => {
                (c["crosscloud:routers"] as Record<string, number>)["us-west1"] = 65040;
                (c["crosscloud:environments"] as Record<string, unknown>).qa = { block: 4, directConnectGatewayAsn: 64604 };
            });
            await estate.up("shared");
            for (const env of ["dev", "staging", "prod"]) await estate.up(env);
            estate.configs.set("qa", qaConfig());
            await estate.up("qa");
            estate.assertNoOverlap();
        });
    });

    it("moves prod's backup VPN to staging and back: prod retires its addresses, staging places it in its own block, and it comes home to the same ones", async () => {
        const estate = await deployed("staging", "prod");
        const backup = estate.network("prod").backup;
        const prodBackup = (plan: Plan) => plan.ofType("aws:ec2/vpnConnection:VpnConnection").map((v) => v.inputs.tunnel1InsideCidr);
        const was = prodBackup(estate.deployed.get("prod")!.plan);
        estate.editNetwork("prod", (n) => { delete n.backup; });
        estate.editNetwork("staging", (n) => { n.backup = backup; });
        const prod = await estate.up("prod", { removed: (name) => name.startsWith("prod-backup") });
        await estate.up("staging");
        assert.deepEqual(Object.keys((prod.outputs.addressLedger as { retired: object }).retired), ["prod-backup"]);
        estate.assertNoOverlap();
        estate.editNetwork("staging", (n) => { delete n.backup; });
        estate.editNetwork("prod", (n) => { n.backup = backup; });
        await estate.up("staging", { removed: (name) => name.startsWith("staging-backup") });
        assert.deepEqual(prodBackup(await estate.up("prod")), was);
    });

    it("plans nothing new when prod's attachments are written in another order", async () => {
        const estate = await deployed("prod");
        estate.editNetwork("prod", (n) => {
            n.primary.dedicated!.attachments = Object.fromEntries(Object.entries(n.primary.dedicated!.attachments).reverse());
        });
        const again = await estate.up("prod");
        assert.deepEqual(subnets(again), subnets(estate.deployed.get("prod")!.plan));
    });

    it("names the removed extension's resources, and only those, as deleted", () => {
        assert.ok(ofExtension(3)("prod-primary-lag-x3-1"));
        assert.ok(ofExtension(3)("prod-primary-connection-x3-2-1"));
        assert.ok(ofExtension(3)("prod-primary-md5-x3-b"));
        assert.ok(!ofExtension(3)("prod-primary-attachment-x33-a"));
        assert.ok(!ofExtension(3)("prod-primary-attachment-east-a"));
    });
});
/** prod's committed config with the named ports set ready: a port moving on from its first stage. */
function prodWithReady(...ready: string[]): Config {
    const config = stackConfig("prod");
    const net = structuredClone(config["crosscloud:network"]) as { primary: { dedicated: { ports: Record<string, Config> } } };
    for (const key of ready) net.primary.dedicated.ports[key].ready = true;
    return { ...config, "crosscloud:network": net };
}

describe("a port moving from ordered to ready", () => {
    const plans: Plan[] = [];

    before(async function () {
        this.timeout(60_000);
        const shared = await planStack("shared");
        for (const ready of [[], ["iad-1"], ["iad-1", "ord-1"]]) plans.push(await planStack("prod", { shared: shared.outputs, config: prodWithReady(...ready) }));
    });

    it("adds exactly that port's links and the SLA groups, and keeps every other resource under the same URN with every forcing input", () => {
        const [ordered, one] = plans;
        const added = [...names(one)].filter((n) => !names(ordered).has(n)).sort();
        assert.deepEqual(added, [
            // Its alarms: the port's on both clouds and its early warnings; Google now counts two bandwidths for the capacity.
            "prod-alarm-errors-prod-primary-port-iad-1", "prod-alarm-port-prod-primary-port-iad-1", "prod-alert-capacity-1",
            "prod-alert-light-prod-primary-port-iad-1", "prod-alert-port-prod-primary-port-iad-1",
            "prod-primary-attachment-east-a", "prod-primary-attachment-group", "prod-primary-interconnect-group", "prod-primary-interface-east-a",
            "prod-primary-md5-east-a", "prod-primary-peer-east-a", "prod-primary-vif-east-a",
        ]);
        assert.deepEqual(replacements(ordered, one), []);
        // Nothing else changes at all: the other ports, their LAGs, the gateway and the backup keep every input. The
        // alarms change in place: what survives each failure, and so its severity, follows the links that are ready.
        for (const r of ordered.resources.filter((x) => x.custom && !ALARM_TYPES.includes(x.type))) assert.deepEqual(one.resources.find((x) => x.urn === r.urn)?.inputs, r.inputs, r.name);
    });

    it("moves the next port on the same way, the groups taking it in place", () => {
        const [, one, two] = plans;
        const added = [...names(two)].filter((n) => !names(one).has(n)).sort();
        assert.deepEqual(added, [
            "prod-alarm-errors-prod-primary-port-ord-1", "prod-alarm-port-prod-primary-port-ord-1", "prod-alert-light-prod-primary-port-ord-1",
            "prod-alert-port-prod-primary-port-ord-1", "prod-alert-routes-us-central1",
            "prod-primary-attachment-central-a", "prod-primary-interface-central-a", "prod-primary-md5-central-a", "prod-primary-peer-central-a", "prod-primary-vif-central-a",
        ]);
        assert.deepEqual(replacements(one, two), []);
        const members = (plan: Plan) => (plan.named("prod-primary-interconnect-group").inputs.interconnects as { name: string }[]).map((i) => i.name);
        assert.deepEqual([members(one), members(two)], [["iad-1"], ["iad-1", "ord-1"]]);
        // The ordered port's /29 was planned from the start: readiness does not move it.
        assert.deepEqual((two.outputs.topology as Topology).sessions.find((x) => x.id === "prod-primary-peer-east-a"), (one.outputs.topology as Topology).sessions.find((x) => x.id === "prod-primary-peer-east-a"));
    });

    it("shows each link's stage in the topology, and what comes next for the ports still ordered", () => {
        const [ordered, one] = plans;
        const stages = (plan: Plan) => (plan.outputs.topology as Topology).links.filter((l) => l.group === "prod-primary").map((l) => `${l.id}:${l.stage}`);
        assert.deepEqual(stages(one), [
            "prod-primary-attachment-central-a:ordered", "prod-primary-attachment-central-b:ordered", "prod-primary-attachment-east-a:ready", "prod-primary-attachment-east-b:ordered",
        ]);
        assert.match(String(ordered.outputs.nextStep), /Port iad-1 is ordered/);
        assert.doesNotMatch(String(one.outputs.nextStep), /Port iad-1 is ordered/);
    });
});
