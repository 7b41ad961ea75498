import { AWS_RESERVED, CHUNK_BITS } from "../linkLocal";
import { Prefix } from "../prefix";

/**
 * Where a link looks for its /28, from its key alone. Its home is the FNV-1a hash of the key, walked
 * past the /28s holding AWS's reserved /30s (which never change): the rule every link was placed by
 * before the address ledger, so a link deployed then is at its home now. When the home is taken,
 * the link probes with a step that is also the key's, so two keys that share a home part at once.
 */

/** FNV-1a: a tiny, well-known, platform-independent string hash. Changing it would move every link. */
export function fnv1a(text: string): number {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(text, "utf8")) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}

/** The first /28 at or after the key's hash that AWS does not reserve. */
export function homeSlot(key: string, block: Prefix): number {
    const chunks = 2 ** (CHUNK_BITS - block.bits);
    const start = fnv1a(key) % chunks;
    for (let i = 0; i < chunks; i++) {
        const slot = (start + i) % chunks;
        if (!AWS_RESERVED.some((r) => r.prefix.overlaps(block.subnet(CHUNK_BITS, slot)))) return slot;
    }
    return start;
}

/**
 * The key's probe step: from the home, the i-th /28 tried is `(home + i * stride) % chunks`. The
 * block holds a power of two /28s, so an odd stride visits each once before returning.
 */
export function probeStride(key: string, chunks: number): number {
    return (fnv1a(`probe:${key}`) % chunks) | 1;
}

/** An IPv6 block's home and probe step for a key, by the same hash: there is nothing AWS reserves in fdff:1::/64 to walk past. */
export function homeSlotIpv6(key: string, chunks: bigint): bigint {
    return BigInt(fnv1a(key)) % chunks;
}

export function probeStrideIpv6(key: string, chunks: bigint): bigint {
    return (BigInt(fnv1a(`probe:${key}`)) % chunks) | 1n;
}
