import * as assert from "node:assert/strict";
import { analyzeResilience } from "../../sdk";
import { failureImpacts } from "../../sdk/resilience";
import { shapes } from "../sdk/fixtures/shapes";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, addManaged, PORTS_999, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "cross-cloud-bandwidth";
const n1 = (minimumGbps: number) => ({ [POLICY]: { minimumGbps, survivesSingleFailure: true } });

describe("policy cross-cloud-bandwidth", () => {
    it("passes the production estate: 50 Gbps of primaries, at least 20 after any single failure", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY, n1(20)), []);
    });

    it("reports primaries below the minimum, with each group's share", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        assertViolations(violationsOf(s, POLICY, { [POLICY]: { minimumGbps: 10 } }), [
            { message: /The primary links between the clouds carry 5 Gbps \(vpn-gateway: 5 Gbps\), below the 10 Gbps minimum\. Add links or raise their bandwidth \(an AWS tunnel carries 1\.25 Gbps, or 5 with tunnelBandwidth large\)/ },
        ]);
        const large = new StackBuilder();
        addHaVpn(large, "vpn", { tunnelBandwidth: "large" });
        // Google carries about 3 Gbps a tunnel, so large AWS tunnels give 12 Gbps, not 20.
        assert.deepEqual(violationsOf(large, POLICY, { [POLICY]: { minimumGbps: 12 } }), []);
        assert.equal(violationsOf(large, POLICY, { [POLICY]: { minimumGbps: 13 } }).length, 1);
    });

    it("reports, after any single failure, what is cut and what survives (N-1), one message per outcome", () => {
        const s = new StackBuilder();
        addDedicated(s, "ded", { ports: PORTS_999 });
        assertViolations(violationsOf(s, POLICY, n1(15)), [
            { message: /A failure of port ded-port-0, AWS device EqDC2-device-0, AWS Direct Connect location EqDC2 or edge availability domain iad-zone1 cuts ded-attachment-0 and leaves 10 Gbps, below the 15 Gbps minimum/, at: s.urn("ded-attachment-0") },
            { message: /A failure of port ded-port-1, AWS device CSVA1-device-1, AWS Direct Connect location CSVA1 or edge availability domain iad-zone2 cuts ded-attachment-1 and leaves 10 Gbps/, at: s.urn("ded-attachment-1") },
            { message: /A failure of metro iad, region us-east4 or Cloud Router ded-router-us-east4 cuts ded-attachment-0 and ded-attachment-1 and leaves 0 Gbps/ },
        ]);
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { minimumGbps: 15 } }), []);
    });

    it("counts a backup once a primary has failed", () => {
        const s = new StackBuilder();
        addDedicated(s, "ded", { ports: PORTS_999 });
        addHaVpn(s, "vpn", { priority: 10000, region: "us-west2" });
        // A port failure leaves 10 Gbps of dedicated plus 5 of VPN; the iad metro failure leaves the VPN's 5.
        const messages = violationsOf(s, POLICY, n1(15)).map((v) => v.message);
        assert.deepEqual(messages.map((m) => /cuts (.*) and leaves/.exec(m)?.[1]), ["ded-attachment-0 and ded-attachment-1"]);
    });

    it("leaves a managed connection's own failure to the provider's SLA, but not its region's", () => {
        const s = new StackBuilder();
        addManaged(s);
        assertViolations(violationsOf(s, POLICY, n1(10)), [
            { message: /A failure of region us-east4 cuts mi-transport and leaves 0 Gbps/ },
        ]);
    });

    it("is not applicable without links", () => {
        assert.ok(notApplicable(new StackBuilder(), POLICY));
    });

    it("agrees with the sdk's resilience analysis on every shape", () => {
        for (const [name, shape] of Object.entries(shapes)) {
            const topology = shape();
            const fromSdk = analyzeResilience(topology).failures.map(({ kind, id, cut, survivingMbps, survivingPrimaryMbps, connected }) => ({ kind, id, cut, survivingMbps, survivingPrimaryMbps, connected }));
            // Whole Mbps on both paths: equal, not merely close.
            assert.deepEqual(failureImpacts(topology.links), fromSdk, name);
        }
    });
});
