import * as assert from "node:assert/strict";
import { assertViolations, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, addHaVpnIpv6, addManaged, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "pair-parity";
const BOTH_HALVES = { [POLICY]: { requireBothHalves: true } };

function dedicated(): StackBuilder {
    const s = new StackBuilder();
    addDedicated(s);
    return s;
}

describe("policy pair-parity", () => {
    it("passes the production estate, both halves of every link declared", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY, BOTH_HALVES), []);
    });

    it("reports a Transport and AWS connection ordered at different bandwidths", () => {
        const s = new StackBuilder();
        addManaged(s);
        s.set("mi-connection", { bandwidth: "5Gbps" });
        assertViolations(violationsOf(s, POLICY), [
            { message: /Transport mi-transport orders 10 Gbps but AWS Interconnect connection mi-connection orders 5 Gbps/, at: s.urn("mi-connection") },
        ]);
        assert.deepEqual(violationsOf(s.set("mi-connection", { bandwidth: "10Gbps" }), POLICY), []);
    });

    it("reports an attachment left at Google's default MTU against the VIF's", () => {
        const s = dedicated().unset("ded-attachment-2", "mtu");
        assertViolations(violationsOf(s, POLICY), [
            { message: /InterconnectAttachment ded-attachment-2 and TransitVirtualInterface ded-vif-2 disagree on MTU \(1440, Google's default against 1500\): packets between 1441 and 1500 bytes are dropped one way\. Set mtu "1500" on the attachment/, at: s.urn("ded-vif-2") },
        ]);
    });

    it("reports a VLAN or BGP address that differs between an attachment and its VIF", () => {
        assertViolations(violationsOf(dedicated().set("ded-vif-0", { vlan: 999 }), POLICY), [
            { message: /disagree on the VLAN \(100 against 999\)/ },
        ]);
        assertViolations(violationsOf(dedicated().set("ded-vif-1", { amazonAddress: "169.254.20.11/29" }), POLICY), [
            { message: /the attachment's customerRouterIpAddress is 169\.254\.20\.10\/29 but the VIF's amazonAddress is 169\.254\.20\.11\/29\. Set amazonAddress to 169\.254\.20\.10\/29/ },
        ]);
    });

    it("reports a port and LAG of different speeds, and a link count the LAG cannot match", () => {
        assertViolations(violationsOf(dedicated().set("ded-lag-1", { connectionsBandwidth: "100Gbps" }), POLICY), [
            { message: /Interconnect ded-port-1 has LINK_TYPE_ETHERNET_10G_LR links \(10 Gbps\) but LAG ded-lag-1 is 100Gbps/ },
        ]);
        assertViolations(violationsOf(dedicated().set("ded-port-0", { requestedLinkCount: 6 }), POLICY), [
            { message: /Interconnect ded-port-0 requests 6 links of 10Gbps, but an AWS LAG holds at most 4 at that speed/ },
        ]);
        const members = dedicated().set("ded-port-3", { requestedLinkCount: 2 }).set("ded-lag-3", { connectionId: "dxcon-first" });
        assertViolations(violationsOf(members, POLICY), [
            { message: /Interconnect ded-port-3 requests 2 links but LAG ded-lag-3 has 1 member connection/ },
        ]);
    });

    it("reports one LAG under two ports", () => {
        const s = dedicated().set("ded-vif-1", { connectionId: "ded-lag-0-id" });
        const messages = violationsOf(s, POLICY).map((v) => v.message);
        assert.ok(messages.some((m) => /LAG ded-lag-0 carries attachments of 2 ports \(ded-port-0 and ded-port-1\)/.test(m)), messages.join("\n"));
    });

    it("reports a missing half only when both halves must be in the stack", () => {
        const s = dedicated().remove("ded-vif-2");
        assert.deepEqual(violationsOf(s, POLICY), []);
        assertViolations(violationsOf(s, POLICY, BOTH_HALVES), [
            { message: /InterconnectAttachment ded-attachment-2 has no AWS transit virtual interface in this stack/ },
        ]);
        const vpn = new StackBuilder();
        addHaVpn(vpn);
        vpn.remove("vpn-tunnel-2", "vpn-interface-2", "vpn-bgp-2", "vpn-tunnel-3", "vpn-interface-3", "vpn-bgp-3");
        assertViolations(violationsOf(vpn, POLICY, BOTH_HALVES), [
            { message: /VpnConnection vpn-vpn-1 matches no Google VPN tunnel in this stack/, at: vpn.urn("vpn-vpn-1") },
        ]);
        const managed = new StackBuilder();
        addManaged(managed);
        managed.remove("mi-connection");
        assertViolations(violationsOf(managed, POLICY, BOTH_HALVES), [
            { message: /Transport mi-transport has no AWS Interconnect connection in this stack/ },
        ]);
    });

    it("reports the halves of a tunnel that disagree on key, inside range, BGP address or outside address", () => {
        const vpn = () => {
            const s = new StackBuilder();
            addHaVpn(s);
            return s;
        };
        assertViolations(violationsOf(vpn().set("vpn-tunnel-0", { sharedSecret: "other.key" }), POLICY), [
            { message: /VPNTunnel vpn-tunnel-0 and tunnel 1 of VpnConnection vpn-vpn-0 have different pre-shared keys/ },
        ]);
        assertViolations(violationsOf(vpn().set("vpn-interface-1", { ipRange: "169.254.99.2/30" }), POLICY), [
            { message: /RouterInterface vpn-interface-1 is in 169\.254\.99\.0\/30, the AWS tunnel in 169\.254\.10\.4\/30\. Set the interface's ipRange to 169\.254\.10\.6\/30/ },
        ]);
        assertViolations(violationsOf(vpn().set("vpn-bgp-2", { peerIpAddress: "169.254.10.10" }), POLICY), [
            { message: /RouterPeer vpn-bgp-2 dials 169\.254\.10\.10, but AWS's inside address on tunnel 1 of VpnConnection vpn-vpn-1 is 169\.254\.10\.9/ },
        ]);
        const moved = vpn();
        const interfaces = moved.get("vpn-peer-gateway").props!.interfaces as { id: number; ipAddress: string }[];
        const actual = moved.get("vpn-vpn-1").props!.tunnel2Address;
        moved.set("vpn-peer-gateway", { interfaces: interfaces.map((i) => (i.id === 3 ? { id: 3, ipAddress: "192.0.2.77" } : i)) });
        assertViolations(violationsOf(moved, POLICY), [
            { message: new RegExp(`ExternalVpnGateway vpn-peer-gateway lists 192\\.0\\.2\\.77 as interface 3, but tunnel 2 of VpnConnection vpn-vpn-1 is at ${String(actual).replace(/\./g, "\\.")}`) },
        ]);
    });

    it("pairs each family's ends: a dual-stack attachment takes the IPv6 addresses AWS gave its VIF's peer, an IPv6 tunnel its /126", () => {
        const s = new StackBuilder();
        addDedicated(s, "ded", { dualStack: true });
        addHaVpn(s);
        addHaVpnIpv6(s);
        assert.deepEqual(violationsOf(s, POLICY), []);
        s.set("ded-attachment-0", { cloudRouterIpv6Address: "2600:1f18:6d0:100::3/125", candidateCloudRouterIpv6Address: "2600:1f18:6d0:100::3/125" });
        s.set("vpn-interface-v6-1", { ipRange: "fdff:1::a7/126" });
        assertViolations(violationsOf(s, POLICY), [
            { message: /InterconnectAttachment ded-attachment-0 and BgpPeer ded-vif-v6-0 disagree on an IPv6 BGP address: the attachment's cloudRouterIpv6Address is 2600:1f18:6d0:100::3\/125 but AWS assigned the peer customerAddress 2600:1f18:6d0:100::2\/125/ },
            { message: /RouterInterface vpn-interface-v6-1 takes fdff:1::a7 in fdff:1::a4\/126, but the customer gateway's end of tunnel 2 of VpnConnection vpn-vpn-v6-0 is fdff:1::a6 \(AWS takes fdff:1::a5\)/ },
        ]);
    });
});
