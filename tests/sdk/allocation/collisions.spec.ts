import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressSpace } from "../../../sdk/allocation/addressSpace";
import { homeSlot } from "../../../sdk/allocation/slots";
import { CrossCloudError } from "../../../sdk/errors";
import { environmentBlock } from "../../../sdk/linkLocal";
import { realisticKeySetArb } from "../../../bench/workloads/linkNames";

/**
 * No collision a user settles by hand: an environment's /19 takes 64 links, and 128, in any order,
 * with no ADDRESS_COLLISION. Hashing alone (the planner before the ledger) put two of these keys on
 * one /28 in most sets; `npm run bench` measures both rates (bench/scenarios/collisions.ts).
 */
describe("sdk/allocation: realistic estates need no hand-settled collision", () => {
    const block = environmentBlock(3);

    for (const [count, runs] of [[64, 2000], [128, 500]] as const) {
        it(`places ${count} links of one environment's /19 with no collision, over ${runs} realistic name sets (where hashing alone collided in most)`, () => {
            let hashed = 0;
            fc.assert(fc.property(realisticKeySetArb(count), fc.boolean(), (keys, ledger) => {
                const space = ledger ? AddressSpace.fromLedger(undefined) : AddressSpace.empty();
                for (const key of keys) {
                    try {
                        space.place({ key, field: "", block, blockField: "linkLocalBlock", sessions: 4, prefixLength: 30, replaces: "x" });
                    } catch (e) {
                        assert.fail(e instanceof CrossCloudError ? `${e.code}: ${e.message}` : String(e));
                    }
                }
                assert.equal(new Set(Object.values(space.record().links).map((r) => r.chunk)).size, count);
                if (new Set(keys.map((k) => homeSlot(k, block))).size < count) hashed++;
            }), { numRuns: runs });
            // The property has teeth: these sets are the ones the old planner refused.
            assert.ok(hashed > runs / 2, `only ${hashed} of ${runs} sets share a home`);
        });
    }
});
