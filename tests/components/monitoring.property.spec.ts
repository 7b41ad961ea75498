/**
 * Over random component arguments — a dedicated interconnect in Google's 99.9% or 99.99% shape
 * (AWS's High or Maximum model), ports in one or two AWS Regions, some still ordered, one or two attachments each of random
 * bandwidth; an HA VPN of standard or large tunnels; a requirement anywhere from nothing to more
 * than the links carry — what the component registers (its MetricAlarm and AlertPolicy resources
 * as the offline engine captured them) is evaluated against synthetic series: nothing opens while
 * healthy, and after every single failure and every pair exactly the expected alarms open, the
 * worst at the failure's own severity, the breach whenever less than the requirement survives.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { DedicatedInterconnect, DedicatedInterconnectArgs, SlaTarget } from "../../components/dedicatedInterconnect";
import { HaVpn } from "../../components/haVpn";
import { capture } from "../../offline";
import { PortSpeed, TunnelBandwidth } from "../../sdk/bandwidth";
import { checkDeployed } from "../monitoring/deployed";

const NETWORK = "projects/acme/global/networks/transit";
const RUNS = { numRuns: 12 };

/** What a 10G port's attachments may take together. */
const portArb = fc.record({ ready: fc.boolean(), attachments: fc.constantFrom(["10Gbps"], ["5Gbps"], ["1Gbps"], ["5Gbps", "5Gbps"], ["2Gbps", "5Gbps"]) });

const dedicatedArb = fc.record({
    fourNines: fc.boolean(),
    westRegion: fc.constantFrom("us-east-1", "us-west-1"),
    ports: fc.tuple(portArb, portArb, portArb, portArb),
    requiredGbps: fc.constantFrom(undefined, 1, 10, 25, 60),
}).filter((d) => d.ports.slice(0, d.fourNines ? 4 : 2).some((p) => p.ready));

type DedicatedShape = typeof dedicatedArb extends fc.Arbitrary<infer T> ? T : never;

function dedicatedArgs(d: DedicatedShape): DedicatedInterconnectArgs {
    // 99.99% is AWS's Maximum model (each metro's ports at one location, on two devices); 99.9% its High model (two locations).
    const shapes = [
        { key: "iad-1", location: "iad-zone1-1", aws: "EqDC2", region: "us-east4", awsRegion: undefined },
        { key: "iad-2", location: "iad-zone2-1", aws: d.fourNines ? "EqDC2" : "CSVA1", region: "us-east4", awsRegion: undefined },
        { key: "sjc-1", location: "sjc-zone1-6", aws: "EqSV5", region: "us-west2", awsRegion: d.westRegion },
        { key: "sjc-2", location: "sjc-zone2-6", aws: "EqSV5", region: "us-west2", awsRegion: d.westRegion },
    ].slice(0, d.fourNines ? 4 : 2);
    const args: DedicatedInterconnectArgs = {
        sla: d.fourNines ? SlaTarget.FourNines : SlaTarget.ThreeNines,
        portSpeed: PortSpeed.Gbps10,
        ports: Object.fromEntries(shapes.map((s, i) => [s.key, {
            location: s.location, remoteLocation: `aws-${s.aws.toLowerCase()}`, awsLocation: s.aws, ...(s.awsRegion && s.awsRegion !== "us-east-1" && { awsRegion: s.awsRegion }),
            ready: d.ports[i].ready,
        }])),
        attachments: Object.fromEntries(shapes.flatMap((s, i) => d.ports[i].attachments.map((bandwidth, k) => [`${s.key}-${k}`, {
            port: s.key, ...(s.region !== "us-east4" && { region: s.region }), bandwidth,
        }]))),
        google: { network: NETWORK, region: "us-east4", routerAsn: 65010, ...(d.fourNines && { globalRouting: true }) },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        advertisedPrefixes: ["10.20.0.0/16"],
        ...(d.requiredGbps !== undefined && { monitoring: { requiredGbps: d.requiredGbps } }),
    };
    return args;
}

describe("what the components register, over random arguments", function () {
    this.timeout(600_000);

    it("a dedicated interconnect: nothing while healthy, exactly the expected alarms after every failure and every pair", async () => {
        let breaches = 0;
        await fc.assert(fc.asyncProperty(dedicatedArb, async (d) => {
            const plan = await capture(() => { new DedicatedInterconnect("cci", dedicatedArgs(d)); });
            const coverage = checkDeployed(plan.resources, "cci", (d.requiredGbps ?? 0) * 1000, { pairs: true });
            assert.equal(coverage.right, coverage.failures);
            breaches += coverage.breaches;
        }), RUNS);
        assert.ok(breaches > 0);
    });

    it("an HA VPN: the same, standard or large tunnels, any requirement", async () => {
        await fc.assert(fc.asyncProperty(fc.constantFrom(TunnelBandwidth.Standard, TunnelBandwidth.Large), fc.constantFrom(undefined, 1, 4, 10, 20), async (tunnelBandwidth, requiredGbps) => {
            const plan = await capture(() => {
                new HaVpn("vpn", {
                    google: { network: NETWORK, region: "us-east4", routerAsn: 65010 },
                    aws: { region: "us-east-1", transitGatewayAsn: 64512 },
                    advertisedPrefixes: ["10.100.0.0/16"],
                    tunnelBandwidth,
                    ...(requiredGbps !== undefined && { monitoring: { requiredGbps } }),
                });
            });
            const coverage = checkDeployed(plan.resources, "vpn", (requiredGbps ?? 0) * 1000, { pairs: true });
            assert.deepEqual([coverage.right, coverage.watched], [coverage.failures, coverage.failures]);
        }), RUNS);
    });
});
