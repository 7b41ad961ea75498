/**
 * Resource type tokens the pack reads. Strings, not provider classes: importing `@pulumi/aws` or
 * `@pulumi/gcp` would make the pack load and type-check thousands of files for a string compare.
 */
export const T = {
    gcpNetwork: "gcp:compute/network:Network",
    gcpRouter: "gcp:compute/router:Router",
    gcpRouterInterface: "gcp:compute/routerInterface:RouterInterface",
    gcpRouterPeer: "gcp:compute/routerPeer:RouterPeer",
    gcpRouterRoutePolicy: "gcp:compute/routerRoutePolicy:RouterRoutePolicy",
    gcpHaVpnGateway: "gcp:compute/haVpnGateway:HaVpnGateway",
    gcpExternalVpnGateway: "gcp:compute/externalVpnGateway:ExternalVpnGateway",
    gcpVpnTunnel: "gcp:compute/vPNTunnel:VPNTunnel",
    gcpInterconnect: "gcp:compute/interconnect:Interconnect",
    gcpInterconnectAttachment: "gcp:compute/interconnectAttachment:InterconnectAttachment",
    gcpTransport: "gcp:networkconnectivity/transport:Transport",
    awsTransitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    awsCustomerGateway: "aws:ec2/customerGateway:CustomerGateway",
    awsVpnConnection: "aws:ec2/vpnConnection:VpnConnection",
    awsVpnGateway: "aws:ec2/vpnGateway:VpnGateway",
    awsDxConnection: "aws:directconnect/connection:Connection",
    awsDxLag: "aws:directconnect/linkAggregationGroup:LinkAggregationGroup",
    awsDxConnectionAssociation: "aws:directconnect/connectionAssociation:ConnectionAssociation",
    awsDxGateway: "aws:directconnect/gateway:Gateway",
    awsDxGatewayAssociation: "aws:directconnect/gatewayAssociation:GatewayAssociation",
    awsTransitVif: "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
    awsDxBgpPeer: "aws:directconnect/bgpPeer:BgpPeer",
    awsInterconnectConnection: "aws-native:interconnect:Connection",
    awsMetricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    gcpAlertPolicy: "gcp:monitoring/alertPolicy:AlertPolicy",
} as const;

