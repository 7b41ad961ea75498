/**
 * Programs that watch their links the way the providers' monitoring guides show. Each block comment
 * gives the source and the verdicts the documentation gives, decided before the pack ran.
 */
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as monitoring from "@pulumi/gcp/monitoring";
import { CorpusProgram } from "./program";
import { dedicatedInterconnect, IAD_999 } from "./dedicatedParts";
import { googleProcedure } from "./googleHaVpnAws";

const ONCALL = "arn:aws:sns:us-east-1:123456789012:network-oncall";

/** A CloudWatch alarm on one VPN connection's TunnelState (dimension VpnId), over one 5-minute period. */
function tunnelStateAlarms(statistic: "Minimum" | "Maximum"): void {
    googleProcedure().forEach((connection, c) => new cloudwatch.MetricAlarm(`aws-tunnel-state-${c}`, {
        namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { VpnId: connection.id },
        statistic, period: 300, evaluationPeriods: 1, threshold: 1, comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching", alarmActions: [ONCALL],
    }));
}

/**
 * Google's HA VPN procedure (google-ha-vpn-aws), with the CloudWatch alarm AWS's guide builds for
 * each VPN connection ("Monitoring your Site-to-Site VPN connection", creating a CloudWatch alarm
 * on TunnelState): statistic Maximum, below 1 for one 5-minute period. TunnelState is 1 while a
 * BGP tunnel is ESTABLISHED and 0 otherwise; over the connection's VpnId the two tunnels' datapoints
 * pool, so the Maximum is below 1 only when both tunnels are down.
 *
 * Expected: as google-ha-vpn-aws, and
 * - failure-domains-watched: advisory. One tunnel down leaves its twin at 1, so no alarm opens for
 *   any of the four tunnels; an HA VPN interface, an AWS connection, the Cloud Router or the region
 *   takes both tunnels of a connection down and opens it.
 */
export const awsVpnBothTunnelsAlarm: CorpusProgram = {
    name: "aws-vpn-both-tunnels-alarm",
    source: "AWS Site-to-Site VPN User Guide: Monitoring your Site-to-Site VPN connection (CloudWatch alarm on TunnelState), on Google's HA VPN procedure",
    expected: { "failure-domains-watched": "advisory" },
    program: () => tunnelStateAlarms("Maximum"),
};

/**
 * The same with the statistic Minimum, which the guide gives for "at least one tunnel down".
 *
 * Expected: as google-ha-vpn-aws; failure-domains-watched passes: every failure of the model takes
 * at least one tunnel of a connection down (a Cloud Router or region failure ends BGP, and
 * TunnelState of a BGP tunnel is 0 in every state but ESTABLISHED).
 */
export const awsVpnEachTunnelAlarm: CorpusProgram = {
    name: "aws-vpn-each-tunnel-alarm",
    source: "AWS Site-to-Site VPN User Guide: Monitoring your Site-to-Site VPN connection (TunnelState, Minimum), on Google's HA VPN procedure",
    expected: {},
    program: () => tunnelStateAlarms("Minimum"),
};

/**
 * Cloud Foundation Fabric's 99.9% example as Cross-Cloud Interconnect to AWS (cff-vlan-attachment-999),
 * watched as each provider documents: on AWS, each transit VIF's VirtualInterfaceBgpStatus ("AWS
 * Direct Connect metrics and dimensions": 1 up, 0 down, every 5 minutes, dimensions ConnectionId,
 * VirtualInterfaceId and IpAddressFamily), Minimum below 1 for one 5-minute period; on Google, each
 * port's interconnect.googleapis.com/network/interconnect/operational (a BOOL on the interconnect
 * resource), the fraction of true samples below 1 for 5 minutes.
 *
 * Expected: as cff-vlan-attachment-999 (pass on every rule); failure-domains-watched passes: a port,
 * an AWS location, the metro or an edge domain takes a port down (both clouds see it), and the
 * Cloud Router or region takes the BGP session down (AWS sees it).
 */
export const cciWatched: CorpusProgram = {
    name: "cci-vif-bgp-and-port-alarms",
    source: "AWS Direct Connect: metrics and dimensions (VirtualInterfaceBgpStatus); Google Cloud metrics: interconnect operational; on cloud-foundation-fabric net-vlan-attachment 99.9%",
    expected: {},
    program: () => {
        const ports = dedicatedInterconnect("cci", {
            ports: IAD_999, routingMode: "REGIONAL", googleAsn: 65001, directConnectGatewayAsn: 64601, transitGatewayAsn: 64512,
            allowedPrefixes: ["10.64.0.0/16"], interconnectBy: "selfLink", md5: "both", bfd: true, protect: true,
        });
        ports.forEach(({ lag, vif }, i) => new cloudwatch.MetricAlarm(`cci-vif-bgp-${i}`, {
            namespace: "AWS/DX", metricName: "VirtualInterfaceBgpStatus",
            dimensions: { ConnectionId: lag.id, VirtualInterfaceId: vif.id, IpAddressFamily: "ipv4" },
            statistic: "Minimum", period: 300, evaluationPeriods: 1, threshold: 1, comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching", alarmActions: [ONCALL],
        }));
        new monitoring.AlertPolicy("cci-port-down", {
            displayName: "Cross-Cloud Interconnect port down", combiner: "OR", project: "acme-net",
            conditions: [{
                displayName: "interconnect not operational",
                conditionThreshold: {
                    filter: 'metric.type="interconnect.googleapis.com/network/interconnect/operational" AND resource.type="interconnect"',
                    aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_FRACTION_TRUE" }],
                    comparison: "COMPARISON_LT", thresholdValue: 1, duration: "300s",
                },
            }],
        });
    },
};
