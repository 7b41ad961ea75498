import * as assert from "node:assert/strict";
import { assertViolations, violationsOf } from "./fixtures/check";
import { productionStack } from "./fixtures/links";

const POLICY = "protect-paid-connections";

describe("policy protect-paid-connections", () => {
    it("passes protected ports, LAGs and managed connections", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports an unprotected LAG or managed connection, advisory by default", () => {
        const s = productionStack().protect("ded-lag-2", false).protect("mi-connection", false);
        const violations = violationsOf(s, POLICY);
        assertViolations(violations, [
            { message: /Direct Connect LAG ded-lag-2 is not protected: a destroy, or a rename that replaces it, deletes it.*Set the resource option protect: true\.$/, at: s.urn("ded-lag-2") },
            { message: /AWS Interconnect connection mi-connection is not protected/, at: s.urn("mi-connection") },
        ]);
        assert.ok(violations.every((v) => v.level === "advisory"));
    });

    it("counts Google's deletionPolicy PREVENT as protection unless told otherwise", () => {
        const s = productionStack().protect("ded-port-0", false);
        assert.deepEqual(violationsOf(s, POLICY), []);
        assertViolations(violationsOf(s, POLICY, { [POLICY]: { acceptDeletionPolicy: false } }), [
            { message: /Cross-Cloud Interconnect port ded-port-0 is not protected.*Set the resource option protect: true and deletionPolicy: "PREVENT"\./ },
        ]);
        assert.equal(violationsOf(s.unset("ded-port-0", "deletionPolicy"), POLICY).length, 1);
    });

    it("reads the protect option wherever the record holds it, and skipDestroy on a Direct Connect connection", () => {
        const s = productionStack();
        s.add("aws:directconnect/connection:Connection", "link", { bandwidth: "10Gbps", location: "EqDC2" });
        assert.equal(violationsOf(s, POLICY).length, 1);
        s.get("link").opts = { protect: true };
        assert.deepEqual(violationsOf(s, POLICY), []);
        s.get("link").opts = {};
        assert.deepEqual(violationsOf(s.set("link", { skipDestroy: true }), POLICY), []);
    });
});
