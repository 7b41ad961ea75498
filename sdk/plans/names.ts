/**
 * The names of every component's children, in one place: the planners name topology ids with them
 * and the components name resources with them, so the two cannot drift. A child's name is its URN,
 * and a changed URN replaces the resource: these strings never change for an existing role.
 */

/** `${name}-<role>` or `${name}-<role>-<key>`. */
export function childName(name: string, role: string, key?: string | number): string {
    return key === undefined ? `${name}-${role}` : `${name}-${role}-${key}`;
}

/** DedicatedInterconnect's children. */
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
        dxGateway: childName(name, "dx-gateway"),
        association: childName(name, "association"),
        transitGateway: childName(name, "transit-gateway"),
        interconnectGroup: childName(name, "interconnect-group"),
        attachmentGroup: childName(name, "attachment-group"),
    };
}

/** The longest role among DedicatedInterconnect's children named without a key (Google's name budget). */
export const LONGEST_DEDICATED_ROLE = "interconnect-group";

/** HaVpn's children. `tgw` and `bgp` are older spellings of the Transit Gateway and BGP peer roles, kept for their URNs. */
export function haVpnNames(name: string) {
    return {
        transitGateway: childName(name, "tgw"),
        router: childName(name, "router"),
        gateway: childName(name, "gateway"),
        /** One HA VPN gateway interface, as a failure domain. */
        gatewayInterface: (i: number) => `${childName(name, "gateway")}/${i}`,
        vpnGateway: childName(name, "vpn-gateway"),
        customerGateway: (c: number) => childName(name, "cgw", c),
        vpnConnection: (c: number) => childName(name, "vpn", c),
        peerGateway: childName(name, "peer-gateway"),
        tunnel: (i: number) => childName(name, "tunnel", i),
        interface: (i: number) => childName(name, "interface", i),
        peer: (i: number) => childName(name, "bgp", i),
        presharedKey: (i: number) => childName(name, "psk", i),
        importPolicy: childName(name, "import"),
    };
}

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
