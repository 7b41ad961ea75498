/**
 * Google's procedure "Create HA VPN connections between Google Cloud and AWS"
 * (cloud.google.com/network-connectivity/docs/vpn/how-to/connect-ha-vpn-aws-peer-gateway), on a
 * Transit Gateway: an HA VPN gateway and Cloud Router, two AWS customer gateways at the two HA VPN
 * interface addresses, two AWS VPN connections with custom inside CIDRs and keys, IKEv2 with one
 * proposal per role as Google advises, a FOUR_IPS_REDUNDANCY peer gateway and four tunnels.
 * The inside CIDRs are 169.254.1.4/30 … 169.254.1.16/30 and the DH group is 18.
 *
 * Expected verdicts (default config), decided from the documentation:
 * - encryption-in-transit: pass. DH group 18 (MODP 8192) is in AWS's Phase1/Phase2DhGroupNumbers
 *   (2, 14–24) and in Cloud VPN's supported IKEv2 groups (MODP_8192_BIT, "Cloud VPN supported IKE
 *   ciphers"), ranked above MODP_2048 (group 14) in Google's order; AES256 and SHA2-256 likewise.
 * - link-local-addressing: pass. AWS reserves only 169.254.0.0/30 … 169.254.5.0/30 and
 *   169.254.169.252/30 for tunnel inside CIDRs (EC2 VpnTunnelOptionsSpecification.TunnelInsideCidr);
 *   169.254.1.4/30 is not among them. The /29 list belongs to Transit Gateway Connect peers.
 * - ha-vpn-complete, sla-shape (99.99% shape: 4 tunnels, 2 interfaces, FOUR_IPS, 2 connections),
 *   pair-parity, bgp-hygiene (65534 ≠ 64512, both private), cross-cloud-bandwidth (4 × 1.25 Gbps
 *   ≥ 1), route-limits (the router advertises its subnets by default): pass.
 * - failure-domains-watched: advisory. The configuration declares no CloudWatch alarm and no
 *   Cloud Monitoring alert policy; neither cloud alarms on a VPN by itself (AWS's VPN guide and
 *   Google's Cloud VPN monitoring page both leave creating them to the user), so no failure of its
 *   tunnels would be noticed.
 */
import * as ec2 from "@pulumi/aws/ec2";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import { CorpusProgram } from "./program";
import { awsVpnConnections, googleTunnels } from "./haVpnParts";

const KEYS: [string, string, string, string] = ["gcp.aws.tunnel.one", "gcp.aws.tunnel.two", "gcp.aws.tunnel.three", "gcp.aws.tunnel.four"];

export const googleHaVpnAws: CorpusProgram = {
    name: "google-ha-vpn-aws",
    source: "Google Cloud: Create HA VPN connections between Google Cloud and AWS",
    expected: { "failure-domains-watched": "advisory" },
    program: () => void googleProcedure(),
};

/** The procedure's resources; the AWS VPN connections it made, for programs that add to it. */
export function googleProcedure(): ec2.VpnConnection[] {
    const region = "us-central1";
    const network = new compute.Network("gcp-network", { autoCreateSubnetworks: false, routingMode: "GLOBAL" });
    const router = new compute.Router("gcp-router", { region, network: network.id, bgp: { asn: 65534 } });
    const gateway = new compute.HaVpnGateway("gcp-ha-vpn", { region, network: network.id });
    const transitGateway = new ec2transitgateway.TransitGateway("aws-tgw", { amazonSideAsn: 64512, vpnEcmpSupport: "enable" });
    const connections = awsVpnConnections("aws", gateway, {
        gateway: { transitGatewayId: transitGateway.id },
        awsAsn: 64512,
        googleAsn: 65534,
        insideCidrs: ["169.254.1.4/30", "169.254.1.8/30", "169.254.1.12/30", "169.254.1.16/30"],
        presharedKeys: KEYS,
        tunnelOptions: {
            IkeVersions: ["ikev2"],
            Phase1EncryptionAlgorithms: ["AES256"], Phase1IntegrityAlgorithms: ["SHA2-256"], Phase1DhGroupNumbers: [18],
            Phase2EncryptionAlgorithms: ["AES256"], Phase2IntegrityAlgorithms: ["SHA2-256"], Phase2DhGroupNumbers: [18],
        },
    });
    googleTunnels("gcp", { region, router, gateway, awsAsn: 64512, connections, presharedKeys: KEYS, referenceBy: "id" });
    return connections;
}
