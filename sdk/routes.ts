import { ErrorCode, fail } from "./errors";
import { findOverlap, Prefix } from "./prefix";
import { LinkRole } from "./topology";

/**
 * Google advertised-route priority (sent to AWS as MED; lower wins). A backup link advertises
 * the same prefixes at a worse priority, so it only carries traffic when the primary is gone.
 */
export const ROUTE_PRIORITY: Record<LinkRole, number> = {
    [LinkRole.Primary]: 100,
    [LinkRole.Backup]: 10000,
};

/**
 * The priority a backup's Cloud Router peers give the routes they learn from AWS, set by a BGP
 * import route policy (MED): Cloud Router installs, for one prefix, only the routes of the lowest
 * priority and shares traffic across equal ones, so without it the VPN would carry part of Google's
 * traffic to AWS beside the interconnect. Google adds a region-to-region cost of 201 to 9999 to
 * routes learned in another region; from 10200 on a route loses to every route of a base priority
 * up to 200 wherever it was learned, so the backup carries traffic only once no primary path is
 * left. (Cloud Router "Learned routes" and "Update the base route priority";
 * "BGP route policies overview": a policy may change a learned route's MED to prefer one peer.)
 */
export const BACKUP_LEARNED_PRIORITY = 10200;

/**
 * Allowed prefixes on a Direct Connect gateway's Transit Gateway association: AWS Direct Connect
 * quotas, "Prefixes per transit gateway — the maximum number of prefixes per AWS Transit Gateway
 * from AWS to on-premises on a transit virtual interface": 200, not adjustable (it was 20 until AWS
 * raised it; AWS General Reference, "AWS Direct Connect endpoints and quotas").
 */
export const DX_GATEWAY_PREFIX_LIMIT = 200;

/**
 * Routes the other side may advertise over one BGP session on a private or transit virtual
 * interface (AWS Direct Connect quotas, "Routes per BGP session on private or transit virtual
 * interfaces": 100 each for IPv4 and IPv6, not adjustable). Past it "the BGP session will go into
 * an idle state with the BGP session DOWN".
 */
export const DX_SESSION_ROUTE_LIMIT = 100;

/**
 * Routes a customer gateway (here the Cloud Router) may advertise to one AWS Site-to-Site VPN
 * connection (AWS Site-to-Site VPN quotas, "Dynamic routes advertised from a customer gateway
 * device to a Site-to-Site VPN connection": 100 on a virtual private gateway, 1,000 on a transit
 * gateway, neither adjustable).
 */
export const VPN_ROUTE_LIMIT = { vpnGateway: 100, transitGateway: 1000 } as const;

/** Prefixes AWS learns from Google over one managed interconnect (provider limit). */
export const MANAGED_ROUTE_LIMIT = 1000;

/**
 * Checks an advertised-prefix list: at least one prefix, all valid, none overlapping, and no
 * more than the product allows. Returns them in canonical form and order.
 */
export function checkPrefixList(texts: unknown, field: string, limit?: { max: number; product: string }): Prefix[] {
    // Counted before anything else, so a list far past the limit costs nothing to refuse.
    if (limit && Array.isArray(texts) && texts.length > limit.max) tooMany(texts.length, field, limit);
    const prefixes = Prefix.parseAll(texts, field);
    if (prefixes.length === 0) {
        fail({ code: ErrorCode.InvalidArgument, field, value: texts, rule: "must list at least one prefix", fix: "List the CIDRs this side advertises, e.g. [\"10.20.0.0/16\"]." });
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
    return prefixes.sort((a, b) => a.compare(b));
}

function tooMany(count: number, field: string, limit: { max: number; product: string }): never {
    return fail({
        code: ErrorCode.TooManyPrefixes, field, value: count,
        rule: `${limit.product} accepts at most ${limit.max} prefixes`,
        fix: "Summarise the prefixes into fewer, larger ranges.",
    });
}
