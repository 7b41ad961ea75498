import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressFamily } from "../../sdk/addressFamily";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { findOverlap, mustParsePrefix, Prefix } from "../../sdk/prefix";
import { RUNS, typedError, valueOrTypedError } from "./typedError";

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

/**
 * The slow reference for IPv6 text (RFC 4291 §2.2, written out): eight hex groups of 1–4 digits, or
 * fewer around one `::` standing for the missing zero groups; a decimal length up to 128.
 */
function slowParse6(text: string): { network: bigint; bits: number } | undefined {
    const halves = text.split("/");
    if (halves.length !== 2 || !/^(0|[1-9][0-9]*)$/.test(halves[1]) || Number(halves[1]) > 128) return undefined;
    const parts = halves[0].split("::");
    if (parts.length > 2) return undefined;
    const groups = (s: string) => (s === "" ? [] : s.split(":"));
    const [head, tail] = [groups(parts[0]), parts.length === 2 ? groups(parts[1]) : []];
    if (![...head, ...tail].every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
    const missing = 8 - head.length - tail.length;
    if (parts.length === 1 ? missing !== 0 : missing < 1) return undefined;
    const all = [...head, ...Array(parts.length === 2 ? missing : 0).fill("0"), ...tail];
    const address = all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
    const bits = Number(halves[1]);
    return address % (1n << BigInt(128 - bits)) === 0n ? { network: address, bits } : undefined;
}

const prefixArb = fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .map(([address, bits]) => Prefix.from(address, bits));

const prefix6Arb = fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 }))
    .map(([address, bits]) => Prefix.from(address, bits, AddressFamily.Ipv6));

/** IPv6 prefixes with runs of zero groups, where compression and canonical text are decided. */
const sparse6Arb = fc
    .tuple(fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }))
    .map(([groups, bits]) => Prefix.from(groups.reduce((n, g) => (n << 16n) | BigInt(g), 0n), bits, AddressFamily.Ipv6));

/** Prefixes inside 10.0.0.0/22, small enough to compare against a walk over every address. */
const smallPrefixArb = fc
    .tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 22, max: 32 }))
    .map(([offset, bits]) => Prefix.from(0x0a000000 + offset, bits));

/** Prefixes inside fdff:1::/118, for the same walk in IPv6. */
const smallPrefix6Arb = fc
    .tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 118, max: 128 }))
    .map(([offset, bits]) => Prefix.from(0xfdff0001n << 112n | BigInt(offset), bits, AddressFamily.Ipv6));

function addresses(p: Prefix): Set<bigint> {
    return new Set(Array.from({ length: Number(p.size) }, (_, i) => p.network + BigInt(i)));
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
                assert.equal(p.network, BigInt(network));
                assert.equal(p.family, AddressFamily.Ipv4);
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

        const valid6: [string, string, string][] = [
            // [comment, text as written, canonical text]
            ["Google's IPv6 session range", "fdff:1::/64", "fdff:1::/64"],
            ["an AWS VPN tunnel inside /126", "fdff:1::4/126", "fdff:1::4/126"],
            ["AWS's inside range", "fd00::/8", "fd00::/8"],
            ["upper case is written back in lower case (RFC 5952)", "2600:1F18:4D2C::/56", "2600:1f18:4d2c::/56"],
            ["leading zeros dropped", "2600:1f18:0000::/48", "2600:1f18::/48"],
            ["every group written", "2001:db8:0:0:0:0:0:0/32", "2001:db8::/32"],
            ["the longest zero run compressed, the first of equal ones", "2001:db8:0:0:1:0:0:0/128", "2001:db8:0:0:1::/128"],
            ["a single zero group not compressed", "2001:db8:0:1:1:1:1:0/127", "2001:db8:0:1:1:1:1:0/127"],
            ["the default route", "::/0", "::/0"],
            ["a host", "2001:db8::1/128", "2001:db8::1/128"],
        ];
        for (const [comment, text, canonical] of valid6) {
            it(`accepts ${text} (${comment})`, () => {
                const p = Prefix.parse(text, "f");
                assert.equal(p.family, AddressFamily.Ipv6);
                assert.equal(p.toString(), canonical);
                assert.ok(Prefix.parse(canonical, "f").equals(p), "the canonical text parses to the same value");
                assert.deepEqual(slowParse6(text), { network: p.network, bits: p.bits }, "the slow reference agrees");
            });
        }

        const invalid6: [string, unknown][] = [
            ["no length", "fd00::"],
            ["two ::", "fd00::1::/64"],
            ["nine groups", "1:2:3:4:5:6:7:8:9/128"],
            ["a group of five digits", "2001:0db80::/32"],
            ["length above 128", "fd00::/129"],
            ["leading zero in the length", "fd00::/08"],
            ["a zone", "fe80::1%eth0/64"],
            ["an embedded IPv4 address", "::ffff:10.0.0.0/104"],
            ["host bits set", "fdff:1::5/126"],
            ["not hex", "fdff:g::/64"],
        ];
        for (const [comment, text] of invalid6) {
            it(`refuses ${JSON.stringify(text)} (${comment})`, () => {
                assert.throws(() => Prefix.parse(text, "routes[0]"), { name: "CrossCloudError", code: ErrorCode.InvalidPrefix, field: "routes[0]", value: text });
            });
        }

        it("refuses a prefix of the other family where only one is possible, saying why", () => {
            const v6 = typedError(() => Prefix.parse("fd00::/8", "linkLocalBlock", AddressFamily.Ipv4, "IPv4 sessions run on 169.254.0.0/16"));
            assert.deepEqual([v6.code, v6.field, v6.value], [ErrorCode.InvalidPrefix, "linkLocalBlock", "fd00::/8"]);
            assert.match(v6.rule, /is an IPv6 prefix, and linkLocalBlock takes IPv4 only: IPv4 sessions run on 169\.254\.0\.0\/16/);
            assert.match(v6.fix, /10\.20\.0\.0\/16/);
            const v4 = typedError(() => Prefix.parse("169.254.0.0/16", "linkLocalBlockIpv6", AddressFamily.Ipv6));
            assert.match(v4.rule, /is an IPv4 prefix, and linkLocalBlockIpv6 takes IPv6 only/);
            // Text of neither family is refused in the family's own words.
            assert.match(typedError(() => Prefix.parse("nonsense", "f", AddressFamily.Ipv6)).rule, /IPv6 prefix written address\/n/);
            assert.match(typedError(() => Prefix.parse("nonsense", "f", AddressFamily.Ipv4)).rule, /^must be an IPv4 prefix written a\.b\.c\.d\/n$/);
        });

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
            assert.equal(p.size, 8192n);
            assert.equal(p.last, 0xa9fe5fffn);
            assert.equal(p.host(0), "169.254.64.0");
            assert.equal(p.host(1), "169.254.64.1");
            assert.equal(p.host(p.size - 1n), "169.254.95.255");
            assert.equal(mustParsePrefix("0.0.0.0/0").size, 2n ** 32n);
            const q = mustParsePrefix("fdff:1::4/126");
            assert.deepEqual([q.size, q.host(1), q.host(2), q.width], [4n, "fdff:1::5", "fdff:1::6", 128]);
            assert.equal(mustParsePrefix("::/0").size, 2n ** 128n);
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
            ["an IPv6 /126 in its /64", "fdff:1::/64", "fdff:1::c/126", true, true],
            ["adjacent /126s", "fdff:1::/126", "fdff:1::4/126", false, false],
            ["IPv6 everything", "::/0", "fdff:1::/64", true, true],
            ["families never overlap: ::/0 and 0.0.0.0/0", "::/0", "0.0.0.0/0", false, false],
            ["families never overlap: the same numbers", "::a9fe:0/112", "169.254.0.0/16", false, false],
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

        it("compares by family (IPv4 first), network, then length, and serialises as its string", () => {
            const sorted = ["169.254.0.0/16", "169.254.0.0/30", "169.254.0.4/30", "169.254.1.0/24", "::/0", "fdff:1::/64", "fdff:1::/126"].map(mustParsePrefix);
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
            ["both families, no overlap across them", ["0.0.0.0/0", "::/0"], undefined],
            ["an IPv6 duplicate written two ways", ["10.0.0.0/8", "2600:1f18::/48", "2600:1F18:0::/48"], [1, 2]],
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
                    assert.ok(result.network >= 0n && result.last < 1n << BigInt(result.width));
                    assert.ok(Number.isInteger(result.bits) && result.bits >= 0 && result.bits <= result.width);
                    assert.equal(result.network % result.size, 0n, "canonical: no host bits");
                }),
                RUNS,
            );
        });

        it("agrees with the slow reference parser, and accepts only canonical text", () => {
            fc.assert(
                fc.property(fc.oneof(mutatedArb, prefixArb.map(String), fc.stringMatching(/^[0-9./]{7,20}$/)), (text) => {
                    const reference = slowParse(text);
                    const result = valueOrTypedError(() => Prefix.parse(text, "prefix"));
                    // An edit may turn IPv4 text into IPv6 text (a colon in, the dots out): the IPv6 reference judges that.
                    const asIpv6 = slowParse6(text);
                    if (asIpv6 !== undefined) {
                        assert.ok(result instanceof Prefix && result.family === AddressFamily.Ipv6 && result.network === asIpv6.network, `refused ${JSON.stringify(text)}`);
                    } else if (reference === undefined) {
                        assert.ok(result instanceof CrossCloudError, `accepted ${JSON.stringify(text)}`);
                    } else {
                        assert.ok(result instanceof Prefix, `refused ${JSON.stringify(text)}`);
                        assert.deepEqual({ network: result.network, bits: result.bits }, { network: BigInt(reference.network), bits: reference.bits });
                        assert.equal(result.toString(), text);
                    }
                }),
                RUNS,
            );
        });

        it("IPv6: agrees with the slow reference on mutated text, and writes back canonical text", () => {
            const mutated6 = fc.tuple(fc.oneof(prefix6Arb, sparse6Arb).map(String), fc.array(fc.record({
                at: fc.nat(), op: fc.constantFrom("insert", "delete", "replace", "upper"), ch: fc.constantFrom(..."0fF:/9g. "),
            }), { maxLength: 3 })).map(([text, edits]) => edits.reduce((t, { at, op, ch }) => {
                const i = at % (t.length + 1);
                if (op === "upper") return t.toUpperCase();
                if (op === "insert") return t.slice(0, i) + ch + t.slice(i);
                if (op === "delete") return t.slice(0, i) + t.slice(i + 1);
                return t.slice(0, i) + ch + t.slice(i + 1);
            }, text));
            fc.assert(
                fc.property(mutated6, (text) => {
                    const reference = slowParse6(text);
                    const result = valueOrTypedError(() => Prefix.parse(text, "prefix"));
                    if (reference === undefined) {
                        assert.ok(result instanceof CrossCloudError, `accepted ${JSON.stringify(text)}`);
                        return;
                    }
                    assert.ok(result instanceof Prefix, `refused ${JSON.stringify(text)}`);
                    assert.deepEqual({ network: result.network, bits: result.bits }, reference);
                    const canonical = result.toString();
                    assert.equal(canonical, canonical.toLowerCase(), "lower case");
                    assert.ok(!/(^|:)0[0-9a-f]/.test(canonical), "no leading zeros");
                    assert.ok(!/(^|:)0(:0)+(:|$)/.test(canonical.replace(/::.*$/, "")) || canonical.includes("::"), "a run of zero groups is compressed");
                }),
                RUNS,
            );
        });

        it("round-trips in both families: parse(p.toString()) equals p, and formats back to the same text", () => {
            fc.assert(
                fc.property(fc.oneof(prefixArb, prefix6Arb, sparse6Arb), (p) => {
                    const again = Prefix.parse(p.toString(), "prefix");
                    assert.ok(again.equals(p), `${p} came back as ${again}`);
                    assert.equal(again.toString(), p.toString());
                    assert.equal(p.compare(again), 0);
                }),
                RUNS,
            );
        });

        it("from keeps the address it was given inside the prefix, in both families", () => {
            const family = fc.constantFrom(AddressFamily.Ipv4, AddressFamily.Ipv6);
            fc.assert(
                fc.property(family.chain((f) => fc.tuple(fc.constant(f), fc.bigInt({ min: 0n, max: (1n << (f === AddressFamily.Ipv4 ? 32n : 128n)) - 1n }), fc.integer({ min: 0, max: f === AddressFamily.Ipv4 ? 32 : 128 }))), ([f, address, bits]) => {
                    const p = Prefix.from(address, bits, f);
                    assert.ok(p.network <= address && address <= p.last);
                    assert.ok(p.contains(Prefix.from(address, p.width, f)));
                    assert.ok(p.equals(Prefix.from(p.network, bits, f)), "masking is idempotent");
                    assert.equal(p.indexOf(p.subnet(p.width, address - p.network)), address - p.network);
                }),
                RUNS,
            );
        });

        it("contains and overlaps agree with a walk over every address, in both families", () => {
            fc.assert(
                fc.property(fc.oneof(fc.tuple(smallPrefixArb, smallPrefixArb), fc.tuple(smallPrefix6Arb, smallPrefix6Arb)), ([a, b]) => {
                    const [inA, inB] = [addresses(a), addresses(b)];
                    const shared = [...inB].filter((x) => inA.has(x)).length;
                    assert.equal(a.overlaps(b), shared > 0);
                    assert.equal(a.contains(b), shared === inB.size);
                }),
                RUNS,
            );
        });

        it("overlap means one contains the other, for prefixes of any length and family", () => {
            const any = fc.oneof(prefixArb, prefix6Arb, sparse6Arb);
            fc.assert(
                fc.property(any, any, (a, b) => {
                    const shorter = Math.min(a.bits, b.bits);
                    const sameAtShorter = a.family === b.family && Prefix.from(a.network, shorter, a.family).equals(Prefix.from(b.network, shorter, b.family));
                    assert.equal(a.overlaps(b), sameAtShorter);
                    assert.equal(a.overlaps(b), a.contains(b) || b.contains(a));
                }),
                RUNS,
            );
        });

        it("findOverlap finds an overlapping pair exactly when one exists, the families apart", () => {
            fc.assert(
                fc.property(fc.array(fc.oneof(smallPrefixArb, smallPrefix6Arb), { maxLength: 8 }), (list) => {
                    const sets = list.map((p) => new Set([...addresses(p)].map((a) => `${p.family}|${a}`)));
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
