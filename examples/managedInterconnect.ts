/**
 * A production managed interconnect between the shared layer's Transit Gateway (us-east-1) and its
 * Google transit VPC (us-east4). Google initiates, so one `pulumi up` pairs both halves; the
 * default providers come from stack config (aws:region, gcp:project), and the AWS connection is made
 * in aws.region through the component's own aws-native provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { ManagedInterconnect } from "@crosscloud/interconnect";

const shared = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/shared`);

const link = new ManagedInterconnect("prod-managed", {
    bandwidth: "10Gbps",
    aws: {
        region: "us-east-1",
        transitGatewayId: shared.requireOutput("transitGatewayId").apply(String),
        transitGatewayAsn: 64512,
        directConnectGatewayAsn: 64603,
        allowedPrefixes: ["10.10.0.0/16", "10.11.0.0/16"],
    },
    google: {
        region: "us-east4",
        network: shared.requireOutput("network").apply(String),
    },
    advertisedPrefixes: ["10.20.0.0/14"],
    production: true,
});

export const topology = link.topology;
export const connectionState = link.connectionState;
export const transportState = link.transportState;
