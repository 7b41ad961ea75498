import { AddressFamily } from "../addressFamily";
import { ErrorCode, fail } from "../errors";
import { Prefix } from "../prefix";

/**
 * The address ledger: what a stack's links were deployed with, so the next plan keeps it. A link is
 * keyed by its stable name (`prod-backup`, `prod-primary/east-a`) and records its link-local /28,
 * its sessions' prefixes (IPv6 ones too, for a dual-stack HA VPN) and the facts whose change would replace its resources (its Cloud Router,
 * its ASNs). A stack exports its ledger and reads it back before planning, through a
 * StackReference to itself; the record of a link that left the program stays, retired, so its
 * addresses are the last to be given to anything new.
 */
export const LEDGER_VERSION = 1;

export interface LinkRecord {
    /** The /28 of the link's block its sessions live in, when crosscloud placed it. */
    chunk?: string;
    /** Each session's prefix, in session order. */
    nets?: string[];
    /** The IPv6 /124 of the link's IPv6 block its IPv6 sessions live in, when crosscloud placed them. */
    chunkIpv6?: string;
    /** Each IPv6 session's prefix, in session order. */
    netsIpv6?: string[];
    /** Values whose change replaces the link's resources: `router`, `routerAsn`, `region`… */
    facts?: Record<string, string | number>;
}

export interface AddressLedger {
    version: typeof LEDGER_VERSION;
    /** Links the last update planned, by key. */
    links: Record<string, LinkRecord>;
    /** Links that have left the program: their addresses are reused last. */
    retired: Record<string, LinkRecord>;
}

export function emptyLedger(): AddressLedger {
    return { version: LEDGER_VERSION, links: {}, retired: {} };
}

/**
 * Reads a ledger as a stack output holds it, checking every record: nothing in it is trusted to be
 * well formed, since anyone can edit a stack's state. `undefined` (a stack never deployed, or
 * deployed before it kept a ledger) is an empty ledger.
 */
export function parseLedger(value: unknown, field: string): AddressLedger {
    if (value === undefined || value === null) return emptyLedger();
    const fix = "Export the ledger the address book records (ledger.record()) unchanged, or remove the output to start afresh.";
    if (!isRecord(value) || value.version !== LEDGER_VERSION) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must be an address ledger of version ${LEDGER_VERSION}`, fix });
    }
    const section = (name: "links" | "retired"): Record<string, LinkRecord> => {
        const records = value[name] ?? {};
        if (!isRecord(records)) fail({ code: ErrorCode.InvalidArgument, field: `${field}.${name}`, value: records, rule: "must map link keys to records", fix });
        return Object.fromEntries(Object.entries(records).map(([key, record]) => [key, parseRecord(record, `${field}.${name}["${key}"]`, fix)]));
    };
    return { version: LEDGER_VERSION, links: section("links"), retired: section("retired") };
}

function parseRecord(value: unknown, field: string, fix: string): LinkRecord {
    if (!isRecord(value)) fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be a link record", fix });
    const record: LinkRecord = {};
    if (value.chunk !== undefined) record.chunk = Prefix.parse(value.chunk, `${field}.chunk`, AddressFamily.Ipv4).toString();
    if (value.nets !== undefined) record.nets = Prefix.parseAll(value.nets, `${field}.nets`, AddressFamily.Ipv4).map(String);
    if (value.chunkIpv6 !== undefined) record.chunkIpv6 = Prefix.parse(value.chunkIpv6, `${field}.chunkIpv6`, AddressFamily.Ipv6).toString();
    if (value.netsIpv6 !== undefined) record.netsIpv6 = Prefix.parseAll(value.netsIpv6, `${field}.netsIpv6`, AddressFamily.Ipv6).map(String);
    if (value.facts !== undefined) {
        if (!isRecord(value.facts) || !Object.values(value.facts).every((f) => typeof f === "string" || (typeof f === "number" && Number.isFinite(f)))) {
            fail({ code: ErrorCode.InvalidArgument, field: `${field}.facts`, value: value.facts, rule: "must map names to strings or numbers", fix });
        }
        record.facts = { ...value.facts } as Record<string, string | number>;
    }
    return record;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
