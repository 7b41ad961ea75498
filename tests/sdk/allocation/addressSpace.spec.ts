import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AddressSpace, LinkFact, PlacedLink } from "../../../sdk/allocation/addressSpace";
import { parseLedger } from "../../../sdk/allocation/ledger";
import { homeSlot } from "../../../sdk/allocation/slots";
import { CrossCloudError, ErrorCode } from "../../../sdk/errors";
import { AWS_RESERVED, environmentBlock } from "../../../sdk/linkLocal";
import { mustParsePrefix, Prefix } from "../../../sdk/prefix";
import { typedError, valueOrTypedError } from "../typedError";
import { realisticKeys } from "../../../bench/workloads/linkNames";

const BLOCK = environmentBlock(3); // 169.254.96.0/19

const router = (value: string | undefined): LinkFact => ({ name: "router", value, field: "google.router", replaces: "the tunnels" });
const vpn = (key: string, extra: Partial<PlacedLink> = {}): PlacedLink => ({
    key, field: "", block: BLOCK, blockField: "linkLocalBlock", sessions: 4, prefixLength: 30, replaces: `the VPN connections of ${key}`, ...extra,
});
const attachment = (key: string, extra: Partial<PlacedLink> = {}): PlacedLink => ({
    key, field: `attachments["${key}"]`, block: BLOCK, blockField: "linkLocalBlock", sessions: 1, prefixLength: 29, replaces: `the attachment ${key}`, ...extra,
});

/** Plans links in a space whose ledger is the record of `previous` (a fresh ledger when undefined). */
function deploy(links: PlacedLink[], previous?: AddressSpace, allowReplacement: string[] = []): AddressSpace {
    const space = AddressSpace.fromLedger(previous?.record(), { allowReplacement });
    for (const link of links) space.place(link);
    return space;
}

const chunkOf = (space: AddressSpace, key: string) => space.record().links[key]?.chunk;

describe("sdk/allocation AddressSpace", () => {
    describe("placing", () => {
        it("puts a link at its home /28, as planning did before the ledger", () => {
            const space = deploy([vpn("prod-backup")]);
            assert.equal(chunkOf(space, "prod-backup"), BLOCK.subnet(28, homeSlot("prod-backup", BLOCK)).toString());
        });

        it("gives every link of a program its own /28, whatever the order and however many share a home", () => {
            fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 80 }), (keys) => {
                const space = deploy(keys.map((k) => attachment(k)));
                const chunks = Object.values(space.record().links).map((r) => r.chunk);
                assert.equal(new Set(chunks).size, keys.length);
                for (const chunk of chunks.map((c) => mustParsePrefix(c!))) {
                    assert.ok(BLOCK.contains(chunk));
                    assert.ok(!AWS_RESERVED.some((r) => r.prefix.overlaps(chunk)));
                }
            }), { numRuns: 200 });
        });

        it("refuses a second link under a key the program already placed: keys name components, which must be unique", () => {
            const space = deploy([vpn("prod-backup")]);
            const e = typedError(() => space.place(vpn("prod-backup")));
            assert.deepEqual([e.code, e.value], [ErrorCode.Conflict, "prod-backup"]);
        });

        it("takes hand-written sessions as given, refusing one another link of the program uses and naming that link", () => {
            const space = deploy([vpn("prod-backup")]);
            const taken = mustParsePrefix(chunkOf(space, "prod-backup")!).subnet(30, 2);
            const e = typedError(() => space.give({ key: "hand", field: "", nets: [{ prefix: taken, field: "insideCidrs[0]" }], replaces: "x" }));
            assert.deepEqual([e.code, e.field, e.value], [ErrorCode.Overlap, "insideCidrs[0]", taken.toString()]);
            assert.match(e.rule, /link "prod-backup"/);
            // And a placed link keeps clear of hand-written ones.
            const hand = deploy([]);
            const [a, b, c, d] = [0, 4, 8, 12].map((o) => Prefix.from(BLOCK.subnet(28, homeSlot("prod-backup", BLOCK)).network + BigInt(o), 30));
            hand.give({ key: "hand", field: "", nets: [a, b, c, d].map((prefix, i) => ({ prefix, field: `insideCidrs[${i}]` })), replaces: "x" });
            hand.place(vpn("prod-backup"));
            assert.notEqual(chunkOf(hand, "prod-backup"), BLOCK.subnet(28, homeSlot("prod-backup", BLOCK)).toString());
        });

        it("notes a link placed away from its home when no ledger keeps it, and says how to keep it", () => {
            const keys = realisticKeys(64, 7);
            const loose = AddressSpace.empty();
            for (const k of keys) loose.place(attachment(k));
            const displaced = keys.filter((k) => chunkOf(loose, k) !== BLOCK.subnet(28, homeSlot(k, BLOCK)).toString());
            assert.ok(displaced.length > 0, "64 realistic keys in a /19 share some homes");
            assert.equal(loose.notes.length, displaced.length);
            assert.match(loose.notes[0], /openAddressLedger/);
            const kept = deploy(keys.map((k) => attachment(k)));
            assert.deepEqual(kept.notes, []);
        });
    });

    describe("the ledger", () => {
        it("round-trips: what a program records, the next one reads back and keeps", () => {
            const first = deploy([vpn("prod-backup"), attachment("prod-primary/east-a"), attachment("prod-primary/east-b")]);
            const recorded = first.record();
            assert.deepEqual(parseLedger(JSON.parse(JSON.stringify(recorded)), "addressLedger"), recorded);
            const second = deploy([attachment("prod-primary/east-b"), vpn("prod-backup"), attachment("prod-primary/east-a")], first);
            assert.deepEqual(second.record().links, recorded.links);
        });

        it("keeps a link that had to leave its home where it landed, when the link that took its home is gone", () => {
            // "prod/link-9" and "prod/link-56" hash to the same /28 of any /19.
            const first = deploy([attachment("prod/link-9"), attachment("prod/link-56")]);
            const moved = chunkOf(first, "prod/link-56");
            const second = deploy([attachment("prod/link-56")], first);
            assert.equal(chunkOf(second, "prod/link-56"), moved);
            // Without the ledger it would have gone home.
            assert.notEqual(chunkOf(deploy([attachment("prod/link-56")]), "prod/link-56"), moved);
        });

        it("retires a link that left the program: its /28 goes to a new link only when nothing else is free, and back to it if it returns", () => {
            const first = deploy([attachment("prod-primary/east-a"), attachment("prod-primary/east-b")]);
            const was = chunkOf(first, "prod-primary/east-a")!;
            const second = deploy([attachment("prod-primary/east-b")], first);
            assert.deepEqual(Object.keys(second.record().retired), ["prod-primary/east-a"]);
            // A new key whose home is the retired chunk probes on.
            const squatter = Array.from({ length: 5000 }, (_, i) => `new-${i}`).find((k) => BLOCK.subnet(28, homeSlot(k, BLOCK)).toString() === was)!;
            const third = deploy([attachment("prod-primary/east-b"), attachment(squatter)], second);
            assert.notEqual(chunkOf(third, squatter), was);
            const back = deploy([attachment("prod-primary/east-b"), attachment("prod-primary/east-a")], second);
            assert.equal(chunkOf(back, "prod-primary/east-a"), was);
            assert.deepEqual(back.record().retired, {});
        });

        it("refuses a change to a fact a link was deployed with, naming the field, the key and what it replaces; allowReplacement accepts it", () => {
            const first = deploy([vpn("prod-backup", { facts: [router("shared-router-us-east4")] })]);
            const e = typedError(() => deploy([vpn("prod-backup", { facts: [router("prod-own-router")] })], first));
            assert.deepEqual([e.code, e.field, e.value], [ErrorCode.ReplacementRefused, "google.router", "prod-own-router"]);
            assert.match(e.rule, /link "prod-backup" is deployed: its router is "shared-router-us-east4", and "prod-own-router" replaces the tunnels/);
            assert.match(e.fix, /add "prod-backup" to the address ledger's allowReplacement/);
            const accepted = deploy([vpn("prod-backup", { facts: [router("prod-own-router")] })], first, ["prod-backup"]);
            assert.equal(accepted.record().links["prod-backup"].facts!.router, "prod-own-router");
            // The addresses stay where they were when they can.
            assert.equal(chunkOf(accepted, "prod-backup"), chunkOf(first, "prod-backup"));
            // A fact not known at plan time (an Output) is neither compared nor recorded.
            const unknown = deploy([vpn("prod-backup", { facts: [router(undefined)] })], first);
            assert.equal(unknown.record().links["prod-backup"].facts, undefined);
        });

        it("refuses a new block, a new slot or a new session length for a deployed link", () => {
            const first = deploy([vpn("prod-backup")]);
            const slot = Number(mustParsePrefix(chunkOf(first, "prod-backup")!).network - BLOCK.network) / 16;
            const cases: [PlacedLink, string][] = [
                [vpn("prod-backup", { block: environmentBlock(4) }), "linkLocalBlock"],
                [vpn("prod-backup", { slot: (slot + 1) % 512 }), "slot"],
                [vpn("prod-backup", { prefixLength: 29, sessions: 2 }), "name"],
            ];
            for (const [link, field] of cases) {
                const e = typedError(() => deploy([link], first));
                assert.deepEqual([e.code, e.field], [ErrorCode.ReplacementRefused, field], e.message);
            }
            assert.equal(chunkOf(deploy([vpn("prod-backup", { slot })], first), "prod-backup"), chunkOf(first, "prod-backup"));
        });

        it("refuses hand-written sessions that differ from deployed ones, and a reservation over a deployed link", () => {
            const nets = [0, 4, 8, 12].map((o) => ({ prefix: Prefix.from(BLOCK.network + 64n + BigInt(o), 30), field: `insideCidrs[${o / 4}]` }));
            const first = AddressSpace.fromLedger(undefined);
            first.give({ key: "hand", field: "", nets, replaces: "x" });
            const moved = [nets[0], { prefix: Prefix.from(BLOCK.network + 128n, 30), field: "insideCidrs[1]" }, nets[2], nets[3]];
            const e = typedError(() => AddressSpace.fromLedger(first.record()).give({ key: "hand", field: "", nets: moved, replaces: "the VPN connections" }));
            assert.deepEqual([e.code, e.field], [ErrorCode.ReplacementRefused, "insideCidrs[1]"]);
            const placed = deploy([vpn("prod-backup")]);
            const over = typedError(() => deploy([vpn("prod-backup", { reserved: [mustParsePrefix(chunkOf(placed, "prod-backup")!)] })], placed));
            assert.deepEqual([over.code, over.field], [ErrorCode.Overlap, "reservedPrefixes"]);
        });

        it("holds a link with no sessions for its facts alone", () => {
            const facts = (asn: number): LinkFact[] => [{ name: "directConnectGatewayAsn", value: asn, field: "aws.directConnectGatewayAsn", replaces: "the Direct Connect gateway" }];
            const first = AddressSpace.fromLedger(undefined);
            first.hold({ key: "staging-primary", field: "", facts: facts(64602) });
            const e = typedError(() => AddressSpace.fromLedger(first.record()).hold({ key: "staging-primary", field: "", facts: facts(64612) }));
            assert.deepEqual([e.code, e.field, e.value], [ErrorCode.ReplacementRefused, "aws.directConnectGatewayAsn", 64612]);
        });

        it("reads a missing ledger as empty, and refuses a malformed one with its path", () => {
            assert.deepEqual(parseLedger(undefined, "x"), { version: 1, links: {}, retired: {} });
            const cases: [unknown, string][] = [
                [42, "org/p/prod:addressLedger"],
                [{ version: 2, links: {} }, "org/p/prod:addressLedger"],
                [{ version: 1, links: { a: { chunk: "nope" } } }, 'org/p/prod:addressLedger.links["a"].chunk'],
                [{ version: 1, links: { a: { facts: { router: {} } } } }, 'org/p/prod:addressLedger.links["a"].facts'],
                [{ version: 1, links: [] }, "org/p/prod:addressLedger.links"],
            ];
            for (const [value, field] of cases) {
                const e = typedError(() => AddressSpace.fromLedger(value, { ledgerField: "org/p/prod:addressLedger" }));
                assert.equal(e.field, field, e.message);
            }
        });
    });

    describe("forks", () => {
        it("keeps a refused component's placements out of the program: only an adopted fork counts", () => {
            const program = AddressSpace.empty();
            const fork = program.fork();
            fork.place(vpn("prod-backup"));
            assert.ok(valueOrTypedError(() => fork.place(vpn("prod-backup"))) instanceof CrossCloudError);
            assert.deepEqual(program.record().links, {});
            const good = program.fork();
            good.place(vpn("prod-backup"));
            program.adopt(good);
            assert.deepEqual(Object.keys(program.record().links), ["prod-backup"]);
        });
    });
});
