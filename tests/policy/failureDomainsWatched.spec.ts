import * as assert from "node:assert/strict";
import { evaluatePolicyPack } from "../../policy/evaluate";
import { T } from "../../policy/extract/tokens";
import { assertViolations, notApplicable, violationsOf } from "./fixtures/check";
import { addDedicated, addDedicatedAlarms, addHaVpn, addManaged, addVpnAlarms, productionStack } from "./fixtures/links";
import { StackBuilder } from "./fixtures/stackBuilder";

const POLICY = "failure-domains-watched";

function vpn(alarms?: Parameters<typeof addVpnAlarms>[2]): StackBuilder {
    const s = new StackBuilder();
    addHaVpn(s);
    if (alarms) addVpnAlarms(s, "vpn", alarms);
    return s;
}

function dedicated(alarms?: Parameters<typeof addDedicatedAlarms>[2]): StackBuilder {
    const s = new StackBuilder();
    addDedicated(s);
    if (alarms) addDedicatedAlarms(s, "ded", alarms);
    return s;
}

describe("policy failure-domains-watched", () => {
    it("passes a stack whose alarms see every failure of its links, on either cloud", () => {
        assert.deepEqual(violationsOf(productionStack(), POLICY), []);
        // AWS's per-connection Minimum sees one tunnel down; nothing on Google is needed for that.
        assert.deepEqual(violationsOf(vpn({ statistic: "Minimum", google: false }), POLICY), []);
        // A transit VIF's BGP status goes down with its port, its LAG's place, and the Cloud Router or region behind it.
        assert.deepEqual(violationsOf(dedicated({ google: false }), POLICY), []);
    });

    it("reports a Google region watched only from Google: its series stop with it, and a threshold on no data stays closed", () => {
        const google = vpn({ google: true });
        google.remove("vpn-tunnels-down-0", "vpn-tunnels-down-1");
        assertViolations(violationsOf(google, POLICY), [
            { message: /^No alarm watches Google region us-east4: its failure cuts vpn-tunnel-0, vpn-tunnel-1, vpn-tunnel-2 and vpn-tunnel-3 and cuts the clouds apart.*AWS\/VPN TunnelState/ },
        ]);
        // Treating no data as met (EVALUATION_MISSING_DATA_ACTIVE) makes Google's own alert see it.
        const conditions = (google.get("vpn-bgp-down").props!.conditions as { conditionThreshold: object }[])
            .map((c) => ({ ...c, conditionThreshold: { ...c.conditionThreshold, evaluationMissingData: "EVALUATION_MISSING_DATA_ACTIVE" } }));
        google.set("vpn-bgp-down", { conditions });
        assert.deepEqual(violationsOf(google, POLICY), []);
    });

    it("reports each tunnel when AWS's alarms only fire with both tunnels of a connection down (Maximum), as AWS's guide tells apart", () => {
        const violations = violationsOf(vpn({ statistic: "Maximum", google: false }), POLICY);
        assertViolations(violations, [0, 1, 2, 3].map((i) => ({
            message: new RegExp(`^No alarm watches tunnel vpn-tunnel-${i}: its failure cuts vpn-tunnel-${i} and leaves 3\\.75 Gbps between the clouds.*AWS/VPN TunnelState`),
        })));
        assert.ok(violations.every((v) => v.level === "advisory"));
        assert.ok(violationsOf(vpn({ statistic: "Maximum", google: false }), POLICY, { [POLICY]: "mandatory" }).every((v) => v.level === "mandatory"));
        assert.deepEqual(violationsOf(vpn({ statistic: "Maximum", google: false }), POLICY, { [POLICY]: { ignoreKinds: ["tunnel"] } }), []);
    });

    it("reports a Cloud Router or region when only the ports are watched: their failure leaves every port up", () => {
        assertViolations(violationsOf(dedicated({ aws: false, sessions: false }), POLICY), [
            { message: /^No alarm watches Google region us-east4: its failure cuts ded-attachment-0 and ded-attachment-1 and leaves 20 Gbps.*VirtualInterfaceBgpStatus.*bgp\/session_up/ },
            { message: /^No alarm watches Google region us-west2: its failure cuts ded-attachment-2 and ded-attachment-3/ },
            { message: /^No alarm watches Cloud Router ded-router-us-east4:/ },
            { message: /^No alarm watches Cloud Router ded-router-us-west2:/ },
        ]);
    });

    it("says once that nothing watches a stack with no alarm on its links, whatever else it watches", () => {
        const s = vpn();
        // An alarm on something else, open or not, is none of the links' business.
        s.add(T.awsMetricAlarm, "cpu-high", {
            namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { InstanceId: "i-0123456789abcdef0" }, statistic: "Average",
            period: 300, evaluationPeriods: 1, threshold: 80, comparisonOperator: "GreaterThanThreshold", treatMissingData: "breaching",
        });
        // So is a VPN alarm on a connection of another stack.
        s.add(T.awsMetricAlarm, "elsewhere", {
            namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { VpnId: "vpn-0fedcba9876543210" }, statistic: "Minimum",
            period: 300, evaluationPeriods: 1, threshold: 1, comparisonOperator: "LessThanThreshold", treatMissingData: "breaching",
        });
        assertViolations(violationsOf(s, POLICY), [
            { message: /^No CloudWatch alarm or alert policy watches the stack's links \(vpn-tunnel-0, vpn-tunnel-1, vpn-tunnel-2 and vpn-tunnel-3\): none of their 10 failure domains/ },
        ]);
    });

    it("reports an alarm on the links that is open while every link is up", () => {
        const s = dedicated({});
        // TunnelState and BGP status read 1 when up: `<= 1` always breaches.
        s.set("ded-vif-bgp-0", { comparisonOperator: "LessThanOrEqualToThreshold" });
        assertViolations(violationsOf(s, POLICY), [
            { message: /^CloudWatch alarm ded-vif-bgp-0 is open while every link is up/, at: s.urn("ded-vif-bgp-0") },
        ]);
    });

    it("judges a preview, whose ids are not known yet, by what each alarm depends on", () => {
        const s = productionStack();
        for (const c of [0, 1]) {
            s.set(`vpn-vpn-${c}`, { id: "[unknown]", tunnel1Address: "[unknown]", tunnel2Address: "[unknown]" });
            s.set(`vpn-tunnels-down-${c}`, { dimensions: { VpnId: "[unknown]" } });
        }
        for (const i of [0, 1, 2, 3]) s.set(`ded-vif-${i}`, { id: "[unknown]" }).set(`ded-vif-bgp-${i}`, { dimensions: { ConnectionId: `ded-lag-${i}-id`, VirtualInterfaceId: "[unknown]", IpAddressFamily: "ipv4" } });
        const run = (stack: StackBuilder) => evaluatePolicyPack(stack.records, {}, { unknown: "[unknown]" }).violations.filter((v) => v.policy === POLICY);
        assert.deepEqual(run(s), []);
        // Still reported: with Google's side gone, AWS's Maximum cannot see one tunnel, known ids or not.
        s.remove("vpn-tunnel-down", "vpn-bgp-down", "ded-bgp-down", "ded-port-down");
        for (const c of [0, 1]) s.set(`vpn-tunnels-down-${c}`, { statistic: "Maximum" });
        assert.equal(run(s).length, 4);
    });

    it("says nothing of an alert it cannot evaluate rather than guess (an MQL condition)", () => {
        const s = vpn();
        s.add(T.gcpAlertPolicy, "vpn-mql", {
            displayName: "vpn-mql", combiner: "OR",
            conditions: [{ displayName: "tunnel down", conditionMonitoringQueryLanguage: { query: "fetch vpn_gateway::vpn.googleapis.com/tunnel_established | condition val() < 1", duration: "300s" } }],
        });
        assert.deepEqual(violationsOf(s, POLICY), []);
    });

    it("is not applicable without ready links, or with managed interconnects only: no provider publishes a metric for them", () => {
        assert.ok(notApplicable(new StackBuilder(), POLICY));
        const managed = new StackBuilder();
        addManaged(managed);
        assert.ok(notApplicable(managed, POLICY));
        // Next to other links, a managed connection's own failure is not asked for either.
        const mixed = vpn({});
        addManaged(mixed);
        assert.deepEqual(violationsOf(mixed, POLICY), []);
    });
});
