/**
 * terraform-google-modules/terraform-google-vpn `modules/vpn_ha` wired to AWS by hand, as its README
 * shows for an external peer: `peer_external_gateway` with FOUR_IPS_REDUNDANCY, a `tunnels` map with
 * `bgp_session_range` and `bgp_peer.address` per tunnel, resources referenced by name, and the
 * session ranges of the module's examples (169.254.1.x, 169.254.2.x, …: one /30 per third octet).
 * The AWS side (Transit Gateway, two VPN connections) uses the same /30s as tunnel inside CIDRs
 * and pins IKEv2, AES256, SHA2-256 and DH group 14.
 *
 * Expected verdicts (default config):
 * - link-local-addressing: mandatory. 169.254.1.0/30, 169.254.2.0/30, 169.254.3.0/30 and
 *   169.254.4.0/30 are on AWS's reserved list for tunnel inside CIDRs (EC2
 *   VpnTunnelOptionsSpecification.TunnelInsideCidr): AWS refuses the connections.
 * - failure-domains-watched: advisory. The configuration declares no CloudWatch alarm and no
 *   Cloud Monitoring alert policy; neither cloud alarms on a VPN by itself (AWS's VPN guide and
 *   Google's Cloud VPN monitoring page both leave creating them to the user), so no failure of its
 *   tunnels would be noticed.
 * - everything else: pass (DH 14 is allowed on both clouds; 99.99% shape; ASNs 64514/64512).
 */
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import { CorpusProgram } from "./program";
import { awsVpnConnections, googleTunnels } from "./haVpnParts";

const KEYS: [string, string, string, string] = ["Vpn.Ha.Secret.0", "Vpn.Ha.Secret.1", "Vpn.Ha.Secret.2", "Vpn.Ha.Secret.3"];

export const tfgVpnHaAws: CorpusProgram = {
    name: "terraform-google-vpn-ha-aws",
    source: "terraform-google-modules/terraform-google-vpn: modules/vpn_ha (README, examples)",
    expected: { "link-local-addressing": "mandatory", "failure-domains-watched": "advisory" },
    program: () => {
        const region = "us-east4";
        const network = new compute.Network("network", { autoCreateSubnetworks: false });
        const router = new compute.Router("vpn-ha-to-aws", { region, network: network.name, bgp: { asn: 64514 } });
        const gateway = new compute.HaVpnGateway("ha-vpn-1", { region, network: network.selfLink });
        const transitGateway = new ec2transitgateway.TransitGateway("tgw", {});
        const connections = awsVpnConnections("aws", gateway, {
            gateway: { transitGatewayId: transitGateway.id },
            awsAsn: 64512,
            googleAsn: 64514,
            insideCidrs: ["169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30"],
            presharedKeys: KEYS,
            tunnelOptions: {
                IkeVersions: ["ikev2"],
                Phase1EncryptionAlgorithms: ["AES256"], Phase1IntegrityAlgorithms: ["SHA2-256"], Phase1DhGroupNumbers: [14],
                Phase2EncryptionAlgorithms: ["AES256"], Phase2IntegrityAlgorithms: ["SHA2-256"], Phase2DhGroupNumbers: [14],
            },
        });
        googleTunnels("remote", { region, router, gateway, awsAsn: 64512, connections, presharedKeys: KEYS, referenceBy: "name" });
    },
};
