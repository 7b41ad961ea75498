import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addHaVpn, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "interconnect-bfd";

describe("policy interconnect-bfd", () => {
    it("passes interconnect sessions that run BFD, and never asks it of HA VPN (Google does not support it there)", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports a session without BFD, as advisory by default: BFD is a best practice, not a requirement", () => {
        const s = new StackBuilder();
        addDedicated(s);
        s.unset("ded-peer-1", "bfd").set("ded-peer-2", { bfd: { sessionInitializationMode: "DISABLED" } });
        const violations = violationsOf(s, POLICY);
        assertViolations(violations, [
            { message: /RouterPeer ded-peer-1 runs BGP over InterconnectAttachment ded-attachment-1 without BFD \(unset\)/, at: s.urn("ded-peer-1") },
            { message: /RouterPeer ded-peer-2 runs BGP over InterconnectAttachment ded-attachment-2 without BFD \(DISABLED\).*Set bfd\.sessionInitializationMode to ACTIVE/ },
        ]);
        assert.ok(violations.every((v) => v.level === "advisory"));
        assert.ok(violationsOf(s, POLICY, { [POLICY]: "mandatory" }).every((v) => v.level === "mandatory"));
        // The missing BFD is no BGP hygiene fault.
        assert.deepEqual(violationsOf(s, "bgp-hygiene"), []);
    });

    it("counts PASSIVE unless the config asks for ACTIVE", () => {
        const s = new StackBuilder();
        addDedicated(s);
        s.set("ded-peer-0", { bfd: { sessionInitializationMode: "PASSIVE" } });
        assert.deepEqual(violationsOf(s, POLICY), []);
        assert.equal(violationsOf(s, POLICY, { [POLICY]: { acceptPassive: false } }).length, 1);
    });

    it("is not applicable without interconnect attachments", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        assert.ok(notApplicable(s, POLICY));
    });
});
