import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "ha-vpn-complete";
/** Wiring that stops a tunnel altogether is mandatory, and judged with the halves' agreement. */
const WIRING = "pair-parity";

function haVpn(): StackBuilder {
    const s = new StackBuilder();
    addHaVpn(s);
    return s;
}

describe("policy ha-vpn-complete", () => {
    it("passes Google's 99.99% HA VPN shape for AWS, declared from raw resources", () => {
        assert.deepEqual(violationsOf(haVpn(), POLICY), []);
    });

    it("is not applicable to a stack without HA VPN", () => {
        const s = new StackBuilder();
        addDedicated(s);
        assert.ok(notApplicable(s, POLICY));
    });

    it("is advisory by default: a shape short of 99.99% still carries traffic", () => {
        const s = haVpn().remove("vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3");
        assert.deepEqual(new Set(violationsOf(s, POLICY).map((v) => v.level)), new Set(["advisory"]));
        assert.deepEqual(new Set(violationsOf(haVpn().remove("vpn-bgp-2"), WIRING).map((v) => v.level)), new Set(["mandatory"]));
    });

    it("reports a missing tunnel, naming the count per interface and the fix", () => {
        const s = haVpn().remove("vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3");
        assertViolations(violationsOf(s, POLICY), [
            { message: /HA VPN gateway vpn-gateway has 3 tunnels \(interface 0: 2, interface 1: 1\); 99\.99% needs 4, two from each interface/, at: s.urn("vpn-gateway") },
        ]);
    });

    it("reports four tunnels on one HA interface, and the customer gateway that no longer matches", () => {
        const s = haVpn().set("vpn-tunnel-2", { vpnGatewayInterface: 0 }).set("vpn-tunnel-3", { vpnGatewayInterface: 0 });
        const gatewayZero = (s.get("vpn-gateway").props!.vpnInterfaces as { ipAddress: string }[])[0].ipAddress;
        assertViolations(violationsOf(s, POLICY), [{ message: /\(interface 0: 4, interface 1: 0\)/ }]);
        assertViolations(violationsOf(s, WIRING), [
            { message: new RegExp(`CustomerGateway vpn-cgw-1 has address .*, but the tunnels of VpnConnection vpn-vpn-1 leave from HA VPN interface 0 \\(${gatewayZero.replace(/\./g, "\\.")}\\)`), at: s.urn("vpn-cgw-1") },
        ]);
    });

    it("reports a peer gateway that is not FOUR_IPS_REDUNDANCY, or lacks one of its four interfaces", () => {
        assertViolations(violationsOf(haVpn().set("vpn-peer-gateway", { redundancyType: "TWO_IPS_REDUNDANCY" }), POLICY), [
            { message: /ExternalVpnGateway vpn-peer-gateway is TWO_IPS_REDUNDANCY; .* must be FOUR_IPS_REDUNDANCY/ },
        ]);
        const s = haVpn();
        s.set("vpn-peer-gateway", { interfaces: (s.get("vpn-peer-gateway").props!.interfaces as unknown[]).slice(0, 3) });
        assert.ok(violationsOf(s, POLICY).some((v) => /declares interfaces 0, 1 and 2; FOUR_IPS_REDUNDANCY needs 0, 1, 2 and 3/.test(v.message)));
    });

    it("reports two tunnels on one peer interface", () => {
        const s = haVpn().set("vpn-tunnel-3", { peerExternalGatewayInterface: 2 });
        const messages = violationsOf(s, WIRING).map((v) => v.message);
        assert.ok(messages.some((m) => /VPNTunnels vpn-tunnel-2 and vpn-tunnel-3 all land on peer interface 2/.test(m)), messages.join("\n"));
    });

    it("reports static routing on either cloud, as a wiring fault", () => {
        assertViolations(violationsOf(haVpn().set("vpn-vpn-0", { staticRoutesOnly: true }), WIRING), [
            { message: /VpnConnection vpn-vpn-0 routes statically \(staticRoutesOnly: true\).*Set staticRoutesOnly: false/ },
        ]);
        const s = haVpn().unset("vpn-tunnel-1", "router").remove("vpn-interface-1", "vpn-bgp-1");
        assertViolations(violationsOf(s, WIRING), [
            { message: /VPNTunnel vpn-tunnel-1 has no Cloud Router, so it would route statically/, at: s.urn("vpn-tunnel-1") },
        ]);
    });

    it("reports a tunnel without a BGP interface or peer, as a wiring fault", () => {
        assertViolations(violationsOf(haVpn().remove("vpn-interface-3", "vpn-bgp-3"), WIRING), [
            { message: /VPNTunnel vpn-tunnel-3 has no RouterInterface/ },
        ]);
        assertViolations(violationsOf(haVpn().remove("vpn-bgp-2"), WIRING), [
            { message: /RouterInterface vpn-interface-2 of VPNTunnel vpn-tunnel-2 has no RouterPeer/ },
        ]);
    });

    it("reports two VPN connections on one customer gateway", () => {
        const s = haVpn().set("vpn-vpn-1", { customerGatewayId: "vpn-cgw-0-id" });
        const messages = violationsOf(s, POLICY).map((v) => v.message);
        assert.ok(messages.some((m) => /VpnConnections vpn-vpn-0 and vpn-vpn-1 share customer gateway vpn-cgw-0-id/.test(m)), messages.join("\n"));
    });

    it("reports tunnels whose AWS half is missing, unless the AWS side is declared elsewhere", () => {
        const s = haVpn().remove("vpn-vpn-1", "vpn-cgw-1");
        assertViolations(violationsOf(s, POLICY), [
            { message: /VPNTunnel vpn-tunnel-2 matches no AWS VPN connection tunnel in this stack/, at: s.urn("vpn-tunnel-2") },
            { message: /VPNTunnel vpn-tunnel-3 matches no AWS VPN connection tunnel/ },
            { message: /tunnels all land on one AWS VPN connection \(vpn-vpn-0\); 99\.99% needs two/ },
        ]);
        const googleOnly = haVpn().remove("vpn-vpn-0", "vpn-vpn-1", "vpn-cgw-0", "vpn-cgw-1", "vpn-tgw");
        assert.equal(violationsOf(googleOnly, POLICY).length, 4);
        assert.deepEqual(violationsOf(googleOnly, POLICY, { [POLICY]: { requireAwsSide: false } }), []);
    });
});
