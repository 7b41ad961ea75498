/**
 * How often realistic link names would need a collision settled by hand. Before the address space,
 * a link went to its home /28 (the hash of its name) and two links on one home were an
 * ADDRESS_COLLISION; now the second takes the next free /28 on its own probe order. For each
 * estate size, many random realistic name sets of one environment's /19 are placed both ways.
 */
import fc from "fast-check";
import { AddressSpace, CrossCloudError, ErrorCode, environmentBlock, homeSlot } from "../../sdk";
import { realisticKeySetArb } from "../workloads/linkNames";
import { Scenario, target } from "./scenario";

const SIZES = [8, 16, 32, 64, 128];

interface Rate {
    links: number;
    sets: number;
    /** Sets where hashing alone put two links on one /28: the old planner refused them. */
    hashedCollisions: number;
    /** Sets the address space refused with ADDRESS_COLLISION. */
    placedCollisions: number;
}

function measure(links: number, sets: number, seed: number): Rate {
    const block = environmentBlock(3);
    let hashed = 0;
    let placed = 0;
    for (const keys of fc.sample(realisticKeySetArb(links), { numRuns: sets, seed })) {
        if (new Set(keys.map((k) => homeSlot(k, block))).size < keys.length) hashed++;
        const space = AddressSpace.fromLedger(undefined);
        try {
            for (const key of keys) space.place({ key, field: "", block, blockField: "linkLocalBlock", sessions: 4, prefixLength: 30, replaces: "" });
        } catch (e) {
            if (e instanceof CrossCloudError && e.code === ErrorCode.AddressCollision) placed++;
            else throw e;
        }
    }
    return { links, sets, hashedCollisions: hashed, placedCollisions: placed };
}

const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

export const collisions: Scenario = {
    name: "collisions",
    title: "Collisions to settle by hand, realistic name sets in one /19",
    async run({ quick, progress }) {
        const sets = quick ? 500 : 5000;
        const rates = SIZES.map((links) => {
            progress(`collisions: ${sets} sets of ${links} links`);
            return measure(links, sets, 15 + links);
        });
        const at64 = rates.find((r) => r.links === 64)!;
        return {
            section: rates,
            targets: [target("collision rate at 64 links per /19 ≤ 0%", (100 * at64.placedCollisions) / at64.sets, 0, "%")],
            table: [
                ["links in the /19", "sets", "hash alone (before)", "address space (now)"],
                ...rates.map((r) => [String(r.links), String(r.sets), percent(r.hashedCollisions, r.sets), percent(r.placedCollisions, r.sets)]),
            ],
        };
    },
};
