import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "backup-route-preference";

/** A dedicated interconnect and a VPN beside it that loses Google→AWS (import at 10200) unless the case says otherwise. */
function estate(vpn: Parameters<typeof addHaVpn>[2]): StackBuilder {
    const s = new StackBuilder();
    addDedicated(s);
    addHaVpn(s, "vpn", { learnedPriority: 10200, ...vpn });
    return s;
}

describe("policy backup-route-preference", () => {
    it("passes a VPN backup that advertises the same prefixes at priority 10000 against the interconnect's 100", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports each VPN peer that advertises the interconnect's prefixes no worse than it", () => {
        const s = estate({ priority: 100 });
        const violations = violationsOf(s, POLICY);
        assert.equal(violations.length, 4);
        assert.equal(violations[0].urn, s.urn("vpn-bgp-0"));
        assert.match(violations[0].message, /RouterPeer vpn-bgp-0 \(HA VPN\) advertises 10\.20\.0\.0\/16 at priority 100, no worse than RouterPeer ded-peer-\d on the interconnect \(10\.20\.0\.0\/16 at 100\), so AWS may send traffic for those prefixes over the VPN\. Set advertisedRoutePriority on the VPN's peers to at least 101 \(crosscloud gives backups 10000\)/);
    });

    it("compares only peers whose prefixes overlap", () => {
        assert.deepEqual(violationsOf(estate({ priority: 100, advertised: ["10.30.0.0/16"] }), POLICY), []);
        assert.equal(violationsOf(estate({ priority: 100, advertised: ["10.20.128.0/17"] }), POLICY).length, 4);
    });

    it("takes a peer without custom advertisement to advertise every subnet", () => {
        const s = estate({ priority: 50, advertised: ["10.30.0.0/16"] });
        for (const i of [0, 1, 2, 3]) s.unset(`vpn-bgp-${i}`, "advertiseMode", "advertisedIpRanges");
        assert.equal(violationsOf(s, POLICY).length, 4);
    });

    it("requires the configured gap", () => {
        assert.equal(violationsOf(productionStack(), POLICY, { [POLICY]: { minimumGap: 10000 } }).length, 4);
        assert.deepEqual(violationsOf(productionStack(), POLICY, { [POLICY]: { minimumGap: 9900 } }), []);
    });

    it("reports each VPN peer that learns AWS's routes no worse than the interconnect's, so Google would spread traffic to AWS over both", () => {
        // Advertised right (AWS→Google), but no import policy: Cloud Router installs both paths (ECMP).
        const s = estate({ priority: 10000, learnedPriority: undefined });
        const violations = violationsOf(s, POLICY);
        assert.equal(violations.length, 4);
        assert.equal(violations[0].urn, s.urn("vpn-bgp-0"));
        assert.match(violations[0].message, /RouterPeer vpn-bgp-0 \(HA VPN\) learns AWS's routes at priority 0, no worse than RouterPeer ded-peer-\d on the interconnect \(0\), so Cloud Router installs both.*sets med to at least 1 \(crosscloud sets 10200\)/);
        // A policy that sets the MED only for some routes proves nothing for the rest.
        const partial = estate({ priority: 10000 });
        partial.set("vpn-import", { terms: [{ priority: 0, match: { expression: "destination == '10.10.0.0/16'" }, actions: [{ expression: "med.set(10200)" }] }] });
        assert.equal(violationsOf(partial, POLICY).length, 4);
        assert.deepEqual(violationsOf(estate({ priority: 10000 }), POLICY), []);
    });

    it("is not applicable without both a VPN and a dedicated interconnect", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        assert.ok(notApplicable(s, POLICY));
    });

    it("names the peers in order of the VPN's tunnels", () => {
        assertViolations(violationsOf(estate({ priority: 90 }), POLICY), [0, 1, 2, 3].map((i) => ({ message: new RegExp(`RouterPeer vpn-bgp-${i} .* at priority 90`) })));
    });
});
