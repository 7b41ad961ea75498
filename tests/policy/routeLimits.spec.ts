import * as assert from "node:assert/strict";
import { assertViolations, violationsOf } from "./fixtures/check";
import { addHaVpn, dualStackProductionStack, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "route-limits";
const prefixes = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);

describe("policy route-limits", () => {
    it("passes explicit prefixes within the limits", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports a Direct Connect gateway association over AWS's 200-prefix quota, or without a list on a Transit Gateway", () => {
        assert.deepEqual(violationsOf(productionStack().set("ded-association", { allowedPrefixes: prefixes(200) }), POLICY), []);
        const s = productionStack().set("ded-association", { allowedPrefixes: prefixes(201) });
        assertViolations(violationsOf(s, POLICY), [
            { message: /GatewayAssociation ded-association lists 201 allowed prefixes; AWS takes at most 200 per Transit Gateway .*Summarise them/, at: s.urn("ded-association") },
        ]);
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { maxAllowedPrefixes: 250 } }), []);
        assertViolations(violationsOf(productionStack().unset("mi-association", "allowedPrefixes"), POLICY), [
            { message: /GatewayAssociation mi-association associates a Transit Gateway without allowedPrefixes; AWS requires them/ },
        ]);
        assertViolations(violationsOf(productionStack().set("mi-association", { allowedPrefixes: [] }), POLICY), [
            { message: /GatewayAssociation mi-association allows no prefixes/ },
        ]);
    });

    it("passes a virtual private gateway association without a list: AWS advertises the VPC's range", () => {
        const s = productionStack().unset("mi-association", "allowedPrefixes").set("mi-association", { associatedGatewayId: "vgw-0a1b2c3d" });
        assert.deepEqual(violationsOf(s, POLICY), []);
    });

    it("reports a Direct Connect gateway that links land on but that is associated with nothing", () => {
        const managed = productionStack().remove("mi-association");
        assertViolations(violationsOf(managed, POLICY), [
            { message: /Direct Connect gateway mi-dxgw carries mi-connection but is associated with no Transit Gateway or virtual private gateway, so AWS advertises nothing to Google/, at: managed.urn("mi-dxgw") },
        ]);
        assert.ok(violationsOf(managed, POLICY).every((v) => v.level === "mandatory"));
        const dedicated = productionStack().remove("ded-association");
        assertViolations(violationsOf(dedicated, POLICY), [
            { message: /Direct Connect gateway ded-dxgw carries ded-vif-0, ded-vif-1, ded-vif-2, ded-vif-3 but is associated with no/ },
        ]);
    });

    it("reports a Cloud Router session that advertises more routes than a transit VIF takes", () => {
        const s = productionStack().set("ded-peer-1", { advertisedIpRanges: Array.from({ length: 101 }, (_, i) => ({ range: `10.${100 + (i >> 8)}.${i & 255}.0/24` })) });
        assertViolations(violationsOf(s, POLICY), [
            { message: /RouterPeer ded-peer-1 advertises 101 ranges over InterconnectAttachment ded-attachment-1; AWS accepts at most 100 routes per BGP session/, at: s.urn("ded-peer-1") },
        ]);
        assert.deepEqual(violationsOf(productionStack().set("ded-peer-1", { advertisedIpRanges: Array.from({ length: 100 }, (_, i) => ({ range: `10.100.${i}.0/24` })) }), POLICY), []);
    });

    it("reports a Transport that advertises nothing, or too much", () => {
        assertViolations(violationsOf(productionStack().set("mi-transport", { advertisedRoutes: [] }), POLICY), [
            { message: /Transport mi-transport advertises no routes, so AWS learns nothing from Google over it/ },
        ]);
        assertViolations(violationsOf(productionStack().set("mi-transport", { advertisedRoutes: prefixes(3) }), POLICY, { [POLICY]: { maxAdvertisedRoutes: 2 } }), [
            { message: /Transport mi-transport advertises 3 IPv4 routes; the limit is 2 of each family/ },
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

    it("counts each family's Transport routes on their own, and refuses an allowed IPv6 prefix longer than /64", () => {
        assert.deepEqual(violationsOf(dualStackProductionStack(), POLICY), []);
        const both = dualStackProductionStack().set("mi-transport", { advertisedRoutes: [...prefixes(2), "fd20:a:1::/48", "fd20:a:2::/48"] });
        assert.deepEqual(violationsOf(both, POLICY, { [POLICY]: { maxAdvertisedRoutes: 2 } }), []);
        const v6 = dualStackProductionStack().set("mi-transport", { advertisedRoutes: [...prefixes(1), "fd20:a:1::/48", "fd20:a:2::/48", "fd20:a:3::/48"] });
        assertViolations(violationsOf(v6, POLICY, { [POLICY]: { maxAdvertisedRoutes: 2 } }), [
            { message: /Transport mi-transport advertises 3 IPv6 routes; the limit is 2 of each family/ },
        ]);
        // CreateDirectConnectGatewayAssociation: "An IPv6 CIDR must use /64 or shorter".
        const long = dualStackProductionStack().set("ded-association", { allowedPrefixes: ["10.10.0.0/16", "2600:1f18:4000:100::/80"] });
        assertViolations(violationsOf(long, POLICY), [
            { message: /allows 2600:1f18:4000:100::\/80; a Direct Connect gateway association allows IPv6 prefixes of \/64 or shorter/ },
        ]);
    });
});
