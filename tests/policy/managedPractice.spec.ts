import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addHaVpn, addManaged, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

describe("policy transport-quota", () => {
    const POLICY = "transport-quota";

    it("passes one Transport per project and region", () => {
        const s = productionStack();
        addManaged(s, "west", { region: "us-west2", profile: "aws-us-west-1" });
        assert.deepEqual(violationsOf(s, POLICY), []);
    });

    it("reports a second Transport in one region, advisory by default, and follows a raised quota", () => {
        const s = productionStack();
        addManaged(s, "twin");
        const violations = violationsOf(s, POLICY);
        assertViolations(violations, [
            { message: /Transports mi-transport and twin-transport are all in region us-east4 .*Google's quota allows 1 Transport per project and region, so twin-transport fails to create/, at: s.urn("twin-transport") },
        ]);
        assert.equal(violations[0].level, "advisory");
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { maxPerProjectRegion: 2 } }), []);
        // Other projects have their own quota.
        s.set("twin-transport", { project: "other-project" });
        assert.deepEqual(violationsOf(s, POLICY), []);
    });

    it("is not applicable without Transports", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        assert.ok(notApplicable(s, POLICY));
    });
});

describe("policy managed-bandwidth-owner", () => {
    const POLICY = "managed-bandwidth-owner";

    it("passes a bandwidth declared by the half whose cloud issued the key", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
    });

    it("reports a bandwidth declared on both halves, naming the half that owns it", () => {
        const s = productionStack().set("mi-connection", { bandwidth: "10Gbps" });
        const violations = violationsOf(s, POLICY);
        assertViolations(violations, [
            { message: /Both halves of the managed interconnect mi-transport ⇄ mi-connection declare its bandwidth.*Let Transport mi-transport own it, whose cloud issued the activation key: remove the AWS connection's bandwidth \(10 Gbps\)/, at: s.urn("mi-connection") },
        ]);
        assert.equal(violations[0].level, "advisory");
        assertViolations(violationsOf(s, POLICY, { [POLICY]: { owner: "aws" } }), [
            { message: /Let AWS Interconnect connection mi-connection own it: remove the Transport's bandwidth/, at: s.urn("mi-transport") },
        ]);
    });
});
