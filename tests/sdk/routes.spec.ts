import * as assert from "node:assert/strict";
import fc from "fast-check";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { Prefix } from "../../sdk/prefix";
import { checkPrefixList, DX_GATEWAY_PREFIX_LIMIT, MANAGED_ROUTE_LIMIT, ROUTE_PRIORITY } from "../../sdk/routes";
import { LinkRole } from "../../sdk/topology";
import { RUNS, valueOrTypedError } from "./typedError";

const DX = { max: DX_GATEWAY_PREFIX_LIMIT, product: "A Direct Connect gateway association" };

/** /20 … /32 prefixes inside 10.0.0.0/16, as text: crowded enough that lists often overlap. */
const prefixTextArb = fc
    .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 20, max: 32 }))
    .map(([offset, bits]) => Prefix.from(0x0a000000 + offset, bits).toString());

/** Overlap by the definition: some address lies in both (ranges of integers, no Prefix methods). */
function sharesAddress(a: string, b: string): boolean {
    const span = (t: string) => {
        const [address, bits] = t.split("/");
        const start = address.split(".").reduce((n, o) => n * 256 + Number(o), 0);
        return [start, start + 2 ** (32 - Number(bits)) - 1];
    };
    const [[s1, e1], [s2, e2]] = [span(a), span(b)];
    return Math.max(s1, s2) <= Math.min(e1, e2);
}

describe("sdk/routes", () => {
    it("a backup advertises at a worse (higher) priority than a primary", () => {
        assert.ok(ROUTE_PRIORITY[LinkRole.Backup] > ROUTE_PRIORITY[LinkRole.Primary]);
        // Cloud Router advertisedRoutePriority is 0..65535.
        for (const p of Object.values(ROUTE_PRIORITY)) assert.ok(Number.isInteger(p) && p >= 0 && p <= 65535);
    });

    describe("checkPrefixList", () => {
        const accepted: [string, unknown, string[]][] = [
            // [comment, input, result]
            ["one prefix", ["10.20.0.0/16"], ["10.20.0.0/16"]],
            ["adjacent prefixes do not overlap", ["10.20.1.0/24", "10.20.0.0/24"], ["10.20.0.0/24", "10.20.1.0/24"]],
            ["returned in canonical order, whatever the input order", ["192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12"], ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]],
        ];
        for (const [comment, input, result] of accepted) {
            it(`accepts ${JSON.stringify(input)} (${comment})`, () => {
                assert.deepEqual(checkPrefixList(input, "advertisedPrefixes").map(String), result);
            });
        }

        const refused: [string, unknown, ErrorCode, string][] = [
            // [comment, input, code, field]
            ["empty: a link that advertises nothing carries nothing", [], ErrorCode.InvalidArgument, "advertisedPrefixes"],
            ["not a list", "10.0.0.0/8", ErrorCode.InvalidPrefix, "advertisedPrefixes"],
            ["a bad element, named by index", ["10.0.0.0/8", "10.1.0.0"], ErrorCode.InvalidPrefix, "advertisedPrefixes[1]"],
            ["host bits", ["10.20.0.1/16"], ErrorCode.InvalidPrefix, "advertisedPrefixes[0]"],
            ["the same prefix twice", ["10.0.0.0/8", "172.16.0.0/12", "10.0.0.0/8"], ErrorCode.Overlap, "advertisedPrefixes[2]"],
            ["a more specific inside a wider one", ["10.20.5.0/24", "10.20.0.0/16"], ErrorCode.Overlap, "advertisedPrefixes[1]"],
        ];
        for (const [comment, input, code, field] of refused) {
            it(`refuses ${JSON.stringify(input)} (${comment})`, () => {
                assert.throws(() => checkPrefixList(input, "advertisedPrefixes"), { name: "CrossCloudError", code, field });
            });
        }

        it("names both overlapping elements", () => {
            assert.throws(() => checkPrefixList(["10.20.5.0/24", "192.168.0.0/16", "10.20.0.0/16"], "routes"), (e: CrossCloudError) =>
                e.field === "routes[2]" && e.value === "10.20.0.0/16" && e.rule.includes("routes[0]") && e.rule.includes("10.20.5.0/24"));
        });

        const limits: [string, number, { max: number; product: string }, boolean][] = [
            // [comment, count, limit, accepted]
            ["200 prefixes on a DX gateway association with a Transit Gateway", 200, DX, true],
            ["201 is one too many", 201, DX, false],
            ["1000 over a managed interconnect", 1000, { max: MANAGED_ROUTE_LIMIT, product: "A managed interconnect" }, true],
            ["1001 is one too many", 1001, { max: MANAGED_ROUTE_LIMIT, product: "A managed interconnect" }, false],
        ];
        for (const [comment, count, limit, ok] of limits) {
            it(`${comment}`, () => {
                const list = Array.from({ length: count }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
                if (ok) assert.equal(checkPrefixList(list, "routes", { limit }).length, count);
                else assert.throws(() => checkPrefixList(list, "routes", { limit }), (e: CrossCloudError) =>
                    e.code === ErrorCode.TooManyPrefixes && e.value === count && e.rule.includes(`${limit.max}`));
            });
        }
    });

    describe("checkPrefixList properties", () => {
        it("any input gives a list of prefixes or a typed error", () => {
            const anyInput = fc.oneof(
                fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
                fc.array(fc.oneof(prefixTextArb, fc.string(), fc.anything({ withBigInt: true, withNullPrototype: true }))),
                fc.array(prefixTextArb, { maxLength: 25 }),
            );
            fc.assert(
                fc.property(anyInput, (input) => {
                    const result = valueOrTypedError(() => checkPrefixList(input, "routes", { limit: DX }));
                    if (!(result instanceof CrossCloudError)) assert.ok(result.length > 0 && result.every((p) => p instanceof Prefix));
                }),
                RUNS,
            );
        });

        it("accepts a list exactly when it is non-empty, within the limit and free of overlaps; returns it sorted", () => {
            fc.assert(
                fc.property(fc.array(prefixTextArb, { maxLength: 24 }), (list) => {
                    const overlapping = list.some((a, i) => list.slice(i + 1).some((b) => sharesAddress(a, b)));
                    const shouldAccept = list.length > 0 && list.length <= DX.max && !overlapping;
                    const result = valueOrTypedError(() => checkPrefixList(list, "routes", { limit: DX }));
                    if (!shouldAccept) {
                        assert.ok(result instanceof CrossCloudError, `accepted ${list.join(", ")}`);
                        if (result.code === ErrorCode.Overlap) {
                            const [a, b] = [/\[(\d+)\]$/.exec(result.field)![1], /routes\[(\d+)\]/.exec(result.rule)![1]].map(Number);
                            assert.ok(b < a && sharesAddress(list[a], list[b]), `${result.field} and ${result.rule}`);
                        }
                        return;
                    }
                    assert.ok(!(result instanceof CrossCloudError), `refused ${list.join(", ")}: ${result}`);
                    assert.deepEqual(result.map(String), [...list].sort((x, y) => Prefix.parse(x, "x").compare(Prefix.parse(y, "y"))));
                }),
                RUNS,
            );
        });
    });
});
