/**
 * What the components declare for monitoring: alarms that read the very resources they declared
 * (ids and names as the clouds report them), notify the targets given per severity, and nothing
 * when switched off; and what they refuse before declaring anything.
 */
import * as assert from "node:assert/strict";
import { CrossCloudNetwork } from "../../components/crossCloudNetwork";
import { DedicatedInterconnect, DedicatedInterconnectArgs, SlaTarget } from "../../components/dedicatedInterconnect";
import { PortSpeed } from "../../sdk/bandwidth";
import { HaVpn, HaVpnArgs } from "../../components/haVpn";
import { ManagedInterconnect } from "../../components/managedInterconnect";
import { MonitoringSummary } from "../../components/monitoring";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { LinkKind, SlaTier } from "../../sdk/topology";
import { capture, CapturedResource, Plan } from "../../offline";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";

const PAGE = "arn:aws:sns:us-east-1:111122223333:network-page";
const TICKET = "arn:aws:sns:us-east-1:111122223333:network-ticket";
const CHANNEL = "projects/acme-transit/notificationChannels/1234567890";

function vpnArgs(monitoring?: HaVpnArgs["monitoring"]): HaVpnArgs {
    return {
        google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010 },
        aws: { region: "us-east-1", transitGatewayAsn: 64512 },
        advertisedPrefixes: ["10.100.0.0/16"],
        ...(monitoring && { monitoring }),
    };
}

const port = (location: string, awsLocation: string, awsRegion?: string) => ({ location, remoteLocation: "aws-eqdc2", awsLocation, ...(awsRegion && { awsRegion }), ready: true });

function cciArgs(): DedicatedInterconnectArgs {
    return {
        sla: SlaTarget.FourNines, portSpeed: PortSpeed.Gbps10,
        ports: {
            "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "EqDC2"),
            "ord-1": port("ord-zone1-7", "EqCh2", "us-east-2"), "ord-2": port("ord-zone2-7", "EqCh2", "us-east-2"),
        },
        attachments: {
            "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" },
            "central-a": { port: "ord-1", region: "us-central1", bandwidth: "10Gbps" }, "central-b": { port: "ord-2", region: "us-central1", bandwidth: "10Gbps" },
        },
        google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010, globalRouting: true },
        aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64601, allowedPrefixes: ["10.0.0.0/16"] },
        advertisedPrefixes: ["10.100.0.0/16"],
        monitoring: { requiredGbps: 20 },
    };
}

const summaryOf = (plan: Plan, name: string) => plan.named(name).outputs.monitoring as MonitoringSummary | undefined;
const dimensionsOf = (alarm: CapturedResource) => alarm.inputs.dimensions as Record<string, string>;

describe("monitoring declared by the components", () => {
    describe("an HA VPN", () => {
        let plan: Plan;
        before(async () => {
            plan = await capture(() => {
                new HaVpn("vpn", vpnArgs({ notify: { requirementBreached: { snsTopicArns: [PAGE], notificationChannels: [CHANNEL] }, redundancyLost: { snsTopicArns: [TICKET] } } }));
            });
        });

        it("declares an alarm per failure group on each cloud, children of the component named after it", () => {
            const vpn = plan.named("vpn");
            const alarms = [...plan.ofType(ALARM), ...plan.ofType(POLICY)];
            assert.equal(alarms.length, summaryOf(plan, "vpn")!.alarms.length);
            for (const a of alarms) {
                assert.equal(a.parent, vpn.urn, a.name);
                assert.match(a.name, /^vpn-(alarm|alert)-/);
            }
        });

        it("reads the VPN connections AWS reports and the tunnels and BGP peers Google names", () => {
            for (const c of [0, 1]) {
                const alarm = plan.named(`vpn-alarm-tunnels-vpn-vpn-${c}`);
                assert.deepEqual(dimensionsOf(alarm), { VpnId: plan.named(`vpn-vpn-${c}`).outputs.id });
                assert.deepEqual([alarm.inputs.region, alarm.inputs.statistic, alarm.inputs.comparisonOperator, alarm.inputs.threshold], ["us-east-1", "Minimum", "LessThanThreshold", 1]);
            }
            const filter = (plan.named("vpn-alert-region-us-east4").inputs.conditions as { conditionThreshold: { filter: string } }[])[0].conditionThreshold.filter;
            for (const i of [0, 1, 2, 3]) assert.ok(filter.includes(`metric.labels.bgp_peer_name = "${plan.named(`vpn-bgp-${i}`).outputs.name}"`), filter);
            const tunnel = (plan.named("vpn-alert-tunnel-vpn-tunnel-2").inputs.conditions as { conditionThreshold: { filter: string } }[])[0].conditionThreshold.filter;
            assert.ok(tunnel.includes(`metric.labels.tunnel_name = "${plan.named("vpn-tunnel-2").outputs.name}"`), tunnel);
        });

        it("notifies each severity's targets, on both clouds", () => {
            const breach = plan.named("vpn-alarm-region-us-east4");
            assert.deepEqual([breach.inputs.alarmActions, breach.inputs.okActions], [[PAGE], [PAGE]]);
            assert.deepEqual(plan.named("vpn-alarm-tunnels-vpn-vpn-0").inputs.alarmActions, [TICKET]);
            assert.deepEqual(plan.named("vpn-alert-region-us-east4").inputs.notificationChannels, [CHANNEL]);
            assert.deepEqual([plan.named("vpn-alert-tunnel-vpn-tunnel-0").inputs.notificationChannels, plan.named("vpn-alert-tunnel-vpn-tunnel-0").inputs.severity], [[], "WARNING"]);
            assert.deepEqual(summaryOf(plan, "vpn")!.warnings, [
                '6 Cloud Monitoring alert policies of severity "redundancy lost" notify nobody: they exist without actions; give a Cloud Monitoring notification channel (monitoring.notify.*.notificationChannels) for it',
            ]);
        });

        it("declares none when switched off", async () => {
            const quiet = await capture(() => { new HaVpn("vpn", vpnArgs({ enabled: false })); });
            assert.deepEqual([quiet.ofType(ALARM).length, quiet.ofType(POLICY).length, summaryOf(quiet, "vpn")], [0, 0, undefined]);
        });
    });

    describe("a dedicated interconnect", () => {
        let plan: Plan;
        before(async () => {
            plan = await capture(() => { new DedicatedInterconnect("cci", cciArgs()); });
        });

        it("reads each port's connection, in the region its Direct Connect location belongs to", () => {
            for (const [key, region] of [["iad-1", "us-east-1"], ["ord-2", "us-east-2"]]) {
                const alarm = plan.named(`cci-alarm-port-cci-port-${key}`);
                assert.deepEqual([alarm.inputs.region, alarm.inputs.metricName, dimensionsOf(alarm)], [region, "ConnectionState", { ConnectionId: plan.named(`cci-connection-${key}-1`).outputs.id }]);
            }
        });

        it("reads each VIF's BGP status by its LAG and its own id", () => {
            const alarm = plan.named("cci-alarm-location-EqCh2");
            const queries = (alarm.inputs.metricQueries as { metric?: { dimensions: Record<string, string> } }[]).filter((q) => q.metric);
            assert.deepEqual(queries.map((q) => q.metric!.dimensions), ["central-a", "central-b"].map((key) => ({
                ConnectionId: plan.named(`cci-lag-${key === "central-a" ? "ord-1" : "ord-2"}`).outputs.id, VirtualInterfaceId: plan.named(`cci-vif-${key}`).outputs.id, IpAddressFamily: "ipv4",
            })));
        });

        it("compares against `requiredGbps`, and leaves the capacity over two AWS regions to Google", () => {
            const summary = summaryOf(plan, "cci")!;
            assert.ok(summary.groups.every((g) => g.severity === "redundancy-lost"), "20 Gbps survive any single failure of 40");
            assert.deepEqual(plan.ofType(ALARM).filter((a) => a.name.includes("capacity")), []);
            const capacity = plan.named("cci-alert-capacity");
            assert.deepEqual([capacity.inputs.severity, capacity.inputs.combiner], ["CRITICAL", "AND"]);
            assert.ok(summary.table.some((r) => /AWS: its elements are in us-east-1 and us-east-2/.test(r.note ?? "")));
        });

        it("gives each CloudWatch alarm the SNS topics of its own Region, and warns of a Region without one", async () => {
            const EAST_2 = "arn:aws:sns:us-east-2:111122223333:network-ticket";
            const INCIDENTS = "arn:aws:ssm-incidents::111122223333:response-plan/network";
            const declared = (snsTopicArns: string[]) => capture(() => {
                new DedicatedInterconnect("cci", { ...cciArgs(), monitoring: { requiredGbps: 20, notify: { redundancyLost: { snsTopicArns } } } });
            });
            const regionWarnings = (p: Plan) => summaryOf(p, "cci")!.warnings.filter((w) => /own Region/.test(w));
            // CloudWatch refuses a topic of another Region ("Invalid region … specified. Only … is supported"); other actions have none.
            const east1Only = await declared([TICKET, INCIDENTS]);
            assert.deepEqual(east1Only.named("cci-alarm-port-cci-port-iad-1").inputs.alarmActions, [TICKET, INCIDENTS]);
            assert.deepEqual(east1Only.named("cci-alarm-port-cci-port-ord-2").inputs.alarmActions, [INCIDENTS]);
            assert.deepEqual(regionWarnings(await declared([TICKET])), [
                'CloudWatch alarms of severity "redundancy-lost" in us-east-2 notify nobody: CloudWatch notifies only SNS topics in the alarm\'s own Region, and none given is in us-east-2; add one there',
            ]);
            const both = await declared([TICKET, EAST_2]);
            assert.deepEqual(both.named("cci-alarm-port-cci-port-ord-2").inputs.alarmActions, [EAST_2]);
            assert.deepEqual(regionWarnings(both), []);
        });
    });

    it("a managed interconnect declares none, and says no metric watches it", async () => {
        const plan = await capture(() => {
            new ManagedInterconnect("mi", {
                bandwidth: "10Gbps", advertisedPrefixes: ["10.100.0.0/16"],
                aws: { region: "us-east-1", transitGatewayAsn: 64512, directConnectGatewayAsn: 64601, allowedPrefixes: ["10.0.0.0/16"] },
                google: { region: "us-east4", network: "projects/acme/global/networks/transit" },
            });
        });
        assert.deepEqual([plan.ofType(ALARM).length, plan.ofType(POLICY).length], [0, 0]);
        assert.ok(summaryOf(plan, "mi")!.warnings.some((w) => /not watched on either cloud: managed-mi-connection/.test(w)));
    });

    it("a network refuses requiredGbps, its requirement being the one it has, before declaring anything", async () => {
        let thrown: unknown;
        const plan = await capture(() => {
            try {
                new CrossCloudNetwork("env", {
                    requirement: { bandwidthGbps: 2, sla: SlaTier.None, survivesSingleFailure: false },
                    google: { network: "projects/acme/global/networks/transit", region: "us-east4", routerAsn: 65010 },
                    aws: { region: "us-east-1", transitGatewayAsn: 64512 },
                    prefixes: { aws: ["10.0.0.0/16"], google: ["10.100.0.0/16"] },
                    primary: { kind: LinkKind.HaVpn },
                    monitoring: { requiredGbps: 1 },
                });
            } catch (e) {
                thrown = e;
            }
        });
        assert.ok(thrown instanceof CrossCloudError && thrown.code === ErrorCode.Conflict && thrown.field === "monitoring.requiredGbps", String(thrown));
        assert.deepEqual(plan.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });
});
