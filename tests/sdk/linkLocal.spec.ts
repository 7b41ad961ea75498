import * as assert from "node:assert/strict";
import fc from "fast-check";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { AddressSpace } from "../../sdk/allocation/addressSpace";
import { planLinkNets } from "../../sdk/allocation/planLinkNets";
import {
    attachmentAddresses, AWS_RESERVED, checkBlock, checkSessionPrefix, environmentBlock, LinkNetPlan, LinkNetRequest,
    SessionPrefixLength, tunnelAddresses,
} from "../../sdk/linkLocal";
import { mustParsePrefix, Prefix } from "../../sdk/prefix";
import { RUNS, valueOrTypedError } from "./typedError";

// ---- The slow reference (netip's slow_test.go): addresses one at a time, no Prefix arithmetic. ----

const LL = 0xa9fe0000; // 169.254.0.0
const CHUNK = 16; // one link: a /28

/** The VPN tunnel inside CIDRs AWS refuses (EC2 VpnTunnelOptionsSpecification.TunnelInsideCidr). */
const AWS_REFUSED = [
    "169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30",
];

/** Transit Gateway Connect peers' reserved /29s, which an earlier planner skipped: the same chunks. */
const CONNECT_RESERVED = [
    "169.254.0.0/29", "169.254.1.0/29", "169.254.2.0/29", "169.254.3.0/29", "169.254.4.0/29", "169.254.5.0/29", "169.254.169.248/29",
];

function range(text: string): { start: number; size: number } {
    const [address, bits] = text.split("/");
    return { start: address.split(".").reduce((a, o) => a * 256 + Number(o), 0), size: 2 ** (32 - Number(bits)) };
}

function dotted(address: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** FNV-1a, 32 bits, in BigInt: the hash is a contract, since changing it would move every link. */
function slowFnv1a(text: string): bigint {
    let hash = 0x811c9dc5n;
    for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x01000193n) % 2n ** 32n;
    return hash;
}

class SlowAllocator {
    /** One flag per address of 169.254.0.0/16: 1 where AWS or the caller reserved it. */
    readonly refused = new Uint8Array(65536);
    readonly start: number;
    readonly chunks: number;
    readonly usableSlots: number[] = [];

    /** How fast-check shows it in a counterexample (not 65,536 flags). */
    [fc.toStringMethod](): string {
        return `SlowAllocator(${this.block})`;
    }

    /** The same, for AWS's reservations alone: the only ones a link's home walks past. */
    readonly awsRefused = new Uint8Array(65536);

    constructor(readonly block: Prefix, reserved: Prefix[]) {
        const mark = (flags: Uint8Array, ranges: { start: number; size: number }[]) => {
            for (const { start, size } of ranges) for (let a = start; a < start + size; a++) if (a >= LL && a < LL + 65536) flags[a - LL] = 1;
        };
        mark(this.refused, [...AWS_REFUSED.map(range), ...reserved.map((r) => range(r.toString()))]);
        mark(this.awsRefused, AWS_REFUSED.map(range));
        this.start = range(block.toString()).start;
        this.chunks = range(block.toString()).size / CHUNK;
        for (let slot = 0; slot < this.chunks; slot++) if (this.usable(slot)) this.usableSlots.push(slot);
    }

    usable(slot: number, flags = this.refused): boolean {
        for (let a = 0; a < CHUNK; a++) if (flags[this.start + slot * CHUNK + a - LL]) return false;
        return true;
    }

    /** The key's home: the first chunk AWS does not reserve at or after its hash, walking round the block. */
    home(key: string): number | undefined {
        const first = Number(slowFnv1a(key) % BigInt(this.chunks));
        for (let i = 0; i < this.chunks; i++) {
            const slot = (first + i) % this.chunks;
            if (this.usable(slot, this.awsRefused)) return slot;
        }
        return undefined;
    }

    /** The key's probe order after its home: steps of an odd stride, the stride hashed from the key. */
    probe(key: string, home: number): number[] {
        const stride = Number(slowFnv1a(`probe:${key}`) % BigInt(this.chunks)) | 1;
        return Array.from({ length: this.chunks - 1 }, (_, i) => (home + (i + 1) * stride) % this.chunks);
    }

    /**
     * What a correct allocator does with valid requests, in order: a pin where it is asked (reserved:
     * RESERVED_RANGE; another link's: ADDRESS_COLLISION), else the home when free, else the first free
     * chunk on the probe order, else BLOCK_EXHAUSTED.
     */
    expect(requests: LinkNetRequest[]): number[] | ErrorCode {
        const taken = new Set<number>();
        const slots: number[] = [];
        for (const r of requests) {
            let slot: number | undefined;
            if (r.slot !== undefined) {
                if (!this.usable(r.slot)) return ErrorCode.ReservedRange;
                if (taken.has(r.slot)) return ErrorCode.AddressCollision;
                slot = r.slot;
            } else {
                const home = this.home(r.key) ?? Number(slowFnv1a(r.key) % BigInt(this.chunks));
                slot = [home, ...this.probe(r.key, home)].find((s) => this.usable(s) && !taken.has(s));
                if (slot === undefined) return ErrorCode.BlockExhausted;
            }
            taken.add(slot);
            slots.push(slot);
        }
        return slots;
    }

    nets(slot: number, r: LinkNetRequest): string[] {
        const size = 2 ** (32 - r.prefixLength);
        return Array.from({ length: r.sessions }, (_, i) => `${dotted(this.start + slot * CHUNK + i * size)}/${r.prefixLength}`);
    }

    /** Walks every planned address: each used once, inside the block and 169.254.0.0/16, none reserved. */
    assertSafe(requests: LinkNetRequest[], plans: LinkNetPlan[]): void {
        assert.equal(plans.length, requests.length);
        const owner = new Map<number, number>();
        const { start: blockStart, size: blockSize } = range(this.block.toString());
        plans.forEach((plan, i) => {
            assert.equal(plan.key, requests[i].key);
            assert.equal(plan.nets.length, requests[i].sessions);
            for (const net of plan.nets) {
                const { start, size } = range(net.toString());
                assert.equal(size, 2 ** (32 - requests[i].prefixLength), `${net} has the wrong length`);
                assert.equal(start % size, 0, `${net} is not aligned`);
                for (let a = start; a < start + size; a++) {
                    assert.ok(a >= LL && a < LL + 65536, `${net} leaves 169.254.0.0/16`);
                    assert.ok(a >= blockStart && a < blockStart + blockSize, `${net} leaves the block ${this.block}`);
                    assert.equal(this.refused[a - LL], 0, `${net} holds reserved address ${dotted(a)}`);
                    assert.ok(!owner.has(a), `${dotted(a)} is in ${plan.key} and ${plans[owner.get(a)!]?.key}`);
                    owner.set(a, i);
                }
                checkSessionPrefix(net.toString(), "net", requests[i].prefixLength, []);
            }
        });
    }
}

// ---- Generators ----

const blockArb = fc.oneof(
    fc.integer({ min: 0, max: 7 }).map((i) => environmentBlock(i)),
    // blocks holding AWS reservations, a fully reserved chunk, and the whole space
    fc.constantFrom("169.254.0.0/24", "169.254.169.0/24", "169.254.169.240/28", "169.254.0.0/16").map(mustParsePrefix),
    fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 20, max: 28 })).map(([o, bits]) => Prefix.from(LL + o, bits)),
);

/** Small blocks, where collisions are the rule rather than the exception. */
const crowdedBlockArb = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 23, max: 28 })).map(([o, bits]) => Prefix.from(LL + o, bits));

const keyArb = fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.tuple(fc.constantFrom("prod", "staging", "dev"), fc.constantFrom("primary", "backup-vpn", "cci"), fc.nat(40)).map(([e, n, i]) => `${e}/${n}-${i}`),
);

const shapeArb = fc.oneof(
    fc.record({ prefixLength: fc.constant<SessionPrefixLength>(30), sessions: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ prefixLength: fc.constant<SessionPrefixLength>(29), sessions: fc.integer({ min: 1, max: 2 }) }),
);

/** Mostly unpinned; a pin is an index into the usable chunks, so it is always a legal slot. */
const pinArb = fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.nat(), weight: 1 });

/** Caller reservations: [offset, length, inside the block?]. */
const reservedSpecArb = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 24, max: 32 }), fc.boolean()), { maxLength: 3 });

type LinkSpec = [string, { prefixLength: SessionPrefixLength; sessions: number }, number | undefined];
const linkSpecsArb = (maxLength: number) => fc.uniqueArray(fc.tuple(keyArb, shapeArb, pinArb), { selector: (t) => t[0], maxLength });

interface Case {
    block: Prefix;
    reserved: Prefix[];
    slow: SlowAllocator;
    requests: LinkNetRequest[];
}

function buildCase(block: Prefix, reservedSpecs: [number, number, boolean][], specs: LinkSpec[]): Case {
    const reserved = reservedSpecs.map(([n, bits, inside]) => Prefix.from(inside ? block.network + (BigInt(n) % block.size) : n % 2 ** 32, bits));
    const slow = new SlowAllocator(block, reserved);
    const usable = slow.usableSlots;
    const requests = specs.map(([key, shape, pin], i): LinkNetRequest => ({
        key, ...shape, field: `links[${i}]`,
        slot: pin !== undefined && usable.length > 0 ? usable[pin % usable.length] : undefined,
    }));
    return { block, reserved, slow, requests };
}

const caseArb = (blocks: fc.Arbitrary<Prefix>, maxLinks: number) =>
    fc.tuple(blocks, reservedSpecArb, linkSpecsArb(maxLinks)).map(([b, r, s]) => buildCase(b, r, s));

function plan(c: Case, requests = c.requests): LinkNetPlan[] | CrossCloudError {
    return valueOrTypedError(() => planLinkNets(c.block, requests, c.reserved));
}

const byKey = (plans: LinkNetPlan[]) => new Map(plans.map((p) => [p.key, `${p.slot} ${p.nets.join(" ")}`]));

const vpn = (key: string, field = "links[0]"): LinkNetRequest => ({ key, sessions: 4, prefixLength: 30, field });

describe("sdk/linkLocal", () => {
    describe("AWS_RESERVED", () => {
        for (const text of AWS_REFUSED) {
            it(`covers ${text} (EC2 TunnelInsideCidr)`, () => {
                assert.ok(AWS_RESERVED.some((r) => r.prefix.contains(mustParsePrefix(text))));
            });
        }

        it("holds nothing else: 169.254.1.4/30 and the rest of the Connect /29s are usable tunnel CIDRs", () => {
            for (const text of ["169.254.1.4/30", "169.254.0.4/30", "169.254.169.248/30", "169.254.6.0/30"]) {
                assert.ok(!AWS_RESERVED.some((r) => r.prefix.overlaps(mustParsePrefix(text))), text);
            }
        });

        it("keeps allocation where it was: a chunk holds one of AWS's /30s exactly when it holds a Connect /29", () => {
            const chunks = mustParsePrefix("169.254.0.0/16");
            for (let slot = 0; slot < 4096; slot++) {
                const chunk = chunks.subnet(28, slot);
                const byVpn = AWS_RESERVED.some((r) => r.prefix.overlaps(chunk));
                const byConnect = CONNECT_RESERVED.some((t) => mustParsePrefix(t).overlaps(chunk));
                assert.equal(byVpn, byConnect, chunk.toString());
            }
        });
    });

    describe("environmentBlock and checkBlock", () => {
        const cases: [string, number, number | undefined, string][] = [
            // [comment, index, bits, block]
            ["the first environment", 0, undefined, "169.254.0.0/19"],
            ["the third", 2, undefined, "169.254.64.0/19"],
            ["the last of eight", 7, undefined, "169.254.224.0/19"],
            ["/20 blocks: sixteen of them", 15, 20, "169.254.240.0/20"],
        ];
        for (const [comment, index, bits, block] of cases) {
            it(`${index} → ${block} (${comment})`, () => assert.equal(environmentBlock(index, bits).toString(), block));
        }

        for (const index of [8, -1, 1.5, NaN, Infinity]) {
            it(`refuses index ${index}`, () => {
                assert.throws(() => environmentBlock(index), { name: "CrossCloudError", code: ErrorCode.InvalidArgument, field: "environmentIndex" });
            });
        }

        it("gives each environment its own block", () => {
            const blocks = Array.from({ length: 8 }, (_, i) => environmentBlock(i));
            blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => assert.ok(!a.overlaps(b), `${a} overlaps ${b}`)));
        });

        it("checkBlock wants a link-local block of whole chunks", () => {
            assert.throws(() => checkBlock(mustParsePrefix("10.0.0.0/19"), "block"), { code: ErrorCode.NotLinkLocal });
            assert.throws(() => checkBlock(mustParsePrefix("169.0.0.0/8"), "block"), { code: ErrorCode.NotLinkLocal });
            assert.throws(() => checkBlock(mustParsePrefix("169.254.64.0/29"), "block"), { code: ErrorCode.InvalidArgument });
            assert.equal(checkBlock(mustParsePrefix("169.254.64.0/28"), "block").toString(), "169.254.64.0/28");
        });
    });

    describe("planLinkNets", () => {
        const prod = environmentBlock(2);

        // Known-good corpus: these addresses are deployed. If a change moves them, it replaces live BGP sessions.
        it("keeps the addresses it has always given (known-good corpus)", () => {
            const plans = planLinkNets(prod, [
                { key: "prod/primary", sessions: 2, prefixLength: 29, field: "links[0]" },
                vpn("prod/backup-vpn", "links[1]"),
            ]);
            assert.deepEqual(JSON.parse(JSON.stringify(plans)), [
                { key: "prod/primary", slot: 197, chunk: "169.254.76.80/28", nets: ["169.254.76.80/29", "169.254.76.88/29"] },
                {
                    key: "prod/backup-vpn", slot: 102, chunk: "169.254.70.96/28",
                    nets: ["169.254.70.96/30", "169.254.70.100/30", "169.254.70.104/30", "169.254.70.108/30"],
                },
            ]);
        });

        it("walks past a home chunk that AWS reserves", () => {
            // "dev/vpn-33" hashes to slot 64 of block 0, 169.254.4.0/28, which holds AWS's 169.254.4.0/29.
            const [p] = planLinkNets(environmentBlock(0), [{ key: "dev/vpn-33", sessions: 1, prefixLength: 30, field: "links[0]" }]);
            assert.equal(p.slot, 65);
            assert.deepEqual(p.nets.map(String), ["169.254.4.16/30"]);
        });

        it("places a link whose home the caller reserved on the next free chunk of its probe order, with no collision to settle", () => {
            const [p] = planLinkNets(prod, [vpn("prod/backup-vpn")], [mustParsePrefix("169.254.70.100/30")]);
            const slow = new SlowAllocator(prod, [mustParsePrefix("169.254.70.100/30")]);
            assert.equal(p.slot, slow.probe("prod/backup-vpn", 102).find((s) => slow.usable(s)));
            assert.notEqual(p.slot, 102);
        });

        it("honours a pinned slot", () => {
            const [p] = planLinkNets(prod, [{ ...vpn("prod/backup-vpn"), slot: 0 }]);
            assert.equal(p.chunk.toString(), "169.254.64.0/28");
        });

        it("parts two keys that share a home: the first keeps it, the second takes the next free chunk on its own probe order", () => {
            // "prod/link-9" and "prod/link-56" both hash to slot 131 of any /19: before the ledger, a collision to settle by hand.
            const [a, b] = planLinkNets(prod, [vpn("prod/link-9"), vpn("prod/link-56", "links[1]")]);
            assert.equal(a.slot, 131);
            assert.equal(b.slot, new SlowAllocator(prod, []).probe("prod/link-56", 131)[0]);
        });

        it("refuses a pin on another link's chunk, naming the pinned link as the one to move", () => {
            const err = valueOrTypedError(() => planLinkNets(prod, [vpn("prod/link-9"), { ...vpn("prod/new", "links[1]"), slot: 131 }]));
            assert.ok(err instanceof CrossCloudError);
            assert.deepEqual([err.code, err.field, err.value], [ErrorCode.AddressCollision, "links[1].slot", 131]);
            assert.match(err.rule, /holds the sessions of link "prod\/link-9"/);
            assert.match(err.fix, /Pin the new link "prod\/new" to another slot, or leave slot out/);
        });

        it("says a block is full, naming the new link, when no chunk is left", () => {
            // A /28 block has one chunk: two links cannot both have it.
            const tiny = mustParsePrefix("169.254.64.0/28");
            assert.throws(() => planLinkNets(tiny, [vpn("a"), vpn("b", "links[1]")]), (e: CrossCloudError) =>
                e.code === ErrorCode.BlockExhausted && /new link "b"/.test(e.rule) && !/undefined/.test(e.fix));
        });

        const invalid: [string, LinkNetRequest[], Prefix[], ErrorCode, string][] = [
            // [comment, requests, caller reservations, code, field]
            ["five /30s do not fit a /28", [{ ...vpn("a"), sessions: 5 }], [], ErrorCode.InvalidArgument, "links[0]"],
            ["three /29s do not fit a /28", [{ key: "a", sessions: 3, prefixLength: 29, field: "links[0]" }], [], ErrorCode.InvalidArgument, "links[0]"],
            ["a link with no session", [{ ...vpn("a"), sessions: 0 }], [], ErrorCode.InvalidArgument, "links[0]"],
            ["a /31 is no session prefix", [{ ...vpn("a"), prefixLength: 31 as SessionPrefixLength, sessions: 1 }], [], ErrorCode.InvalidArgument, "links[0]"],
            ["an empty key", [vpn("")], [], ErrorCode.InvalidArgument, "links[0]"],
            ["the same key twice", [vpn("a"), vpn("a", "links[1]")], [], ErrorCode.Conflict, "links[1]"],
            ["a slot past the block", [{ ...vpn("a"), slot: 512 }], [], ErrorCode.InvalidArgument, "links[0].slot"],
            ["a fractional slot", [{ ...vpn("a"), slot: 1.5 }], [], ErrorCode.InvalidArgument, "links[0].slot"],
            ["a slot the caller reserved", [{ ...vpn("a"), slot: 3 }], [mustParsePrefix("169.254.64.48/29")], ErrorCode.ReservedRange, "links[0].slot"],
        ];
        for (const [comment, requests, reserved, code, field] of invalid) {
            it(`refuses ${comment}`, () => {
                assert.throws(() => planLinkNets(prod, requests, reserved), { name: "CrossCloudError", code, field });
            });
        }

        it("refuses a pinned slot on an AWS reservation, and a block with no usable chunk", () => {
            assert.throws(() => planLinkNets(environmentBlock(0), [{ ...vpn("a"), slot: 16 }]), { code: ErrorCode.ReservedRange, field: "links[0].slot" });
            assert.throws(() => planLinkNets(mustParsePrefix("169.254.169.240/28"), [vpn("a")]), { code: ErrorCode.BlockExhausted });
        });
    });

    describe("planLinkNets properties", () => {
        it("plans what the slow reference allocator plans, and every address is safe", () => {
            fc.assert(
                fc.property(caseArb(fc.oneof(crowdedBlockArb, blockArb), 24), (c) => {
                    const expected = c.slow.expect(c.requests);
                    const result = plan(c);
                    if (typeof expected === "string") {
                        assert.ok(result instanceof CrossCloudError, `expected ${expected}, got a plan`);
                        assert.equal(result.code, expected);
                        return;
                    }
                    assert.ok(!(result instanceof CrossCloudError), `expected a plan, got ${result}`);
                    result.forEach((p, i) => {
                        assert.equal(p.slot, expected[i], `${p.key}: slot`);
                        assert.deepEqual(p.nets.map(String), c.slow.nets(expected[i], c.requests[i]), `${p.key}: nets`);
                    });
                    c.slow.assertSafe(c.requests, result);
                }),
                RUNS,
            );
        });

        it("never reports a collision for a link nobody pinned", () => {
            fc.assert(
                fc.property(caseArb(fc.oneof(crowdedBlockArb, blockArb), 24), (c) => {
                    const unpinned = c.requests.map((r) => ({ ...r, slot: undefined }));
                    const result = plan(c, unpinned);
                    if (result instanceof CrossCloudError) assert.equal(result.code, ErrorCode.BlockExhausted, result.message);
                }),
                RUNS,
            );
        });

        it("with the last plan's ledger, adding, removing and reordering links never moves a kept link", () => {
            const role = fc.constantFrom("kept", "removed", "added");
            const arb = fc.tuple(blockArb, reservedSpecArb, linkSpecsArb(30), fc.array(role, { minLength: 30, maxLength: 30 }), fc.nat());
            fc.assert(
                fc.property(arb, ([block, reservedSpecs, specs, roles, seed]) => {
                    const c = buildCase(block, reservedSpecs, specs);
                    const before = c.requests.filter((_, i) => roles[i] !== "added");
                    // The next program lists the links in another order.
                    const after = c.requests.filter((_, i) => roles[i] !== "removed").sort((x, y) => (slowFnv1a(`${seed}${x.key}`) < slowFnv1a(`${seed}${y.key}`) ? -1 : 1));
                    const first = AddressSpace.fromLedger(undefined);
                    const a = valueOrTypedError(() => planLinkNets(c.block, before, c.reserved, first));
                    if (a instanceof CrossCloudError) return;
                    const b = valueOrTypedError(() => planLinkNets(c.block, after, c.reserved, AddressSpace.fromLedger(first.record())));
                    if (b instanceof CrossCloudError) {
                        // Only a new link can fail: pinned onto a kept one, or finding the block full.
                        const culprit = after.find((r) => r.key === b.value || `${r.field}.slot` === b.field);
                        assert.ok(b.code === ErrorCode.BlockExhausted || (culprit && roles[c.requests.indexOf(culprit)] === "added"), b.message);
                        return;
                    }
                    const [was, is] = [byKey(a), byKey(b)];
                    for (const r of c.requests.filter((_, i) => roles[i] === "kept")) assert.equal(is.get(r.key), was.get(r.key), `${r.key} moved`);
                    // A removed link's addresses go to a new one only when nothing else was free.
                    const gone = a.filter((p) => !after.some((r) => r.key === p.key)).map((p) => p.chunk);
                    for (const p of b.filter((x) => !before.some((r) => r.key === x.key) && gone.some((g) => g.equals(x.chunk)))) {
                        const r = after.find((x) => x.key === p.key)!;
                        if (r.slot !== undefined) continue;
                        const free: number[] = c.slow.usableSlots.filter((s: number) => !b.some((q) => q.slot === s) && !gone.some((g) => g.equals(block.subnet(28, s))));
                        assert.deepEqual(free, [], `${p.key} took a removed link's ${p.chunk} while others were free`);
                    }
                }),
                RUNS,
            );
        });

        it("malformed requests get a typed error, never a crash or an unusable prefix", () => {
            const weird = fc.anything({ withBigInt: true, withNullPrototype: true });
            const request = fc.record({
                key: fc.oneof(keyArb, fc.constant(""), weird),
                sessions: fc.oneof(fc.integer({ min: -1, max: 17 }), fc.double(), weird),
                prefixLength: fc.oneof(fc.integer({ min: 24, max: 33 }), fc.double(), weird),
                slot: fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 600 }), fc.double(), weird),
                field: fc.constant("links[0]"),
            });
            fc.assert(
                fc.property(blockArb, fc.array(request, { maxLength: 4 }), (block, requests) => {
                    const result = valueOrTypedError(() => planLinkNets(block, requests as unknown as LinkNetRequest[]));
                    if (result instanceof CrossCloudError) return;
                    result.forEach((p, i) => {
                        const length = requests[i].prefixLength as SessionPrefixLength;
                        for (const net of p.nets) assert.ok(checkSessionPrefix(net.toString(), "net", length, []).equals(net));
                    });
                }),
                RUNS,
            );
        });
    });

    describe("checkSessionPrefix", () => {
        const inUse = [mustParsePrefix("169.254.70.96/30"), mustParsePrefix("169.254.76.80/29")];
        const cases: [string, unknown, SessionPrefixLength, ErrorCode | undefined][] = [
            // [comment, text, length, error]
            ["a free /30", "169.254.70.100/30", 30, undefined],
            ["a free /29", "169.254.76.88/29", 29, undefined],
            ["the /30 just below the metadata /29", "169.254.169.244/30", 30, undefined],
            ["just past AWS's 169.254.5.0/29", "169.254.5.8/30", 30, undefined],
            ["not link-local", "10.0.0.0/30", 30, ErrorCode.NotLinkLocal],
            ["a /29 where a /30 is wanted", "169.254.70.104/29", 30, ErrorCode.InvalidPrefix],
            ["host bits set", "169.254.70.101/30", 30, ErrorCode.InvalidPrefix],
            ["in use on the router", "169.254.70.96/30", 30, ErrorCode.Overlap],
            ["inside a /29 in use", "169.254.76.84/30", 30, ErrorCode.Overlap],
            ["not a string", 42, 30, ErrorCode.InvalidPrefix],
            ...AWS_REFUSED.map((text): [string, unknown, SessionPrefixLength, ErrorCode] =>
                [`AWS refuses ${text}`, text, Number(text.split("/")[1]) as SessionPrefixLength, ErrorCode.ReservedRange]),
            ["next to AWS's 169.254.3.0/30, inside Connect's /29 only", "169.254.3.4/30", 30, undefined],
            ["an attachment /29 inside Connect's 169.254.0.0/29: AWS restricts no interconnect range", "169.254.0.8/29", 29, undefined],
        ];
        for (const [comment, text, length, code] of cases) {
            it(`${JSON.stringify(text)} /${length}: ${code ?? "accepted"} (${comment})`, () => {
                if (code) assert.throws(() => checkSessionPrefix(text, "tunnels[1].insideCidr", length, inUse), { code, field: "tunnels[1].insideCidr" });
                else assert.equal(checkSessionPrefix(text, "tunnels[1].insideCidr", length, inUse).toString(), text);
            });
        }

        it("any input gives a prefix or a typed error", () => {
            const anyInput = fc.oneof(
                fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true }),
                fc.string(),
                fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 32 })).map(([o, bits]) => `169.254.${o >> 8}.${o & 255}/${bits}`),
            );
            fc.assert(
                fc.property(anyInput, fc.constantFrom<SessionPrefixLength>(29, 30), (text, length) => {
                    const result = valueOrTypedError(() => checkSessionPrefix(text, "f", length, inUse));
                    if (!(result instanceof CrossCloudError)) assert.equal(result.bits, length);
                }),
                RUNS,
            );
        });

        it("accepts a link-local prefix exactly when a walk finds no reserved or used address in it", () => {
            const slow = new SlowAllocator(mustParsePrefix("169.254.0.0/16"), []);
            const prefixIn = (bits: number) => fc.integer({ min: 0, max: 0xffff }).map((o) => Prefix.from(LL + o, bits));
            const near = fc.constantFrom(0x0000, 0x0500, 0xa9f0, 0x4600); // close to AWS's ranges and to each other
            const crowded = (bits: number) => fc.tuple(near, fc.nat(15)).map(([base, o]) => Prefix.from(LL + base + o * 4, bits));
            const used = fc.oneof(prefixIn(29), prefixIn(30), crowded(29), crowded(30));
            const arb = fc.constantFrom<SessionPrefixLength>(29, 30).chain((length) =>
                fc.tuple(fc.constant(length), fc.oneof(prefixIn(length), crowded(length)), fc.array(used, { maxLength: 4 })));
            fc.assert(
                fc.property(arb, ([length, prefix, used]) => {
                    const { start, size } = range(prefix.toString());
                    const usedAddress = (a: number) => used.some((u) => range(u.toString()).start <= a && a < range(u.toString()).start + range(u.toString()).size);
                    let clean = true;
                    // AWS's list binds VPN tunnel /30s only.
                    for (let a = start; a < start + size; a++) if ((length === 30 && slow.awsRefused[a - LL]) || usedAddress(a)) clean = false;
                    const result = valueOrTypedError(() => checkSessionPrefix(prefix.toString(), "f", length, used));
                    assert.equal(!(result instanceof CrossCloudError), clean, `${prefix} against ${used.join(", ")}: ${result}`);
                }),
                RUNS,
            );
        });
    });

    describe("session addresses", () => {
        it("a VPN tunnel /30: .1 AWS, .2 Google (providers.md §7.5)", () => {
            assert.deepEqual(tunnelAddresses(mustParsePrefix("169.254.70.96/30")), { aws: "169.254.70.97", gcp: "169.254.70.98" });
        });

        it("an attachment /29: .1 the Cloud Router, .2 the AWS router, with the length", () => {
            assert.deepEqual(attachmentAddresses(mustParsePrefix("169.254.76.88/29")), {
                cloudRouter: "169.254.76.89/29", customerRouter: "169.254.76.90/29",
            });
        });
    });
});
