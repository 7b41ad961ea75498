import { createHash } from "node:crypto";
import * as ipaddr from "ipaddr.js";
import { AddressFamily } from "../sdk/addressFamily";
import { Prefix } from "../sdk/prefix";

/**
 * Deterministic stand-ins for what a cloud allocates (public IPs, link-local blocks, VLAN tags):
 * a value is picked by hashing a key, never at random, and probing on from there so values stay
 * distinct within one capture.
 */
export class Allocations {
    /** AWS VPN tunnel outside addresses (TEST-NET-3, then half the benchmarking range for estates of over 63 HA VPNs). */
    readonly awsOutsideIps = hostPool("203.0.113.0/24", "198.18.0.0/16");
    /** Google HA VPN interface addresses (TEST-NET-2, then the other half of the benchmarking range). */
    readonly gcpVpnIps = hostPool("198.51.100.0/24", "198.19.0.0/16");
    /** AWS VPN tunnel inside /30s, clear of the ranges AWS reserves. */
    readonly vpnInsideCidrs = blockPool("169.254.64.0/18", 30);
    /** Interconnect attachment /29s when the user gives no candidate subnets. */
    readonly attachmentSubnets = blockPool("169.254.128.0/18", 29);
    readonly vlans = new Pool(4093, (i) => i + 2);
    /** AWS VPN tunnel inside IPv6 /126s when none is given: AWS picks them in fd00::/8; here in fdff:1::/64, which Google also takes. */
    readonly vpnInsideIpv6Cidrs = new Pool(2 ** 30, (i) => `${Prefix.parse("fdff:1::/64", "pool", AddressFamily.Ipv6).subnet(126, i)}`);
    /** The /125s AWS assigns IPv6 BGP peers of virtual interfaces, from its own addresses (documentation range here). */
    readonly vifIpv6Subnets = new Pool(2 ** 30, (i) => `${Prefix.parse("2001:db8:1100::/48", "pool", AddressFamily.Ipv6).subnet(125, i)}`);
}

/**
 * Hands out values of an index space by key; the same key always gets the same value. Once the
 * space is used up, keys it has not seen go to the `overflow` pool, if there is one.
 */
export class Pool<T> {
    private readonly byKey = new Map<string, number>();
    private readonly used = new Set<number>();

    constructor(
        private readonly size: number,
        private readonly valueAt: (index: number) => T,
        private readonly overflow?: Pool<T>,
    ) {}

    allocate(key: string): T {
        let index = this.byKey.get(key);
        if (index === undefined) {
            if (this.used.size === this.size && this.overflow) {
                return this.overflow.allocate(key);
            }
            if (this.used.size === this.size) {
                throw new Error(`Simulated pool exhausted: ${this.size} values already handed out`);
            }
            index = hashNumber(key) % this.size;
            while (this.used.has(index)) {
                index = (index + 1) % this.size;
            }
            this.used.add(index);
            this.byKey.set(key, index);
        }
        return this.valueAt(index);
    }
}

/** The usable host addresses of an IPv4 block, then those of `overflowCidr` when given. */
export function hostPool(cidr: string, overflowCidr?: string): Pool<string> {
    const [base, bits] = parseCidr(cidr);
    return new Pool(2 ** (32 - bits) - 2, (i) => formatIpv4(base + 1 + i), overflowCidr === undefined ? undefined : hostPool(overflowCidr));
}

/** Sub-blocks of `prefixLength` inside an IPv4 block, as CIDR strings. */
export function blockPool(cidr: string, prefixLength: number): Pool<string> {
    const [base, bits] = parseCidr(cidr);
    const blockSize = 2 ** (32 - prefixLength);
    return new Pool(2 ** (prefixLength - bits), (i) => `${formatIpv4(base + i * blockSize)}/${prefixLength}`);
}

/** The `n`th address of the block `cidr` (0 = network address), e.g. `nthAddress("169.254.10.0/30", 1)`; IPv6 too. */
export function nthAddress(cidr: string, n: number): string {
    if (cidr.includes(":")) return Prefix.parse(cidr, "cidr", AddressFamily.Ipv6).host(n);
    return formatIpv4(parseCidr(cidr)[0] + n);
}

/** The first `prefixLength` block inside `cidr`, e.g. `firstBlock("169.254.10.0/28", 29)` = `169.254.10.0/29`. */
export function firstBlock(cidr: string, prefixLength: number): string {
    return `${formatIpv4(parseCidr(cidr)[0])}/${prefixLength}`;
}

/** A stable number for a key (48 bits of its SHA-256). */
export function hashNumber(key: string): number {
    return createHash("sha256").update(key).digest().readUIntBE(0, 6);
}

/** A stable lowercase hex string of `length` characters for a key, for AWS-style ids. */
export function hashHex(key: string, length: number): string {
    return createHash("sha256").update(key).digest("hex").slice(0, length);
}

function parseCidr(cidr: string): [number, number] {
    const [address, bits] = ipaddr.IPv4.parseCIDR(cidr);
    const network = address.toByteArray().reduce((value, byte) => value * 256 + byte, 0);
    const hostBits = 2 ** (32 - bits);
    return [network - (network % hostBits), bits];
}

function formatIpv4(value: number): string {
    return ipaddr.fromByteArray([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString();
}
