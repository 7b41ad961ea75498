/**
 * What each single failure does to a topology: which links it cuts, how much bandwidth survives,
 * whether the clouds stay connected, and the SLA tier the shape earns. Policies, components and the
 * CLI all read the same report.
 */
import { AddressFamily, sortFamilies } from "./addressFamily";
import { ErrorCode, fail } from "./errors";
import { assessSla, compareStrings, TopologySla } from "./sla";
import { carriers, Carriers } from "./preference";
import { carriesFamily, FAILURE_KINDS, FailureKind, Link, LinkKind, LinkRole, linkFamilies, sessionFamily, SlaTier, Topology } from "./topology";

/** One failure domain going down: `{ kind: "metro", id: "iad" }`. */
export interface Failure {
    kind: FailureKind;
    id: string;
}

/** What one failure leaves of one address family. */
export interface FamilyImpact {
    family: AddressFamily;
    /** How many of the links carrying the family it cuts. */
    cut: number;
    /** Whole Mbps the family's links it does not cut can carry. */
    survivingMbps: number;
    survivingPrimaryMbps: number;
    /** At least one link still carries the family between the clouds. */
    connected: boolean;
}

/** One row of the resilience table. */
export interface FailureCase extends Failure {
    /** Ids of the links the failure cuts, sorted; every other link survives it. */
    cut: string[];
    /** Whole Mbps the links it does not cut can carry. */
    survivingMbps: number;
    /** Surviving bandwidth on primary links only: what is left before falling back to a backup. */
    survivingPrimaryMbps: number;
    /**
     * Every family the links carry still has a link joining the clouds: a failure that leaves IPv4
     * up but cuts IPv6 is not connected. With IPv4 alone: at least one link still joins them.
     */
    connected: boolean;
    /** Per family, when the links carry more than IPv4: what the failure leaves of each. */
    families?: FamilyImpact[];
    /**
     * The failed domain is a managed connection whose provider SLA covers it: the service is
     * quad-redundant inside, so this row is a single point of failure on paper that the provider,
     * not the shape, answers for.
     */
    coveredByProviderSla: boolean;
    /** The link groups that carry traffic in each direction after this failure (empty: none). */
    carriers: Carriers;
}

/** One address family's links with every link up, when the links carry more than IPv4. */
export interface FamilyReport {
    family: AddressFamily;
    totalMbps: number;
    totalPrimaryMbps: number;
    /** The link groups that carry the family's traffic in each direction: its own links and BGP sessions decide. */
    carriers: Carriers;
    /** The failure leaving the family the least bandwidth. */
    worstCase?: FailureCase;
    /** Failures that cut every link carrying the family. */
    singlePointsOfFailure: string[];
}

export interface ResilienceReport {
    totalMbps: number;
    totalPrimaryMbps: number;
    /** The link groups that carry traffic in each direction with every link up (IPv4's, when the links carry more). */
    carriers: Carriers;
    /** The families any link carries, IPv4 first. */
    families: AddressFamily[];
    /** Per family, when the links carry more than IPv4. */
    byFamily?: FamilyReport[];
    /** Every distinct failure domain of every link, sorted by FAILURE_KINDS order, then id. */
    failures: FailureCase[];
    /**
     * The failure leaving the least bandwidth (then the least primary bandwidth, then the first in
     * order); absent when no link names a failure domain.
     */
    worstCase?: FailureCase;
    /** Failures that cut every link of some family, including those covered by a provider SLA. */
    singlePointsOfFailure: FailureCase[];
    sla: TopologySla;
}

/**
 * Analyses every single failure of a topology. Deterministic and independent of the order of links
 * and groups. Throws a CrossCloudError for duplicate link ids, a bandwidth that is not a finite
 * whole number of Mbps ≥ 0, or a link whose group is unknown or of another kind.
 */
export function analyzeResilience(topology: Topology): ResilienceReport {
    checkLinks(topology.links);
    const links = [...topology.links].sort((a, b) => compareStrings(a.id, b.id));
    const groupOf = new Map(links.map((l) => [l.id, l.group]));
    const sla = assessSla(topology);
    const slaCoveredGroups = new Set(
        sla.groups.filter((g) => g.kind === LinkKind.Managed && g.tier !== SlaTier.None).map((g) => g.group),
    );
    const families = familiesCarried(links);
    // Carriers are judged on IPv4's links and sessions: the family every link carried before IPv6.
    const carriersOf = (up: readonly Link[], family = AddressFamily.Ipv4) =>
        carriers(up.filter((l) => carriesFamily(l, family)), topology.sessions.filter((s) => sessionFamily(s) === family));
    const failures = failureImpacts(links).map((impact): FailureCase => {
        const cut = new Set(impact.cut);
        return {
            ...impact,
            coveredByProviderSla: impact.kind === "managedConnection" && impact.cut.every((id) => slaCoveredGroups.has(groupOf.get(id)!)),
            carriers: carriersOf(links.filter((l) => !cut.has(l.id))),
        };
    });
    const byFamily = families.length > 1 ? families.map((family): FamilyReport => {
        const own = links.filter((l) => carriesFamily(l, family));
        const impacts = failures.filter((f) => f.families!.find((i) => i.family === family)!.cut > 0);
        const left = (f: FailureCase) => f.families!.find((i) => i.family === family)!;
        const worst = impacts.reduce<FailureCase | undefined>((w, f) => (w === undefined || left(f).survivingMbps < left(w).survivingMbps
            || (left(f).survivingMbps === left(w).survivingMbps && left(f).survivingPrimaryMbps < left(w).survivingPrimaryMbps) ? f : w), undefined);
        return {
            family,
            totalMbps: sumMbps(own),
            totalPrimaryMbps: sumMbps(own.filter(isPrimary)),
            carriers: carriersOf(links, family),
            ...(worst && { worstCase: worst }),
            singlePointsOfFailure: impacts.filter((f) => !left(f).connected).map((f) => `${f.kind}:${f.id}`),
        };
    }) : undefined;
    return {
        totalMbps: sumMbps(links),
        totalPrimaryMbps: sumMbps(links.filter(isPrimary)),
        carriers: carriersOf(links),
        families,
        ...(byFamily && { byFamily }),
        failures,
        ...(failures.length > 0 && { worstCase: failures.reduce(worse) }),
        singlePointsOfFailure: failures.filter((c) => !c.connected),
        sla,
    };
}

/** The families any link carries, IPv4 first; IPv4 when there are no links. */
export function familiesCarried(links: readonly Link[]): AddressFamily[] {
    const families = sortFamilies(links.flatMap(linkFamilies));
    return families.length === 0 ? [AddressFamily.Ipv4] : families;
}

/** One failure's effect, before any judgement about who answers for it. */
export type FailureImpact = Omit<FailureCase, "coveredByProviderSla" | "carriers">;

/**
 * What each single failure cuts, for every distinct failure domain of every link, in FAILURE_KINDS
 * order and then by id. Links are indexed once by domain, so the work is linear in the links: the
 * policy pack runs it over stacks of thousands. A failure is connected when every family the links
 * carry keeps a link; with more than IPv4, each family's share is reported too.
 */
export function failureImpacts(links: readonly Link[]): FailureImpact[] {
    const total = sumMbps(links);
    const totalPrimary = sumMbps(links.filter(isPrimary));
    const families = familiesCarried(links);
    const ofFamily = new Map(families.map((f) => [f, links.filter((l) => carriesFamily(l, f))]));
    const familyImpact = (family: AddressFamily, cut: readonly Link[]): FamilyImpact => {
        const own = ofFamily.get(family)!;
        const lost = cut.filter((l) => carriesFamily(l, family));
        return {
            family,
            cut: lost.length,
            survivingMbps: sumMbps(own) - sumMbps(lost),
            survivingPrimaryMbps: sumMbps(own.filter(isPrimary)) - sumMbps(lost.filter(isPrimary)),
            connected: lost.length < own.length,
        };
    };
    return FAILURE_KINDS.flatMap((kind) => {
        const cutBy = new Map<string, Link[]>();
        for (const link of links) {
            const id = link.domains[kind];
            if (id === undefined) continue;
            const cut = cutBy.get(id);
            if (cut) cut.push(link);
            else cutBy.set(id, [link]);
        }
        return [...cutBy.keys()].sort(compareStrings).map((id) => {
            const cut = cutBy.get(id)!;
            const perFamily = families.map((f) => familyImpact(f, cut));
            return {
                kind,
                id,
                cut: cut.map((l) => l.id).sort(compareStrings),
                survivingMbps: total - sumMbps(cut),
                survivingPrimaryMbps: totalPrimary - sumMbps(cut.filter(isPrimary)),
                connected: families.length === 1 ? cut.length < links.length : perFamily.every((f) => f.connected),
                ...(families.length > 1 && { families: perFamily }),
            };
        });
    });
}

/** Keeps the earlier case on a tie, so the first in report order wins. */
function worse(a: FailureCase, b: FailureCase): FailureCase {
    const bLeavesLess = b.survivingMbps < a.survivingMbps
        || (b.survivingMbps === a.survivingMbps && b.survivingPrimaryMbps < a.survivingPrimaryMbps);
    return bLeavesLess ? b : a;
}

function sumMbps(links: readonly Link[]): number {
    return links.reduce((mbps, l) => mbps + l.mbps, 0);
}

function isPrimary(link: Link): boolean {
    return link.role === LinkRole.Primary;
}

function checkLinks(links: readonly Link[]): void {
    const seen = new Set<string>();
    links.forEach((l, i) => {
        if (seen.has(l.id)) {
            fail({ code: ErrorCode.Conflict, field: `links[${i}].id`, value: l.id, rule: "link ids must be unique", fix: "Rename one of the links." });
        }
        seen.add(l.id);
        if (!Number.isSafeInteger(l.mbps) || l.mbps < 0) {
            fail({ code: ErrorCode.InvalidBandwidth, field: `links[${i}].mbps`, value: l.mbps, rule: "a link's bandwidth is a whole number of Mbps ≥ 0", fix: "Give the link's capacity in Mbps, e.g. 10000 for 10 Gbps." });
        }
        const families = l.families as unknown;
        if (families !== undefined && (!Array.isArray(families) || families.length === 0 || !families.every((f) => Object.values(AddressFamily).includes(f)))) {
            fail({ code: ErrorCode.InvalidArgument, field: `links[${i}].families`, value: families, rule: `lists the families the link carries: one or more of ${Object.values(AddressFamily).join(", ")}`, fix: "Leave it out for an IPv4 link." });
        }
    });
}
