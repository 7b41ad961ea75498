import { AddressFamily } from "../addressFamily";

/**
 * The names of every component's children, in one place: the planners name topology ids with them
 * and the components name resources with them, so the two cannot drift. A child's name is its URN,
 * and a changed URN replaces the resource: these strings never change for an existing role.
 */

/** `${name}-<role>` or `${name}-<role>-<key>`. */
export function childName(name: string, role: string, key?: string | number): string {
    return key === undefined ? `${name}-${role}` : `${name}-${role}-${key}`;
}

/** DedicatedInterconnect's children; an attachment's IPv6 BGP session has its own interface, peer and MD5 key name, and its VIF an IPv6 BGP peer. */
export function dedicatedNames(name: string) {
    return {
        port: (port: string) => childName(name, "port", port),
        lag: (port: string) => childName(name, "lag", port),
        /** The port's one dedicated connection, the LAG's member (numbered from 1). */
        connection: (port: string) => childName(name, "connection", `${port}-1`),
        router: (region: string) => childName(name, "router", region),
        attachment: (key: string) => childName(name, "attachment", key),
        interface: (key: string) => childName(name, "interface", key),
        peer: (key: string) => childName(name, "peer", key),
        md5: (key: string) => childName(name, "md5", key),
        vif: (key: string) => childName(name, "vif", key),
        interfaceV6: (key: string) => childName(name, "interface-v6", key),
        peerV6: (key: string) => childName(name, "peer-v6", key),
        md5V6: (key: string) => childName(name, "md5-v6", key),
        vifPeerV6: (key: string) => childName(name, "vif-v6", key),
        dxGateway: childName(name, "dx-gateway"),
        association: childName(name, "association"),
        transitGateway: childName(name, "transit-gateway"),
        interconnectGroup: childName(name, "interconnect-group"),
        attachmentGroup: childName(name, "attachment-group"),
    };
}

/** The longest role among DedicatedInterconnect's children named without a key (Google's name budget). */
export const LONGEST_DEDICATED_ROLE = "interconnect-group";

/**
 * HaVpn's children. `tgw` and `bgp` are older spellings of the Transit Gateway and BGP peer roles,
 * kept for their URNs. A dual-stack HA VPN's IPv6 half has children of its own, the same roles with
 * `-v6` (its gateway, customer gateways, VPN connections, peer gateway, tunnels, interfaces, peers,
 * keys); the Transit Gateway, the Cloud Router and the import policy are the link's.
 */
export function haVpnNames(name: string, family = AddressFamily.Ipv4) {
    const v6 = family === AddressFamily.Ipv6;
    const role = (r: string) => (v6 ? `${r}-v6` : r);
    return {
        transitGateway: childName(name, "tgw"),
        router: childName(name, "router"),
        gateway: childName(name, role("gateway")),
        /** One HA VPN gateway interface, as a failure domain. */
        gatewayInterface: (i: number) => `${childName(name, role("gateway"))}/${i}`,
        vpnGateway: childName(name, "vpn-gateway"),
        customerGateway: (c: number) => childName(name, role("cgw"), c),
        vpnConnection: (c: number) => childName(name, role("vpn"), c),
        peerGateway: childName(name, role("peer-gateway")),
        tunnel: (i: number) => childName(name, role("tunnel"), i),
        interface: (i: number) => childName(name, role("interface"), i),
        peer: (i: number) => childName(name, role("bgp"), i),
        presharedKey: (i: number) => childName(name, role("psk"), i),
        importPolicy: childName(name, "import"),
    };
}

/** The longest role among the Google children an HA VPN names after itself, by stack. */
export const LONGEST_HA_VPN_ROLE = { ipv4: "peer-gateway", dualStack: "peer-gateway-v6" };

/** ManagedInterconnect's children. */
export function managedNames(name: string) {
    return {
        transitGateway: childName(name, "transit-gateway"),
        dxGateway: childName(name, "dx-gateway"),
        association: childName(name, "association"),
        transport: childName(name, "transport"),
        connection: childName(name, "connection"),
        peering: childName(name, "peering"),
        awsNativeProvider: childName(name, "aws-native"),
    };
}
