import * as assert from "node:assert/strict";
import { StackValidationPolicy } from "@pulumi/policy";
import { join } from "node:path";
import { evaluatePolicyPack, StackRecord } from "../../policy/evaluate";
import { loadPolicyConfig } from "../../policy/packConfig";
import { extractStack, StackModel, stackModel } from "../../policy/extract";
import { StackResource } from "../../policy/extract/stackResource";
import { LinkKind, LinkRole } from "../../sdk";
import { addDedicated, addHaVpn, addManaged, PORTS_999, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const PROD = join(__dirname, "../../policy/config/prod.json");

function model(stack: StackBuilder | StackRecord[]): StackModel {
    const records = stack instanceof StackBuilder ? stack.records : stack;
    return extractStack(records.map((r): StackResource => ({ type: r.type, urn: r.urn, name: r.name, props: r.props!, parent: r.parent, dependencies: r.dependencies ?? [] })));
}

/** The model a stack policy builds, from records the evaluator hands over as the engine would. */
function modelAsServed(records: StackRecord[], unknown?: string): StackModel {
    let seen: StackModel | undefined;
    const probe: StackValidationPolicy = { name: "probe", description: "d", validateStack: (args) => { seen = stackModel(args.resources); } };
    evaluatePolicyPack(records, {}, { policies: [probe], ...(unknown !== undefined && { unknown }) });
    return seen!;
}

describe("topology extraction", () => {
    it("rebuilds an HA VPN: four tunnels on two interfaces and two AWS connections, a BGP session each", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        const { topology, haVpns } = model(s);
        assert.deepEqual(topology.groups, [{ id: "vpn-gateway", kind: LinkKind.HaVpn, role: LinkRole.Primary, fourIpsRedundancy: true }]);
        assert.deepEqual(topology.links.map((l) => [l.id, l.mbps, l.domains.vpnInterface, l.domains.awsVpnConnection, l.aws, l.gcp]), [
            ["vpn-tunnel-0", 1250, "vpn-gateway/0", "vpn-vpn-0", "vpn-tgw", "vpn-router"],
            ["vpn-tunnel-1", 1250, "vpn-gateway/0", "vpn-vpn-0", "vpn-tgw", "vpn-router"],
            ["vpn-tunnel-2", 1250, "vpn-gateway/1", "vpn-vpn-1", "vpn-tgw", "vpn-router"],
            ["vpn-tunnel-3", 1250, "vpn-gateway/1", "vpn-vpn-1", "vpn-tgw", "vpn-router"],
        ]);
        assert.deepEqual(haVpns[0].tunnels.map((t) => t.awsTunnel), [1, 2, 1, 2]);
        assert.deepEqual(topology.sessions[0], {
            id: "vpn-bgp-0", link: "vpn-tunnel-0", gcpAsn: 65010, awsAsn: 64512, insideCidr: "169.254.10.0/30",
            gcpAddress: "169.254.10.2", awsAddress: "169.254.10.1", routePriority: 100, md5: false, bfd: false, enabled: true,
        });
    });

    it("rebuilds a dedicated interconnect: port, device, metro and edge domain from the location name, region, router", () => {
        const s = new StackBuilder();
        addDedicated(s, "ded", { ports: PORTS_999 });
        const { topology } = model(s);
        assert.deepEqual(topology.groups, [{ id: "dedicated", kind: LinkKind.Dedicated, role: LinkRole.Primary, globalRouting: true }]);
        assert.deepEqual(topology.links.map((l) => l.domains), [
            { port: "ded-port-0", awsDevice: "EqDC2-device-0", awsLocation: "EqDC2", metro: "iad", edgeDomain: "iad-zone1", region: "us-east4", cloudRouter: "ded-router-us-east4" },
            { port: "ded-port-1", awsDevice: "CSVA1-device-1", awsLocation: "CSVA1", metro: "iad", edgeDomain: "iad-zone2", region: "us-east4", cloudRouter: "ded-router-us-east4" },
        ]);
        assert.deepEqual(topology.sessions.map((x) => [x.md5, x.bfd, x.awsAsn, x.insideCidr]), [[true, true, 64601, "169.254.20.0/29"], [true, true, 64601, "169.254.20.8/29"]]);
        // Before the VIF exists AWS has not said which device it is on; its LAG stands for it.
        assert.equal(model(s.unset("ded-vif-0", "awsDevice")).topology.links[0].domains.awsDevice, "ded-lag-0");
        // A location outside Google's naming scheme is its own metro and domain.
        assert.deepEqual(model(s.set("ded-port-1", { location: "odd-place" })).topology.links[1].domains.edgeDomain, "odd-place");
    });

    it("pairs managed halves by activation key, by dependency, or by elimination", () => {
        const s = new StackBuilder();
        addManaged(s, "a");
        addManaged(s, "b");
        const pairs = (m: StackModel) => m.managed.map((v) => [v.transport?.name, v.connection?.name, v.dxGateway?.name]);
        assert.deepEqual(pairs(model(s)), [["a-transport", "a-connection", "a-dxgw"], ["b-transport", "b-connection", "b-dxgw"]]);
        s.unset("a-connection", "activationKey").unset("b-connection", "activationKey");
        s.get("b-connection").dependencies = [s.urn("b-transport")];
        assert.deepEqual(pairs(model(s)), [["a-transport", "a-connection", "a-dxgw"], ["b-transport", "b-connection", "b-dxgw"]]);
        assert.deepEqual(model(s).topology.links.map((l) => [l.id, l.mbps, l.domains]), [
            ["a-transport", 10000, { managedConnection: "a-connection", region: "us-east4" }],
            ["b-transport", 10000, { managedConnection: "b-connection", region: "us-east4" }],
        ]);
    });

    it("resolves references written as ids, self links, Google paths or names", () => {
        const styles = {
            id: "vpn-gateway-id",
            selfLink: "https://www.googleapis.com/compute/v1/projects/acme/regions/us-east4/vpnGateways/vpn-gateway",
            path: "projects/acme/regions/us-east4/vpnGateways/vpn-gateway",
            name: "vpn-gateway",
        };
        for (const [style, reference] of Object.entries(styles)) {
            const s = new StackBuilder();
            addHaVpn(s);
            for (const i of [0, 1, 2, 3]) s.set(`vpn-tunnel-${i}`, { vpnGateway: reference });
            assert.ok(model(s).haVpns[0].tunnels.every((t) => t.gateway?.name === "vpn-gateway"), style);
        }
    });

    it("never reads a component's own account of itself", () => {
        const s = new StackBuilder();
        s.add("interconnect:index:HaVpn", "vpn", { topology: { groups: [{ id: "vpn", kind: "ha-vpn", role: "primary", fourIpsRedundancy: true }], links: [] } });
        addHaVpn(s, "vpn", { parent: "vpn" });
        s.remove("vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3");
        const m = model(s);
        assert.equal(m.topology.links.length, 3);
        assert.equal(m.groupSource.get("vpn-gateway")?.name, "vpn-gateway");
    });

    it("groups links by the component that declared them, and makes a VPN beside an interconnect its backup", () => {
        const s = new StackBuilder();
        s.add("interconnect:index:CrossCloudNetwork", "prod", {});
        addDedicated(s, "ded", { parent: "prod" });
        addHaVpn(s, "vpn", { parent: "prod", priority: 10000 });
        const { topology, groupSource } = model(s);
        assert.deepEqual(topology.groups.map((g) => [g.id, g.kind, g.role]), [["vpn-gateway", "ha-vpn", "backup"], ["prod", "dedicated", "primary"]]);
        assert.equal(groupSource.get("prod")?.name, "prod");
        assert.ok(topology.links.filter((l) => l.kind === LinkKind.HaVpn).every((l) => l.role === LinkRole.Backup));
    });

    it("keeps link ids unique when resources of different types share a name", () => {
        const s = new StackBuilder();
        addManaged(s, "x");
        const twin: StackRecord = { type: "aws-native:interconnect:Connection", urn: "urn:twin", name: "x-transport", props: { attachPoint: { directConnectGateway: "x-dxgw-id" } } };
        const ids = model([...s.records, twin]).topology.links.map((l) => l.id);
        assert.deepEqual(ids, ["x-transport", "urn:twin"]);
        assert.equal(new Set(ids).size, ids.length);
    });

    it("still wires a preview, whose outputs are unknown, through the data flow", () => {
        const s = productionStack();
        for (const n of [0, 1]) {
            for (const field of ["tunnel1Address", "tunnel2Address", "tunnel1PresharedKey", "tunnel2PresharedKey", "tunnel1InsideCidr", "tunnel2InsideCidr", "tunnel1VgwInsideAddress", "tunnel2VgwInsideAddress", "id"]) {
                s.set(`vpn-vpn-${n}`, { [field]: "[unknown]" });
            }
        }
        for (const i of [0, 1, 2, 3]) s.set(`vpn-tunnel-${i}`, { sharedSecret: "[unknown]" }).set(`vpn-interface-${i}`, { ipRange: "[unknown]" }).set(`vpn-bgp-${i}`, { peerIpAddress: "[unknown]" });
        s.set("vpn-peer-gateway", { interfaces: [0, 1, 2, 3].map((id) => ({ id, ipAddress: "[unknown]" })) });
        s.set("ded-vif-0", { bgpAuthKey: "[unknown]", awsDevice: "[unknown]" });
        const m = modelAsServed(s.records, "[unknown]");
        // Which of a connection's two tunnels each one is cannot be known yet; which connection can.
        assert.deepEqual(m.haVpns[0].tunnels.map((t) => [t.awsConnection?.name, t.awsTunnel]), [["vpn-vpn-0", undefined], ["vpn-vpn-0", undefined], ["vpn-vpn-1", undefined], ["vpn-vpn-1", undefined]]);
        assert.ok(m.attachments[0].vif?.unknown?.has("bgpAuthKey"));
        assert.ok(m.haVpns[0].tunnels[0].externalGateway?.unknown?.has("interfaces.0.ipAddress"));
        assert.deepEqual(evaluatePolicyPack(s.records, loadPolicyConfig(PROD), { unknown: "[unknown]" }).violations, []);
    });
});
