import * as assert from "node:assert/strict";
import fc from "fast-check";
import { AsnPlan, AWS_RESERVED_ASNS, checkAsnPlan, GOOGLE_PARTNER_ASN, isPrivateAsn, parseAsn } from "../../sdk/asn";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { RUNS, valueOrTypedError } from "./typedError";

/** RFC 6996, written out (providers.md §7.4): the reference the code must agree with. */
const privateAsn = (n: number) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294);

describe("sdk/asn", () => {
    describe("parseAsn", () => {
        const accepted: [string, unknown, number, boolean?][] = [
            // [comment, value, asn, partnerInterconnect]
            ["lowest private 16-bit", 64512, 64512],
            ["highest private 16-bit", 65534, 65534],
            ["lowest private 32-bit", 4200000000, 4200000000],
            ["highest private 32-bit", 4294967294, 4294967294],
            ["a decimal string, as AWS writes amazonSideAsn", "64514", 64514],
            ["a 32-bit decimal string", "4200000001", 4200000001],
            ["surrounding spaces from a config file", " 64514 ", 64514],
            ["Google's ASN on a Partner Interconnect router", 16550, 16550, true],
            ["a private ASN is fine on a partner router too", 64600, 64600, true],
        ];
        for (const [comment, value, asn, partnerInterconnect] of accepted) {
            it(`accepts ${JSON.stringify(value)} (${comment})`, () => {
                assert.equal(parseAsn(value, "bgp.asn", { partnerInterconnect }), asn);
            });
        }

        const refused: [string, unknown, ErrorCode, boolean?][] = [
            // [comment, value, code, partnerInterconnect]
            ...AWS_RESERVED_ASNS.map((n): [string, unknown, ErrorCode] => [`AWS reserves ${n}`, n, ErrorCode.ReservedAsn]),
            ["AWS reserves 7224, also as text", "7224", ErrorCode.ReservedAsn],
            ["AWS reserves 17943, even on a partner router", 17943, ErrorCode.ReservedAsn, true],
            ["Google's 16550 without Partner Interconnect", 16550, ErrorCode.InvalidAsn],
            ["just below the 16-bit range", 64511, ErrorCode.InvalidAsn],
            ["65535 is reserved (RFC 7300)", 65535, ErrorCode.InvalidAsn],
            ["just below the 32-bit range", 4199999999, ErrorCode.InvalidAsn],
            ["4294967295 is reserved (RFC 7300)", 4294967295, ErrorCode.InvalidAsn],
            ["a public ASN", 15169, ErrorCode.InvalidAsn],
            ["zero", 0, ErrorCode.InvalidAsn],
            ["negative", -64512, ErrorCode.InvalidAsn],
            ["fractional", 64512.5, ErrorCode.InvalidAsn],
            ["NaN", NaN, ErrorCode.InvalidAsn],
            ["Infinity", Infinity, ErrorCode.InvalidAsn],
            ["a signed string", "+64512", ErrorCode.InvalidAsn],
            ["a hex string", "0xfc00", ErrorCode.InvalidAsn],
            ["an exponent string", "6.4512e4", ErrorCode.InvalidAsn],
            ["asdot notation", "64086.59904", ErrorCode.InvalidAsn],
            ["an empty string", "", ErrorCode.InvalidAsn],
            ["a bigint", 64512n, ErrorCode.InvalidAsn],
            ["undefined", undefined, ErrorCode.InvalidAsn],
        ];
        for (const [comment, value, code, partnerInterconnect] of refused) {
            it(`refuses ${typeof value === "bigint" ? `${value}n` : JSON.stringify(value) ?? String(value)} with ${code} (${comment})`, () => {
                assert.throws(() => parseAsn(value, "routers.us-east4", { partnerInterconnect }), {
                    name: "CrossCloudError", code, field: "routers.us-east4", value,
                });
            });
        }

        it("says why 16550 is refused", () => {
            assert.throws(() => parseAsn(16550, "f"), (e: CrossCloudError) => /Partner Interconnect only/.test(e.rule));
        });
    });

    describe("parseAsn properties", () => {
        it("any input gives a private ASN or a typed error", () => {
            const anyInput = fc.oneof(
                fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true }),
                fc.string(),
                fc.stringMatching(/^\s?[0-9+\-.e]{1,12}\s?$/),
                fc.integer({ min: -1, max: 2 ** 32 + 1 }),
                fc.double(),
            );
            fc.assert(
                fc.property(anyInput, fc.boolean(), (value, partnerInterconnect) => {
                    const result = valueOrTypedError(() => parseAsn(value, "asn", { partnerInterconnect }));
                    if (result instanceof CrossCloudError) return;
                    assert.ok(privateAsn(result) || (partnerInterconnect && result === GOOGLE_PARTNER_ASN), `accepted ${result}`);
                }),
                RUNS,
            );
        });

        it("accepts exactly the private ranges (and 16550 for Partner Interconnect), as a number or as text", () => {
            const edges = [0, 1, 7224, 16550, 64511, 64512, 65534, 65535, 4199999999, 4200000000, 4294967294, 4294967295];
            const asnArb = fc.oneof(
                fc.integer({ min: 0, max: 2 ** 32 }),
                fc.integer({ min: 64000, max: 66000 }),
                fc.integer({ min: 4199999000, max: 2 ** 32 }),
                fc.constantFrom(...edges),
            );
            fc.assert(
                fc.property(asnArb, fc.boolean(), (n, partnerInterconnect) => {
                    const shouldAccept = privateAsn(n) || (partnerInterconnect && n === GOOGLE_PARTNER_ASN);
                    for (const value of [n, String(n)]) {
                        const result = valueOrTypedError(() => parseAsn(value, "asn", { partnerInterconnect }));
                        assert.equal(result instanceof CrossCloudError ? undefined : result, shouldAccept ? n : undefined, `${JSON.stringify(value)}`);
                    }
                    assert.equal(isPrivateAsn(n), privateAsn(n));
                }),
                RUNS,
            );
        });
    });

    describe("checkAsnPlan", () => {
        const cases: [string, AsnPlan, string | undefined][] = [
            // [comment, plan, field of the collision]
            ["all three distinct", { cloudRouter: 64514, transitGateway: 64512, directConnectGateway: 64513 }, undefined],
            ["router only", { cloudRouter: 64514 }, undefined],
            ["HA VPN: router and TGW", { cloudRouter: 64514, transitGateway: 64512 }, undefined],
            ["CCI: router and DX gateway", { cloudRouter: 64514, directConnectGateway: 64513 }, undefined],
            ["router = TGW: not eBGP", { cloudRouter: 64512, transitGateway: 64512 }, "transitGateway"],
            ["router = DX gateway: not eBGP", { cloudRouter: 64513, directConnectGateway: 64513, transitGateway: 64512 }, "directConnectGateway"],
            ["TGW = DX gateway: AWS refuses the association", { cloudRouter: 64514, transitGateway: 64512, directConnectGateway: 64512 }, "directConnectGateway"],
            ["all three equal: the router clash comes first", { cloudRouter: 64512, transitGateway: 64512, directConnectGateway: 64512 }, "transitGateway"],
        ];
        for (const [comment, plan, field] of cases) {
            it(`${comment}: ${field ? `collision on ${field}` : "accepted"}`, () => {
                if (field) assert.throws(() => checkAsnPlan(plan), { name: "CrossCloudError", code: ErrorCode.AsnCollision, field });
                else assert.deepEqual(checkAsnPlan(plan), plan);
            });
        }

        it("names the fields as the caller wrote them", () => {
            const fields = { cloudRouter: "routers.us-east4", transitGateway: "transitGatewayAsn", directConnectGateway: "environments.prod.directConnectGatewayAsn" };
            assert.throws(() => checkAsnPlan({ cloudRouter: 64514, transitGateway: 64512, directConnectGateway: 64512 }, fields), (e: CrossCloudError) =>
                e.field === fields.directConnectGateway && e.rule.includes(fields.transitGateway));
            assert.throws(() => checkAsnPlan({ cloudRouter: 64512, transitGateway: 64512 }, fields), (e: CrossCloudError) =>
                e.field === fields.transitGateway && e.rule.includes(fields.cloudRouter));
        });

        it("refuses a plan exactly when two of its ASNs are equal", () => {
            const asn = fc.constantFrom(64512, 64513, 64514); // a small pool, so clashes are common
            const plan = fc.record({ cloudRouter: asn, transitGateway: fc.option(asn, { nil: undefined }), directConnectGateway: fc.option(asn, { nil: undefined }) });
            fc.assert(
                fc.property(plan, (p) => {
                    const defined = [p.cloudRouter, p.transitGateway, p.directConnectGateway].filter((n) => n !== undefined);
                    const clash = new Set(defined).size < defined.length;
                    const result = valueOrTypedError(() => checkAsnPlan(p));
                    if (clash) assert.ok(result instanceof CrossCloudError && result.code === ErrorCode.AsnCollision, `accepted ${JSON.stringify(p)}`);
                    else assert.deepEqual(result, p);
                }),
                RUNS,
            );
        });
    });
});
