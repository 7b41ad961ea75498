/**
 * The failure domains an alarm can tell apart, and how bad each one's failure is. Domains that cut
 * the same links look the same from either cloud (a port, its LAG and its edge domain, when the
 * port is alone there), so they form one group and one alarm per cloud watches them together.
 * Only ready links count: an ordered port carries nothing, so its loss costs nothing yet.
 */
import { Bandwidth } from "../bandwidth";
import { failureImpacts, Failure, FailureImpact } from "../resilience";
import { compareStrings } from "../sla";
import { FailureKind, isReady, Link, LinkKind, Topology } from "../topology";
import { PHYSICAL_KINDS, Severity, TUNNEL_KINDS } from "./catalogue";

/** What must survive a failure; `mbps` 0 means only that the clouds stay connected. */
export interface Requirement {
    mbps: number;
}

/** Which signals can see a group's failure: its links' physical state, their tunnels, or their BGP sessions. */
export enum Level {
    Physical = "physical",
    Tunnel = "tunnel",
    Session = "session",
}

export interface FailureGroup {
    /** Stable key: the first domain's kind and id, e.g. `port-prod-primary-port-iad-1`. */
    key: string;
    /** Every domain whose failure cuts exactly these links, in FAILURE_KINDS order. */
    domains: Failure[];
    /** The ready links the failure cuts, sorted. */
    links: string[];
    /** Mbps that survive the failure; with dual stack, the least any family keeps. */
    survivingMbps: number;
    connected: boolean;
    severity: Severity;
    level: Level;
    /** A link in the group publishes no metric on either cloud (a managed connection). */
    unobservable: string[];
}

export function readyLinks(topology: Topology): Link[] {
    return topology.links.filter(isReady);
}

/** The links no provider publishes a metric for: AWS Interconnect - multicloud ⇄ Transport (see catalogue.ts). */
export function isObservable(link: Link): boolean {
    return link.kind !== LinkKind.Managed;
}

/**
 * How bad a failure is. With dual stack each family rides its own sessions and the requirement
 * holds for each: what counts is what the family hit hardest keeps.
 */
export function severityOf(impact: Pick<FailureImpact, "connected" | "survivingMbps" | "families">, requirement: Requirement): Severity {
    return !impact.connected || leastSurvivingMbps(impact) < requirement.mbps ? Severity.RequirementBreached : Severity.RedundancyLost;
}

/** Mbps a failure leaves: with dual stack, the least any family keeps. */
export function leastSurvivingMbps(impact: Pick<FailureImpact, "survivingMbps" | "families">): number {
    return impact.families ? Math.min(...impact.families.map((f) => f.survivingMbps)) : impact.survivingMbps;
}

/** The failure groups of a topology's ready links, in the order of their first domain. */
export function failureGroups(topology: Topology, requirement: Requirement): FailureGroup[] {
    const links = readyLinks(topology);
    const byLink = new Map(links.map((l) => [l.id, l]));
    const groups = new Map<string, FailureGroup>();
    for (const impact of failureImpacts(links)) {
        const id = impact.cut.join("\n");
        const existing = groups.get(id);
        if (existing) {
            existing.domains.push({ kind: impact.kind, id: impact.id });
            continue;
        }
        groups.set(id, {
            key: domainKey(impact),
            domains: [{ kind: impact.kind, id: impact.id }],
            links: impact.cut,
            survivingMbps: leastSurvivingMbps(impact),
            connected: impact.connected,
            severity: severityOf(impact, requirement),
            level: Level.Physical,
            unobservable: impact.cut.filter((l) => !isObservable(byLink.get(l)!)),
        });
    }
    return [...groups.values()].map((g) => ({ ...g, level: levelOf(g.domains.map((d) => d.kind)) }));
}

function levelOf(kinds: readonly FailureKind[]): Level {
    if (kinds.every((k) => PHYSICAL_KINDS.includes(k))) return Level.Physical;
    if (kinds.every((k) => TUNNEL_KINDS.includes(k))) return Level.Tunnel;
    return Level.Session;
}

const KIND_WORDS: Record<FailureKind, string> = {
    managedConnection: "managed connection",
    port: "port",
    awsDevice: "AWS device",
    awsLocation: "Direct Connect location",
    metro: "metro",
    edgeDomain: "edge availability domain",
    region: "Google region",
    cloudRouter: "Cloud Router",
    vpnInterface: "HA VPN interface",
    awsVpnConnection: "AWS VPN connection",
    tunnel: "tunnel",
};

const KIND_KEYS: Record<FailureKind, string> = {
    managedConnection: "managed", port: "port", awsDevice: "device", awsLocation: "location", metro: "metro", edgeDomain: "edge",
    region: "region", cloudRouter: "router", vpnInterface: "interface", awsVpnConnection: "vpn", tunnel: "tunnel",
};

/** `port prod-primary-port-iad-1`. */
export function domainText(d: Failure): string {
    return `${KIND_WORDS[d.kind]} ${d.id}`;
}

/** A key fit for a resource name: `port-prod-primary-port-iad-1`, `interface-prod-backup-gateway-0`. */
export function domainKey(d: Failure): string {
    return `${KIND_KEYS[d.kind]}-${d.id}`.replace(/[^A-Za-z0-9-]+/g, "-").replace(/-+$/, "");
}

/** `20 Gbps`: the model counts whole Mbps. */
export function gbpsText(mbps: number): string {
    return `${Bandwidth.fromMbps(mbps).gbps} Gbps`;
}

export function requirementText(requirement: Requirement): string {
    return requirement.mbps > 0 ? `the required ${gbpsText(requirement.mbps)}` : "the requirement that the clouds stay connected";
}

export function byKey<T extends { key: string }>(a: T, b: T): number {
    return compareStrings(a.key, b.key);
}
