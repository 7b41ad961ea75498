import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
    ATTACHMENT_BANDWIDTHS, AWS_TUNNEL_LIMIT, Bandwidth, checkTier, ecmpAggregate, MANAGED_BANDWIDTHS, MAX_LAG_LINKS, PORT_LINK_TYPES,
    portCapacity, PortSpeed, portSpeedFromLinkType, TunnelBandwidth, vpnTunnelBandwidth,
} from "../../sdk/bandwidth";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { RUNS, valueOrTypedError } from "./typedError";

const gbps = (n: number) => Bandwidth.fromGbps(n);

/** providers.md §7.2: [Google spelling, Gbps, AWS spelling]. */
const TABLE: [string, number, string][] = [
    ["BPS_50M", 0.05, "50Mbps"],
    ["BPS_100M", 0.1, "100Mbps"],
    ["BPS_200M", 0.2, "200Mbps"],
    ["BPS_300M", 0.3, "300Mbps"],
    ["BPS_400M", 0.4, "400Mbps"],
    ["BPS_500M", 0.5, "500Mbps"],
    ["BPS_1G", 1, "1Gbps"],
    ["BPS_2G", 2, "2Gbps"],
    ["BPS_5G", 5, "5Gbps"],
    ["BPS_10G", 10, "10Gbps"],
    ["BPS_20G", 20, "20Gbps"],
    ["BPS_50G", 50, "50Gbps"],
    ["BPS_100G", 100, "100Gbps"],
    ["BPS_400G", 400, "400Gbps"],
];

/** Whole Mbps values, from a tier to absurdly large. */
const mbpsArb = fc.oneof(fc.integer({ min: 1, max: 400_000 }), fc.integer({ min: 1, max: 2000 }).map((g) => g * 1000), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));

describe("sdk/bandwidth", () => {
    describe("Bandwidth.parse: the conversions of providers.md §7.2", () => {
        for (const [google, gbpsValue, aws] of TABLE) {
            it(`${google} = ${gbpsValue} Gbps = ${aws}`, () => {
                for (const spelling of [google, aws, gbpsValue]) {
                    const b = Bandwidth.parse(spelling, "bandwidth");
                    assert.equal(b.gbps, gbpsValue, `${spelling} in Gbps`);
                    assert.equal(b.mbps, Math.round(gbpsValue * 1000), `${spelling} in Mbps`);
                    assert.equal(b.toGcp(), google, `${spelling} for Google`);
                    assert.equal(b.toAws(), aws, `${spelling} for AWS`);
                }
            });
        }

        const others: [string, unknown, string][] = [
            // [comment, value, AWS spelling]
            ["Mbps that make whole Gbps are written in Gbps", "1000Mbps", "1Gbps"],
            ["Google spelling of the same", "BPS_1000M", "1Gbps"],
            ["AWS standard VPN tunnel", 1.25, "1250Mbps"],
            ["a Gbps number that binary floating point cannot hold exactly", 1.005, "1005Mbps"],
            ["another one", 2.01, "2010Mbps"],
            ["one Mbps", 0.001, "1Mbps"],
        ];
        for (const [comment, value, aws] of others) {
            it(`${JSON.stringify(value)} → ${aws} (${comment})`, () => assert.equal(Bandwidth.parse(value, "f").toAws(), aws));
        }

        const invalid: [string, unknown][] = [
            ["zero Gbps", 0],
            ["zero as text", "0Gbps"],
            ["zero, Google spelling", "BPS_0G"],
            ["negative", -10],
            ["half a Mbps", 0.0005],
            ["NaN", NaN],
            ["Infinity", Infinity],
            ["lower-case unit", "10gbps"],
            ["a space inside", "10 Gbps"],
            ["kbps", "500Kbps"],
            ["decimal text", "1.5Gbps"],
            ["Google spelling, lower case", "bps_10g"],
            ["a number as text", "10"],
            ["too many digits to be a number", `${"9".repeat(400)}Gbps`],
            ["more Mbps than a double counts exactly", `BPS_${"9".repeat(17)}G`],
            ["a bigint", 10n],
            ["an object", { gbps: 10 }],
            ["null", null],
        ];
        for (const [comment, value] of invalid) {
            it(`refuses ${typeof value === "bigint" ? "10n" : JSON.stringify(value)} (${comment})`, () => {
                assert.throws(() => Bandwidth.parse(value, "links[0].bandwidth"), { name: "CrossCloudError", code: ErrorCode.InvalidBandwidth, field: "links[0].bandwidth" });
            });
        }
    });

    describe("Bandwidth values", () => {
        it("adds, multiplies, compares and prints", () => {
            assert.ok(gbps(10).plus(Bandwidth.fromMbps(500)).equals(Bandwidth.fromMbps(10500)));
            assert.ok(gbps(10).times(4).equals(gbps(40)));
            assert.ok(gbps(10).min(gbps(3)).equals(gbps(3)));
            assert.ok(gbps(10).compare(gbps(3)) > 0 && gbps(3).compare(gbps(10)) < 0 && gbps(3).compare(gbps(3)) === 0);
            assert.equal(gbps(10).toString(), "10 Gbps");
            assert.equal(Bandwidth.fromMbps(500).toString(), "500 Mbps");
            assert.equal(JSON.stringify({ b: gbps(10) }), '{"b":"10Gbps"}');
        });
    });

    describe("tiers", () => {
        it("attachments offer every tier of the table, in order", () => {
            assert.deepEqual(ATTACHMENT_BANDWIDTHS.map((b) => b.toGcp()), TABLE.map(([google]) => google));
        });

        it("managed interconnects stop at BPS_100G (no BPS_400G on a Transport)", () => {
            assert.deepEqual(MANAGED_BANDWIDTHS.map((b) => b.toGcp()), TABLE.slice(0, -1).map(([google]) => google));
        });

        const cases: [string, unknown, Bandwidth[], string | undefined][] = [
            // [comment, value, tiers, suggested fix]
            ["a tier, AWS spelling", "10Gbps", ATTACHMENT_BANDWIDTHS, undefined],
            ["a tier, Google spelling", "BPS_400G", ATTACHMENT_BANDWIDTHS, undefined],
            ["a tier, as Gbps", 0.3, ATTACHMENT_BANDWIDTHS, undefined],
            ["between tiers: round up, never down", "150Mbps", ATTACHMENT_BANDWIDTHS, "200Mbps"],
            ["between 10G and 20G", "15Gbps", ATTACHMENT_BANDWIDTHS, "20Gbps"],
            ["above the top tier: the top tier", "800Gbps", ATTACHMENT_BANDWIDTHS, "400Gbps"],
            ["400G on a managed interconnect", "BPS_400G", MANAGED_BANDWIDTHS, "100Gbps"],
            ["below the lowest tier", "10Mbps", MANAGED_BANDWIDTHS, "50Mbps"],
        ];
        for (const [comment, value, allowed, fix] of cases) {
            it(`checkTier ${JSON.stringify(value)}: ${fix ? `refused, use ${fix}` : "accepted"} (${comment})`, () => {
                if (!fix) {
                    assert.ok(checkTier(value, "bandwidth", allowed, "Partner Cross-Cloud Interconnect").equals(Bandwidth.parse(value, "f")));
                    return;
                }
                assert.throws(() => checkTier(value, "bandwidth", allowed, "Partner Cross-Cloud Interconnect"), (e: CrossCloudError) => {
                    assert.equal(e.code, ErrorCode.BandwidthUnsupported);
                    assert.equal(e.field, "bandwidth");
                    assert.match(e.rule, /^Partner Cross-Cloud Interconnect offers /);
                    for (const tier of allowed) assert.ok(e.rule.includes(tier.toAws()), `the rule names ${tier.toAws()}`);
                    assert.equal(e.fix, `Use ${fix}.`);
                    return true;
                });
            });
        }

        it("checkTier passes through a bad spelling as InvalidBandwidth", () => {
            assert.throws(() => checkTier("fast", "bandwidth", ATTACHMENT_BANDWIDTHS, "x"), { code: ErrorCode.InvalidBandwidth });
        });

        it("checkTier with no tiers at all says so, without crashing", () => {
            assert.throws(() => checkTier("10Gbps", "bandwidth", [], "this profile"), { code: ErrorCode.BandwidthUnsupported });
        });

        it("checkTier accepts exactly the listed tiers and suggests the next one up", () => {
            fc.assert(
                fc.property(mbpsArb, fc.shuffledSubarray(ATTACHMENT_BANDWIDTHS, { minLength: 1 }), (mbps, allowed) => {
                    const value = Bandwidth.fromMbps(mbps);
                    const listed = allowed.some((b) => b.mbps === mbps);
                    const result = valueOrTypedError(() => checkTier(value.toAws(), "bandwidth", allowed, "product"));
                    if (listed) return assert.ok(!(result instanceof CrossCloudError) && result.equals(value));
                    assert.ok(result instanceof CrossCloudError && result.code === ErrorCode.BandwidthUnsupported);
                    const above = allowed.filter((b) => b.mbps > mbps).map((b) => b.mbps);
                    const expected = Bandwidth.fromMbps(above.length > 0 ? Math.min(...above) : Math.max(...allowed.map((b) => b.mbps)));
                    assert.equal(result.fix, `Use ${expected.toAws()}.`);
                }),
                RUNS,
            );
        });
    });

    describe("VPN tunnels, ports and ECMP", () => {
        it("an AWS⇄Google tunnel carries the lower of the two ends", () => {
            assert.equal(vpnTunnelBandwidth(TunnelBandwidth.Standard).toAws(), "1250Mbps"); // AWS standard, 1.25 Gbps
            assert.equal(vpnTunnelBandwidth(TunnelBandwidth.Large).toAws(), "3Gbps"); // AWS large is 5 Gbps, Google caps at ~3
            assert.equal(AWS_TUNNEL_LIMIT[TunnelBandwidth.Large].toAws(), "5Gbps");
        });

        it("ECMP sums its paths: four standard tunnels carry 5 Gbps, four large ones 12", () => {
            assert.equal(ecmpAggregate(Array(4).fill(vpnTunnelBandwidth(TunnelBandwidth.Standard))).toAws(), "5Gbps");
            assert.equal(ecmpAggregate(Array(4).fill(vpnTunnelBandwidth(TunnelBandwidth.Large))).toAws(), "12Gbps");
            assert.equal(ecmpAggregate([]).mbps, 0);
        });

        const ports: [PortSpeed, number, string][] = [
            // [speed, links, capacity]
            [PortSpeed.Gbps10, 1, "10Gbps"],
            [PortSpeed.Gbps10, 4, "40Gbps"], // a full 10G LAG
            [PortSpeed.Gbps100, 2, "200Gbps"], // a full 100G LAG
            [PortSpeed.Gbps400, 2, "800Gbps"],
        ];
        for (const [speed, links, capacity] of ports) {
            it(`portCapacity(${speed}, ${links}) = ${capacity}`, () => {
                assert.equal(portCapacity(speed, links).toAws(), capacity);
                assert.ok(links <= MAX_LAG_LINKS[speed]);
            });
        }

        it("maps Google link types to port speeds and back", () => {
            for (const speed of Object.values(PortSpeed)) assert.equal(portSpeedFromLinkType(PORT_LINK_TYPES[speed]), speed);
            assert.equal(portSpeedFromLinkType("LINK_TYPE_ETHERNET_100G_LR"), PortSpeed.Gbps100);
            assert.equal(portSpeedFromLinkType("LINK_TYPE_ETHERNET_1G_LX"), undefined);
        });
    });

    describe("properties", () => {
        it("any input gives a positive whole number of Mbps or a typed error", () => {
            const anyInput = fc.oneof(
                fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true }),
                fc.string(),
                fc.double(),
                fc.stringMatching(/^(BPS_)?[0-9]{1,25}[MGK]?(bps)?$/),
                fc.tuple(fc.constantFrom("", "BPS_"), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom("M", "G"), fc.constantFrom("", "bps")).map(([a, n, u, b]) => `${a}${n}${u}${b}`),
            );
            fc.assert(
                fc.property(anyInput, (value) => {
                    const result = valueOrTypedError(() => Bandwidth.parse(value, "bandwidth"));
                    if (result instanceof CrossCloudError) return assert.equal(result.code, ErrorCode.InvalidBandwidth);
                    assert.ok(Number.isSafeInteger(result.mbps) && result.mbps > 0, `${String(value)} gave ${result.mbps} Mbps`);
                }),
                RUNS,
            );
        });

        it("round-trips: toAws, toGcp and gbps parse back to the same value", () => {
            fc.assert(
                fc.property(mbpsArb, (mbps) => {
                    const b = Bandwidth.fromMbps(mbps);
                    // A number of Gbps holds three decimals exactly only up to about 2^53 / 1000 Mbps.
                    for (const spelling of mbps <= 1e12 ? [b.toAws(), b.toGcp(), b.gbps] : [b.toAws(), b.toGcp()]) {
                        const again = Bandwidth.parse(spelling, "bandwidth");
                        assert.ok(again.equals(b), `${mbps} Mbps came back from ${spelling} as ${again.mbps}`);
                    }
                    assert.equal(Bandwidth.parse(b.toGcp(), "f").toAws(), b.toAws(), "one canonical form per value");
                }),
                RUNS,
            );
        });

        it("a number of Gbps with at most three decimals is that many Mbps", () => {
            fc.assert(
                fc.property(fc.integer({ min: 1, max: 1_000_000 }), (mbps) => {
                    assert.equal(Bandwidth.parse(mbps / 1000, "f").mbps, mbps);
                }),
                RUNS,
            );
        });
    });
});
