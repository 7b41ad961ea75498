/**
 * The documents the change rules rest on: the providers' own documentation for what an update does
 * to traffic, and the Pulumi providers' sources (Terraform schemas, Google's resource definitions,
 * the aws-native schema) for which fields replace a resource.
 */
import { Source } from "./types";

export const SOURCES = {
    awsEndpointReplacements: {
        title: "AWS Site-to-Site VPN User Guide: tunnel endpoint replacements (customer initiated)",
        url: "https://docs.aws.amazon.com/vpn/latest/s2svpn/endpoint-replacements.html",
    },
    awsModifyTunnelOptions: {
        title: "Amazon EC2 API Reference: ModifyVpnTunnelOptions (one tunnel at a time)",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnTunnelOptions.html",
    },
    awsModifyConnectionOptions: {
        title: "Amazon EC2 API Reference: ModifyVpnConnectionOptions (\"temporarily unavailable for a brief period\")",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnConnectionOptions.html",
    },
    awsInsideCidrInPlace: {
        title: "terraform-provider-aws #45781: aws_vpn_connection updates tunnel*_inside_cidr in place (ModifyVpnTunnelOptions)",
        url: "https://github.com/hashicorp/terraform-provider-aws/pull/45781",
    },
    awsTunnelBandwidth: {
        title: "AWS Site-to-Site VPN: tunnel bandwidth options; changing Standard/Large in place only in select Regions, else recreate",
        url: "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html",
    },
    tfVpnConnection: {
        title: "terraform-provider-aws internal/service/ec2/vpnsite_connection.go (ForceNew: type, static_routes_only, enable_acceleration, tunnel_inside_ip_version)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpnsite_connection.go",
    },
    tfCustomerGateway: {
        title: "terraform-provider-aws internal/service/ec2/vpnsite_customer_gateway.go (every argument but tags ForceNew)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpnsite_customer_gateway.go",
    },
    tfTransitGateway: {
        title: "terraform-provider-aws internal/service/ec2/transitgateway_.go (amazon_side_asn ForceNew)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/transitgateway_.go",
    },
    tfDxConnection: {
        title: "terraform-provider-aws internal/service/directconnect/connection.go (bandwidth, location, request_macsec ForceNew; UpdateConnection: name, MACsec mode)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/connection.go",
    },
    tfDxLag: {
        title: "terraform-provider-aws internal/service/directconnect/lag.go (connection_id, connections_bandwidth, location ForceNew; UpdateLag: name)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/lag.go",
    },
    tfDxBgpPeer: {
        title: "terraform-provider-aws internal/service/directconnect/bgp_peer.go (every argument ForceNew); Direct Connect CreateBGPPeer (IPv6 addresses assigned from Amazon's pool)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/bgp_peer.go",
    },
    tfTransitVif: {
        title: "terraform-provider-aws internal/service/directconnect/transit_virtual_interface.go (all but mtu, sitelink_enabled, tags ForceNew)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/transit_virtual_interface.go",
    },
    awsVifMtu: {
        title: "AWS Direct Connect API Reference: UpdateVirtualInterfaceAttributes (MTU change disrupts every VIF on the connection for up to 30 seconds)",
        url: "https://docs.aws.amazon.com/directconnect/latest/APIReference/API_UpdateVirtualInterfaceAttributes.html",
    },
    tfDxGateway: {
        title: "terraform-provider-aws internal/service/directconnect/gateway.go (amazon_side_asn ForceNew)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/gateway.go",
    },
    tfDxGatewayAssociation: {
        title: "terraform-provider-aws internal/service/directconnect/gateway_association.go (gateway ids ForceNew; allowed_prefixes via UpdateDirectConnectGatewayAssociation)",
        url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/directconnect/gateway_association.go",
    },
    awsNativeConnection: {
        title: "@pulumi/aws-native interconnect/connection.js: replaceOnChanges activationKey, attachPoint, environmentId, remoteAccount (CloudFormation create-only)",
        url: "https://github.com/pulumi/pulumi-aws-native/blob/master/sdk/nodejs/interconnect/connection.ts",
    },
    awsInterconnectUpdate: {
        title: "AWS Interconnect API Reference: UpdateConnection (description and bandwidth; the partner must acknowledge a new bandwidth)",
        url: "https://docs.aws.amazon.com/interconnect/latest/api/API_UpdateConnection.html",
    },
    gcpVpnTunnel: {
        title: "magic-modules mmv1/products/compute/VpnTunnel.yaml (immutable: every field but labels)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/VpnTunnel.yaml",
    },
    gcpHaVpnGateway: {
        title: "magic-modules mmv1/products/compute/HaVpnGateway.yaml (immutable: every field but labels)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/HaVpnGateway.yaml",
    },
    gcpExternalVpnGateway: {
        title: "magic-modules mmv1/products/compute/ExternalVpnGateway.yaml (immutable: every field but labels)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/ExternalVpnGateway.yaml",
    },
    gcpRouter: {
        title: "magic-modules mmv1/products/compute/Router.yaml (name, network, region immutable; bgp updated with PATCH)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/Router.yaml",
    },
    gcpBgpIdentifier: {
        title: "Cloud Router: Configure the BGP identifier range (without one, adding or removing a BGP session may change the router ID and restart sessions)",
        url: "https://cloud.google.com/network-connectivity/docs/router/how-to/configure-bgp-identifier",
    },
    gcpRouterInterface: {
        title: "magic-modules resource_compute_router_interface.go.tmpl (every argument ForceNew)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/third_party/terraform/services/compute/resource_compute_router_interface.go.tmpl",
    },
    gcpRouterPeer: {
        title: "magic-modules resource_compute_router_peer.go.tmpl (name, router, region, interface ForceNew; the rest a PATCH of the router)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/third_party/terraform/services/compute/resource_compute_router_peer.go.tmpl",
    },
    gcpBgpMd5: {
        title: "Cloud Router: Troubleshoot BGP peering (routers with different MD5 keys cannot communicate)",
        url: "https://cloud.google.com/network-connectivity/docs/router/support/troubleshoot-bgp-peering",
    },
    gcpDisableBgp: {
        title: "Cloud Router: Disable or remove BGP sessions (a disabled session is shut down)",
        url: "https://cloud.google.com/network-connectivity/docs/router/how-to/disabling-removing-bgp",
    },
    gcpRoutePriority: {
        title: "Cloud Router: Update the base route priority; advertised routes",
        url: "https://cloud.google.com/network-connectivity/docs/router/how-to/updating-priority",
    },
    gcpRoutePolicy: {
        title: "magic-modules mmv1/products/compute/RouterRoutePolicy.yaml (terms updated in place with updateRoutePolicy)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/RouterRoutePolicy.yaml",
    },
    gcpInterconnect: {
        title: "magic-modules mmv1/products/compute/Interconnect.yaml (linkType, interconnectType, remoteLocation, requestedFeatures immutable; adminEnabled false carries no packets)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/Interconnect.yaml",
    },
    gcpModifyConnections: {
        title: "Cloud Interconnect: Modify connections (changing the circuit count does not disrupt traffic; link type and requested features cannot change)",
        url: "https://cloud.google.com/network-connectivity/docs/interconnect/how-to/dedicated/modifying-interconnects",
    },
    gcpAttachment: {
        title: "magic-modules mmv1/products/compute/InterconnectAttachment.yaml (interconnect, router, VLAN, candidate subnets and addresses immutable)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/InterconnectAttachment.yaml",
    },
    gcpModifyAttachments: {
        title: "Cloud Interconnect: Modify VLAN attachments (capacity and MTU changes rarely disrupt traffic, for less than a minute; VLAN ID and BGP addresses need a new attachment)",
        url: "https://cloud.google.com/network-connectivity/docs/interconnect/how-to/dedicated/modifying-vlan-attachments",
    },
    gcpGroups: {
        title: "magic-modules InterconnectGroup.yaml, InterconnectAttachmentGroup.yaml (intent and members updated with PATCH; Google's SLA verdict only)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/compute/InterconnectGroup.yaml",
    },
    gcpTransport: {
        title: "magic-modules mmv1/products/networkconnectivity/Transport.yaml (name, remoteProfile, network, hub, pscRoutingEnabled, autoAccept immutable)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/products/networkconnectivity/Transport.yaml",
    },
    gcpManageTransports: {
        title: "Partner Cross-Cloud Interconnect for AWS: Manage connections (a transport updates description and advertisedRoutes only)",
        url: "https://cloud.google.com/network-connectivity/docs/interconnect/how-to/partner-cci-for-aws/manage-connections",
    },
    gcpNetworkPeering: {
        title: "terraform-provider-google resource_compute_network_peering.go (network, peer_network ForceNew; custom route exchange updated in place)",
        url: "https://github.com/GoogleCloudPlatform/magic-modules/blob/main/mmv1/third_party/terraform/services/compute/resource_compute_network_peering.go.tmpl",
    },
    awsMetricAlarm: {
        title: "Amazon CloudWatch User Guide, Using Amazon CloudWatch alarms (an alarm watches a metric; PutMetricAlarm replaces its definition)",
        url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
    },
    gcpAlertPolicy: {
        title: "Cloud Monitoring, Alerting overview (a policy evaluates metrics; alertPolicies.patch updates it)",
        url: "https://cloud.google.com/monitoring/alerts",
    },
    randomPassword: {
        title: "terraform-provider-random random_password: no update, every argument forces a new password",
        url: "https://registry.terraform.io/providers/hashicorp/random/latest/docs/resources/password",
    },
    ports: {
        title: "Cross-Cloud Interconnect: order, LOA-CFA, cross-connect and Google's tests before attachments (sdk/plans/dedicated/stages.ts)",
        url: "https://cloud.google.com/network-connectivity/docs/interconnect/how-to/cci/aws/order-connections",
    },
} satisfies Record<string, Source>;
