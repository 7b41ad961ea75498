import { AddressFamily } from "./addressFamily";
import { ErrorCode, fail } from "./errors";
import { Prefix } from "./prefix";

/**
 * Addressing for BGP sessions between the clouds: IPv4 sessions run on link-local addresses
 * (RFC 3927, 169.254.0.0/16), IPv6 sessions of an HA VPN on unique local addresses in the one range
 * both clouds take (IPV6_SESSION_RANGE). The ranges, the blocks environments take, and the checks on
 * hand-written session prefixes; placing links in a block is sdk/allocation's job.
 */

export const LINK_LOCAL = Prefix.parse("169.254.0.0/16", "LINK_LOCAL", AddressFamily.Ipv4);

/** Why a field takes IPv4 only: what messages say when it is given an IPv6 prefix. */
export const IPV4_SESSIONS = "IPv4 BGP sessions between the clouds run on link-local 169.254.0.0/16 (IPv6 sessions have fields of their own)";

export interface ReservedRange {
    prefix: Prefix;
    why: string;
}

/**
 * The tunnel inside CIDRs AWS refuses for Site-to-Site VPN (EC2 API VpnTunnelOptionsSpecification,
 * TunnelInsideCidr: "The following CIDR blocks are reserved and cannot be used: 169.254.0.0/30,
 * 169.254.1.0/30, 169.254.2.0/30, 169.254.3.0/30, 169.254.4.0/30, 169.254.5.0/30,
 * 169.254.169.252/30"). Transit Gateway Connect peers have a list of their own, the /29s that hold
 * these (169.254.0.0/29 … 169.254.5.0/29, 169.254.169.248/29); crosscloud declares no Connect peer,
 * and AWS documents no reserved range for Direct Connect BGP peer addresses, so attachments' /29s
 * are not held to either list.
 */
export const AWS_RESERVED: readonly ReservedRange[] = [
    ...[0, 1, 2, 3, 4, 5].map((third) => ({
        prefix: Prefix.parse(`169.254.${third}.0/30`, "AWS_RESERVED", AddressFamily.Ipv4),
        why: `AWS reserves 169.254.${third}.0/30 and refuses it as a VPN tunnel inside CIDR`,
    })),
    {
        prefix: Prefix.parse("169.254.169.252/30", "AWS_RESERVED", AddressFamily.Ipv4),
        why: "AWS reserves 169.254.169.252/30 (next to instance metadata) and refuses it as a VPN tunnel inside CIDR",
    },
];

/** How to pick around AWS_RESERVED, for messages. */
export const AWS_RESERVED_HINT = "AWS refuses only 169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30; any other /30 in 169.254.0.0/16 will do";

/** Every link gets one chunk: four /30 tunnels or two /29 attachment subnets. */
export const CHUNK_BITS = 28;

/** The default size of an environment's block: 512 chunks, eight environments per /16. */
export const ENVIRONMENT_BLOCK_BITS = 19;

export type SessionPrefixLength = 29 | 30;

export interface LinkNetRequest {
    /** Stable identity of the link, e.g. `prod/backup-vpn`. Never derived from list positions. */
    key: string;
    /** BGP sessions the link needs: 4 for an HA VPN, 1 for an interconnect attachment. */
    sessions: number;
    prefixLength: SessionPrefixLength;
    /** Pins the link to a chunk of the block. */
    slot?: number;
    /** Argument path used in errors. */
    field: string;
}

export interface LinkNetPlan {
    key: string;
    slot: number;
    chunk: Prefix;
    /** One prefix per session, in session order. */
    nets: Prefix[];
}

/** The block of environment `index` (0-based) when 169.254.0.0/16 is cut into equal blocks. */
export function environmentBlock(index: number, bits = ENVIRONMENT_BLOCK_BITS): Prefix {
    const count = 2 ** (bits - 16);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
        fail({
            code: ErrorCode.InvalidArgument, field: "environmentIndex", value: index,
            rule: `must be an integer from 0 to ${count - 1} (169.254.0.0/16 holds ${count} /${bits} blocks)`,
            fix: "Give each environment sharing a Cloud Router its own index.",
        });
    }
    return LINK_LOCAL.subnet(bits, index);
}

/** Checks that a block is a usable link-local block that holds whole chunks. */
export function checkBlock(block: Prefix, field: string): Prefix {
    if (!LINK_LOCAL.contains(block)) {
        fail({ code: ErrorCode.NotLinkLocal, field, value: block.toString(), rule: "must be inside 169.254.0.0/16", fix: "Use a block such as 169.254.64.0/19." });
    }
    if (block.bits > CHUNK_BITS) {
        fail({ code: ErrorCode.InvalidArgument, field, value: block.toString(), rule: `must be /${CHUNK_BITS} or larger`, fix: "Use a /19 or /20 per environment." });
    }
    return block;
}

/**
 * Validates a hand-written session prefix: link-local, the right length, not AWS-reserved and
 * not overlapping anything else on the router.
 */
export function checkSessionPrefix(text: unknown, field: string, prefixLength: SessionPrefixLength, inUse: Prefix[]): Prefix {
    const prefix = Prefix.parse(text, field, AddressFamily.Ipv4, IPV4_SESSIONS);
    if (!LINK_LOCAL.contains(prefix)) {
        fail({ code: ErrorCode.NotLinkLocal, field, value: text, rule: "must be inside 169.254.0.0/16", fix: "Pick a link-local prefix, or leave it out and let crosscloud allocate one." });
    }
    if (prefix.bits !== prefixLength) {
        fail({ code: ErrorCode.InvalidPrefix, field, value: text, rule: `must be a /${prefixLength}`, fix: `Write a /${prefixLength}, or leave it out and let crosscloud allocate one.` });
    }
    // AWS's list is for VPN tunnel inside CIDRs; an attachment's /29 is an interconnect's, which AWS does not restrict.
    const reserved = prefixLength === 30 ? AWS_RESERVED.find((r) => r.prefix.overlaps(prefix)) : undefined;
    if (reserved) {
        fail({ code: ErrorCode.ReservedRange, field, value: text, rule: reserved.why, fix: `${AWS_RESERVED_HINT}; or leave it out.` });
    }
    const clash = inUse.find((p) => p.overlaps(prefix));
    if (clash) {
        fail({ code: ErrorCode.Overlap, field, value: text, rule: `overlaps ${clash}, already used on the same Cloud Router`, fix: "Pick a prefix no other session on this router uses, or leave it out." });
    }
    return prefix;
}

/**
 * AWS convention for a VPN tunnel's inside range, /30 or /126: the first host is the AWS side, the
 * second the customer (Google) side. The components wire what AWS reports, so this only names the
 * addresses a plan shows before AWS has spoken.
 */
export function tunnelAddresses(net: Prefix): { aws: string; gcp: string } {
    return { aws: net.host(1), gcp: net.host(2) };
}

/** Candidate addresses for an interconnect attachment: .1 the Cloud Router, .2 the AWS router. */
export function attachmentAddresses(net: Prefix): { cloudRouter: string; customerRouter: string } {
    return { cloudRouter: `${net.host(1)}/${net.bits}`, customerRouter: `${net.host(2)}/${net.bits}` };
}

// ---- IPv6 sessions -------------------------------------------------------------------------------

/**
 * The range an IPv6 BGP session over an HA VPN tunnel takes its addresses from. Google: a Cloud
 * Router interface's IPv6 range "must be a unique local address (ULA) range from fdff:1::/64 with a
 * mask length of 126 or less … Within the router's VPC, this IPv6 prefix will be reserved
 * exclusively for this connection" (Compute Engine API, routers: interfaces[].ipRange). AWS: a
 * tunnel's inside IPv6 CIDR is "a size /126 CIDR block from the local fd00::/8 range", unique
 * across the VPN connections of a Transit Gateway (EC2 API VpnTunnelOptionsSpecification,
 * TunnelInsideIpv6Cidr). fdff:1::/64 lies inside fd00::/8: a /126 in it suits both ends.
 */
export const IPV6_SESSION_RANGE = Prefix.parse("fdff:1::/64", "IPV6_SESSION_RANGE", AddressFamily.Ipv6);

/** AWS's range for VPN tunnel inside IPv6 CIDRs (TunnelInsideIpv6Cidr). */
export const AWS_IPV6_INSIDE_RANGE = Prefix.parse("fd00::/8", "AWS_IPV6_INSIDE_RANGE", AddressFamily.Ipv6);

/** Why a field takes IPv6 only. */
export const IPV6_SESSIONS = "IPv6 BGP sessions over HA VPN tunnels run on unique local addresses in fdff:1::/64";

/** One IPv6 VPN tunnel's inside range: AWS takes /126s only. */
export const IPV6_TUNNEL_PREFIX_LENGTH = 126;

/** Every link gets one IPv6 chunk: four /126 tunnels, as an IPv4 /28 holds four /30s. */
export const CHUNK_BITS_IPV6 = 124;

/** The default size of an environment's IPv6 block: eight per fdff:1::/64, as eight IPv4 /19s fill 169.254.0.0/16. */
export const ENVIRONMENT_BLOCK_BITS_IPV6 = 67;

/** The IPv6 block of environment `index` (0-based), the same index as its IPv4 block. */
export function environmentBlockIpv6(index: number, bits = ENVIRONMENT_BLOCK_BITS_IPV6): Prefix {
    const count = 2 ** (bits - IPV6_SESSION_RANGE.bits);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
        fail({
            code: ErrorCode.InvalidArgument, field: "environmentIndex", value: index,
            rule: `must be an integer from 0 to ${count - 1} (${IPV6_SESSION_RANGE} holds ${count} /${bits} blocks)`,
            fix: "Give each environment sharing a Cloud Router its own index.",
        });
    }
    return IPV6_SESSION_RANGE.subnet(bits, index);
}

/** Checks that an IPv6 block is inside the range both clouds take for IPv6 sessions and holds whole chunks. */
export function checkBlockIpv6(block: Prefix, field: string): Prefix {
    if (!IPV6_SESSION_RANGE.contains(block)) {
        fail({
            code: ErrorCode.NotLinkLocal, field, value: block.toString(),
            rule: `must be inside ${IPV6_SESSION_RANGE}, the only range Cloud Router takes for an IPv6 session's interface (and inside AWS's fd00::/8 for tunnel inside CIDRs)`,
            fix: "Use a block such as fdff:1:0:0:6000::/67, or leave it out.",
        });
    }
    if (block.bits > CHUNK_BITS_IPV6) {
        fail({
            code: ErrorCode.InvalidArgument, field, value: block.toString(),
            rule: `is too small: an HA VPN's four IPv6 tunnels take a /${CHUNK_BITS_IPV6} (four /${IPV6_TUNNEL_PREFIX_LENGTH}s), so the block must be /${CHUNK_BITS_IPV6} or larger`,
            fix: `Use a /${ENVIRONMENT_BLOCK_BITS_IPV6} per environment (environmentBlockIpv6), or leave it out.`,
        });
    }
    return block;
}

/** Validates a hand-written IPv6 tunnel inside range: in the shared range, a /126, and not overlapping anything else in use. */
export function checkSessionPrefixIpv6(text: unknown, field: string, inUse: Prefix[]): Prefix {
    const prefix = Prefix.parse(text, field, AddressFamily.Ipv6, IPV6_SESSIONS);
    if (!IPV6_SESSION_RANGE.contains(prefix)) {
        fail({
            code: ErrorCode.NotLinkLocal, field, value: text,
            rule: `must be inside ${IPV6_SESSION_RANGE}: Cloud Router takes an IPv6 session's range only there, and AWS only in fd00::/8`,
            fix: "Pick a /126 in fdff:1::/64, or leave it out and let crosscloud allocate one.",
        });
    }
    if (prefix.bits !== IPV6_TUNNEL_PREFIX_LENGTH) {
        fail({ code: ErrorCode.InvalidPrefix, field, value: text, rule: `must be a /${IPV6_TUNNEL_PREFIX_LENGTH}: AWS takes a /126 per tunnel`, fix: "Write a /126, or leave it out and let crosscloud allocate one." });
    }
    const clash = inUse.find((p) => p.overlaps(prefix));
    if (clash) {
        fail({ code: ErrorCode.Overlap, field, value: text, rule: `overlaps ${clash}, already used in the same VPC`, fix: "Pick a prefix no other session uses, or leave it out." });
    }
    return prefix;
}
