/**
 * The address families a link carries, in one vocabulary for every component. The values are AWS's
 * spelling (`addressFamily` of a Direct Connect BGP peer, `tunnelInsideIpVersion` of a VPN
 * connection, the `IpAddressFamily` dimension of CloudWatch's Direct Connect metrics), and the
 * stack type is Google's (`stackType` of an HA VPN gateway, a VLAN attachment and a Transport).
 */

export enum AddressFamily {
    Ipv4 = "ipv4",
    Ipv6 = "ipv6",
}

/** Every family, in the order reports list them. */
export const ADDRESS_FAMILIES: readonly AddressFamily[] = [AddressFamily.Ipv4, AddressFamily.Ipv6];

/** IP versions a link carries: IPv4 only (the default everywhere), or IPv4 and IPv6 (dual stack). */
export enum StackType {
    Ipv4Only = "IPV4_ONLY",
    DualStack = "IPV4_IPV6",
}

/** The families a stack type carries, IPv4 first. */
export function familiesOf(stackType: StackType): AddressFamily[] {
    return stackType === StackType.DualStack ? [AddressFamily.Ipv4, AddressFamily.Ipv6] : [AddressFamily.Ipv4];
}

/** `IPv4` / `IPv6`, for messages. */
export function familyText(family: AddressFamily): string {
    return family === AddressFamily.Ipv6 ? "IPv6" : "IPv4";
}

/** Families in report order, without repeats. */
export function sortFamilies(families: Iterable<AddressFamily>): AddressFamily[] {
    const given = new Set(families);
    return ADDRESS_FAMILIES.filter((f) => given.has(f));
}
