import { ErrorCode, fail } from "./errors";
import { Prefix } from "./prefix";

/**
 * Link-local addressing for BGP sessions between the clouds (RFC 3927, 169.254.0.0/16): the
 * ranges, the blocks environments take, and the checks on hand-written session prefixes. Placing
 * links in a block is sdk/allocation's job.
 */

export const LINK_LOCAL = Prefix.parse("169.254.0.0/16", "LINK_LOCAL");

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
        prefix: Prefix.parse(`169.254.${third}.0/30`, "AWS_RESERVED"),
        why: `AWS reserves 169.254.${third}.0/30 and refuses it as a VPN tunnel inside CIDR`,
    })),
    {
        prefix: Prefix.parse("169.254.169.252/30", "AWS_RESERVED"),
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
    const prefix = Prefix.parse(text, field);
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

/** AWS convention for a VPN tunnel /30: .1 is the AWS side, .2 the customer (Google) side. */
export function tunnelAddresses(net: Prefix): { aws: string; gcp: string } {
    return { aws: net.host(1), gcp: net.host(2) };
}

/** Candidate addresses for an interconnect attachment: .1 the Cloud Router, .2 the AWS router. */
export function attachmentAddresses(net: Prefix): { cloudRouter: string; customerRouter: string } {
    return { cloudRouter: `${net.host(1)}/${net.bits}`, customerRouter: `${net.host(2)}/${net.bits}` };
}
