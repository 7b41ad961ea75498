/**
 * Managed interconnect programs (AWS Interconnect - multicloud ⇄ Partner Cross-Cloud Interconnect
 * for AWS). Each block comment gives the source and the verdicts the providers' documentation
 * gives, decided before the pack ran. failure-domains-watched applies to none of them: AWS
 * documents no CloudWatch metric for an AWS Interconnect - multicloud connection, and Google's
 * networkconnectivity metrics are quota metrics, none for a Transport's state, so no alarm can
 * watch a managed link (sdk/monitoring/catalogue.ts).
 */
import * as interconnect from "@pulumi/aws-native/interconnect";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2 from "@pulumi/aws/ec2";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import * as networkconnectivity from "@pulumi/gcp/networkconnectivity";
import { CorpusProgram } from "./program";

const profile = (region: string, name: string) =>
    `https://networkconnectivity.googleapis.com/v1/projects/acme-net/locations/${region}/remoteTransportProfiles/${name}`;

/**
 * jajera/aws-gcp-interconnect-walkthrough: AWS-initiated. A VPC with a virtual private gateway
 * associated with a Direct Connect gateway (no allowed prefixes: the VPC range is advertised), the
 * AWS interconnect created from the AWS side at 1 Gbps toward the Google project, and the Google
 * Transport created with the activation key AWS returned (no bandwidth: it comes with the key) in
 * the paired region, advertising the Google subnet. A demo: nothing is protected.
 *
 * Expected:
 * - route-limits: pass. For a virtual private gateway association, AWS advertises the VPC's
 *   range when no allowed prefixes are given (AWS Direct Connect "Allowed prefixes interactions").
 * - protect-paid-connections: advisory (our best practice: paid links are protected).
 * - everything else: pass; sla-shape: a managed interconnect carries 99.99% on one connection.
 */
export const managedWalkthrough: CorpusProgram = {
    name: "managed-walkthrough-aws-initiated",
    source: "jajera/aws-gcp-interconnect-walkthrough (AWS console, then gcloud transports create --activation-key)",
    expected: { "protect-paid-connections": "advisory" },
    program: () => {
        const vpc = new ec2.Vpc("demo-vpc", { cidrBlock: "10.10.0.0/16" });
        const vpnGateway = new ec2.VpnGateway("demo-vgw", { vpcId: vpc.id });
        const dxGateway = new directconnect.Gateway("demo-dx-gateway", { name: "demo-dx-gateway", amazonSideAsn: "64512" });
        new directconnect.GatewayAssociation("demo-dx-vgw", { dxGatewayId: dxGateway.id, associatedGatewayId: vpnGateway.id });
        const network = new compute.Network("demo-gcp-vpc", { autoCreateSubnetworks: false });
        const connection = new interconnect.Connection("demo-interconnect", {
            environmentId: "google-cloud-asia-southeast1",
            bandwidth: "1Gbps",
            attachPoint: { directConnectGateway: dxGateway.id },
            remoteAccount: { identifier: "prj-core-123456" },
            description: "demo-interconnect",
        });
        new networkconnectivity.Transport("demo-transport", {
            region: "asia-southeast1",
            remoteProfile: profile("asia-southeast1", "aws-ap-southeast-1"),
            providedActivationKey: connection.activationKey.apply((k) => k!),
            network: network.name,
            advertisedRoutes: ["10.128.0.0/20"],
        });
    },
};

/**
 * Google's "Create connections initiated from Google Cloud" for Partner Cross-Cloud Interconnect
 * for AWS: a Transport with a remote profile, bandwidth and the AWS account, and the AWS side
 * accepting with the generated key onto a Direct Connect gateway that was never associated with
 * a Transit Gateway or virtual private gateway.
 *
 * Expected:
 * - route-limits: mandatory. A Direct Connect gateway reaches VPCs only through an associated
 *   transit or virtual private gateway (AWS "Direct Connect gateways"); with none, AWS advertises
 *   nothing to Google and Google's routes reach no VPC: the link carries nothing.
 * - everything else: pass (both halves protected).
 */
export const managedUnassociated: CorpusProgram = {
    name: "managed-dxgw-unassociated",
    source: "Google Cloud: Partner Cross-Cloud Interconnect for AWS, create connections initiated from Google Cloud",
    expected: { "route-limits": "mandatory" },
    program: () => {
        const network = new compute.Network("transit", { autoCreateSubnetworks: false });
        const transport = new networkconnectivity.Transport("to-aws", {
            region: "us-east4", remoteProfile: profile("us-east4", "aws-us-east-1"), bandwidth: "BPS_1G",
            remoteAccountId: "123456789012", network: network.id, advertisedRoutes: ["10.20.0.0/16"], deletionPolicy: "PREVENT",
        }, { protect: true });
        const dxGateway = new directconnect.Gateway("to-google", { name: "to-google", amazonSideAsn: "64700" });
        new interconnect.Connection("from-google", {
            activationKey: transport.generatedActivationKey,
            attachPoint: { directConnectGateway: dxGateway.id },
        }, { protect: true });
    },
};

/**
 * The Google-initiated flow with the bandwidth written on both halves: 10 Gbps on the Transport,
 * and "10Gbps" again on the AWS connection that accepts its key.
 *
 * Expected:
 * - managed-bandwidth-owner: advisory. With an activation key the bandwidth comes from the key
 *   (AWS: `bandwidth` is for connections created through AWS), and either cloud can change it
 *   later, so a program that writes it twice fights the other cloud's change: one side owns it.
 * - everything else: pass (the values agree, so pair-parity passes).
 */
export const managedBandwidthTwice: CorpusProgram = {
    name: "managed-bandwidth-both-halves",
    source: "Google Cloud: Partner Cross-Cloud Interconnect for AWS (Google-initiated); AWS::Interconnect::Connection",
    expected: { "managed-bandwidth-owner": "advisory" },
    program: () => {
        const network = new compute.Network("transit", { autoCreateSubnetworks: false });
        const transport = new networkconnectivity.Transport("to-aws", {
            region: "us-east4", remoteProfile: profile("us-east4", "aws-us-east-1"), bandwidth: "BPS_10G",
            remoteAccountId: "123456789012", network: network.id, advertisedRoutes: ["10.20.0.0/16"], deletionPolicy: "PREVENT",
        }, { protect: true });
        const transitGateway = new ec2transitgateway.TransitGateway("hub", { amazonSideAsn: 64512 });
        const dxGateway = new directconnect.Gateway("to-google", { name: "to-google", amazonSideAsn: "64700" });
        new directconnect.GatewayAssociation("to-google-hub", { dxGatewayId: dxGateway.id, associatedGatewayId: transitGateway.id, allowedPrefixes: ["10.10.0.0/16"] });
        new interconnect.Connection("from-google", {
            activationKey: transport.generatedActivationKey,
            bandwidth: "10Gbps",
            attachPoint: { directConnectGateway: dxGateway.id },
        }, { protect: true });
    },
};

/**
 * Two managed interconnects on the same region pair "for redundancy", each Google-initiated and
 * accepted onto one Direct Connect gateway associated with a Transit Gateway.
 *
 * Expected:
 * - managed-interconnect-duplicate: advisory. AWS's multicloud guidance: one interconnect is
 *   already built on redundant devices in two facilities with a 99.99% SLA; a second on the same
 *   region pair for redundancy adds cost, not availability.
 * - transport-quota: advisory. Google's default quota allows one Transport per project and region.
 * - everything else: pass.
 */
export const managedDuplicatePair: CorpusProgram = {
    name: "managed-duplicate-region-pair",
    source: "aws/aws-networking-best-practices: hybrid-multicloud (one interconnect per region pair); Google Cloud Transport quota",
    expected: { "managed-interconnect-duplicate": "advisory", "transport-quota": "advisory" },
    program: () => {
        const network = new compute.Network("transit", { autoCreateSubnetworks: false });
        const transitGateway = new ec2transitgateway.TransitGateway("hub", { amazonSideAsn: 64512 });
        const dxGateway = new directconnect.Gateway("to-google", { name: "to-google", amazonSideAsn: "64700" });
        new directconnect.GatewayAssociation("to-google-hub", { dxGatewayId: dxGateway.id, associatedGatewayId: transitGateway.id, allowedPrefixes: ["10.10.0.0/16"] });
        for (const side of ["a", "b"]) {
            const transport = new networkconnectivity.Transport(`to-aws-${side}`, {
                region: "us-east4", remoteProfile: profile("us-east4", "aws-us-east-1"), bandwidth: "BPS_1G",
                remoteAccountId: "123456789012", network: network.id, advertisedRoutes: ["10.20.0.0/16"], deletionPolicy: "PREVENT",
            }, { protect: true });
            new interconnect.Connection(`from-google-${side}`, {
                activationKey: transport.generatedActivationKey,
                attachPoint: { directConnectGateway: dxGateway.id },
            }, { protect: true });
        }
    },
};
