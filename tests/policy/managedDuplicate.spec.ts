import * as assert from "node:assert/strict";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addHaVpn, addManaged } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "managed-interconnect-duplicate";

describe("policy managed-interconnect-duplicate", () => {
    it("passes one managed interconnect per region pair", () => {
        const s = new StackBuilder();
        addManaged(s, "east");
        addManaged(s, "west", { region: "us-west1", profile: "aws-us-west-2" });
        assert.deepEqual(violationsOf(s, POLICY), []);
    });

    it("flags a second one on the same region pair as advisory, even where everything else is mandatory", () => {
        const s = new StackBuilder();
        addManaged(s, "mi");
        addManaged(s, "mi2", { directConnectGatewayAsn: 64603 });
        const violations = violationsOf(s, POLICY, { all: "mandatory", [POLICY]: "advisory" });
        assertViolations(violations, [{
            message: /Transports mi-transport and mi2-transport all link the region pair us-east4 ⇄ aws-us-east-1\. .*quad-redundant with a 99\.99% SLA, so mi2-transport adds cost, not availability/,
            at: s.urn("mi2-transport"),
        }]);
        assert.equal(violations[0].level, "advisory");
        assert.deepEqual(violationsOf(s, POLICY, { [POLICY]: { maxPerRegionPair: 2 } }), []);
    });

    it("is not applicable without a Transport", () => {
        const s = new StackBuilder();
        addHaVpn(s);
        assert.ok(notApplicable(s, POLICY));
    });
});
