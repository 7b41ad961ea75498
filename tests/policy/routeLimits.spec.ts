import * as assert from "node:assert/strict";
import { assertViolations, violationsOf } from "./fixtures/check";
import { addHaVpn, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "route-limits";
const prefixes = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);

describe("policy route-limits", () => {
    it("passes explicit prefixes within the limits", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports a Direct Connect gateway association over its allowed-prefix limit, or with no list", () => {
        const s = productionStack().set("ded-association", { allowedPrefixes: prefixes(21) });
        assertViolations(violationsOf(s, POLICY), [
            { message: /GatewayAssociation ded-association lists 21 allowed prefixes; a Direct Connect gateway association takes at most 20\. Summarise them/, at: s.urn("ded-association") },
        ]);
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { maxAllowedPrefixes: 25 } }), []);
        assertViolations(violationsOf(productionStack().unset("mi-association", "allowedPrefixes"), POLICY), [
            { message: /GatewayAssociation mi-association leaves allowedPrefixes unset/ },
        ]);
        assertViolations(violationsOf(productionStack().set("mi-association", { allowedPrefixes: [] }), POLICY), [
            { message: /GatewayAssociation mi-association allows no prefixes/ },
        ]);
    });

    it("reports a Transport that advertises nothing, or too much", () => {
        assertViolations(violationsOf(productionStack().set("mi-transport", { advertisedRoutes: [] }), POLICY), [
            { message: /Transport mi-transport advertises no routes, so AWS learns nothing from Google over it/ },
        ]);
        assertViolations(violationsOf(productionStack().set("mi-transport", { advertisedRoutes: prefixes(3) }), POLICY, { [POLICY]: { maxAdvertisedRoutes: 2 } }), [
            { message: /Transport mi-transport advertises 3 routes; the limit is 2/ },
        ]);
    });

    it("reports a router or peer in custom mode that advertises nothing", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        s.set("vpn-router", { bgp: { asn: 65010, advertiseMode: "CUSTOM" } }).set("vpn-bgp-1", { advertisedIpRanges: [] });
        assertViolations(violationsOf(s, POLICY), [
            { message: /Cloud Router vpn-router uses custom advertisement \(bgp\.advertiseMode CUSTOM\) with no ranges or groups/, at: s.urn("vpn-router") },
            { message: /RouterPeer vpn-bgp-1 uses custom advertisement \(advertiseMode CUSTOM\) with no ranges or groups/, at: s.urn("vpn-bgp-1") },
        ]);
    });
});
