import * as assert from "node:assert/strict";
import { join } from "node:path";
import { evaluatePolicyPack } from "../../policy/evaluate";
import { loadPolicyConfig } from "../../policy/packConfig";
import { largeStack } from "./fixtures/largeStack";

// How long this takes is measured by `npm run bench` (policy scenario), never asserted here.
describe("policy evaluation at scale", () => {
    it("judges a 10,000-resource estate with every rule, flagging only the managed duplicates", () => {
        const records = largeStack(10_000);
        const config = loadPolicyConfig(join(__dirname, "../../policy/config/prod.json"));
        const { violations } = evaluatePolicyPack(records, config);
        assert.ok(records.length >= 10_000);
        // Every environment of the estate repeats one correct shape; only the managed duplicates are flagged.
        const transports = records.filter((r) => r.type === "gcp:networkconnectivity/transport:Transport").length;
        assert.equal(violations.length, transports - 1);
        assert.ok(violations.every((v) => v.policy === "managed-interconnect-duplicate"), [...new Set(violations.map((v) => v.policy))].join(", "));
    });
});
