/**
 * Whether what stays up while a change applies still meets what the environment needs: the
 * bandwidth, and, where the environment requires it, the bandwidth after any further single failure
 * (N-1). Only ready links carry traffic; a managed connection's own failure is left to its provider,
 * as the policy pack's cross-cloud-bandwidth rule leaves it (the service is quad-redundant inside).
 *
 * A stack that already runs below its requirement before a step is held to what it has: a step may
 * not make it worse.
 */
import { AddressFamily, familyText } from "../addressFamily";
import { Bandwidth } from "../bandwidth";
import { failureImpacts, familiesCarried } from "../resilience";
import { carriesFamily, isReady, Link } from "../topology";
import { ResourceState, StackState } from "./types";

export interface Requirement {
    /** Whose requirement: `CrossCloudNetwork prod`, `policy cross-cloud-bandwidth`. */
    name: string;
    mbps: number;
    survivesSingleFailure: boolean;
    /** The links it covers; every link of the stack when absent. */
    links?: readonly string[];
    /** The address families it holds for (a network's `requirement.families`); every family the links carry when absent. */
    families?: readonly AddressFamily[];
}

export interface Verdict {
    requirement: string;
    holds: boolean;
    /** Whole Mbps the links still up carry. */
    upMbps: number;
    /** What the step must keep: the requirement, or what the stack had before the step if that was less. */
    neededMbps: number;
    /** The further single failure that leaves the least, when N-1 is required. */
    worst?: { failure: string; survivingMbps: number; neededMbps: number };
    /** Why it does not hold, in words. */
    reason?: string;
}

/** The requirement of each CrossCloudNetwork in the stack, over the links it declares, and the policy's over all links. */
export function requirementsOf(state: StackState, policy?: { minimumGbps: number; survivesSingleFailure: boolean }): Requirement[] {
    const parents = new Map(state.resources.map((r) => [r.urn, r.parent]));
    const found: Requirement[] = [];
    for (const network of state.resources.filter((r) => r.type === CROSS_CLOUD_NETWORK)) {
        const requirement = network.inputs.requirement as { bandwidthGbps?: unknown; survivesSingleFailure?: unknown; families?: unknown } | undefined;
        if (typeof requirement?.bandwidthGbps !== "number") continue;
        const links = Object.entries(state.parts ?? {})
            .filter(([, parts]) => parts.some((p) => descends(p.urn, network, parents)))
            .map(([link]) => link)
            .sort();
        found.push({
            name: `CrossCloudNetwork ${network.name}`,
            mbps: Bandwidth.fromGbps(requirement.bandwidthGbps).mbps,
            survivesSingleFailure: requirement.survivesSingleFailure !== false,
            links,
            ...(Array.isArray(requirement.families) && { families: requirement.families.filter((f): f is AddressFamily => Object.values(AddressFamily).includes(f)) }),
        });
    }
    if (policy) {
        found.push({ name: "policy cross-cloud-bandwidth", mbps: Bandwidth.fromGbps(policy.minimumGbps).mbps, survivesSingleFailure: policy.survivesSingleFailure });
    }
    return found;
}

export const CROSS_CLOUD_NETWORK = "interconnect:index:CrossCloudNetwork";

/**
 * Judges the links of a stack with `down` out of service against each requirement, holding the
 * stack to no less than it has with every link up when that is below the requirement. IPv4 traffic
 * cannot ride IPv6 sessions nor the reverse: with links of both families, each family the
 * requirement holds for is judged on its own links, and the verdict is the family that fares worst.
 */
export function judge(links: readonly Link[], down: ReadonlySet<string>, requirements: readonly Requirement[]): Verdict[] {
    return requirements.map((r) => {
        const covered = links.filter((l) => isReady(l) && (r.links === undefined || r.links.includes(l.id)));
        const carried = familiesCarried(covered);
        const families = carried.filter((f) => r.families === undefined || r.families.includes(f));
        if (carried.length <= 1 || families.length === 0) return judgeLinks(covered, down, r);
        const verdicts = families.map((f) => {
            const v = judgeLinks(covered.filter((l) => carriesFamily(l, f)), down, r);
            return v.reason === undefined ? v : { ...v, reason: `${familyText(f)}: ${v.reason}` };
        });
        return verdicts.find((v) => !v.holds) ?? verdicts.reduce((a, b) => (b.upMbps < a.upMbps ? b : a));
    });
}

function judgeLinks(covered: readonly Link[], down: ReadonlySet<string>, r: Requirement): Verdict {
    const now = capacity(covered, r.survivesSingleFailure);
    const during = capacity(covered.filter((l) => !down.has(l.id)), r.survivesSingleFailure);
    const neededMbps = Math.min(r.mbps, now.up);
    const verdict: Verdict = { requirement: r.name, holds: during.up >= neededMbps, upMbps: during.up, neededMbps };
    if (!verdict.holds) {
        verdict.reason = neededMbps < r.mbps
            ? `${gbps(during.up)} stay up, below the ${gbps(neededMbps)} the links carry now (${r.name} needs ${gbps(r.mbps)})`
            : `${gbps(during.up)} of the ${gbps(neededMbps)} ${r.name} needs stay up`;
        return verdict;
    }
    if (r.survivesSingleFailure && during.worst) {
        const needed = Math.min(r.mbps, now.worst?.survivingMbps ?? now.up);
        verdict.worst = { ...during.worst, neededMbps: needed };
        if (during.worst.survivingMbps < needed) {
            verdict.holds = false;
            verdict.reason = needed < r.mbps
                ? `if ${during.worst.failure} also failed, ${gbps(during.worst.survivingMbps)} would survive, below the ${gbps(needed)} that survive any single failure now (${r.name} needs ${gbps(r.mbps)})`
                : `if ${during.worst.failure} also failed, ${gbps(during.worst.survivingMbps)} of the ${gbps(needed)} ${r.name} needs after any single failure would survive`;
        }
    }
    return verdict;
}


function capacity(links: readonly Link[], n1: boolean): { up: number; worst?: { failure: string; survivingMbps: number } } {
    const up = links.reduce((sum, l) => sum + l.mbps, 0);
    if (!n1) return { up };
    const failures = failureImpacts(links).filter((f) => f.kind !== "managedConnection");
    if (failures.length === 0) return { up };
    const worst = failures.reduce((a, b) => (b.survivingMbps < a.survivingMbps ? b : a));
    return { up, worst: { failure: `${FAILURE_WORDS[worst.kind] ?? worst.kind} ${worst.id}`, survivingMbps: worst.survivingMbps } };
}

const FAILURE_WORDS: Record<string, string> = {
    port: "port", awsDevice: "AWS device", awsLocation: "AWS location", metro: "metro", edgeDomain: "edge availability domain",
    region: "region", cloudRouter: "Cloud Router", vpnInterface: "HA VPN interface", awsVpnConnection: "AWS VPN connection", tunnel: "tunnel",
};

function descends(urn: string, ancestor: ResourceState, parents: ReadonlyMap<string, string | undefined>): boolean {
    const seen = new Set<string>();
    for (let at: string | undefined = urn; at !== undefined && !seen.has(at); at = parents.get(at)) {
        if (at === ancestor.urn) return true;
        seen.add(at);
    }
    return false;
}

/** `20 Gbps`, `2.5 Gbps`, `500 Mbps`. */
export function gbps(mbps: number): string {
    return mbps >= 1000 || mbps === 0 ? `${Math.round(mbps) / 1000} Gbps` : `${mbps} Mbps`;
}
