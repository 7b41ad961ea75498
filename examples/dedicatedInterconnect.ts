/**
 * A production 99.99% dedicated Cross-Cloud Interconnect from the shared layer's global-routing VPC
 * to its Transit Gateway: 10 Gbps ports in Ashburn (us-east4, on the shared Cloud Router) and
 * Chicago (us-central1, on a new one), each landing on its own AWS LAG. The default providers come
 * from stack config (aws:region, gcp:project).
 */
import * as pulumi from "@pulumi/pulumi";
import { DedicatedInterconnect, PortSpeed, SlaTarget } from "@crosscloud/interconnect";

const shared = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/shared`);

const link = new DedicatedInterconnect("prod-cci", {
    sla: SlaTarget.FourNines,
    portSpeed: PortSpeed.Gbps10,
    // Remote locations as `gcloud compute interconnects remote-locations list` names them.
    ports: {
        // Each metro's two LAGs at one AWS location: AWS's Maximum resiliency model. `ready` once Google
        // has tested the port and its LAG is available (see the nextStep output); until then only the
        // ports and LAGs are declared.
        "iad-1": { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true },
        "iad-2": { location: "iad-zone2-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", ready: true },
        "ord-1": { location: "ord-zone1-7", remoteLocation: "aws-eqch2", awsLocation: "EqCh2", awsRegion: "us-east-2", ready: true },
        "ord-2": { location: "ord-zone2-7", remoteLocation: "aws-eqch2", awsLocation: "EqCh2", awsRegion: "us-east-2" },
    },
    attachments: {
        "east-a": { port: "iad-1", bandwidth: "10Gbps" },
        "east-b": { port: "iad-2", bandwidth: "10Gbps" },
        "central-a": { port: "ord-1", region: "us-central1", bandwidth: "10Gbps" },
        "central-b": { port: "ord-2", region: "us-central1", bandwidth: "10Gbps" },
    },
    google: {
        network: shared.requireOutput("network").apply(String),
        region: "us-east4",
        router: shared.requireOutput("routers").apply((routers) => String(routers["us-east4"].name)),
        routerAsn: 65010,
        // The shared layer creates the VPC with routingMode GLOBAL.
        globalRouting: true,
    },
    aws: {
        region: "us-east-1",
        transitGatewayId: shared.requireOutput("transitGatewayId").apply(String),
        transitGatewayAsn: 64512,
        directConnectGatewayAsn: 64603,
        allowedPrefixes: ["10.10.0.0/16", "10.11.0.0/16"],
    },
    advertisedPrefixes: ["10.20.0.0/14"],
    // The shared layer's block for prod: no other environment's sessions on these routers collide.
    linkLocalBlock: "169.254.96.0/19",
    production: true,
});

export const slaTier = link.slaTier;
export const ports = link.ports;
export const googleSlaBlockers = link.googleSlaBlockers;
export const nextStep = link.nextStep;
