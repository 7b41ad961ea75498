import { AddressFamily, familyText } from "../addressFamily";
import { ErrorCode, fail } from "../errors";
import { findOverlap, ofFamily, Prefix } from "../prefix";
import { firstOverlapBetween } from "./overlaps";

/** What a list of advertised or allowed prefixes must meet, as the link and the provider state it. */
export interface PrefixListRules {
    /** The families the link carries; a prefix of another is refused. Default: IPv4 only. */
    families?: readonly AddressFamily[];
    /** What to do instead of a prefix of a family the link does not carry. */
    familyFix?: string;
    /**
     * The provider's limit. `perFamily`: it counts each family's prefixes on their own (separate
     * BGP sessions, or separate quotas); otherwise all of them together.
     */
    limit?: { max: number; product: string; perFamily?: boolean };
    /** The longest IPv6 prefix the provider takes, and where it says so. */
    longestIpv6?: { bits: number; why: string };
}

/**
 * Checks an advertised- or allowed-prefix list: at least one prefix, each valid and of a family the
 * link carries, none overlapping another, no more than the product takes. Returns them in canonical
 * form and order (IPv4 first).
 */
export function checkPrefixList(texts: unknown, field: string, rules: PrefixListRules = {}): Prefix[] {
    const families = rules.families ?? [AddressFamily.Ipv4];
    const { limit } = rules;
    // Counted before anything else, so a list far past the limit costs nothing to refuse.
    const most = limit && (limit.perFamily ? limit.max * families.length : limit.max);
    if (limit && most !== undefined && Array.isArray(texts) && texts.length > most) tooMany(texts.length, field, limit, undefined);
    const only = families.length === 1 ? families[0] : undefined;
    const why = only === AddressFamily.Ipv4 ? "the link carries IPv4 only" : only === AddressFamily.Ipv6 ? "the link carries IPv6 only" : undefined;
    const prefixes = Prefix.parseAll(texts, field, only, why, rules.familyFix);
    if (prefixes.length === 0) {
        fail({ code: ErrorCode.InvalidArgument, field, value: texts, rule: "must list at least one prefix", fix: "List the CIDRs this side advertises, e.g. [\"10.20.0.0/16\"]." });
    }
    if (rules.longestIpv6) {
        const { bits, why: source } = rules.longestIpv6;
        const i = prefixes.findIndex((p) => p.family === AddressFamily.Ipv6 && p.bits > bits);
        if (i >= 0) {
            fail({
                code: ErrorCode.InvalidPrefix, field: `${field}[${i}]`, value: prefixes[i].toString(),
                rule: `is longer than /${bits}: ${source}`,
                fix: `Allow a /${bits} or a shorter prefix that holds it.`,
            });
        }
    }
    const overlap = findOverlap(prefixes);
    if (overlap) {
        const [a, b] = overlap;
        fail({
            code: ErrorCode.Overlap, field: `${field}[${b}]`, value: prefixes[b].toString(),
            rule: `overlaps ${field}[${a}] (${prefixes[a]})`,
            fix: "Advertise each range once: drop the more specific prefix or merge them.",
        });
    }
    if (limit?.perFamily) {
        for (const family of families) {
            const count = ofFamily(prefixes, family).length;
            if (count > limit.max) tooMany(count, field, limit, family);
        }
    }
    return prefixes.sort((a, b) => a.compare(b));
}

/**
 * Traffic for a range both clouds advertise would stay in the cloud that sent it: the prefixes AWS
 * advertises and those Google advertises must not overlap, in either family. Both lists are valid.
 */
export function checkDisjointPrefixes(aws: { prefixes: readonly Prefix[]; texts: readonly unknown[]; field: string }, google: { prefixes: readonly Prefix[]; texts: readonly unknown[]; field: string }): void {
    const span = (p: Prefix) => ({ lo: familyBase(p) + p.network, hi: familyBase(p) + p.last });
    // Indices into the lists as written: the checked lists are sorted.
    const written = (list: typeof aws) => list.texts.map((t) => Prefix.parse(t, list.field));
    const [a, g] = [written(aws), written(google)];
    const pair = firstOverlapBetween(a.map(span), g.map(span));
    if (pair) {
        const [i, j] = pair;
        fail({
            code: ErrorCode.Overlap, field: `${google.field}[${j}]`, value: g[j].toString(),
            rule: `overlaps ${aws.field}[${i}] (${a[i]}); each cloud must advertise address space the other does not use`,
            fix: "Advertise only Google's own ranges to AWS, and only AWS's to Google.",
        });
    }
}

/** IPv6 spans are set above every IPv4 one, so one sweep over both families never mixes them. */
function familyBase(p: Prefix): bigint {
    return p.family === AddressFamily.Ipv6 ? 1n << 32n : 0n;
}

function tooMany(count: number, field: string, limit: { max: number; product: string; perFamily?: boolean }, family: AddressFamily | undefined): never {
    const what = family === undefined
        ? limit.perFamily ? `${limit.max} prefixes of each family` : `${limit.max} prefixes`
        : `${limit.max} ${familyText(family)} prefixes (it counts each family's routes on their own)`;
    return fail({
        code: ErrorCode.TooManyPrefixes, field, value: count,
        rule: `${limit.product} accepts at most ${what}`,
        fix: "Summarise the prefixes into fewer, larger ranges.",
    });
}
