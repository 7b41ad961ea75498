import * as assert from "node:assert/strict";
import { canonicalAlgorithm, dhGroupNumber } from "../../policy/rules/encryption";
import { evaluatePolicies } from "../../policy/evaluate";
import { assertViolations, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, GOOGLE_IKE } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "encryption-in-transit";
const MACSEC = { [POLICY]: { requireMacsec: true } };

function haVpn(): StackBuilder {
    const s = new StackBuilder();
    addHaVpn(s);
    return s;
}

describe("policy encryption-in-transit", () => {
    it("passes IKEv2 with one pinned proposal on both ends", () => {
        assert.deepEqual(violationsOf(haVpn(), POLICY), []);
    });

    it("reads both clouds' spellings of the same algorithm", () => {
        assert.deepEqual(["AES-CBC-256", "AES256", "AES-GCM-16-128", "HMAC-SHA2-256-128", "PRF-HMAC-SHA2-384", "sha2-512"].map(canonicalAlgorithm),
            ["AES256", "AES256", "AES128-GCM-16", "SHA2-256", "SHA2-384", "SHA2-512"]);
        assert.deepEqual([20, "Group-14", "14"].map(dhGroupNumber), [20, 14, 14]);
    });

    it("reports IKEv1 on a Google tunnel", () => {
        const s = haVpn().set("vpn-tunnel-1", { ikeVersion: 1 });
        assertViolations(violationsOf(s, POLICY), [
            { message: /VPNTunnel vpn-tunnel-1 uses IKEv1\. Only IKEv2 is allowed between the clouds: set ikeVersion: 2/, at: s.urn("vpn-tunnel-1") },
        ]);
    });

    it("reports Google ciphers outside the allowed lists, and accepts them once allowed", () => {
        const weak = { ...GOOGLE_IKE.cipherSuite, phase1: { ...GOOGLE_IKE.cipherSuite.phase1, encryptions: ["AES-CBC-128"], dhs: ["Group-2"] } };
        const s = haVpn().set("vpn-tunnel-0", { cipherSuite: weak });
        assertViolations(violationsOf(s, POLICY), [
            { message: /VPNTunnel vpn-tunnel-0 cipherSuite\.phase1\.encryptions offers AES-CBC-128, which the policy does not allow \(allowed: AES256, AES128-GCM-16 and AES256-GCM-16\)/ },
            { message: /cipherSuite\.phase1\.dhs offers Group-2/ },
        ]);
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { allowedEncryptions: ["AES128", "AES256"], allowedDhGroups: [2, 20] } }), []);
    });

    it("reports an AWS connection left at AWS's defaults: IKEv1 accepted, every algorithm proposed", () => {
        const s = haVpn();
        const defaults = Object.keys(s.get("vpn-vpn-0").props!).filter((k) => /^tunnel[12](IkeVersions|Phase[12]\w+)$/.test(k));
        s.unset("vpn-vpn-0", ...defaults);
        assertViolations(violationsOf(s, POLICY), [
            { message: /VpnConnection vpn-vpn-0: tunnel1IkeVersions is unset, so AWS accepts IKEv1 too; tunnel2IkeVersions is unset.*Set tunnel1IkeVersions and tunnel2IkeVersions to \["ikev2"\]/, at: s.urn("vpn-vpn-0") },
            { message: /VpnConnection vpn-vpn-0 leaves tunnel1Phase1EncryptionAlgorithms, .* unset, so AWS proposes every algorithm it has, SHA1 and DH group 2 included/ },
        ]);
    });

    it("reports SHA1 or IKEv1 allowed on the AWS side", () => {
        const s = haVpn().set("vpn-vpn-1", { tunnel2Phase2IntegrityAlgorithms: ["SHA1"], tunnel1IkeVersions: ["ikev1", "ikev2"] });
        assertViolations(violationsOf(s, POLICY), [
            { message: /VpnConnection vpn-vpn-1 tunnel2Phase2IntegrityAlgorithms offers SHA1/ },
            { message: /tunnel1IkeVersions is \["ikev1","ikev2"\]/ },
        ]);
    });

    it("requires MACsec on ports and Direct Connect connections only when configured", () => {
        const s = new StackBuilder();
        addDedicated(s);
        s.add("aws:directconnect/connection:Connection", "ded-link", { bandwidth: "10Gbps", location: "EqDC2" }, { protect: true });
        assert.deepEqual(violationsOf(s, POLICY), []);
        const violations = violationsOf(s, POLICY, MACSEC);
        assert.equal(violations.filter((v) => /Interconnect ded-port-\d does not encrypt its links with MACsec: it needs requestedFeatures \["IF_MACSEC"\].*, a macsec\.preSharedKeys keychain and macsecEnabled: true/.test(v.message)).length, 4);
        assert.ok(violations.some((v) => /Direct Connect connection ded-link was not ordered with MACsec\. Set requestMacsec: true/.test(v.message)));
        for (let i = 0; i < 4; i++) s.set(`ded-port-${i}`, { requestedFeatures: ["IF_MACSEC"], macsec: { preSharedKeys: [{ name: "key1" }] }, macsecEnabled: true });
        s.set("ded-link", { requestMacsec: true, encryptionMode: "must_encrypt" });
        assert.deepEqual(violationsOf(s, POLICY, MACSEC), []);
        assert.equal(violationsOf(s.set("ded-link", { encryptionMode: "no_encrypt" }), POLICY, MACSEC).length, 1);
    });

    it("judges a resource on its inputs, as the engine runs resource policies", () => {
        const s = haVpn();
        const tunnel = s.get("vpn-tunnel-2");
        tunnel.inputs = { ...tunnel.props, ikeVersion: 1 };
        const violations = evaluatePolicies(s.records).filter((v) => v.policy === POLICY);
        assert.equal(violations.length, 1);
        assert.equal(violations[0].urn, tunnel.urn);
    });
});
