import * as ipaddr from "ipaddr.js";
import { AddressFamily, familyText } from "./addressFamily";
import { ErrorCode, fail } from "./errors";

const WIDTH: Record<AddressFamily, number> = { [AddressFamily.Ipv4]: 32, [AddressFamily.Ipv6]: 128 };

/** A decimal length without a leading zero; IPv6 text in hex groups, without a zone or an embedded IPv4 address. */
const IPV4_TEXT = /\/(0|[1-9]\d?)$/;
const IPV6_TEXT = /^[0-9A-Fa-f:]+\/(0|[1-9]\d{0,2})$/;

/**
 * An IPv4 or IPv6 prefix as a small immutable value: a family, a network address and a length,
 * always canonical (host bits zero), with one string form. Parsing is strict and delegated to
 * ipaddr.js. IPv4 is accepted only in its canonical text (four decimal octets); IPv6 in any text
 * RFC 4291 allows for hex groups, and is always written back as RFC 5952 says (lower case, the
 * longest run of zero groups compressed), so two spellings of one prefix compare equal.
 * Prefixes of different families never contain or overlap each other.
 */
export class Prefix {
    private constructor(
        readonly family: AddressFamily,
        /** The network address as an unsigned integer of the family's width. */
        readonly network: bigint,
        readonly bits: number,
    ) {}

    /** Builds a prefix from an address integer, masking host bits. */
    static from(address: bigint | number, bits: number, family = AddressFamily.Ipv4): Prefix {
        const value = BigInt(address);
        return new Prefix(family, value - (value % hostSize(family, bits)), bits);
    }

    /**
     * Parses a prefix of either family, or of `family` alone: a prefix of the other family is
     * refused, saying `why` the field takes one family only. The network address must be written
     * (no host bits: a hand-written `169.254.10.5/30` is almost always a typo, so it is refused with
     * the canonical form).
     */
    static parse(text: unknown, field: string, family?: AddressFamily, why?: string, fix?: string): Prefix {
        const written = typeof text === "string" && text.includes(":") ? AddressFamily.Ipv6 : AddressFamily.Ipv4;
        if (family !== undefined && typeof text === "string" && written !== family && looksLike(text, written)) {
            fail({
                code: ErrorCode.InvalidPrefix, field, value: text,
                rule: `is an ${familyText(written)} prefix, and ${field} takes ${familyText(family)} only${why ? `: ${why}` : ""}`,
                fix: fix ?? (family === AddressFamily.Ipv4 ? "Write an IPv4 prefix, like 10.20.0.0/16." : "Write an IPv6 prefix, like 2600:1f18::/48."),
            });
        }
        const parsed = family ?? written;
        const prefix = parsed === AddressFamily.Ipv6 ? parseIpv6(text, field) : parseIpv4(text, field, family);
        const canonical = Prefix.from(prefix.address, prefix.bits, parsed);
        if (canonical.network !== prefix.address) {
            fail({
                code: ErrorCode.InvalidPrefix, field, value: text,
                rule: "must be a network address (host bits zero)",
                fix: `Did you mean ${canonical}?`,
            });
        }
        return canonical;
    }

    /** Parses a list of prefixes, naming the element that is wrong. */
    static parseAll(texts: unknown, field: string, family?: AddressFamily, why?: string, fix?: string): Prefix[] {
        if (!Array.isArray(texts)) {
            const what = family === undefined ? "prefixes" : `${familyText(family)} prefixes`;
            fail({ code: ErrorCode.InvalidPrefix, field, value: texts, rule: `must be a list of ${what}`, fix: family === AddressFamily.Ipv6 ? 'Write it like ["2600:1f18::/48"].' : 'Write it like ["10.20.0.0/16"].' });
        }
        // Array.from visits the holes of a sparse array (as undefined), where map would skip them.
        return Array.from(texts, (t, i) => Prefix.parse(t, `${field}[${i}]`, family, why, fix));
    }

    /** 32 for IPv4, 128 for IPv6. */
    get width(): number {
        return WIDTH[this.family];
    }

    /** How many addresses the prefix holds. */
    get size(): bigint {
        return hostSize(this.family, this.bits);
    }

    get last(): bigint {
        return this.network + this.size - 1n;
    }

    /** The n-th address in the prefix, as text (0 is the network address). */
    host(n: bigint | number): string {
        return addressText(this.family, this.network + BigInt(n));
    }

    contains(other: Prefix): boolean {
        return other.family === this.family && other.bits >= this.bits && Prefix.from(other.network, this.bits, this.family).network === this.network;
    }

    overlaps(other: Prefix): boolean {
        return other.family === this.family && this.network <= other.last && other.network <= this.last;
    }

    /** The i-th subnet of the given length inside this prefix. */
    subnet(bits: number, i: bigint | number): Prefix {
        return Prefix.from(this.network + BigInt(i) * hostSize(this.family, bits), bits, this.family);
    }

    /** Where `other` starts inside this prefix, counted in subnets of `other`'s length. */
    indexOf(other: Prefix): bigint {
        return (other.network - this.network) / hostSize(this.family, other.bits);
    }

    equals(other: Prefix): boolean {
        return this.family === other.family && this.network === other.network && this.bits === other.bits;
    }

    /** IPv4 before IPv6, then by network, then by length. */
    compare(other: Prefix): number {
        if (this.family !== other.family) return this.family === AddressFamily.Ipv4 ? -1 : 1;
        return this.network < other.network ? -1 : this.network > other.network ? 1 : this.bits - other.bits;
    }

    toString(): string {
        return `${addressText(this.family, this.network)}/${this.bits}`;
    }

    toJSON(): string {
        return this.toString();
    }
}

/** Test helper for hard-coded literals of either family: parses or throws. */
export function mustParsePrefix(text: string): Prefix {
    return Prefix.parse(text, "literal");
}

/** Names the first pair of overlapping prefixes in a list, or undefined. Prefixes of one family nest or are disjoint, so neighbours in sorted order tell. */
export function findOverlap(prefixes: Prefix[]): [number, number] | undefined {
    const order = prefixes.map((p, i) => ({ p, i })).sort((a, b) => a.p.compare(b.p));
    for (let k = 1; k < order.length; k++) {
        if (order[k - 1].p.overlaps(order[k].p)) return [order[k - 1].i, order[k].i].sort((a, b) => a - b) as [number, number];
    }
    return undefined;
}

/** Canonical prefixes of one family, as text, in their order (an IPv6 one has a colon, an IPv4 one none). */
export function textsOfFamily(texts: readonly string[], family: AddressFamily): string[] {
    return texts.filter((t) => (t.includes(":") ? AddressFamily.Ipv6 : AddressFamily.Ipv4) === family);
}

/** The prefixes of one family, in their order. */
export function ofFamily(prefixes: readonly Prefix[], family: AddressFamily): Prefix[] {
    return prefixes.filter((p) => p.family === family);
}

function hostSize(family: AddressFamily, bits: number): bigint {
    return 1n << BigInt(WIDTH[family] - bits);
}

/** Whether text could only be meant as a prefix of that family: digits and dots for IPv4, hex and colons for IPv6. */
function looksLike(text: string, family: AddressFamily): boolean {
    return family === AddressFamily.Ipv6 ? /^[0-9A-Fa-f:.]+\/\d+$/.test(text) : /^[0-9.]+\/\d+$/.test(text);
}

function parseIpv4(text: unknown, field: string, family: AddressFamily | undefined): { address: bigint; bits: number } {
    if (typeof text !== "string" || !IPV4_TEXT.test(text) || !ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
        const rule = family === AddressFamily.Ipv4 ? "must be an IPv4 prefix written a.b.c.d/n" : "must be an IPv4 prefix written a.b.c.d/n, or an IPv6 prefix written address/n";
        fail({ code: ErrorCode.InvalidPrefix, field, value: text, rule, fix: family === AddressFamily.Ipv4 ? "Write it like 10.20.0.0/16." : "Write it like 10.20.0.0/16 or 2600:1f18::/48." });
    }
    const [address, bits] = ipaddr.IPv4.parseCIDR(text);
    return { address: toBigInt(address.toByteArray()), bits };
}

function parseIpv6(text: unknown, field: string): { address: bigint; bits: number } {
    if (typeof text !== "string" || !IPV6_TEXT.test(text) || !ipaddr.IPv6.isValidCIDR(text)) {
        fail({
            code: ErrorCode.InvalidPrefix, field, value: text,
            rule: "must be an IPv6 prefix written address/n (hex groups, no zone, no embedded IPv4 address, a length up to 128)",
            fix: "Write it like 2600:1f18::/48.",
        });
    }
    const [address, bits] = ipaddr.IPv6.parseCIDR(text);
    return { address: toBigInt(address.toByteArray()), bits };
}

function toBigInt(bytes: number[]): bigint {
    return bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

function addressText(family: AddressFamily, value: bigint): string {
    const length = WIDTH[family] / 8;
    const bytes = Array.from({ length }, (_, i) => Number((value >> BigInt(8 * (length - 1 - i))) & 255n));
    return ipaddr.fromByteArray(bytes).toString();
}
