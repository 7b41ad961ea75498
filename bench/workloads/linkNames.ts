import fc from "fast-check";

/**
 * Link keys as estates name them: a component per environment and role (`prod-backup`,
 * `prod-vpn-3`, `prod-partner-acme`), and dedicated attachments keyed by component and a
 * metro-and-letter or region-and-letter key (`prod-primary/iad-a`, `prod-primary/east-c`).
 * Similar, short strings: the sets that make hash collisions likely.
 */
const ENVIRONMENTS = ["dev", "staging", "prod", "qa", "perf", "dr", "uat", "sandbox"];
const METROS = ["iad", "ord", "sjc", "dfw", "lax", "atl", "ams", "fra", "lhr", "nrt", "sin", "syd"];
const AREAS = ["east", "west", "central", "north", "south"];
const PARTNERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark"];
const TEAMS = ["payments", "search", "data", "ml", "edge", "core"];

/** One environment's link keys, `count` of them, all distinct. */
export function realisticKeySetArb(count: number): fc.Arbitrary<string[]> {
    return fc.tuple(fc.constantFrom(...ENVIRONMENTS), fc.integer({ min: 0, max: count }), fc.nat()).map(([env, dedicated, seed]) => keysFor(env, count, Math.min(dedicated, count - 1), seed));
}

/** A fixed realistic set of one environment's keys, from a seed. */
export function realisticKeys(count: number, seed: number): string[] {
    return keysFor("prod", count, Math.floor(count * 0.75), seed);
}

function keysFor(env: string, count: number, dedicated: number, seed: number): string[] {
    const random = mulberry32(seed);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const keys = new Set<string>();
    const component = `${env}-${pick(["primary", "cci", "dedicated", "interconnect"])}`;
    while (keys.size < dedicated) {
        const site = random() < 0.6 ? pick(METROS) : pick(AREAS);
        keys.add(`${component}/${site}-${"abcdefgh"[Math.floor(random() * 8)]}${random() < 0.3 ? `-${1 + Math.floor(random() * 4)}` : ""}`);
    }
    while (keys.size < count) {
        const shape = random();
        keys.add(
            shape < 0.3 ? `${env}-vpn-${1 + Math.floor(random() * 99)}`
                : shape < 0.5 ? `${env}-${pick(PARTNERS)}-vpn${random() < 0.5 ? "" : `-${1 + Math.floor(random() * 9)}`}`
                    : shape < 0.7 ? `${pick(TEAMS)}-${env}-${pick(["backup", "vpn", "link"])}`
                        : shape < 0.85 ? `${env}-${pick(METROS)}-backup${random() < 0.5 ? "" : `-${1 + Math.floor(random() * 9)}`}`
                            : `${env}-${pick(AREAS)}-${pick(["primary", "backup"])}-${1 + Math.floor(random() * 20)}`,
        );
    }
    return [...keys];
}

/** A small seeded PRNG, so a set is reproducible from its seed. */
function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
