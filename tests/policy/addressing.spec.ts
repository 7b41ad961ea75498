import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, addHaVpnIpv6, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "link-local-addressing";

function haVpn(block = 10): StackBuilder {
    const s = new StackBuilder();
    addHaVpn(s, "vpn", { block });
    return s;
}

describe("policy link-local-addressing", () => {
    it("passes distinct link-local ranges on every router and gateway", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports inside ranges AWS reserves, on both clouds", () => {
        // 169.254.3.0/28: tunnel 0 sits on the reserved 169.254.3.0/30; tunnels 1 to 3 (169.254.3.4/30 …) do not.
        const s = haVpn(3);
        const violations = violationsOf(s, POLICY);
        assert.equal(violations.length, 2, violations.map((v) => v.message).join("\n"));
        assert.ok(violations.some((v) => v.message === "RouterInterface vpn-interface-0 (VPNTunnel vpn-tunnel-0) uses 169.254.3.0/30: AWS reserves 169.254.3.0/30 and refuses it as a VPN tunnel inside CIDR. " +
            "AWS refuses only 169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30; any other /30 in 169.254.0.0/16 will do."));
        assert.ok(violations.some((v) => /^tunnel1InsideCidr of VpnConnection vpn-vpn-0 uses 169\.254\.3\.0\/30: AWS reserves/.test(v.message) && v.urn === s.urn("vpn-vpn-0")));
    });

    it("passes the /30s next to AWS's: 169.254.1.4/30 is not reserved (the /29 list is Transit Gateway Connect's)", () => {
        assert.deepEqual(violationsOf(haVpn(1).set("vpn-vpn-0", { tunnel1InsideCidr: "169.254.1.16/30" }).set("vpn-interface-0", { ipRange: "169.254.1.18/30" }), POLICY), []);
        assert.deepEqual(violationsOf(haVpn(169).set("vpn-vpn-0", { tunnel1InsideCidr: "169.254.169.248/30" }).set("vpn-interface-0", { ipRange: "169.254.169.250/30" }), POLICY)
            .map((v) => v.message), []);
    });

    it("reports a range outside link-local space", () => {
        const s = haVpn().set("vpn-interface-2", { ipRange: "10.0.0.2/30" }).set("vpn-vpn-1", { tunnel1InsideCidr: "10.0.0.0/30" });
        assertViolations(violationsOf(s, POLICY), [
            { message: /RouterInterface vpn-interface-2 \(VPNTunnel vpn-tunnel-2\) uses 10\.0\.0\.0\/30, outside link-local 169\.254\.0\.0\/16/, at: s.urn("vpn-interface-2") },
            { message: /tunnel1InsideCidr of VpnConnection vpn-vpn-1 uses 10\.0\.0\.0\/30, outside link-local/ },
        ]);
    });

    it("reports two sessions on one Cloud Router whose ranges overlap", () => {
        const s = haVpn().set("vpn-interface-1", { ipRange: "169.254.10.2/30" });
        assertViolations(violationsOf(s, POLICY), [
            { message: /RouterInterface vpn-interface-1 \(VPNTunnel vpn-tunnel-1\) uses 169\.254\.10\.0\/30, which overlaps RouterInterface vpn-interface-0 \(VPNTunnel vpn-tunnel-0\)'s 169\.254\.10\.0\/30 on Cloud Router vpn-router/ },
        ]);
    });

    it("reports a VPN tunnel overlapping an interconnect attachment on a shared router", () => {
        const s = new StackBuilder();
        addDedicated(s, "ded", { block: 10 });
        addHaVpn(s, "vpn", { block: 10 });
        for (const i of [0, 1, 2, 3]) s.set(`vpn-tunnel-${i}`, { router: "ded-router-us-east4" }).set(`vpn-interface-${i}`, { router: "ded-router-us-east4" }).set(`vpn-bgp-${i}`, { router: "ded-router-us-east4" });
        s.remove("vpn-router");
        const messages = violationsOf(s, POLICY).map((v) => v.message);
        assert.ok(messages.some((m) => /overlaps RouterInterface ded-interface-0's 169\.254\.10\.0\/29 on Cloud Router ded-router-us-east4/.test(m)), messages.join("\n"));
    });

    it("reports a session inside the router's BGP identifier range, or a range reserved in the config", () => {
        const s = haVpn().set("vpn-router", { bgp: { asn: 65010, identifierRange: "169.254.10.4/30" } });
        assertViolations(violationsOf(s, POLICY), [
            { message: /RouterInterface vpn-interface-1 \(VPNTunnel vpn-tunnel-1\) uses 169\.254\.10\.4\/30, which overlaps the BGP identifier range of Cloud Router vpn-router's 169\.254\.10\.4\/30/, at: s.urn("vpn-interface-1") },
        ]);
        const reserved = violationsOf(haVpn(), POLICY, { [POLICY]: { reservedPrefixes: ["169.254.10.8/29"] } });
        assert.equal(reserved.filter((v) => /overlaps 169\.254\.10\.8\/29, reserved in the policy config for sessions outside this stack/.test(v.message)).length, 2);
    });

    it("reports two VPN connections on one gateway with the same inside CIDR, and malformed ones", () => {
        const duplicate = haVpn().set("vpn-vpn-1", { tunnel2InsideCidr: "169.254.10.0/30" });
        const messages = violationsOf(duplicate, POLICY).map((v) => v.message);
        assert.ok(messages.some((m) => /tunnel2InsideCidr of VpnConnection vpn-vpn-1 uses 169\.254\.10\.0\/30, which overlaps tunnel1InsideCidr of VpnConnection vpn-vpn-0's 169\.254\.10\.0\/30 on AWS gateway vpn-tgw-id/.test(m)), messages.join("\n"));
        assertViolations(violationsOf(haVpn().set("vpn-vpn-0", { tunnel2InsideCidr: "169.254.10.5/30" }), POLICY), [
            { message: /tunnel2InsideCidr of VpnConnection vpn-vpn-0 = "169\.254\.10\.5\/30": must be a network address \(host bits zero\)\. Did you mean 169\.254\.10\.4\/30\?/ },
        ]);
        assertViolations(violationsOf(haVpn().set("vpn-vpn-0", { tunnel2InsideCidr: "169.254.10.0/29" }), POLICY), [
            { message: /tunnel2InsideCidr of VpnConnection vpn-vpn-0 is 169\.254\.10\.0\/29; AWS takes a \/30 for each tunnel/ },
        ]);
    });

    it("reports an attachment candidate subnet that is not a link-local /29 or shorter", () => {
        const s = new StackBuilder();
        addDedicated(s);
        s.set("ded-attachment-1", { candidateSubnets: ["169.254.20.8/30"] });
        assertViolations(violationsOf(s, POLICY), [
            { message: /InterconnectAttachment ded-attachment-1 lists candidate subnet 169\.254\.20\.8\/30; candidates must be link-local prefixes of \/29 or shorter/ },
        ]);
    });

    it("is not applicable without links", () => {
        assert.ok(notApplicable(new StackBuilder(), POLICY));
    });

    it("judges an HA VPN's IPv6 sessions: in fdff:1::/64, /126 on AWS's side, unique in the VPC", () => {
        const dual = () => {
            const s = haVpn();
            addHaVpnIpv6(s);
            return s;
        };
        assert.deepEqual(violationsOf(dual(), POLICY), []);
        // Cloud Router takes an IPv6 session's range only in fdff:1::/64 (routers: interfaces[].ipRange).
        const outside = dual().set("vpn-interface-v6-0", { ipRange: "fd00:2::2/126" });
        assertViolations(violationsOf(outside, POLICY), [
            { message: /RouterInterface vpn-interface-v6-0 \(VPNTunnel vpn-tunnel-v6-0\) uses fd00:2::\/126, outside fdff:1::\/64/, at: outside.urn("vpn-interface-v6-0") },
        ]);
        // AWS takes a /126 in fd00::/8 per tunnel (TunnelInsideIpv6Cidr).
        const narrow = dual().set("vpn-vpn-v6-1", { tunnel2InsideIpv6Cidr: "fdff:1::ac/127" });
        assertViolations(violationsOf(narrow, POLICY), [
            { message: /tunnel2InsideIpv6Cidr of VpnConnection vpn-vpn-v6-1 is fdff:1::ac\/127; AWS takes a \/126 inside fd00::\/8/ },
        ]);
        // Google reserves an IPv6 session's range in the whole VPC: a second HA VPN on another router may not reuse it.
        const twice = dual();
        addHaVpn(twice, "vpn2", { block: 30, region: "us-central1" });
        addHaVpnIpv6(twice, "vpn2", { region: "us-central1" });
        const messages = violationsOf(twice, POLICY).map((v) => v.message);
        assert.ok(messages.length >= 4 && messages.every((m) => /VPC network transit/.test(m) && /overlap/.test(m)), messages.join("\n"));
    });
});
