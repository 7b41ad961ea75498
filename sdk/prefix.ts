import * as ipaddr from "ipaddr.js";
import { ErrorCode, fail } from "./errors";

/**
 * An IPv4 prefix as a small immutable value: a network address and a length, always canonical
 * (host bits zero), with one string form. Parsing is strict and delegated to ipaddr.js.
 */
export class Prefix {
    private constructor(
        /** The network address as an unsigned 32-bit integer. */
        readonly network: number,
        readonly bits: number,
    ) {}

    /** Builds a prefix from an address integer, masking host bits. */
    static from(address: number, bits: number): Prefix {
        return new Prefix(mask(address, bits), bits);
    }

    /**
     * Parses `a.b.c.d/n` strictly: four decimal octets, and no host bits set (a hand-written
     * `169.254.10.5/30` is almost always a typo, so it is refused with the canonical form). The
     * length has no leading zero either, so accepted text is always the canonical string.
     */
    static parse(text: unknown, field: string): Prefix {
        const rule = "must be an IPv4 prefix written a.b.c.d/n";
        if (typeof text !== "string" || !/\/(0|[1-9]\d?)$/.test(text) || !ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
            fail({ code: ErrorCode.InvalidPrefix, field, value: text, rule, fix: "Write it like 10.20.0.0/16." });
        }
        const [address, bits] = ipaddr.IPv4.parseCIDR(text);
        const value = toInteger(address.toByteArray());
        const prefix = Prefix.from(value, bits);
        if (prefix.network !== value) {
            fail({
                code: ErrorCode.InvalidPrefix, field, value: text,
                rule: "must be a network address (host bits zero)",
                fix: `Did you mean ${prefix}?`,
            });
        }
        return prefix;
    }

    /** Parses a list of prefixes, naming the element that is wrong. */
    static parseAll(texts: unknown, field: string): Prefix[] {
        if (!Array.isArray(texts)) {
            fail({ code: ErrorCode.InvalidPrefix, field, value: texts, rule: "must be a list of IPv4 prefixes", fix: 'Write it like ["10.20.0.0/16"].' });
        }
        // Array.from visits the holes of a sparse array (as undefined), where map would skip them.
        return Array.from(texts, (t, i) => Prefix.parse(t, `${field}[${i}]`));
    }

    get size(): number {
        return 2 ** (32 - this.bits);
    }

    get last(): number {
        return this.network + this.size - 1;
    }

    /** The n-th address in the prefix, as dotted text (0 is the network address). */
    host(n: number): string {
        return toDotted(this.network + n);
    }

    contains(other: Prefix): boolean {
        return other.bits >= this.bits && mask(other.network, this.bits) === this.network;
    }

    overlaps(other: Prefix): boolean {
        return this.network <= other.last && other.network <= this.last;
    }

    /** The i-th subnet of the given length inside this prefix. */
    subnet(bits: number, i: number): Prefix {
        return Prefix.from(this.network + i * 2 ** (32 - bits), bits);
    }

    equals(other: Prefix): boolean {
        return this.network === other.network && this.bits === other.bits;
    }

    compare(other: Prefix): number {
        return this.network - other.network || this.bits - other.bits;
    }

    toString(): string {
        return `${toDotted(this.network)}/${this.bits}`;
    }

    toJSON(): string {
        return this.toString();
    }
}

/** Test helper for hard-coded literals: parses or throws. */
export function mustParsePrefix(text: string): Prefix {
    return Prefix.parse(text, "literal");
}

/** Names the first pair of overlapping prefixes in a list, or undefined. */
export function findOverlap(prefixes: Prefix[]): [number, number] | undefined {
    const order = prefixes.map((p, i) => ({ p, i })).sort((a, b) => a.p.compare(b.p));
    for (let k = 1; k < order.length; k++) {
        if (order[k - 1].p.overlaps(order[k].p)) return [order[k - 1].i, order[k].i].sort((a, b) => a - b) as [number, number];
    }
    return undefined;
}

function mask(address: number, bits: number): number {
    const hostSize = 2 ** (32 - bits);
    return address - (address % hostSize);
}

function toInteger(octets: number[]): number {
    return ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
}

function toDotted(value: number): string {
    return ipaddr.fromByteArray([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString();
}
