/**
 * Cloud Foundation Fabric's recipe `modules/net-vpn-ha/recipe-vpn-aws-gcp`: a VPC with a virtual
 * private gateway, two customer gateways at the HA VPN interface addresses, two `aws_vpn_connection`s
 * with one shared secret for all four tunnels and AWS-chosen inside CIDRs, no tunnel IKE options;
 * on Google, `net-vpn-ha` with a FOUR_IPS_REDUNDANCY peer gateway whose interfaces are the four
 * AWS tunnel addresses, BGP peers at each tunnel's VGW inside address, session ranges at its CGW
 * inside address, and a router advertising all subnets. Tunnels reference the gateway by self link.
 *
 * Expected verdicts (default config):
 * - encryption-in-transit: mandatory. With the tunnel options unset, AWS proposes every algorithm
 *   it has (SHA1, DH group 2 and IKEv1 included: EC2 VpnTunnelOptionsSpecification defaults), and
 *   Google's AWS guide warns that the many AWS transform sets make the IKE payload too large and
 *   tunnels fail to rekey; it asks for IKEv2 with a single set of transforms.
 * - failure-domains-watched: advisory. The configuration declares no CloudWatch alarm and no
 *   Cloud Monitoring alert policy; neither cloud alarms on a VPN by itself (AWS's VPN guide and
 *   Google's Cloud VPN monitoring page both leave creating them to the user), so no failure of its
 *   tunnels would be noticed.
 * - everything else: pass. Sharing one secret across tunnels is allowed by both clouds; AWS-chosen
 *   inside CIDRs avoid the reserved ranges by construction; the VGW speaks its own ASN (64512 here)
 *   and Google's router 65010; 4 tunnels on 2 interfaces and 2 connections is the 99.99% shape.
 */
import * as ec2 from "@pulumi/aws/ec2";
import * as compute from "@pulumi/gcp/compute";
import { CorpusProgram } from "./program";
import { awsVpnConnections, googleTunnels } from "./haVpnParts";

const SECRET = "cff.recipe.shared.secret";

export const cffRecipeVpnAws: CorpusProgram = {
    name: "cff-recipe-vpn-aws-gcp",
    source: "GoogleCloudPlatform/cloud-foundation-fabric: modules/net-vpn-ha/recipe-vpn-aws-gcp",
    expected: { "encryption-in-transit": "mandatory", "failure-domains-watched": "advisory" },
    program: () => {
        const region = "europe-west1";
        const vpc = new ec2.Vpc("aws-vpc", { cidrBlock: "10.0.0.0/16" });
        const vpnGateway = new ec2.VpnGateway("aws-vgw", { vpcId: vpc.id, amazonSideAsn: "64512" });
        const network = new compute.Network("vpc", { autoCreateSubnetworks: false });
        const router = new compute.Router("vpn-router", {
            region, network: network.selfLink,
            bgp: { asn: 65010, advertiseMode: "CUSTOM", advertisedGroups: ["ALL_SUBNETS"] },
        });
        const gateway = new compute.HaVpnGateway("vpn", { region, network: network.selfLink });
        const keys: [string, string, string, string] = [SECRET, SECRET, SECRET, SECRET];
        const connections = awsVpnConnections("aws", gateway, { gateway: { vpnGatewayId: vpnGateway.id }, awsAsn: 64512, googleAsn: 65010, presharedKeys: keys });
        googleTunnels("vpn", { region, router, gateway, awsAsn: 64512, connections, presharedKeys: keys, referenceBy: "selfLink" });
    },
};
