import * as assert from "node:assert/strict";
import fc from "fast-check";
import { checkComponentName } from "../../../sdk/checks/names";
import { firstOverlapBetween, Span } from "../../../sdk/checks/overlaps";
import { awsRegion, googleRegion } from "../../../sdk/checks/regions";
import { optionalId, parseReserved, plainArgs, requiredId } from "../../../sdk/checks/values";
import { CrossCloudError, ErrorCode, show, SHOWN_VALUE_LIMIT } from "../../../sdk/errors";
import { Prefix } from "../../../sdk/prefix";
import { RUNS, typedError } from "../typedError";

describe("sdk/checks", () => {
    describe("component names", () => {
        // Google's resource-name rule (RFC 1035, 63 characters) on the name and the longest child it makes.
        const cases: [unknown, string | undefined][] = [
            ["prod-backup", undefined],
            ["a", undefined],
            ["", "non-empty string"],
            ["Prod Link!", "RFC 1035"],
            ["-x", "RFC 1035"],
            ["x-", "RFC 1035"],
            ["1x", "RFC 1035"],
            ["x".repeat(42), undefined],
            ["x".repeat(43), "63, and Pulumi appends 8"],
            [Symbol("s"), "non-empty string"],
            [new Map(), "non-empty string"],
            [42, "non-empty string"],
        ];
        for (const [value, rule] of cases) {
            it(`${show(value)}: ${rule ?? "accepted"}`, () => {
                if (rule === undefined) return assert.equal(checkComponentName(value, "peer-gateway"), value);
                const e = typedError(() => checkComponentName(value, "peer-gateway"));
                assert.deepEqual([e.code, e.field], [ErrorCode.InvalidArgument, "name"]);
                assert.ok(e.rule.includes(rule), e.rule);
            });
        }
    });

    describe("regions", () => {
        it("takes Google's and AWS's region names, and nothing else, in every component alike", () => {
            for (const r of ["us-east4", "europe-west1", "northamerica-northeast2", "me-central2"]) assert.equal(googleRegion(r, "g"), r);
            for (const r of ["us-east-1", "ap-southeast-2", "us-gov-west-1", "il-central-1"]) assert.equal(awsRegion(r, "a"), r);
            for (const r of ["Moon Base 1", "us-east-1", "", " us-east4", 4, null]) assert.equal(typedError(() => googleRegion(r, "google.region")).field, "google.region");
            for (const r of ["us-east4", "US-EAST-1", "useast1", {}]) assert.equal(typedError(() => awsRegion(r, "aws.region")).field, "aws.region");
        });
    });

    describe("plainArgs", () => {
        it("copies plain data, dropping nulls and keeping Outputs and promises as they are", () => {
            const output = { __pulumiOutput: true };
            const promise = Promise.resolve("x");
            const given = { a: null, b: { c: null, d: [null, 1] }, e: output, f: promise, g: undefined };
            const copy = plainArgs(given);
            assert.deepEqual(Object.keys(copy), ["b", "e", "f"]);
            assert.deepEqual(copy.b, { d: [null, 1] });
            assert.equal(copy.e, output);
            assert.equal(copy.f, promise);
            assert.notEqual(copy.b, given.b);
        });

        it("refuses what Pulumi cannot store as a component's inputs, naming where it is", () => {
            const cyclic: Record<string, unknown> = {};
            cyclic.self = cyclic;
            let deep: Record<string, unknown> = {};
            for (let i = 0; i < 100; i++) deep = { next: deep };
            const cases: [unknown, string][] = [
                [{ macsec: cyclic }, "macsec.self"],
                [{ google: { network: Symbol("n") } }, "google.network"],
                [{ ports: new Map() }, "ports"],
                [{ a: [1, () => 2] }, "a[1]"],
                [{ b: 1n }, "b"],
                [{ deep }, "deep.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next.next"],
                ["args", "args"],
                [null, "args"],
            ];
            for (const [value, field] of cases) {
                const e = typedError(() => plainArgs(value));
                assert.deepEqual([e.code, e.field], [ErrorCode.InvalidArgument, field], e.message);
            }
        });
    });

    describe("ids", () => {
        it("takes a non-empty string or an Output or promise, and nothing else", () => {
            for (const id of ["tgw-1", { __pulumiOutput: true }, Promise.resolve("x"), undefined]) optionalId(id, "aws.transitGatewayId", "a Transit Gateway id");
            for (const id of [NaN, Infinity, 7, "", "  ", {}, [], Symbol("s")]) {
                assert.equal(typedError(() => optionalId(id, "aws.transitGatewayId", "a Transit Gateway id")).field, "aws.transitGatewayId");
            }
            assert.match(typedError(() => requiredId(undefined, "google.network", "the VPC's self link")).rule, /is required/);
        });
    });

    describe("reserved prefixes", () => {
        it("counts the list before parsing any of it", () => {
            const e = typedError(() => parseReserved(Array.from({ length: 100_000 }, () => "not a prefix")));
            assert.deepEqual([e.code, e.value], [ErrorCode.TooManyPrefixes, 100_000]);
        });
    });

    describe("firstOverlapBetween", () => {
        const prefix = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 8, max: 24 })).map(([n, bits]) => Prefix.from(0x0a000000 + n * 256, bits));
        const span = (p: Prefix): Span => ({ lo: BigInt(p.network), hi: BigInt(p.last) });

        it("finds an overlap between the lists exactly when a pairwise walk does", () => {
            fc.assert(fc.property(fc.array(prefix, { maxLength: 30 }), fc.array(prefix, { maxLength: 30 }), (a, b) => {
                const naive = a.some((x) => b.some((y) => x.overlaps(y)));
                const found = firstOverlapBetween(a.map(span), b.map(span));
                assert.equal(found !== undefined, naive);
                if (found) assert.ok(a[found[0]].overlaps(b[found[1]]));
            }), RUNS);
        });
    });

    describe("errors show values briefly", () => {
        it("cuts long values, and shows cyclic, symbolic and class values without failing", () => {
            const cyclic: Record<string, unknown> = { a: 1 };
            cyclic.self = cyclic;
            for (const value of ["x".repeat(1_000_000), Array.from({ length: 100_000 }, (_, i) => i), cyclic, Symbol("s"), 1n, new Map([["a", 1]]), Object.create(null), () => 1]) {
                const e = new CrossCloudError({ code: ErrorCode.InvalidArgument, field: "f", value, rule: "r", fix: "x" });
                assert.ok(e.message.length < SHOWN_VALUE_LIMIT + 40, `${e.message.length}: ${e.message.slice(0, 80)}`);
            }
            assert.match(show("x".repeat(1000)), /… \(1002 characters\)$/);
            assert.match(show(cyclic), /\[Circular \*1\]/);
        });
    });
});
