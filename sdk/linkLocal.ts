import { CrossCloudError, ErrorCode, fail } from "./errors";
import { Prefix } from "./prefix";

/**
 * Link-local addressing for BGP sessions between the clouds (RFC 3927, 169.254.0.0/16).
 *
 * Allocation is a pure function of a link's stable key: the key hashes to a home chunk inside the
 * environment's block, so adding or removing any other link can never move an existing address.
 * Two keys that land on the same chunk are reported as a collision (never resolved by moving one),
 * and the error names a free slot to pin with `slot`.
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
    /** Pins the link to a chunk of the block, to settle a collision. */
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
 * Plans the session prefixes of every link in one block. `reserved` lists ranges that are in use on
 * the same Cloud Router but not planned here (its BGP identifier range, hand-written CIDRs of other
 * stacks); chunks touching them or an AWS-reserved range are never used. A link's home walks past
 * AWS's ranges only, which never change: a caller's reservation on a link's home is a collision,
 * because walking past it would move the link the day the reservation goes away.
 */
export function planLinkNets(block: Prefix, requests: LinkNetRequest[], reserved: Prefix[] = []): LinkNetPlan[] {
    checkBlock(block, "linkLocalBlock");
    const chunks = 2 ** (CHUNK_BITS - block.bits);
    const clash = (ranges: Prefix[]) => (slot: number) => ranges.find((r) => r.overlaps(block.subnet(CHUNK_BITS, slot)));
    // A chunk holding one of AWS's /30s is skipped whole, for every kind of link: these are the
    // very chunks the Connect /29s fall in, so no link planned before the list was corrected moves.
    const awsReservation = clash(AWS_RESERVED.map((r) => r.prefix));
    const callerReservation = clash(reserved);
    const usable = (slot: number) => !awsReservation(slot) && !callerReservation(slot);

    const seen = new Set<string>();
    const slots = requests.map((request) => {
        checkRequest(request);
        if (seen.has(request.key)) {
            fail({ code: ErrorCode.Conflict, field: request.field, value: request.key, rule: "link keys must be unique in a block", fix: "Give each link its own name." });
        }
        seen.add(request.key);
        if (request.slot !== undefined) checkPinnedSlot(request, chunks, usable);
        return request.slot ?? homeSlot(request.key, chunks, (slot) => !awsReservation(slot));
    });
    // Every link's slot is known before a collision is reported, so the slot it suggests is free of all of them.
    const taken = new Set(slots);
    const bySlot = new Map<number, LinkNetRequest>();
    return requests.map((request, i) => {
        const slot = slots[i];
        const other = bySlot.get(slot);
        if (other) throw collision(request, `links "${request.key}" and "${other.key}" both map to link-local slot ${slot}`, chunks, usable, taken);
        const inUse = callerReservation(slot);
        if (inUse) throw collision(request, `link "${request.key}" maps to link-local slot ${slot}, which holds ${inUse}, already in use on the router`, chunks, usable, taken);
        bySlot.set(slot, request);
        const chunk = block.subnet(CHUNK_BITS, slot);
        const nets = Array.from({ length: request.sessions }, (_, s) => chunk.subnet(request.prefixLength, s));
        return { key: request.key, slot, chunk, nets };
    });
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

/** FNV-1a: a tiny, well-known, platform-independent string hash. */
function fnv1a(text: string): number {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(text, "utf8")) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}

/** The first chunk at or after the key's hash that AWS does not reserve. Depends only on the key. */
function homeSlot(key: string, chunks: number, usable: (slot: number) => boolean): number {
    const start = fnv1a(key) % chunks;
    for (let i = 0; i < chunks; i++) {
        const slot = (start + i) % chunks;
        if (usable(slot)) return slot;
    }
    return fail({ code: ErrorCode.BlockExhausted, field: "linkLocalBlock", value: chunks, rule: "the block has no usable chunk", fix: "Use a larger block." });
}

function checkRequest(r: LinkNetRequest): void {
    if (typeof r.key !== "string" || r.key === "") {
        fail({ code: ErrorCode.InvalidArgument, field: r.field, value: r.key, rule: "a link needs a stable, non-empty string key", fix: "Name the link, e.g. prod/backup-vpn." });
    }
    if (r.prefixLength !== 29 && r.prefixLength !== 30) {
        fail({ code: ErrorCode.InvalidArgument, field: r.field, value: r.prefixLength, rule: "session prefixes are /29 or /30", fix: "Use 30 for VPN tunnels, 29 (or 30) for interconnect attachments." });
    }
    const capacity = 2 ** (r.prefixLength - CHUNK_BITS);
    if (!Number.isInteger(r.sessions) || r.sessions < 1 || r.sessions > capacity) {
        fail({ code: ErrorCode.InvalidArgument, field: r.field, value: r.sessions, rule: `a link holds 1 to ${capacity} /${r.prefixLength} sessions`, fix: "Split the sessions over more links." });
    }
}

function checkPinnedSlot(r: LinkNetRequest, chunks: number, usable: (slot: number) => boolean): void {
    if (!Number.isInteger(r.slot) || r.slot! < 0 || r.slot! >= chunks) {
        fail({ code: ErrorCode.InvalidArgument, field: slotField(r), value: r.slot, rule: `must be an integer from 0 to ${chunks - 1}`, fix: "Pick a slot inside the block." });
    }
    if (!usable(r.slot!)) {
        fail({ code: ErrorCode.ReservedRange, field: slotField(r), value: r.slot, rule: "that chunk overlaps a reserved range", fix: "Pick another slot." });
    }
}

function collision(r: LinkNetRequest, what: string, chunks: number, usable: (s: number) => boolean, taken: Set<number>): CrossCloudError {
    const free = Array.from({ length: chunks }, (_, s) => s).filter((s) => usable(s) && !taken.has(s));
    return new CrossCloudError({
        code: ErrorCode.AddressCollision, field: slotField(r), value: r.key,
        rule: `${what}; crosscloud never moves an existing link to make room`,
        fix: free.length > 0
            ? `Pin the new link with slot: ${free[fnv1a(r.key) % free.length]} (free), or rename it.`
            : "No chunk of the block is free for it: use a larger block.",
    });
}

/** Where a link's slot is written: `links[2].slot`, or plain `slot` for a link that is the whole argument. */
function slotField(r: LinkNetRequest): string {
    return r.field ? `${r.field}.slot` : "slot";
}
