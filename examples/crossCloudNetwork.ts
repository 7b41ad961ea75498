/**
 * What an environment declares: 20 Gbps between the clouds at 99.99%, surviving any single failure,
 * over a dedicated Cross-Cloud Interconnect in two metros with an HA VPN behind it. The plan is
 * refused before anything is declared if the shape cannot deliver that.
 */
import * as pulumi from "@pulumi/pulumi";
import { CrossCloudNetwork, LinkKind, PortSpeed, SlaTier, TunnelBandwidth } from "@crosscloud/interconnect";

const shared = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/shared`);
const routers = shared.requireOutput("routers");

const network = new CrossCloudNetwork("prod", {
    requirement: { bandwidthGbps: 20, sla: SlaTier.FourNines, survivesSingleFailure: true },
    google: {
        network: shared.requireOutput("network") as pulumi.Output<string>,
        region: "us-east4",
        router: routers.apply((r) => String(r["us-east4"].name)),
        routerAsn: 65010,
        globalRouting: true,
        routers: { "us-central1": { router: routers.apply((r) => String(r["us-central1"].name)), routerAsn: 65020 } },
    },
    aws: {
        region: "us-east-1",
        transitGatewayId: shared.requireOutput("transitGatewayId") as pulumi.Output<string>,
        transitGatewayAsn: 64512,
        directConnectGatewayAsn: 64603,
    },
    prefixes: { aws: ["10.10.0.0/16", "10.11.0.0/16"], google: ["10.20.0.0/14"] },
    primary: {
        kind: LinkKind.Dedicated,
        dedicated: {
            portSpeed: PortSpeed.Gbps10,
            // Each metro's two LAGs at one AWS location; every port provisioned (`ready`), so its links are declared.
            ports: {
                "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true },
                "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true },
                "ord-1": { location: "ord-zone1-7", remoteLocation: "aws-eqch2", awsLocation: "EqCh2", awsRegion: "us-east-2", ready: true },
                "ord-2": { location: "ord-zone2-7", remoteLocation: "aws-eqch2", awsLocation: "EqCh2", awsRegion: "us-east-2", ready: true },
            },
            attachments: {
                "east-a": { port: "iad-1", bandwidth: "10Gbps" },
                "east-b": { port: "iad-2", bandwidth: "10Gbps" },
                "central-a": { port: "ord-1", region: "us-central1", bandwidth: "10Gbps" },
                "central-b": { port: "ord-2", region: "us-central1", bandwidth: "10Gbps" },
            },
        },
    },
    backup: { tunnelBandwidth: TunnelBandwidth.Large },
    linkLocalBlock: "169.254.96.0/19",
    production: true,
    // Alarms on both clouds (declared by default); a breach of the 20 Gbps pages, in each Region the alarms are in.
    monitoring: {
        notify: {
            requirementBreached: {
                snsTopicArns: ["arn:aws:sns:us-east-1:111122223333:network-page", "arn:aws:sns:us-east-2:111122223333:network-page"],
                notificationChannels: ["projects/acme-transit/notificationChannels/1000000000000000002"],
            },
        },
    },
});

export const slaTier = network.slaTier;
export const minSurvivingGbps = network.minSurvivingGbps;
export const singlePointsOfFailure = network.singlePointsOfFailure;
