/**
 * The longest chain of creations each link shape cannot avoid, derived from the cross-cloud field
 * wiring (reference/providers.md §8) plus the same-cloud references that carry it: a value one
 * cloud assigns at creation that the other cloud's resource is created with. A component's deploy
 * critical path should be no longer than this.
 */

export interface ChainEdge {
    /** Resource classes (`VpnConnection`, not the type token). */
    from: string;
    to: string;
    /** The input of `to` that needs an output of `from`. */
    field: string;
    why: string;
}

export interface UnavoidableChain {
    /** The component and shape it applies to. */
    shape: string;
    /** Resource classes in creation order. */
    chain: string[];
    edges: ChainEdge[];
}

const HA_VPN: ChainEdge[] = [
    { from: "HaVpnGateway", to: "CustomerGateway", field: "ipAddress ← vpnInterfaces[i].ipAddress", why: "Google assigns the HA VPN interface addresses when it creates the gateway; AWS needs them for the customer gateways (§8)." },
    { from: "CustomerGateway", to: "VpnConnection", field: "customerGatewayId", why: "An AWS VPN connection is created on a customer gateway." },
    { from: "VpnConnection", to: "ExternalVpnGateway", field: "interfaces[0..3].ipAddress ← tunnel1Address, tunnel2Address", why: "AWS assigns the tunnels' outside addresses when it creates the connection; they are the peer gateway's four interfaces (§8)." },
    { from: "ExternalVpnGateway", to: "VPNTunnel", field: "peerExternalGateway", why: "A Google tunnel names the peer gateway and its interface." },
    { from: "VPNTunnel", to: "RouterInterface", field: "vpnTunnel", why: "The Cloud Router interface is bound to the tunnel (its ipRange also comes from the connection, §8)." },
    { from: "RouterInterface", to: "RouterPeer", field: "interface", why: "The BGP peer runs on the interface (peer address and ASN come from the connection, §8)." },
];

const MANAGED_GOOGLE_INITIATED: ChainEdge[] = [
    { from: "Transport", to: "Connection", field: "activationKey ← generatedActivationKey", why: "Google issues the activation key when it creates the Transport; AWS accepts the connection with it (§8)." },
];

const MANAGED_AWS_INITIATED: ChainEdge[] = [
    { from: "Gateway", to: "Connection", field: "attachPoint.directConnectGateway", why: "The AWS connection is created on the Direct Connect gateway." },
    { from: "Connection", to: "Transport", field: "providedActivationKey ← activationKey", why: "AWS issues the activation key when it creates the connection; the Transport is created with it (§8)." },
    { from: "Transport", to: "NetworkPeering", field: "peerNetwork ← peeringNetwork", why: "The VPC peers with the network Google creates for the Transport." },
];

const DEDICATED: ChainEdge[] = [
    { from: "Interconnect", to: "InterconnectAttachment", field: "interconnect", why: "A VLAN attachment rides a port." },
    { from: "InterconnectAttachment", to: "RouterInterface", field: "interconnectAttachment, ipRange ← cloudRouterIpAddress", why: "Google assigns the attachment's link-local addresses when it creates it; the router interface takes its end (the VIF takes both and the VLAN, §8, one step shorter)." },
    { from: "RouterInterface", to: "RouterPeer", field: "interface", why: "The BGP peer runs on the interface." },
];

function chainOf(shape: string, edges: ChainEdge[]): UnavoidableChain {
    return { shape, chain: [edges[0].from, ...edges.map((e) => e.to)], edges };
}

export const UNAVOIDABLE: Record<string, UnavoidableChain> = {
    haVpn: chainOf("HaVpn", HA_VPN),
    managedGoogleInitiated: chainOf("ManagedInterconnect, Google-initiated", MANAGED_GOOGLE_INITIATED),
    managedAwsInitiated: chainOf("ManagedInterconnect, AWS-initiated", MANAGED_AWS_INITIATED),
    dedicated: chainOf("DedicatedInterconnect", DEDICATED),
    // The primary and the backup are independent: the longer of the two chains.
    crossCloudProd: chainOf("CrossCloudNetwork prod (dedicated 99.99% + HA VPN backup)", HA_VPN),
};
