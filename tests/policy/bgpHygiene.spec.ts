import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "bgp-hygiene";

function build(add: (s: StackBuilder) => void): StackBuilder {
    const s = new StackBuilder();
    add(s);
    return s;
}

describe("policy bgp-hygiene", () => {
    it("passes the production estate: private distinct ASNs, MD5 and BFD on every interconnect session", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports a public or AWS-reserved ASN", () => {
        const s = build((b) => addHaVpn(b, "vpn", { routerAsn: 15169 }));
        const messages = violationsOf(s, POLICY).map((v) => v.message);
        assert.ok(messages.includes("Cloud Router vpn-router uses ASN 15169, which is not a private ASN (64512-65534 or 4200000000-4294967294). Use a private ASN such as 64514."), messages.join("\n"));
        const reserved = build((b) => addHaVpn(b)).set("vpn-cgw-0", { bgpAsn: "7224" });
        const reservedMessages = violationsOf(reserved, POLICY).map((v) => v.message);
        assert.ok(reservedMessages.some((m) => /CustomerGateway vpn-cgw-0 uses ASN 7224, which is reserved by AWS/.test(m)), reservedMessages.join("\n"));
        assert.ok(reservedMessages.some((m) => /CustomerGateway vpn-cgw-0 announces ASN 7224, but Cloud Router vpn-router behind it uses 65010; AWS drops the session\. Set bgpAsn to 65010/.test(m)));
    });

    it("reports a Cloud Router peering with its own ASN", () => {
        const s = build((b) => addDedicated(b, "ded", { routerAsn: 64601, directConnectGatewayAsn: 64601 }));
        const violations = violationsOf(s, POLICY);
        assert.equal(violations.filter((v) => /RouterPeer ded-peer-\d peers with ASN 64601, its own Cloud Router's ASN; BGP between the clouds is eBGP/.test(v.message)).length, 4);
    });

    it("reports a Transit Gateway and Direct Connect gateway with one ASN", () => {
        const s = build((b) => addDedicated(b, "ded", { transitGatewayAsn: 64601, directConnectGatewayAsn: 64601 }));
        assertViolations(violationsOf(s, POLICY), [
            { message: /Direct Connect gateway ded-dxgw and Transit Gateway ded-tgw both use ASN 64601; AWS rejects associating them/, at: s.urn("ded-association") },
        ]);
    });

    it("reports a peer expecting the wrong AWS ASN, and a VIF expecting the wrong Google ASN", () => {
        assertViolations(violationsOf(build((b) => addHaVpn(b)).set("vpn-bgp-0", { peerAsn: 64999 }), POLICY), [
            { message: /RouterPeer vpn-bgp-0 expects peer ASN 64999, but the AWS end of the tunnel uses 64512\. Set peerAsn to 64512/ },
        ]);
        assertViolations(violationsOf(build((b) => addDedicated(b)).set("ded-vif-2", { bgpAsn: 65021 }), POLICY), [
            { message: /TransitVirtualInterface ded-vif-2 expects the customer \(Google\) ASN 65021, but Cloud Router ded-router-us-west2 uses 65020/ },
        ]);
    });

    it("reports an interconnect session without MD5 on either end, or with different keys", () => {
        const s = build((b) => addDedicated(b)).unset("ded-peer-0", "md5AuthenticationKey").unset("ded-vif-1", "bgpAuthKey");
        assertViolations(violationsOf(s, POLICY), [
            { message: /The BGP session of InterconnectAttachment ded-attachment-0 is not authenticated: RouterPeer ded-peer-0 has no md5AuthenticationKey/, at: s.urn("ded-peer-0") },
            { message: /The BGP session of InterconnectAttachment ded-attachment-1 is not authenticated: TransitVirtualInterface ded-vif-1 has no bgpAuthKey/ },
        ]);
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { requireMd5: false } }), []);
        assertViolations(violationsOf(build((b) => addDedicated(b)).set("ded-vif-3", { bgpAuthKey: "another" }), POLICY), [
            { message: /RouterPeer ded-peer-3 and TransitVirtualInterface ded-vif-3 have different MD5 keys/ },
        ]);
    });

    it("reports a disabled peer", () => {
        const s = build((b) => addHaVpn(b)).set("vpn-bgp-3", { enable: false });
        assertViolations(violationsOf(s, POLICY), [
            { message: /RouterPeer vpn-bgp-3 is disabled \(enable: false\)/, at: s.urn("vpn-bgp-3") },
        ]);
    });

    it("is not applicable without links", () => {
        assert.ok(notApplicable(new StackBuilder(), POLICY));
    });

    it("judges a dual-stack attachment's IPv6 session: MD5 set, and the key of the VIF's IPv6 BGP peer", () => {
        const dual = () => build((s) => addDedicated(s, "ded", { dualStack: true }));
        assert.deepEqual(violationsOf(dual(), POLICY), []);
        const unkeyed = dual().unset("ded-peer-v6-0", "md5AuthenticationKey");
        assertViolations(violationsOf(unkeyed, POLICY), [
            { message: /The IPv6 BGP session of InterconnectAttachment ded-attachment-0 is not authenticated: RouterPeer ded-peer-v6-0 has no md5AuthenticationKey/, at: unkeyed.urn("ded-peer-v6-0") },
        ]);
        const mismatched = dual().set("ded-vif-v6-1", { bgpAuthKey: "another-key" });
        assertViolations(violationsOf(mismatched, POLICY), [
            { message: /RouterPeer ded-peer-v6-1 and BgpPeer ded-vif-v6-1 have different MD5 keys, so the IPv6 session never comes up/ },
        ]);
    });
});
