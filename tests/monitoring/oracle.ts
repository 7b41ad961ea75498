/**
 * What should happen, decided without the planner's code: which alarms must be open after some
 * failures, and how bad each failure is. An alarm is open when the clouds' series say what it
 * watches is down — by the catalogue's physics (which failure takes which series down) — and the
 * capacity alarms when less than the requirement survives. The specs compare this with what the
 * evaluator makes of the declared definitions.
 */
import { Failure } from "../../sdk/resilience";
import { AlarmClass, PHYSICAL_KINDS, Severity, SIGNALS, SignalKind, TUNNEL_KINDS } from "../../sdk/monitoring";
import { Cloud, FailureKind, Link, LinkKind, LinkStage, linkFamilies, Topology } from "../../sdk/topology";

export interface OracleGroup {
    key: string;
    links: string[];
    kinds: FailureKind[];
}

export interface OracleAlarm {
    cloud: Cloud;
    kind: AlarmClass;
    groups: string[];
    subject?: string;
}

export function ready(topology: Topology): Link[] {
    return topology.links.filter((l) => (l.stage ?? LinkStage.Ready) === LinkStage.Ready);
}

/** What the alarms compare against: the requirement, or what the ready links carry when that is less (ports still ordered). */
export function effectiveMbps(topology: Topology, requiredMbps: number): number {
    const total = ready(topology).reduce((s, l) => s + l.mbps, 0);
    return total < requiredMbps ? total : requiredMbps;
}

/** Mbps that survive some failures among the ready links. */
export function survivingMbps(topology: Topology, failures: readonly Failure[]): number {
    return ready(topology).filter((l) => !failures.some((f) => l.domains[f.kind] === f.id)).reduce((s, l) => s + l.mbps, 0);
}

/**
 * How bad one failure is, counted here: the requirement is breached when some family the links carry
 * keeps no link or less than the requirement; otherwise redundancy is lost. Undefined when the
 * failure cuts no ready link.
 */
export function severityOfFailure(topology: Topology, failure: Failure, requiredMbps: number): Severity | undefined {
    const links = ready(topology);
    const survivors = links.filter((l) => l.domains[failure.kind] !== failure.id);
    if (survivors.length === links.length) return undefined;
    const families = [...new Set(links.flatMap(linkFamilies))];
    const least = Math.min(...families.map((f) => survivors.filter((l) => linkFamilies(l).includes(f)).reduce((s, l) => s + l.mbps, 0)));
    return least === 0 || least < effectiveMbps(topology, requiredMbps) ? Severity.RequirementBreached : Severity.RedundancyLost;
}

function level(kinds: readonly FailureKind[]): "physical" | "tunnel" | "session" {
    if (kinds.every((k) => PHYSICAL_KINDS.includes(k))) return "physical";
    if (kinds.every((k) => TUNNEL_KINDS.includes(k))) return "tunnel";
    return "session";
}

/** The signal a cloud reads for a link when it watches a group of this level. */
function signalFor(cloud: Cloud, lvl: "physical" | "tunnel" | "session", link: Link): SignalKind {
    if (cloud === Cloud.Aws) {
        if (lvl === "physical") return SignalKind.AwsDxConnection;
        return link.kind === LinkKind.HaVpn ? SignalKind.AwsVpnTunnels : SignalKind.AwsDxVifBgp;
    }
    return lvl === "physical" ? SignalKind.GcpInterconnect : lvl === "tunnel" ? SignalKind.GcpVpnTunnel : SignalKind.GcpBgpSession;
}

/** Whether a signal reports a link down (or stops reporting it) after these failures. */
function seenDown(link: Link, signal: SignalKind, failures: readonly Failure[]): boolean {
    const spec = SIGNALS[signal];
    return failures.some((f) => link.domains[f.kind] === f.id && (spec.downOn.includes(f.kind) || spec.missingOn.includes(f.kind)));
}

export function expectedOpen(
    alarm: OracleAlarm, groups: ReadonlyMap<string, OracleGroup>, topology: Topology, requiredMbps: number, failures: readonly Failure[], degraded: readonly string[] = [],
): boolean {
    const links = new Map(ready(topology).map((l) => [l.id, l]));
    switch (alarm.kind) {
        case AlarmClass.Down:
            return alarm.groups.some((key) => {
                const g = groups.get(key)!;
                return g.links.every((id) => seenDown(links.get(id)!, signalFor(alarm.cloud, level(g.kinds), links.get(id)!), failures));
            });
        case AlarmClass.Capacity:
            return survivingMbps(topology, failures) < Math.max(effectiveMbps(topology, requiredMbps), 1);
        case AlarmClass.Degraded:
            if (degraded.includes(alarm.subject!)) return true;
            return alarm.cloud === Cloud.Gcp && ready(topology).filter((l) => l.domains.port === alarm.subject)
                .every((l) => failures.some((f) => l.domains[f.kind] === f.id && PHYSICAL_KINDS.includes(f.kind)));
        case AlarmClass.Routes:
            return degraded.includes(alarm.subject!);
    }
}
