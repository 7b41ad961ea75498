/**
 * The SLA a shape of links earns, as each provider grants it for its own half, and what that makes
 * end to end, with the reasons each half stops short of more. A tier is never inferred from the
 * failure graph: Google and AWS grant SLAs for named shapes, not for "no single point of failure".
 *
 * The two halves are granted separately and fail separately, so the path end to end is covered only
 * up to the lower of the two commitments: that is the figure crosscloud reports, and its tier.
 * Sources, per kind of link:
 * - HA VPN: Google grants 99.99% for an HA VPN gateway with both interfaces used towards a
 *   FOUR_IPS_REDUNDANCY peer (Cloud VPN SLA; "HA VPN topologies"); AWS grants 99.95% per
 *   Site-to-Site VPN connection, however many there are (AWS Site-to-Site VPN Service Level
 *   Agreement, https://aws.amazon.com/vpn/site-to-site-vpn-sla/).
 * - Dedicated (Cross-Cloud Interconnect ⇄ Direct Connect): Google grants 99.9% for two ports in one
 *   metro on both edge availability domains and 99.99% for that in two metros with attachments in
 *   two regions, a Cloud Router in each and GLOBAL routing (Cloud Interconnect SLA; "Cross-Cloud
 *   Interconnect topologies"). AWS grades by its resiliency models: Maximum (Multi-Site Redundant,
 *   99.99%) is separate connections on separate devices at each of two or more locations; High
 *   (Multi-Site Non-Redundant, 99.9%) is a connection at each of two or more locations; one location,
 *   however redundant, is for non-critical workloads and earns no tier here; a LAG counts as one
 *   connection (AWS Direct Connect "Resiliency recommendations"; AWS Direct Connect Service Level
 *   Agreement).
 * - Managed (AWS Interconnect – multicloud ⇄ Partner Cross-Cloud Interconnect): AWS grants 99.99% per
 *   connection (AWS Interconnect Service Level Agreement); Google grants its remote transport
 *   profile's SLA (HIGH 99.9%, MAXIMUM 99.99%).
 */
import { AddressFamily, sortFamilies } from "./addressFamily";
import { ErrorCode, fail } from "./errors";
import { carriesFamily, FailureKind, Link, LinkGroup, LinkKind, LinkRole, linkFamilies, SlaTier, Topology } from "./topology";

/** What one provider grants its half of a link group. */
export interface SideSla {
    /** Monthly uptime the provider commits to, in percent; absent when the shape earns none. */
    percent?: number;
    /** The provider's name for the shape it grades, e.g. `Maximum resiliency`. */
    grade: string;
    /** Why this half did not earn more, naming what was required and what was found. */
    missing: string[];
}

export interface GroupSla {
    group: string;
    kind: LinkKind;
    role: LinkRole;
    /** The end-to-end tier: what the lower of the two halves covers. */
    tier: SlaTier;
    /** The end-to-end figure in percent: the lower of the two commitments; absent when either half has none. */
    percent?: number;
    google: SideSla;
    aws: SideSla;
    /** Why the group did not earn the next tier up, both halves' reasons; empty at 99.99%. */
    missing: string[];
}

/** Dedicated ports of several groups judged as one estate, as Google and AWS judge them. */
export interface CombinedSla {
    groups: string[];
    tier: SlaTier;
    percent?: number;
    google: SideSla;
    aws: SideSla;
    missing: string[];
}

/**
 * The SLA one address family earns: each group judged on the links that carry the family. A
 * dual-stack HA VPN's IPv6 tunnels are a shape of their own; a dual-stack attachment or managed
 * connection carries both families on the same links and earns the same for each.
 */
export interface FamilySla {
    family: AddressFamily;
    tier: SlaTier;
    /** The groups with links of the family, sorted by group id. */
    groups: GroupSla[];
    combinedDedicated?: CombinedSla;
}

export interface TopologySla {
    /** The best tier any group, or the combined dedicated estate, earns. */
    tier: SlaTier;
    /** Per family, when the links carry more than IPv4. */
    byFamily?: FamilySla[];
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

/** The lowest of the tiers (none for an empty list): what a network earns when each family must earn it. */
export function worstTier(tiers: readonly SlaTier[]): SlaTier {
    return tiers.length === 0 ? SlaTier.None : tiers.reduce((worst, t) => (TIER_ORDER.indexOf(t) < TIER_ORDER.indexOf(worst) ? t : worst));
}

/** The highest tier a commitment in percent reaches. */
export function tierOf(percent: number | undefined): SlaTier {
    if (percent === undefined) return SlaTier.None;
    return [...TIER_ORDER].reverse().find((t) => t === SlaTier.None || percent >= Number(t))!;
}

/** SLA of every group and of the whole topology. Throws a CrossCloudError if a link names an unknown or mismatched group. */
export function assessSla(topology: Topology): TopologySla {
    const linksOf = linksByGroup(topology);
    const groups = [...topology.groups].sort(byId).map((g) => groupSla(g, linksOf.get(g.id) ?? []));
    const combinedDedicated = combineDedicated(topology.groups.filter((g) => g.kind === LinkKind.Dedicated), linksOf);
    const families = sortFamilies(topology.links.flatMap(linkFamilies));
    return {
        tier: bestTier([...groups.map((g) => g.tier), combinedDedicated?.tier ?? SlaTier.None]),
        ...(families.length > 1 && { byFamily: families.map((f) => familySla(topology, linksOf, f)) }),
        groups,
        ...(combinedDedicated && { combinedDedicated }),
        advice: duplicateManagedConnections(topology.links),
    };
}

function familySla(topology: Topology, linksOf: Map<string, Link[]>, family: AddressFamily): FamilySla {
    const carrying = new Map([...linksOf].map(([id, links]) => [id, links.filter((l) => carriesFamily(l, family))]));
    const present = [...topology.groups].sort(byId).filter((g) => (carrying.get(g.id) ?? []).length > 0);
    const groups = present.map((g) => groupSla(g, carrying.get(g.id)!));
    const combinedDedicated = combineDedicated(present.filter((g) => g.kind === LinkKind.Dedicated), carrying);
    return {
        family,
        tier: bestTier([...groups.map((g) => g.tier), combinedDedicated?.tier ?? SlaTier.None]),
        groups,
        ...(combinedDedicated && { combinedDedicated }),
    };
}

/** The SLA one group earns from its own links. */
export function groupSla(group: LinkGroup, links: readonly Link[]): GroupSla {
    return { group: group.id, kind: group.kind, role: group.role, ...endToEnd(sidesFor(group, links)) };
}

/** Distinct values of one failure-domain field across links, sorted. */
export function domainValues(links: readonly Link[], kind: FailureKind): string[] {
    const values = links.map((l) => l.domains[kind]).filter((v): v is string => v !== undefined);
    return [...new Set(values)].sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

interface Sides {
    google: SideSla;
    aws: SideSla;
}

/** A commitment and what it takes, stated as the requirements that are not met. */
type Grade = [percent: number, grade: string, unmet: string[]];
type Requirement = [met: boolean, explanation: string];

function unmet(...requirements: Requirement[]): string[] {
    return requirements.filter(([met]) => !met).map(([, explanation]) => explanation);
}

/** Grades build on each other: the first with unmet requirements stops the climb. */
function climb(grades: Grade[], none: string): SideSla {
    let side: SideSla = { grade: none, missing: [] };
    for (const [percent, grade, missing] of grades) {
        if (missing.length > 0) return { ...side, missing };
        side = { percent, grade, missing: [] };
    }
    return side;
}

function endToEnd({ google, aws }: Sides): Omit<GroupSla, "group" | "kind" | "role"> {
    const percent = google.percent === undefined || aws.percent === undefined ? undefined : Math.min(google.percent, aws.percent);
    const missing = [...google.missing.map((m) => `Google: ${m}`), ...aws.missing.map((m) => `AWS: ${m}`)];
    return { tier: tierOf(percent), ...(percent !== undefined && { percent }), google, aws, missing };
}

function sidesFor(group: LinkGroup, links: readonly Link[]): Sides {
    switch (group.kind) {
        case LinkKind.Managed:
            return managedSides(links, group.profileSla ?? SlaTier.FourNines);
        case LinkKind.Dedicated:
            return { google: dedicatedGoogle(links, group.globalRouting), aws: dedicatedAws(links) };
        case LinkKind.HaVpn:
            return haVpnSides(links, group.fourIpsRedundancy === true);
    }
}

function managedSides(links: readonly Link[], profileSla: SlaTier): Sides {
    const any: Requirement = [links.length > 0, "needs a managed connection (Transport ⇄ Connection); found none"];
    return {
        google: climb([
            [99.9, "remote transport profile HIGH", unmet(any, [profileSla !== SlaTier.None, "the remote transport profile carries no SLA"])],
            [99.99, "remote transport profile MAXIMUM", unmet([profileSla === SlaTier.FourNines, "99.99% needs a remote transport profile with sla MAXIMUM; this profile is HIGH (99.9%)"])],
        ], "no SLA"),
        aws: climb([[99.99, "AWS Interconnect connection", unmet(any)]], "no SLA"),
    };
}

function dedicatedGoogle(links: readonly Link[], globalRouting: boolean | undefined): SideSla {
    const diverseMetros = [...edgeDomainsByMetro(links).values()].filter((domains) => domains.length >= 2).length;
    const regions = domainValues(links, "region");
    const routers = domainValues(links, "cloudRouter");
    const regionsWithoutRouter = regions.filter((r) => domainValues(links.filter((l) => l.domains.region === r), "cloudRouter").length === 0);
    const ports = describePorts(links);
    const routersFound = listed(routers) + (regionsWithoutRouter.length > 0 ? `, none in ${regionsWithoutRouter.join(", ")}` : "");
    return climb([
        [99.9, "two ports in one metro", unmet(
            [diverseMetros >= 1, `99.9% needs 2 ports in one metro on distinct edge availability domains; found ${ports}`],
            [routers.length >= 1, "99.9% needs a Cloud Router; found none"],
        )],
        [99.99, "ports in two metros", unmet(
            [diverseMetros >= 2, `99.99% needs ports in 2 metros × 2 edge availability domains; found ${ports}`],
            [regions.length >= 2, `99.99% needs attachments in 2 regions; found ${listed(regions)}`],
            [routers.length >= 2 && regionsWithoutRouter.length === 0, `99.99% needs 2 Cloud Routers, at least 1 per region; found ${routersFound}`],
            [globalRouting === true, globalRouting === undefined
                ? "99.99% needs the VPC's dynamic routing mode to be GLOBAL; the VPC is declared elsewhere, so its mode is unknown here"
                : "99.99% needs the VPC's dynamic routing mode to be GLOBAL; it is REGIONAL"],
        )],
    ], "no SLA");
}

/** AWS's resiliency models, by Direct Connect locations and the distinct devices at each. */
function dedicatedAws(links: readonly Link[]): SideSla {
    const locations = domainValues(links, "awsLocation");
    const devicesAt = locations.map((location) => [location, domainValues(links.filter((l) => l.domains.awsLocation === location), "awsDevice")] as const);
    const redundant = devicesAt.filter(([, devices]) => devices.length >= 2).length;
    const found = devicesAt.map(([location, devices]) => `${location} (${devices.length === 0 ? "no device known" : devices.join(", ")})`).join(", ") || "none";
    return climb([
        [99.9, "High resiliency (Multi-Site Non-Redundant)", unmet(
            [locations.length >= 2, `99.9% needs connections at 2 or more Direct Connect locations; found ${found}`],
        )],
        [99.99, "Maximum resiliency (Multi-Site Redundant)", unmet(
            [redundant >= 2, `99.99% needs connections on 2 distinct devices (a LAG is one connection) at each of 2 or more Direct Connect locations; found ${found}`],
        )],
    ], "Development and test (one location): no SLA");
}

/** AWS commits 99.95% to each VPN connection; two connections do not raise it, so 99.99% is out of any VPN's reach. */
function vpnConnectionSla(connections: readonly string[]): SideSla {
    const side = climb([[99.95, "Site-to-Site VPN connection", unmet(
        [connections.length >= 1, "needs an AWS Site-to-Site VPN connection; found none"],
    )]], "no SLA");
    return side.percent === undefined ? side
        : { ...side, missing: ["it commits 99.95% to each Site-to-Site VPN connection, however many carry the link: 99.99% is not offered"] };
}

function haVpnSides(links: readonly Link[], fourIpsRedundancy: boolean): Sides {
    const tunnelsPerInterface = domainValues(links, "vpnInterface")
        .map((iface) => [iface, links.filter((l) => l.domains.vpnInterface === iface).length] as const);
    const interfacesWithTwo = tunnelsPerInterface.filter(([, tunnels]) => tunnels >= 2).length;
    const perInterface = tunnelsPerInterface.map(([iface, tunnels]) => `${iface}: ${count(tunnels, "tunnel")}`).join(", ") || "no interfaces";
    const awsConnections = domainValues(links, "awsVpnConnection");
    return {
        // HA VPN has no 99.9% tier: short of the 99.99% shape it carries no SLA.
        google: climb([[99.99, "HA VPN, both interfaces to a FOUR_IPS peer", unmet(
            [fourIpsRedundancy, "99.99% needs the peer (external) VPN gateway to be FOUR_IPS_REDUNDANCY; it is not"],
            [links.length >= 4, `99.99% needs 4 tunnels; found ${links.length}`],
            [interfacesWithTwo >= 2, `99.99% needs 2 tunnels on each of the 2 HA VPN interfaces; found ${perInterface}`],
            // Google's topology for AWS: each HA VPN interface to its own AWS VPN connection.
            [awsConnections.length >= 2, `99.99% needs the tunnels on 2 distinct AWS VPN connections; found ${listed(awsConnections)}`],
        )]], "no SLA"),
        aws: vpnConnectionSla(awsConnections),
    };
}

function combineDedicated(groups: readonly LinkGroup[], linksOf: Map<string, Link[]>): CombinedSla | undefined {
    if (groups.length < 2) return undefined;
    const ids = groups.map((g) => g.id).sort(compareStrings);
    const links = ids.flatMap((id) => linksOf.get(id) ?? []);
    // Routing mode belongs to the VPC; the estate is global only if every group says so.
    return { groups: ids, ...endToEnd({ google: dedicatedGoogle(links, combinedRouting(groups)), aws: dedicatedAws(links) }) };
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
