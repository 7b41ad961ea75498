import * as assert from "node:assert/strict";
import { evaluatePolicyPack } from "../../policy/evaluate";
import { loadPolicyConfig } from "../../policy/packConfig";
import { assertViolations, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, addHaVpnIpv6, addManaged, dualStackProductionStack, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "address-families";
const PROD = loadPolicyConfig(`${__dirname}/../../policy/config/prod.json`);

/*
 * Verdicts, from the providers' documentation:
 * - AWS: a Site-to-Site VPN connection carries IPv4 or IPv6 inside its tunnels (TunnelInsideIpVersion),
 *   IPv6 on a Transit Gateway only ("Virtual private gateways don't support IPv6", Site-to-Site VPN
 *   "How it works"); a virtual interface holds one IPv4 and one IPv6 BGP peer, IPv6 addresses assigned
 *   by AWS, and "Multi-protocol BGP is not supported" (Direct Connect, "Add a BGP peer").
 * - Google: an HA VPN gateway carries IPv6 tunnels only with stack type IPV4_IPV6 (or IPV6_ONLY); a
 *   VLAN attachment carries IPv6 only as IPV4_IPV6; a Transport carries IPv6 routes only as
 *   IPV4_IPV6; a Cloud Router exchanges IPv6 routes over an IPv6 BGP session, or over an IPv4 one
 *   by MP-BGP, which AWS does not speak (Cloud Router, "Establish BGP sessions").
 */
describe("policy address-families", () => {
    it("passes the dual-stack estate under every rule of the pack, and the IPv4-only estate", () => {
        assert.deepEqual(evaluatePolicyPack(dualStackProductionStack().records, PROD).violations, []);
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    describe("HA VPN", () => {
        const dual = () => {
            const s = new StackBuilder();
            addHaVpn(s);
            addHaVpnIpv6(s);
            return s;
        };

        it("reports IPv6 tunnels on an IPV4_ONLY HA VPN gateway", () => {
            const s = dual().set("vpn-gateway-v6", { stackType: "IPV4_ONLY" });
            const violations = violationsOf(s, POLICY);
            assert.equal(violations.length, 4, violations.map((v) => v.message).join("\n"));
            assert.ok(violations.every((v) => v.urn === s.urn("vpn-gateway-v6") && /HA VPN gateway vpn-gateway-v6 is IPV4_ONLY, and VPNTunnel vpn-tunnel-v6-\d carries an IPv6 BGP session/.test(v.message)));
        });

        it("reports an IPv6 VPN connection on a virtual private gateway", () => {
            const s = dual().unset("vpn-vpn-v6-0", "transitGatewayId").set("vpn-vpn-v6-0", { vpnGatewayId: "vgw-0a1b2c3d" });
            assertViolations(violationsOf(s, POLICY), [
                { message: /VpnConnection vpn-vpn-v6-0 carries IPv6 inside its tunnels on a virtual private gateway; AWS offers IPv6 VPN connections on a Transit Gateway \(or Cloud WAN\) only/, at: s.urn("vpn-vpn-v6-0") },
            ]);
        });

        it("reports IPv6 sessions over tunnels of a connection that carries IPv4 inside", () => {
            const s = dual().set("vpn-vpn-v6-1", { tunnelInsideIpVersion: "ipv4" });
            assertViolations(violationsOf(s, POLICY), [2, 3].map((i) => ({
                message: new RegExp(`VPNTunnel vpn-tunnel-v6-${i} runs an IPv6 BGP session \\(RouterInterface vpn-interface-v6-${i}\\), but VpnConnection vpn-vpn-v6-1 carries IPv4 inside its tunnels`),
                at: s.urn(`vpn-interface-v6-${i}`),
            })));
        });

        it("reports multiprotocol BGP and routes of the other family on a session", () => {
            const s = dual()
                .set("vpn-bgp-0", { enableIpv6: true })
                .set("vpn-bgp-1", { advertisedIpRanges: [{ range: "10.20.0.0/16" }, { range: "fd20:a:1::/48" }] })
                .set("vpn-bgp-v6-2", { enableIpv4: true });
            assertViolations(violationsOf(s, POLICY), [
                { message: /RouterPeer vpn-bgp-0 exchanges IPv6 routes over an IPv4 session \(multiprotocol BGP\), which AWS does not run/, at: s.urn("vpn-bgp-0") },
                { message: /RouterPeer vpn-bgp-1 is an IPv4 session but advertises fd20:a:1::\/48, which it never sends/, at: s.urn("vpn-bgp-1") },
                { message: /RouterPeer vpn-bgp-v6-2 exchanges IPv4 routes over an IPv6 session/, at: s.urn("vpn-bgp-v6-2") },
            ]);
        });
    });

    describe("dedicated interconnect", () => {
        const dual = () => {
            const s = new StackBuilder();
            addDedicated(s, "ded", { dualStack: true });
            return s;
        };

        it("reports a dual-stack attachment whose VIF has no IPv6 BGP peer", () => {
            const s = dual().remove("ded-vif-v6-0");
            assertViolations(violationsOf(s, POLICY), [
                { message: /InterconnectAttachment ded-attachment-0 is dual stack, but TransitVirtualInterface ded-vif-0 has no IPv6 BGP peer, so no IPv6 route crosses/, at: s.urn("ded-vif-0") },
            ]);
        });

        it("reports a VIF's IPv6 BGP peer over an IPV4_ONLY attachment", () => {
            const s = dual().set("ded-attachment-1", { stackType: "IPV4_ONLY" });
            assertViolations(violationsOf(s, POLICY), [
                { message: /TransitVirtualInterface ded-vif-1 has an IPv6 BGP peer \(ded-vif-v6-1\), but InterconnectAttachment ded-attachment-1 is IPV4_ONLY/, at: s.urn("ded-vif-v6-1") },
            ]);
        });

        it("reports a dual-stack attachment without an IPv6 session on its Cloud Router", () => {
            const s = dual().remove("ded-peer-v6-2", "ded-interface-v6-2");
            assertViolations(violationsOf(s, POLICY), [
                { message: /InterconnectAttachment ded-attachment-2 is dual stack, but its Cloud Router runs no IPv6 session over it/, at: s.urn("ded-attachment-2") },
            ]);
        });
    });

    it("reports a Transport that advertises IPv6 routes with stack type IPV4_ONLY", () => {
        const s = new StackBuilder();
        addManaged(s, "mi", { dualStack: true });
        assert.deepEqual(violationsOf(s, POLICY), []);
        s.unset("mi-transport", "stackType");
        assertViolations(violationsOf(s, POLICY), [
            { message: /Transport mi-transport advertises IPv6 routes \(fd20:a:1::\/48\) but its stack type is IPV4_ONLY/, at: s.urn("mi-transport") },
        ]);
    });

    it("requires IPv6 on every kind of link on each Cloud Router when configured to", () => {
        const config = { [POLICY]: { requireIpv6: true } };
        assert.deepEqual(violationsOf(dualStackProductionStack(), POLICY, config), []);
        const ipv4 = productionStack();
        assertViolations(violationsOf(ipv4, POLICY, config), [
            { message: /The dedicated interconnect links to .*us-east4.* carry IPv4 only, and the config requires IPv6 across the clouds/ },
            { message: /The dedicated interconnect links to .*us-west2.* carry IPv4 only/ },
            { message: /The managed interconnect links to .* carry IPv4 only/ },
            { message: /The HA VPN links to .*vpn-router.* carry IPv4 only/ },
        ]);
        // A dual-stack HA VPN's IPv4 tunnels are no fault: its IPv6 tunnels, on their own gateway, carry IPv6 over the same router.
        const vpn = new StackBuilder();
        addHaVpn(vpn);
        addHaVpnIpv6(vpn);
        assert.deepEqual(violationsOf(vpn, POLICY, config), []);
    });
});
