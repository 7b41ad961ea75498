import * as assert from "node:assert/strict";
import fc from "fast-check";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { findOverlap, mustParsePrefix, Prefix } from "../../sdk/prefix";
import { RUNS, valueOrTypedError } from "./typedError";

/**
 * The slow reference parser (netip's slow_test.go): the rules written out one at a time, with no
 * library. Four decimal octets and a decimal length, no leading zeros, no host bits.
 */
function slowParse(text: string): { network: number; bits: number } | undefined {
    const decimal = (s: string, max: number) => /^(0|[1-9][0-9]*)$/.test(s) && Number(s) <= max;
    const halves = text.split("/");
    if (halves.length !== 2) return undefined;
    const octets = halves[0].split(".");
    if (octets.length !== 4 || !octets.every((o) => decimal(o, 255)) || !decimal(halves[1], 32)) return undefined;
    const address = octets.reduce((a, o) => a * 256 + Number(o), 0);
    const bits = Number(halves[1]);
    return address % 2 ** (32 - bits) === 0 ? { network: address, bits } : undefined;
}

const prefixArb = fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .map(([address, bits]) => Prefix.from(address, bits));

/** Prefixes inside 10.0.0.0/22, small enough to compare against a walk over every address. */
const smallPrefixArb = fc
    .tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 22, max: 32 }))
    .map(([offset, bits]) => Prefix.from(0x0a000000 + offset, bits));

function addresses(p: Prefix): Set<number> {
    return new Set(Array.from({ length: p.size }, (_, i) => p.network + i));
}

/** Valid strings with a few single-character edits: the inputs most likely to slip through a parser. */
const mutatedArb = fc
    .tuple(
        prefixArb.map(String),
        fc.array(
            fc.record({
                at: fc.nat(),
                op: fc.constantFrom("insert", "delete", "replace"),
                ch: fc.constantFrom(..."0123456789./ x-+:\n"),
            }),
            { minLength: 1, maxLength: 3 },
        ),
    )
    .map(([text, edits]) =>
        edits.reduce((s, { at, op, ch }) => {
            const i = at % (s.length + 1);
            if (op === "insert") return s.slice(0, i) + ch + s.slice(i);
            if (op === "delete") return s.slice(0, i) + s.slice(i + 1);
            return s.slice(0, i) + ch + s.slice(i + 1);
        }, text),
    );

const anyInput = fc.oneof(
    fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }),
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.double(),
    fc.stringMatching(/^[0-9./x ]{1,24}$/),
    mutatedArb,
);

describe("sdk/prefix", () => {
    describe("Prefix.parse", () => {
        const valid: [string, string, number, number][] = [
            // [comment, text, network, bits]
            ["the link-local /16", "169.254.0.0/16", 0xa9fe0000, 16],
            ["a VPN tunnel /30", "169.254.10.4/30", 0xa9fe0a04, 30],
            ["a single host", "10.1.2.3/32", 0x0a010203, 32],
            ["the default route", "0.0.0.0/0", 0, 0],
            ["the top of the space", "255.255.255.255/32", 0xffffffff, 32],
            ["a zero octet inside", "10.0.0.0/8", 0x0a000000, 8],
        ];
        for (const [comment, text, network, bits] of valid) {
            it(`accepts ${text} (${comment})`, () => {
                const p = Prefix.parse(text, "f");
                assert.equal(p.network, network);
                assert.equal(p.bits, bits);
                assert.equal(p.toString(), text, "accepted text is canonical");
                assert.ok(Prefix.parse(text, "f").equals(p), "parsing twice gives the same value");
                assert.deepEqual(slowParse(text), { network, bits }, "the slow reference agrees");
            });
        }

        const invalid: [string, unknown][] = [
            ["empty", ""],
            ["no length", "10.0.0.0"],
            ["an address list, not a prefix", "10.0.0.0/8/8"],
            ["length above 32", "10.0.0.0/33"],
            ["negative length", "10.0.0.0/-1"],
            ["leading zero in the length: some parsers accept it, we don't", "10.0.0.0/08"],
            ["leading zero in an octet (octal to some parsers)", "010.0.0.0/8"],
            ["hex octet", "0x0a.0.0.0/8"],
            ["class-A shorthand", "10/8"],
            ["three-part shorthand", "10.0.0/24"],
            ["octet above 255", "10.256.0.0/16"],
            ["leading space", " 10.0.0.0/8"],
            ["trailing newline", "10.0.0.0/8\n"],
            ["IPv6", "fd00::/8"],
            ["host bits set", "169.254.10.5/30"],
            ["a number", 167772160],
            ["undefined", undefined],
            ["an object", { network: 0, bits: 0 }],
        ];
        for (const [comment, text] of invalid) {
            it(`refuses ${JSON.stringify(text)} (${comment})`, () => {
                assert.throws(() => Prefix.parse(text, "routes[0]"), { name: "CrossCloudError", code: ErrorCode.InvalidPrefix, field: "routes[0]", value: text });
                assert.equal(typeof text === "string" ? slowParse(text) : undefined, undefined, "the slow reference refuses it too");
            });
        }

        it("names the canonical form when host bits are set", () => {
            assert.throws(() => Prefix.parse("169.254.10.5/30", "f"), (e: CrossCloudError) => /169\.254\.10\.4\/30/.test(e.fix));
        });

        it("parseAll names the element that is wrong", () => {
            assert.throws(() => Prefix.parseAll(["10.0.0.0/8", "10.1.0.1/16"], "advertised"), { field: "advertised[1]" });
            assert.throws(() => Prefix.parseAll("10.0.0.0/8", "advertised"), { code: ErrorCode.InvalidPrefix, field: "advertised" });
            assert.deepEqual(Prefix.parseAll([], "advertised"), []);
            assert.throws(() => Prefix.parseAll(["10.0.0.0/8", , "10.1.0.0/16"], "advertised"), { field: "advertised[1]", value: undefined });
        });

        it("mustParsePrefix parses literals", () => {
            assert.equal(mustParsePrefix("169.254.64.0/19").toString(), "169.254.64.0/19");
            assert.throws(() => mustParsePrefix("169.254.64.1/19"), CrossCloudError);
        });
    });

    describe("Prefix values", () => {
        const p = mustParsePrefix("169.254.64.0/19");

        it("has a size, a last address and hosts", () => {
            assert.equal(p.size, 8192);
            assert.equal(p.last, 0xa9fe5fff);
            assert.equal(p.host(0), "169.254.64.0");
            assert.equal(p.host(1), "169.254.64.1");
            assert.equal(p.host(p.size - 1), "169.254.95.255");
            assert.equal(mustParsePrefix("0.0.0.0/0").size, 2 ** 32);
        });

        it("from masks host bits", () => {
            assert.equal(Prefix.from(0xa9fe0a07, 30).toString(), "169.254.10.4/30");
            assert.equal(Prefix.from(0xffffffff, 0).toString(), "0.0.0.0/0");
            assert.equal(Prefix.from(0xffffffff, 32).toString(), "255.255.255.255/32");
        });

        const relations: [string, string, string, boolean, boolean][] = [
            // [comment, a, b, a.contains(b), a.overlaps(b)]
            ["itself", "169.254.64.0/19", "169.254.64.0/19", true, true],
            ["a chunk inside", "169.254.64.0/19", "169.254.64.16/28", true, true],
            ["the last /30 inside", "169.254.64.0/19", "169.254.95.252/30", true, true],
            ["the next block", "169.254.64.0/19", "169.254.96.0/19", false, false],
            ["the block before", "169.254.64.0/19", "169.254.32.0/19", false, false],
            ["a supernet", "169.254.64.0/19", "169.254.0.0/16", false, true],
            ["adjacent /30s", "169.254.0.0/30", "169.254.0.4/30", false, false],
            ["everything", "0.0.0.0/0", "255.255.255.255/32", true, true],
        ];
        for (const [comment, a, b, contains, overlaps] of relations) {
            it(`${a} vs ${b} (${comment})`, () => {
                const [pa, pb] = [mustParsePrefix(a), mustParsePrefix(b)];
                assert.equal(pa.contains(pb), contains);
                assert.equal(pa.overlaps(pb), overlaps);
                assert.equal(pb.overlaps(pa), overlaps, "overlap is symmetric");
            });
        }

        it("subnet counts from the network address", () => {
            assert.equal(p.subnet(28, 0).toString(), "169.254.64.0/28");
            assert.equal(p.subnet(28, 511).toString(), "169.254.95.240/28");
            assert.equal(mustParsePrefix("169.254.64.16/28").subnet(30, 3).toString(), "169.254.64.28/30");
        });

        it("compares by network, then length, and serialises as its string", () => {
            const sorted = ["169.254.0.0/16", "169.254.0.0/30", "169.254.0.4/30", "169.254.1.0/24"].map(mustParsePrefix);
            assert.deepEqual([...sorted].reverse().sort((a, b) => a.compare(b)).map(String), sorted.map(String));
            assert.equal(JSON.stringify({ p }), '{"p":"169.254.64.0/19"}');
            assert.ok(p.equals(mustParsePrefix("169.254.64.0/19")));
            assert.ok(!p.equals(mustParsePrefix("169.254.64.0/20")));
        });
    });

    describe("findOverlap", () => {
        const cases: [string, string[], [number, number] | undefined][] = [
            ["empty", [], undefined],
            ["one", ["10.0.0.0/8"], undefined],
            ["disjoint, unsorted", ["10.1.0.0/16", "10.0.0.0/16", "192.168.0.0/24"], undefined],
            ["a duplicate", ["10.0.0.0/16", "192.168.0.0/24", "10.0.0.0/16"], [0, 2]],
            ["a more specific listed first", ["10.0.5.0/24", "172.16.0.0/12", "10.0.0.0/16"], [0, 2]],
            ["a wide prefix hiding behind a narrow one", ["10.0.0.0/8", "10.0.0.0/24", "10.200.0.0/16"], [0, 1]],
        ];
        for (const [comment, list, expected] of cases) {
            it(`${comment}: ${expected ? `[${expected}]` : "none"}`, () => {
                assert.deepEqual(findOverlap(list.map(mustParsePrefix)), expected);
            });
        }
    });

    describe("properties", () => {
        it("any input parses to a valid prefix or throws a typed error, never anything else", () => {
            fc.assert(
                fc.property(anyInput, (input) => {
                    const result = valueOrTypedError(() => Prefix.parse(input, "prefix"));
                    if (result instanceof CrossCloudError) {
                        assert.equal(result.code, ErrorCode.InvalidPrefix);
                        return;
                    }
                    assert.ok(Number.isInteger(result.network) && result.network >= 0 && result.network <= 0xffffffff);
                    assert.ok(Number.isInteger(result.bits) && result.bits >= 0 && result.bits <= 32);
                    assert.equal(result.network % result.size, 0, "canonical: no host bits");
                }),
                RUNS,
            );
        });

        it("agrees with the slow reference parser, and accepts only canonical text", () => {
            fc.assert(
                fc.property(fc.oneof(mutatedArb, prefixArb.map(String), fc.stringMatching(/^[0-9./]{7,20}$/)), (text) => {
                    const reference = slowParse(text);
                    const result = valueOrTypedError(() => Prefix.parse(text, "prefix"));
                    if (reference === undefined) {
                        assert.ok(result instanceof CrossCloudError, `accepted ${JSON.stringify(text)}`);
                    } else {
                        assert.ok(result instanceof Prefix, `refused ${JSON.stringify(text)}`);
                        assert.deepEqual({ network: result.network, bits: result.bits }, reference);
                        assert.equal(result.toString(), text);
                    }
                }),
                RUNS,
            );
        });

        it("round-trips: parse(p.toString()) equals p, and formats back to the same text", () => {
            fc.assert(
                fc.property(prefixArb, (p) => {
                    const again = Prefix.parse(p.toString(), "prefix");
                    assert.ok(again.equals(p), `${p} came back as ${again}`);
                    assert.equal(again.toString(), p.toString());
                    assert.equal(p.compare(again), 0);
                }),
                RUNS,
            );
        });

        it("from keeps the address it was given inside the prefix", () => {
            fc.assert(
                fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }), (address, bits) => {
                    const p = Prefix.from(address, bits);
                    assert.ok(p.network <= address && address <= p.last);
                    assert.ok(p.contains(Prefix.from(address, 32)));
                    assert.ok(p.equals(Prefix.from(p.network, bits)), "masking is idempotent");
                }),
                RUNS,
            );
        });

        it("contains and overlaps agree with a walk over every address", () => {
            fc.assert(
                fc.property(smallPrefixArb, smallPrefixArb, (a, b) => {
                    const [inA, inB] = [addresses(a), addresses(b)];
                    const shared = [...inB].filter((x) => inA.has(x)).length;
                    assert.equal(a.overlaps(b), shared > 0);
                    assert.equal(a.contains(b), shared === inB.size);
                }),
                RUNS,
            );
        });

        it("overlap means one contains the other, for prefixes of any length", () => {
            fc.assert(
                fc.property(prefixArb, prefixArb, (a, b) => {
                    const shorter = Math.min(a.bits, b.bits);
                    const sameAtShorter = Prefix.from(a.network, shorter).equals(Prefix.from(b.network, shorter));
                    assert.equal(a.overlaps(b), sameAtShorter);
                    assert.equal(a.overlaps(b), a.contains(b) || b.contains(a));
                }),
                RUNS,
            );
        });

        it("findOverlap finds an overlapping pair exactly when one exists", () => {
            fc.assert(
                fc.property(fc.array(smallPrefixArb, { maxLength: 8 }), (list) => {
                    const sets = list.map(addresses);
                    const anyPair = sets.some((s, i) => sets.slice(i + 1).some((t) => [...t].some((x) => s.has(x))));
                    const found = findOverlap(list);
                    assert.equal(found !== undefined, anyPair);
                    if (found) {
                        const [i, j] = found;
                        assert.ok(i < j && list[i].overlaps(list[j]), `reported [${i}, ${j}] of ${list.join(", ")}`);
                    }
                }),
                RUNS,
            );
        });
    });
});
