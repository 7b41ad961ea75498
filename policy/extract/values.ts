/**
 * Readers for provider property bags. A stack's props are untyped JSON whose fields may be absent
 * (not set, or unknown during preview), so every reader returns undefined rather than guessing.
 */
import * as ipaddr from "ipaddr.js";
import { AddressFamily, Bandwidth, Prefix } from "../../sdk";
import { edgeDomainId, parseInterconnectLocation } from "../../sdk/locations";

export type Props = Record<string, unknown>;

export function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** A number, or a decimal string (AWS spells some ASNs and MTUs as strings). */
export function num(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) return Number(value);
    return undefined;
}

export function bool(value: unknown): boolean | undefined {
    return typeof value === "boolean" ? value : undefined;
}

export function record(value: unknown): Props | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

export function texts(value: unknown): string[] {
    return list(value).filter((v): v is string => typeof v === "string");
}

/** `…/routers/edge-1` → `edge-1`: how Google names a resource at the end of its self link or id. */
export function lastSegment(ref: string): string {
    return ref.slice(ref.lastIndexOf("/") + 1);
}

/** The region inside a Google self link or id (`…/regions/us-east4/…`). */
export function regionInUrl(ref: string | undefined): string | undefined {
    return ref === undefined ? undefined : /\/regions\/([^/]+)/.exec(ref)?.[1];
}

/** An address with its prefix length (`169.254.10.2/30`, `fdff:1::2/126`), as Google writes interface ranges. */
export interface AddressInPrefix {
    /** The address, in its canonical text. */
    address: string;
    /** The network the address is in, host bits cleared (`169.254.10.0/30`). */
    prefix: Prefix;
}

export function addressInPrefix(value: unknown): AddressInPrefix | undefined {
    const parsed = parseCidr(value);
    return parsed && { address: parsed.address, prefix: Prefix.from(parsed.host, parsed.bits, parsed.family) };
}

/**
 * A network prefix of either family written with its host bits clear, or undefined. (A fast path
 * for the thousands of IPv4 ranges in a large stack; `Prefix.parse` explains what is wrong with one.)
 */
export function networkPrefix(value: unknown): Prefix | undefined {
    const parsed = parseCidr(value);
    const prefix = parsed && Prefix.from(parsed.host, parsed.bits, parsed.family);
    return prefix && prefix.network === parsed.host ? prefix : undefined;
}

function parseCidr(value: unknown): { address: string; host: bigint; bits: number; family: AddressFamily } | undefined {
    const written = text(value);
    if (written?.includes(":")) return parseIpv6Cidr(written);
    const match = written === undefined ? null : /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(written);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const bits = Number(match[5]);
    if (bits > 32 || octets.some((o) => o > 255)) return undefined;
    return { address: octets.join("."), host: BigInt(((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3]), bits, family: AddressFamily.Ipv4 };
}

function parseIpv6Cidr(written: string): { address: string; host: bigint; bits: number; family: AddressFamily } | undefined {
    if (!/^[0-9A-Fa-f:]+\/\d{1,3}$/.test(written) || !ipaddr.IPv6.isValidCIDR(written)) return undefined;
    const [address, bits] = ipaddr.IPv6.parseCIDR(written);
    const host = address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
    return { address: address.toString(), host, bits, family: AddressFamily.Ipv6 };
}

/** An address without its length (`169.254.10.1/30` → `169.254.10.1`), IPv6 in its canonical text. */
export function bareAddress(value: unknown): string | undefined {
    const address = text(value)?.split("/")[0];
    if (address === undefined || !address.includes(":")) return address;
    return ipaddr.IPv6.isValid(address) ? ipaddr.IPv6.parse(address).toString() : address;
}

/** A bandwidth in any spelling, in whole Mbps as the topology counts it. */
export function mbps(value: unknown): number | undefined {
    try {
        return value === undefined ? undefined : Bandwidth.parse(value, "bandwidth").mbps;
    } catch {
        return undefined;
    }
}

export function gbps(value: unknown): number | undefined {
    try {
        return value === undefined ? undefined : Bandwidth.parse(value, "bandwidth").gbps;
    } catch {
        return undefined;
    }
}

/**
 * Metro and edge availability domain of a Google interconnect location, read from its name
 * (`iad-zone1-1`: metro `iad`, domain `iad-zone1`). A name outside Google's scheme is its own metro
 * and domain, so two ports in unrecognised locations never count as diverse.
 */
export function interconnectPlace(location: unknown): { metro: string; edgeDomain: string } | undefined {
    const ref = text(location);
    if (ref === undefined) return undefined;
    try {
        const site = parseInterconnectLocation({ location: ref }, "location");
        return { metro: site.metro, edgeDomain: edgeDomainId(site) };
    } catch {
        return { metro: lastSegment(ref), edgeDomain: lastSegment(ref) };
    }
}
