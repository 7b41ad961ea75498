import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, addManaged, PORTS_999, PORTS_9999, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "sla-shape";
const FOUR_NINES = { [POLICY]: { target: "99.99" } };

function dedicated(options: Parameters<typeof addDedicated>[2] = {}): StackBuilder {
    const s = new StackBuilder();
    addDedicated(s, "ded", options);
    return s;
}

describe("policy sla-shape", () => {
    it("passes the production estate at 99.99%: dedicated 2 metros × 2 edge domains, a managed link, a VPN backup", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY, FOUR_NINES), []);
    });

    it("reports a 99.9% dedicated shape against a 99.99% target, naming what is missing", () => {
        const s = dedicated({ ports: PORTS_999 });
        assertViolations(violationsOf(s, POLICY, FOUR_NINES), [{
            message: /Dedicated interconnect group dedicated earns 99\.9%, short of the 99\.99% target: Google: 99\.99% needs ports in 2 metros × 2 edge availability domains; found 2 ports: iad \(iad-zone1, iad-zone2\); Google: 99\.99% needs attachments in 2 regions; found 1 \(us-east4\).*/,
            at: s.urn("ded-attachment-0"),
        }]);
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { target: "99.9" } }), []);
    });

    it("reports two ports in one edge domain as no SLA at all", () => {
        const s = dedicated({ ports: [PORTS_999[0], { ...PORTS_999[1], location: "iad-zone1-4" }] });
        assertViolations(violationsOf(s, POLICY), [
            { message: /earns no SLA, short of the 99\.9% target: Google: 99\.9% needs 2 ports in one metro on distinct edge availability domains; found 2 ports: iad \(iad-zone1\)/ },
        ]);
    });

    it("grades AWS's half by Direct Connect locations and devices: two LAGs in one location earn no SLA, one LAG at each of four earn 99.9%", () => {
        // Google's half is a clean 99.9%; AWS's single-location model carries none.
        const oneLocation = dedicated({ ports: PORTS_999.map((p) => ({ ...p, awsLocation: "EqDC2" })) });
        assertViolations(violationsOf(oneLocation, POLICY), [
            { message: /earns no SLA, short of the 99\.9% target: .*AWS: 99\.9% needs connections at 2 or more Direct Connect locations; found EqDC2 \(EqDC2-device-0, EqDC2-device-1\)/ },
        ]);
        // Google's 99.99% shape on four locations, one LAG each: AWS's High model, 99.9%.
        const fourLocations = dedicated({ ports: PORTS_9999.map((p, i) => ({ ...p, awsLocation: `loc${i}` })) });
        assertViolations(violationsOf(fourLocations, POLICY, FOUR_NINES), [
            { message: /earns 99\.9%, short of the 99\.99% target: AWS: 99\.99% needs connections on 2 distinct devices \(a LAG is one connection\) at each of 2 or more Direct Connect locations/ },
        ]);
    });

    it("reports an HA VPN primary short of 99.99% on AWS's half: AWS grants each VPN connection 99.95%", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        assertViolations(violationsOf(s, POLICY, FOUR_NINES), [
            { message: /HA VPN group vpn-gateway earns 99\.9%, short of the 99\.99% target: AWS: it commits 99\.95% to each Site-to-Site VPN connection/ },
        ]);
        assert.deepEqual(violationsOf(s, POLICY), []);
    });

    it("reads global routing from the VPC, or from the config when the VPC lives in another stack", () => {
        assertViolations(violationsOf(dedicated({ routingMode: "REGIONAL" }), POLICY, FOUR_NINES), [
            { message: /99\.99% needs the VPC's dynamic routing mode to be GLOBAL/ },
        ]);
        const shared = dedicated().remove("ded-vpc");
        assert.equal(violationsOf(shared, POLICY, FOUR_NINES).length, 1);
        assert.deepEqual(violationsOf(shared, POLICY, { [POLICY]: { target: "99.99", assumeGlobalRouting: true } }), []);
    });

    it("judges dedicated groups together, as the providers do", () => {
        const s = new StackBuilder();
        s.add("interconnect:index:DedicatedInterconnect", "east", {});
        s.add("interconnect:index:DedicatedInterconnect", "west", {});
        addDedicated(s, "east", { ports: PORTS_9999.slice(0, 2), parent: "east", block: 20 });
        addDedicated(s, "west", { ports: PORTS_9999.slice(2), parent: "west", block: 30 });
        assert.deepEqual(violationsOf(s, POLICY, FOUR_NINES), []);
    });

    it("understands a managed interconnect's single link as 99.99%, unless its profile is HIGH", () => {
        const s = new StackBuilder();
        addManaged(s);
        assert.deepEqual(violationsOf(s, POLICY, FOUR_NINES), []);
        assertViolations(violationsOf(s, POLICY, { [POLICY]: { target: "99.99", managedProfileSla: "99.9" } }), [
            { message: /Managed interconnect group managed earns 99\.9%.*sla MAXIMUM/, at: s.urn("mi-transport") },
        ]);
    });

    it("holds backups to the target only when asked", () => {
        const s = productionStack().remove("vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3");
        assert.deepEqual(violationsOf(s, POLICY, FOUR_NINES), []);
        assertViolations(violationsOf(s, POLICY, { [POLICY]: { target: "99.99", includeBackups: true } }), [
            { message: /HA VPN group vpn-gateway earns no SLA, short of the 99\.99% target: Google: 99\.99% needs 4 tunnels; found 3/, at: s.urn("vpn-gateway") },
        ]);
    });

    it("reports an HA VPN primary short of four tunnels", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        s.remove("vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3", "vpn-tunnel-2", "vpn-interface-2", "vpn-bgp-2");
        assert.equal(violationsOf(s, POLICY).length, 1);
    });

    it("is not applicable without links, or with no target", () => {
        assert.ok(notApplicable(new StackBuilder(), POLICY));
        assert.ok(notApplicable(dedicated({ ports: PORTS_999.slice(0, 1) }), POLICY, { [POLICY]: { target: "none" } }));
    });
});
