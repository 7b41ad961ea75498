import * as assert from "node:assert/strict";
import { join } from "node:path";
import { evaluatePolicyPack } from "../../policy/evaluate";
import { loadPolicyConfig } from "../../policy/packConfig";
import { largeStack } from "./fixtures/largeStack";

// How long this takes is measured by `npm run bench` (policy scenario), never asserted here.
describe("policy evaluation at scale", () => {
    it("judges a 10,000-resource estate with every rule, flagging only the managed duplicates and the Transports past the quota", () => {
        const records = largeStack(10_000);
        const config = loadPolicyConfig(join(__dirname, "../../policy/config/prod.json"));
        const { violations } = evaluatePolicyPack(records, config);
        assert.ok(records.length >= 10_000);
        // Every environment of the estate repeats one correct shape on one region pair: all but one Transport are
        // duplicates, and past Google's quota of one per project and region.
        const transports = records.filter((r) => r.type === "gcp:networkconnectivity/transport:Transport").length;
        assert.equal(violations.length, 2 * (transports - 1));
        assert.deepEqual(new Set(violations.map((v) => v.policy)), new Set(["managed-interconnect-duplicate", "transport-quota"]));
    });
});
