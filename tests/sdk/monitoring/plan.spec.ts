import * as assert from "node:assert/strict";
import { PortSpeed } from "../../../sdk/bandwidth";
import { ErrorCode } from "../../../sdk/errors";
import {
    AlarmClass, checkMonitoring, dedicatedAwsRegions, MonitoringPlan, planMonitoring, Severity, shortfalls, vpnAwsRegions,
} from "../../../sdk/monitoring";
import { planDedicatedInterconnect, SlaTarget } from "../../../sdk/plans/dedicated";
import { planHaVpn } from "../../../sdk/plans/haVpn";
import { planManagedInterconnect } from "../../../sdk/plans/managedInterconnect";
import { Cloud, mergeTopologies } from "../../../sdk/topology";
import { typedError } from "../typedError";

const NOBODY = { [Severity.RedundancyLost]: { aws: false, gcp: false }, [Severity.RequirementBreached]: { aws: false, gcp: false } };
const EVERYONE = { [Severity.RedundancyLost]: { aws: true, gcp: true }, [Severity.RequirementBreached]: { aws: true, gcp: true } };

const vpn = (name: string, role?: "backup") => planHaVpn({
    name, role: role as never, google: { network: "vpc", region: "us-east4", routerAsn: 65010, router: "edge" },
    aws: { region: "us-east-1", transitGatewayAsn: 64512, transitGatewayId: "tgw-1" }, advertisedPrefixes: ["10.100.0.0/16"],
});

const port = (location: string, awsLocation: string, awsRegion: string, ready = true) => ({ location, remoteLocation: "aws-eqdc2", awsLocation, awsRegion, ready });

/** prod's shape: iad ports at EqDC2 (us-east-1) on us-east4, ord ports at EqCh2 (us-east-2) on us-central1. */
const dedicated = (ready = true) => planDedicatedInterconnect({
    name: "cci", sla: SlaTarget.FourNines, portSpeed: PortSpeed.Gbps10,
    ports: {
        "iad-1": port("iad-zone1-1", "EqDC2", "us-east-1", ready), "iad-2": port("iad-zone2-1", "EqDC2", "us-east-1", ready),
        "ord-1": port("ord-zone1-7", "EqCh2", "us-east-2", ready), "ord-2": port("ord-zone2-7", "EqCh2", "us-east-2", ready),
    },
    attachments: {
        "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" },
        "central-a": { port: "ord-1", region: "us-central1", bandwidth: "10Gbps" }, "central-b": { port: "ord-2", region: "us-central1", bandwidth: "10Gbps" },
    },
    google: { network: "vpc", region: "us-east4", routerAsn: 65010, globalRouting: true, routers: { "us-central1": { routerAsn: 65020 } } },
    aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64601, allowedPrefixes: ["10.0.0.0/16"] },
    advertisedPrefixes: ["10.100.0.0/16"],
});

const keys = (plan: MonitoringPlan, cloud: Cloud) => plan.alarms.filter((a) => a.cloud === cloud).map((a) => `${a.key} ${a.severity}`);

describe("planMonitoring", () => {
    describe("an HA VPN on its own", () => {
        const plan = planMonitoring({ name: "vpn", topology: vpn("vpn").topology, requirement: { mbps: 0 }, awsRegions: vpnAwsRegions(vpn("vpn").topology, "us-east-1"), notify: NOBODY });

        it("loses redundancy with a tunnel, an interface or a connection, and breaches with the router or region that cuts all four", () => {
            assert.deepEqual(keys(plan, Cloud.Gcp), [
                "capacity requirement-breached",
                "interface-vpn-gateway-0 redundancy-lost", "interface-vpn-gateway-1 redundancy-lost",
                "region-us-east4 requirement-breached", "routes-us-east4 requirement-breached",
                "tunnel-vpn-tunnel-0 redundancy-lost", "tunnel-vpn-tunnel-1 redundancy-lost", "tunnel-vpn-tunnel-2 redundancy-lost", "tunnel-vpn-tunnel-3 redundancy-lost",
            ]);
            // AWS watches each connection's tunnels in one alarm, as AWS advises (Minimum over the connection).
            assert.deepEqual(keys(plan, Cloud.Aws), [
                "capacity requirement-breached",
                "interface-vpn-gateway-0 redundancy-lost", "interface-vpn-gateway-1 redundancy-lost",
                "region-us-east4 requirement-breached",
                "tunnels-vpn-vpn-0 redundancy-lost", "tunnels-vpn-vpn-1 redundancy-lost",
            ]);
            const perTunnel = plan.alarms.find((a) => a.key === "tunnels-vpn-vpn-0")!.aws!;
            assert.deepEqual([perTunnel.metric!.metricName, perTunnel.metric!.stat, Object.keys(perTunnel.metric!.dimensions)], ["TunnelState", "Minimum", ["VpnId"]]);
            assert.deepEqual(plan.alarms.find((a) => a.key === "tunnels-vpn-vpn-0")!.groups, ["tunnel-vpn-tunnel-0", "tunnel-vpn-tunnel-1"]);
        });

        it("says in each alarm what it watches, what survives and what to do", () => {
            const region = plan.alarms.find((a) => a.key === "region-us-east4" && a.cloud === Cloud.Aws)!.aws!.description;
            assert.match(region, /^\[crosscloud\] Requirement breached: vpn: Google region us-east4 \(\+1 cutting the same links\) down\./);
            assert.match(region, /Cloud Router edge/);
            assert.match(region, /Nothing survives it: the clouds are cut\./);
            assert.match(region, /Act now/);
            const tunnel = plan.alarms.find((a) => a.key === "tunnel-vpn-tunnel-0")!.gcp!;
            assert.equal(tunnel.severity, "WARNING");
            assert.match(tunnel.documentation, /3\.75 Gbps survive it, still meeting the requirement that the clouds stay connected\./);
            for (const a of plan.alarms.filter((x) => x.aws)) assert.ok(a.aws!.description.length <= 1024);
        });

        it("says when nobody is notified, and is quiet when someone is", () => {
            assert.ok(plan.warnings.some((w) => /6 CloudWatch alarms of severity "requirement breached"|CloudWatch alarms of severity "redundancy lost" notify nobody/.test(w)), plan.warnings.join("\n"));
            const told = planMonitoring({ name: "vpn", topology: vpn("vpn").topology, requirement: { mbps: 0 }, awsRegions: vpnAwsRegions(vpn("vpn").topology, "us-east-1"), notify: EVERYONE });
            assert.deepEqual(told.warnings, []);
        });

        it("reads each provider's metric as documented: the peers' BGP sessions by name and region, the tunnels by name", () => {
            const region = plan.alarms.find((a) => a.key === "region-us-east4" && a.cloud === Cloud.Gcp)!.gcp!.conditions[0];
            const filter = region.filter.map((p) => (typeof p === "string" ? p : `<${p.ref} ${p.subject}>`)).join("");
            assert.equal(filter, 'metric.type = "router.googleapis.com/bgp/session_up" AND resource.type = "gce_router" AND ('
                + [0, 1, 2, 3].map((i) => `(resource.labels.region = "us-east4" AND metric.labels.bgp_peer_name = "<gcpPeerName vpn-tunnel-${i}>")`).join(" OR ") + ")");
            assert.deepEqual([region.comparison, region.thresholdValue, region.duration, region.evaluationMissingData], ["COMPARISON_LT", 1, "300s", "EVALUATION_MISSING_DATA_ACTIVE"]);
        });
    });

    describe("a dedicated interconnect over two AWS regions", () => {
        const plan = planMonitoring({ name: "cci", topology: dedicated().topology, requirement: { mbps: 20000 }, awsRegions: dedicatedAwsRegions("cci", dedicated()), notify: NOBODY });

        it("watches a port by its physical state, a metro with its region by BGP, each AWS alarm in its ports' region", () => {
            const port = plan.alarms.find((a) => a.key === "port-cci-port-iad-1" && a.cloud === Cloud.Aws)!.aws!;
            assert.deepEqual([port.region, port.metric!.namespace, port.metric!.metricName, port.metric!.period, port.evaluationPeriods], ["us-east-1", "AWS/DX", "ConnectionState", 60, 5]);
            const ord = plan.alarms.find((a) => a.key === "location-EqCh2" && a.cloud === Cloud.Aws)!;
            assert.equal(ord.aws!.region, "us-east-2");
            assert.deepEqual(ord.aws!.queries!.filter((q) => q.metric).map((q) => q.metric!.metricName), ["VirtualInterfaceBgpStatus", "VirtualInterfaceBgpStatus"]);
            assert.deepEqual(plan.groups.find((g) => g.key === "location-EqCh2")!.domains.map((d) => d.kind), ["awsLocation", "metro", "region", "cloudRouter"]);
        });

        it("leaves the capacity to Google when AWS would need two regions in one alarm, and says so", () => {
            assert.deepEqual(plan.gaps.map((g) => [g.cloud, g.watches, g.coveredBy]), [[Cloud.Aws, "capacity", ["capacity"]]]);
            assert.match(plan.gaps[0].reason, /us-east-1 and us-east-2/);
            // 4 × 10 Gbps: breached with at most one attachment up.
            const google = plan.alarms.filter((a) => a.class === AlarmClass.Capacity);
            assert.deepEqual(google.map((a) => a.gcp!.conditions.map((c) => [c.comparison, c.thresholdValue])), [[["COMPARISON_LE", 1]]]);
            assert.ok(plan.table.some((r) => r.watches.startsWith("any failures") && /AWS: its elements are in us-east-1 and us-east-2/.test(r.note ?? "")));
        });

        it("warns of each port losing light or taking errors, at the port's severity", () => {
            const early = plan.alarms.filter((a) => a.class === AlarmClass.Degraded).map((a) => `${a.cloud} ${a.key} ${a.severity}`);
            assert.equal(early.length, 8);
            assert.ok(early.includes("aws errors-cci-port-iad-1 redundancy-lost"));
            assert.ok(early.includes("gcp light-cci-port-ord-2 redundancy-lost"));
        });

        it("while every port is ordered, watches nothing and says so", () => {
            const ordered = planMonitoring({ name: "cci", topology: dedicated(false).topology, requirement: { mbps: 20000 }, awsRegions: dedicatedAwsRegions("cci", dedicated(false)), notify: NOBODY });
            assert.deepEqual(ordered.alarms, []);
            assert.ok(ordered.warnings.some((w) => /4 ordered links are not watched until ready/.test(w)));
        });
    });

    it("while ports are ordered, compares against what the ready backup carries, and says so", () => {
        const topology = mergeTopologies(dedicated(false).topology, vpn("bak", "backup").topology);
        const plan = planMonitoring({ name: "net", topology, requirement: { mbps: 20000 }, awsRegions: vpnAwsRegions(topology, "us-east-1"), notify: EVERYONE });
        assert.ok(plan.warnings.some((w) => /the ready links carry 5 Gbps, less than the required 20 Gbps/.test(w)), plan.warnings.join("\n"));
        assert.ok(plan.groups.every((g) => g.severity === Severity.RequirementBreached), "every loss breaches 5 Gbps");
        assert.equal(plan.alarms.find((a) => a.key === "capacity" && a.cloud === Cloud.Aws)!.aws!.threshold, 5000);
    });

    it("says a managed connection is watched by no metric on either cloud", () => {
        const managed = planManagedInterconnect({
            name: "mi", bandwidth: "10Gbps", advertisedPrefixes: ["10.100.0.0/16"],
            aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64601, allowedPrefixes: ["10.0.0.0/16"] },
            google: { region: "us-east4", network: "vpc" },
        });
        const plan = planMonitoring({ name: "mi", topology: managed.topology, requirement: { mbps: 0 }, awsRegions: {}, notify: NOBODY });
        assert.deepEqual(plan.alarms, []);
        assert.ok(plan.warnings.some((w) => /not watched on either cloud: managed-mi-connection \(no metric watches mi-connection/.test(w)), plan.warnings.join("\n"));
        assert.ok(plan.table.every((r) => r.aws.length === 0 && r.google.length === 0));
    });
});

describe("shortfalls", () => {
    it("lists the loosest ways links of several bandwidths can carry less than the requirement", () => {
        // prod grown: 4 × 10 Gbps attachments, 2 × 5 Gbps, 4 × 3 Gbps tunnels, 20 Gbps required.
        const ways = shortfalls([{ mbps: 10000, count: 4 }, { mbps: 5000, count: 2 }, { mbps: 3000, count: 4 }], 20000)!;
        const text = ways.map((w) => w.map((b) => `${b.mbps / 1000}G≤${b.atMost}`).join(" "));
        assert.deepEqual(text, ["10G≤0 5G≤1", "10G≤0 3G≤3", "10G≤1 5G≤0 3G≤3", "10G≤1 5G≤1 3G≤1"]);
        // Exhaustive check: a state falls short exactly when one way's bounds all hold.
        for (let a = 0; a <= 4; a++) for (let b = 0; b <= 2; b++) for (let c = 0; c <= 4; c++) {
            const short = 10000 * a + 5000 * b + 3000 * c < 20000;
            const counts: Record<number, number> = { 10000: a, 5000: b, 3000: c };
            assert.equal(ways.some((w) => w.every((x) => counts[x.mbps] <= x.atMost)), short, `${a} ${b} ${c}`);
        }
    });

    it("gives up past sixteen ways, leaving the capacity to the other cloud", () => {
        assert.equal(shortfalls([{ mbps: 9000, count: 6 }, { mbps: 7000, count: 6 }, { mbps: 5000, count: 6 }, { mbps: 1000, count: 6 }], 60000), undefined);
    });
});

describe("checkMonitoring", () => {
    it("is on by default, with no targets", () => {
        assert.deepEqual(checkMonitoring(undefined, "monitoring"), { enabled: true, requiredMbps: 0, notify: NOBODY });
    });

    it("reads which severities notify whom, and the bandwidth that must survive", () => {
        const options = checkMonitoring({ requiredGbps: 2.5, notify: { requirementBreached: { snsTopicArns: ["arn:aws:sns:us-east-1:111122223333:page"] } } }, "monitoring");
        assert.equal(options.requiredMbps, 2500);
        assert.deepEqual(options.notify[Severity.RequirementBreached], { aws: true, gcp: false });
        assert.deepEqual(options.notify[Severity.RedundancyLost], { aws: false, gcp: false });
    });

    it("refuses what it cannot use, naming the field", () => {
        assert.equal(typedError(() => checkMonitoring({ requiredGbps: -1 }, "monitoring")).field, "monitoring.requiredGbps");
        assert.equal(typedError(() => checkMonitoring({ enabled: "no" }, "monitoring")).field, "monitoring.enabled");
        assert.equal(typedError(() => checkMonitoring({ notify: { redundancyLost: { notificationChannels: "c" } } }, "monitoring")).field, "monitoring.notify.redundancyLost.notificationChannels");
        const network = typedError(() => checkMonitoring({ requiredGbps: 10 }, "monitoring", 20000));
        assert.deepEqual([network.code, network.field], [ErrorCode.Conflict, "monitoring.requiredGbps"]);
    });
});
