/**
 * The SLA tier a shape of links earns, by the providers' published topology rules (providers.md
 * §7.1, §11), with the reasons it stops short of the next tier. A tier is never inferred from the
 * failure graph: Google and AWS grant SLAs for named shapes, not for "no single point of failure".
 */
import { ErrorCode, fail } from "./errors";
import { FailureKind, Link, LinkGroup, LinkKind, LinkRole, SlaTier, Topology } from "./topology";

export interface GroupSla {
    group: string;
    kind: LinkKind;
    role: LinkRole;
    tier: SlaTier;
    /** Why the group did not earn the next tier up, naming what was required and what was found; empty at 99.99%. */
    missing: string[];
}

/** Dedicated ports of several groups judged as one estate, as Google and AWS judge them. */
export interface CombinedSla {
    groups: string[];
    tier: SlaTier;
    missing: string[];
}

export interface TopologySla {
    /** The best tier any group, or the combined dedicated estate, earns. */
    tier: SlaTier;
    /** One entry per link group, sorted by group id. */
    groups: GroupSla[];
    /** Present when two or more dedicated groups exist. */
    combinedDedicated?: CombinedSla;
    /** Shapes that earn their tier but spend money or effort for nothing. */
    advice: string[];
}

const TIER_ORDER: readonly SlaTier[] = [SlaTier.None, SlaTier.ThreeNines, SlaTier.FourNines];

export function bestTier(tiers: readonly SlaTier[]): SlaTier {
    return tiers.reduce((best, t) => (TIER_ORDER.indexOf(t) > TIER_ORDER.indexOf(best) ? t : best), SlaTier.None);
}

/** SLA tier of every group and of the whole topology. Throws a CrossCloudError if a link names an unknown or mismatched group. */
export function assessSla(topology: Topology): TopologySla {
    const linksOf = linksByGroup(topology);
    const groups = [...topology.groups].sort(byId).map((g) => groupSla(g, linksOf.get(g.id) ?? []));
    const combinedDedicated = combineDedicated(topology.groups.filter((g) => g.kind === LinkKind.Dedicated), linksOf);
    return {
        tier: bestTier([...groups.map((g) => g.tier), combinedDedicated?.tier ?? SlaTier.None]),
        groups,
        ...(combinedDedicated && { combinedDedicated }),
        advice: duplicateManagedConnections(topology.links),
    };
}

/** The tier one group earns from its own links. */
export function groupSla(group: LinkGroup, links: readonly Link[]): GroupSla {
    return { group: group.id, kind: group.kind, role: group.role, ...climb(rulesFor(group, links)) };
}

/** Distinct values of one failure-domain field across links, sorted. */
export function domainValues(links: readonly Link[], kind: FailureKind): string[] {
    const values = links.map((l) => l.domains[kind]).filter((v): v is string => v !== undefined);
    return [...new Set(values)].sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** A tier and what it takes, stated as the requirements that are not met. */
type TierRule = [tier: SlaTier, unmet: string[]];
type Requirement = [met: boolean, explanation: string];

function unmet(...requirements: Requirement[]): string[] {
    return requirements.filter(([met]) => !met).map(([, explanation]) => explanation);
}

/** Tiers build on each other: the first tier with unmet requirements stops the climb. */
function climb(rules: TierRule[]): { tier: SlaTier; missing: string[] } {
    let tier = SlaTier.None;
    for (const [next, missing] of rules) {
        if (missing.length > 0) return { tier, missing };
        tier = next;
    }
    return { tier, missing: [] };
}

function rulesFor(group: LinkGroup, links: readonly Link[]): TierRule[] {
    switch (group.kind) {
        case LinkKind.Managed:
            return managedRules(links, group.profileSla ?? SlaTier.FourNines);
        case LinkKind.Dedicated:
            return dedicatedRules(links, group.globalRouting);
        case LinkKind.HaVpn:
            return haVpnRules(links, group.fourIpsRedundancy === true);
    }
}

function managedRules(links: readonly Link[], profileSla: SlaTier): TierRule[] {
    return [
        [SlaTier.ThreeNines, unmet(
            [links.length > 0, "99.9% needs a managed connection (Transport ⇄ Connection); found none"],
            [profileSla !== SlaTier.None, "99.9% needs a remote transport profile with an SLA (HIGH or MAXIMUM); this profile has none"],
        )],
        [SlaTier.FourNines, unmet(
            [profileSla === SlaTier.FourNines, "99.99% needs a remote transport profile with sla MAXIMUM; this profile is HIGH (99.9%)"],
        )],
    ];
}

function dedicatedRules(links: readonly Link[], globalRouting: boolean | undefined): TierRule[] {
    const diverseMetros = [...edgeDomainsByMetro(links).values()].filter((domains) => domains.length >= 2).length;
    const regions = domainValues(links, "region");
    const routers = domainValues(links, "cloudRouter");
    const regionsWithoutRouter = regions.filter((r) => domainValues(links.filter((l) => l.domains.region === r), "cloudRouter").length === 0);
    const devices = domainValues(links, "awsDevice");
    const ports = describePorts(links);
    const routersFound = listed(routers) + (regionsWithoutRouter.length > 0 ? `, none in ${regionsWithoutRouter.join(", ")}` : "");
    return [
        [SlaTier.ThreeNines, unmet(
            [diverseMetros >= 1, `99.9% needs 2 ports in one metro on distinct edge availability domains; found ${ports}`],
            [routers.length >= 1, "99.9% needs a Cloud Router; found none"],
            [devices.length >= 2, `99.9% needs the AWS side on 2 distinct Direct Connect devices, one LAG per port; found ${listed(devices)}`],
        )],
        [SlaTier.FourNines, unmet(
            [diverseMetros >= 2, `99.99% needs ports in 2 metros × 2 edge availability domains; found ${ports}`],
            [regions.length >= 2, `99.99% needs attachments in 2 regions; found ${listed(regions)}`],
            [routers.length >= 2 && regionsWithoutRouter.length === 0, `99.99% needs 2 Cloud Routers, at least 1 per region; found ${routersFound}`],
            [globalRouting === true, globalRouting === undefined
                ? "99.99% needs the VPC's dynamic routing mode to be GLOBAL; the VPC is declared elsewhere, so its mode is unknown here"
                : "99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL"],
            [devices.length >= 4, `99.99% needs the AWS side on 4 distinct Direct Connect devices, one LAG per port; found ${listed(devices)}`],
        )],
    ];
}

function haVpnRules(links: readonly Link[], fourIpsRedundancy: boolean): TierRule[] {
    const tunnelsPerInterface = domainValues(links, "vpnInterface")
        .map((iface) => [iface, links.filter((l) => l.domains.vpnInterface === iface).length] as const);
    const interfacesWithTwo = tunnelsPerInterface.filter(([, tunnels]) => tunnels >= 2).length;
    const perInterface = tunnelsPerInterface.map(([iface, tunnels]) => `${iface}: ${count(tunnels, "tunnel")}`).join(", ") || "no interfaces";
    const awsConnections = domainValues(links, "awsVpnConnection");
    // HA VPN has no 99.9% tier: short of the 99.99% shape it carries no SLA.
    return [
        [SlaTier.FourNines, unmet(
            [fourIpsRedundancy, "99.99% needs the peer (external) VPN gateway to be FOUR_IPS_REDUNDANCY; it is not"],
            [links.length >= 4, `99.99% needs 4 tunnels; found ${links.length}`],
            [interfacesWithTwo >= 2, `99.99% needs 2 tunnels on each of the 2 HA VPN interfaces; found ${perInterface}`],
            [awsConnections.length >= 2, `99.99% needs the tunnels on 2 distinct AWS VPN connections; found ${listed(awsConnections)}`],
        )],
    ];
}

function combineDedicated(groups: readonly LinkGroup[], linksOf: Map<string, Link[]>): CombinedSla | undefined {
    if (groups.length < 2) return undefined;
    const ids = groups.map((g) => g.id).sort(compareStrings);
    const links = ids.flatMap((id) => linksOf.get(id) ?? []);
    // Routing mode belongs to the VPC; the estate is global only if every group says so.
    return { groups: ids, ...climb(dedicatedRules(links, combinedRouting(groups))) };
}

/** AWS calls a second managed connection on the same region pair an anti-pattern: one already carries the SLA. */
function duplicateManagedConnections(links: readonly Link[]): string[] {
    const managed = links.filter((l) => l.kind === LinkKind.Managed);
    return domainValues(managed, "region").flatMap((region) => {
        const connections = [...new Set(managed.filter((l) => l.domains.region === region).map((l) => l.domains.managedConnection ?? l.id))]
            .sort(compareStrings);
        return connections.length < 2 ? [] : [
            `${connections.length} managed connections on the region pair of ${region} (${connections.join(", ")}): ` +
            "one is already quad-redundant under the provider's SLA; a duplicate on the same pair adds cost, not availability",
        ];
    });
}

function edgeDomainsByMetro(links: readonly Link[]): Map<string, string[]> {
    const metros = domainValues(links, "metro");
    return new Map(metros.map((m) => [m, domainValues(links.filter((l) => l.domains.metro === m), "edgeDomain")]));
}

/** "3 ports: iad (iad-zone1, iad-zone2), lax (lax-zone1)". */
function describePorts(links: readonly Link[]): string {
    const metros = [...edgeDomainsByMetro(links)].map(([metro, domains]) => `${metro} (${domains.join(", ")})`);
    const ports = count(domainValues(links, "port").length, "port");
    return metros.length > 0 ? `${ports}: ${metros.join(", ")}` : ports;
}

/** "none" or "2 (a, b)". */
function listed(ids: readonly string[]): string {
    return ids.length === 0 ? "none" : `${ids.length} (${ids.join(", ")})`;
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function byId(a: { id: string }, b: { id: string }): number {
    return compareStrings(a.id, b.id);
}

function linksByGroup(topology: Topology): Map<string, Link[]> {
    const groups = new Map<string, LinkGroup>();
    topology.groups.forEach((g, i) => {
        if (groups.has(g.id)) {
            fail({ code: ErrorCode.Conflict, field: `groups[${i}].id`, value: g.id, rule: "group ids must be unique", fix: "Rename one of the groups." });
        }
        groups.set(g.id, g);
    });
    const linksOf = new Map<string, Link[]>(topology.groups.map((g) => [g.id, []]));
    topology.links.forEach((l, i) => {
        const group = groups.get(l.group);
        if (!group) {
            fail({ code: ErrorCode.InvalidArgument, field: `links[${i}].group`, value: l.group, rule: "a link must name a group of the topology", fix: "Add the group to topology.groups or fix the link's group id." });
        }
        if (group.kind !== l.kind) {
            fail({ code: ErrorCode.Conflict, field: `links[${i}].kind`, value: l.kind, rule: `a link's kind must match its group ${group.id} (${group.kind})`, fix: "Move the link to a group of its kind." });
        }
        linksOf.get(l.group)?.push(l);
    });
    return linksOf;
}

/** GLOBAL only if every group's VPC is; unknown if none is known to be REGIONAL but some are unknown. */
function combinedRouting(groups: readonly LinkGroup[]): boolean | undefined {
    if (groups.some((g) => g.globalRouting === false)) return false;
    return groups.every((g) => g.globalRouting === true) ? true : undefined;
}
