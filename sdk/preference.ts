/**
 * Which links carry traffic in each direction, as each cloud chooses. The two clouds decide on
 * their own, by different rules, so a backup must lose in both:
 *
 * - AWS→Google, AWS decides. A Transit Gateway ranks routes for one prefix by type before anything
 *   else: routes from a Direct Connect gateway win over Site-to-Site VPN routes, whatever their MED;
 *   among VPN routes of equal AS path the lowest MED (Google's advertised priority) wins, and equal
 *   ones share traffic (AWS Transit Gateway guide, "Route evaluation order" and "Site-to-Site VPN
 *   attachments": ECMP).
 * - Google→AWS, Google decides. Cloud Router installs, for one prefix, the learned routes of the
 *   lowest priority (the MED the route arrived with, as an import route policy may set it, plus the
 *   region-to-region cost) and spreads traffic over equal ones (Cloud Router "Learned routes";
 *   "BGP route policies overview").
 *
 * Ordered links carry nothing yet; only ready links are candidates. The region-to-region cost is
 * left out: it only ever adds to a route learned in another region, and a backup's priority is set
 * above the largest cost (sdk/routes BACKUP_LEARNED_PRIORITY), so it cannot turn the verdict.
 */
import { BgpSession, Direction, isReady, Link, LinkKind } from "./topology";

/** The link groups carrying traffic in each direction, sorted; empty when nothing connects the clouds. */
export type Carriers = Record<Direction, string[]>;

/** A session whose learned routes no policy touches: AWS's own MED, the same on every session. */
const AWS_MED = 0;

export function carriers(links: readonly Link[], sessions: readonly BgpSession[]): Carriers {
    const up = links.filter(isReady);
    const sessionsOf = new Map<string, BgpSession[]>();
    for (const s of sessions) sessionsOf.set(s.link, [...(sessionsOf.get(s.link) ?? []), s]);
    const priority = (link: Link, of: (s: BgpSession) => number | undefined, absent: number) => {
        const values = (sessionsOf.get(link.id) ?? []).map((s) => of(s) ?? absent);
        return values.length === 0 ? absent : Math.min(...values);
    };
    // A Direct Connect gateway route beats a VPN route for the same prefix; only then does the MED count.
    const viaGateway = up.filter((l) => l.kind !== LinkKind.HaVpn);
    const towardGoogle = best(viaGateway.length > 0 ? viaGateway : up, (l) => priority(l, (s) => s.routePriority, AWS_MED));
    const towardAws = best(up, (l) => priority(l, (s) => s.learnedPriority, AWS_MED));
    return { [Direction.AwsToGoogle]: groupsOf(towardGoogle), [Direction.GoogleToAws]: groupsOf(towardAws) };
}

/** The links of the lowest priority: those a router installs and shares traffic over. */
function best(links: readonly Link[], priority: (link: Link) => number): Link[] {
    if (links.length === 0) return [];
    const lowest = Math.min(...links.map(priority));
    return links.filter((l) => priority(l) === lowest);
}

function groupsOf(links: readonly Link[]): string[] {
    return [...new Set(links.map((l) => l.group))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A BGP import route policy term that gives every route learned on a session one priority (MED),
 * in Cloud Router's CEL ("BGP route policy attribute reference": `destination.inAnyRange`,
 * `prefix(…).orLonger()`, the `med` action attribute).
 */
export const MATCH_EVERY_ROUTE = "destination.inAnyRange([prefix('0.0.0.0/0').orLonger(), prefix('::/0').orLonger()])";

export function setMed(priority: number): string {
    return `med.set(${priority})`;
}

/**
 * The priority an import policy's terms give every learned route: the MED set by a term that matches
 * every route, if one does. A term that matches only some routes leaves the others as AWS sent them,
 * so it proves nothing about the whole session: undefined.
 */
export function learnedPriorityOf(terms: readonly { match?: string; actions: readonly string[] }[]): number | undefined {
    const everything = terms.filter((t) => t.match === undefined || t.match.replace(/\s+/g, "") === MATCH_EVERY_ROUTE.replace(/\s+/g, "") || t.match.trim() === "true");
    const meds = everything.flatMap((t) => t.actions.map((a) => /^med\.set\((\d+)\)$/.exec(a.replace(/\s+/g, ""))?.[1])).filter((m): m is string => m !== undefined);
    return meds.length === 0 ? undefined : Math.max(...meds.map(Number));
}
