/**
 * What each single failure does to a topology: which links it cuts, how much bandwidth survives,
 * whether the clouds stay connected, and the SLA tier the shape earns. Policies, components and the
 * CLI all read the same report.
 */
import { ErrorCode, fail } from "./errors";
import { assessSla, compareStrings, TopologySla } from "./sla";
import { carriers, Carriers } from "./preference";
import { FAILURE_KINDS, FailureKind, Link, LinkKind, LinkRole, SlaTier, Topology } from "./topology";

/** One failure domain going down: `{ kind: "metro", id: "iad" }`. */
export interface Failure {
    kind: FailureKind;
    id: string;
}

/** One row of the resilience table. */
export interface FailureCase extends Failure {
    /** Ids of the links the failure cuts, sorted; every other link survives it. */
    cut: string[];
    /** Whole Mbps the links it does not cut can carry. */
    survivingMbps: number;
    /** Surviving bandwidth on primary links only: what is left before falling back to a backup. */
    survivingPrimaryMbps: number;
    /** At least one link still joins the clouds. */
    connected: boolean;
    /**
     * The failed domain is a managed connection whose provider SLA covers it: the service is
     * quad-redundant inside, so this row is a single point of failure on paper that the provider,
     * not the shape, answers for.
     */
    coveredByProviderSla: boolean;
    /** The link groups that carry traffic in each direction after this failure (empty: none). */
    carriers: Carriers;
}

export interface ResilienceReport {
    totalMbps: number;
    totalPrimaryMbps: number;
    /** The link groups that carry traffic in each direction with every link up. */
    carriers: Carriers;
    /** Every distinct failure domain of every link, sorted by FAILURE_KINDS order, then id. */
    failures: FailureCase[];
    /**
     * The failure leaving the least bandwidth (then the least primary bandwidth, then the first in
     * order); absent when no link names a failure domain.
     */
    worstCase?: FailureCase;
    /** Failures that cut every link, including those covered by a provider SLA. */
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
    const failures = failureImpacts(links).map((impact): FailureCase => {
        const cut = new Set(impact.cut);
        return {
            ...impact,
            coveredByProviderSla: impact.kind === "managedConnection" && impact.cut.every((id) => slaCoveredGroups.has(groupOf.get(id)!)),
            carriers: carriers(links.filter((l) => !cut.has(l.id)), topology.sessions),
        };
    });
    return {
        totalMbps: sumMbps(links),
        totalPrimaryMbps: sumMbps(links.filter(isPrimary)),
        carriers: carriers(links, topology.sessions),
        failures,
        ...(failures.length > 0 && { worstCase: failures.reduce(worse) }),
        singlePointsOfFailure: failures.filter((c) => !c.connected),
        sla,
    };
}

/** One failure's effect, before any judgement about who answers for it. */
export type FailureImpact = Omit<FailureCase, "coveredByProviderSla" | "carriers">;

/**
 * What each single failure cuts, for every distinct failure domain of every link, in FAILURE_KINDS
 * order and then by id. Links are indexed once by domain, so the work is linear in the links: the
 * policy pack runs it over stacks of thousands.
 */
export function failureImpacts(links: readonly Link[]): FailureImpact[] {
    const total = sumMbps(links);
    const totalPrimary = sumMbps(links.filter(isPrimary));
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
            return {
                kind,
                id,
                cut: cut.map((l) => l.id).sort(compareStrings),
                survivingMbps: total - sumMbps(cut),
                survivingPrimaryMbps: totalPrimary - sumMbps(cut.filter(isPrimary)),
                connected: cut.length < links.length,
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
    });
}
