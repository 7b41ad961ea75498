/**
 * The series a topology's ready links make the clouds publish, keyed the way each provider keys
 * them, with the ids and names a deployment would give them (`value`). With `resolveAws` and
 * `resolveGcp`, a plan's definitions read the same values, so a plan can be judged without any
 * resource: what the property specs do over random topologies.
 */
import { Link, LinkKind, Topology } from "../topology";
import { isRef, Ref, RefKind, SignalKind, SIGNALS, Value } from "./catalogue";
import { AwsAlarmDefinition, AwsMetric, GcpPolicyDefinition } from "./definitions";
import { CwAlarm, CwMetric } from "./evaluate/cloudwatch";
import { CmPolicy } from "./evaluate/cloudMonitoring";
import { Element } from "./evaluate/series";
import { readyLinks } from "./groups";

export type RefValue = (ref: Ref) => string;

/** A value for every ref, as a deployment would give one: `awsVpnId:prod-backup-vpn-0`. */
export const syntheticValue: RefValue = (ref) => `${ref.ref}:${ref.subject}`;

export function topologyElements(topology: Topology, value: RefValue = syntheticValue): Element[] {
    const ready = readyLinks(topology);
    const v = (ref: RefKind, subject: string) => value({ ref, subject });
    const elements: Element[] = [];
    const gcp = (kind: SignalKind, subject: string, links: string[], resourceType: string, resourceLabels: Record<string, string>, metricLabels: Record<string, string> = {}) =>
        elements.push({ kind, subject, links, gcp: { metricType: SIGNALS[kind].metric, resourceType, resourceLabels, metricLabels } });
    const aws = (kind: SignalKind, subject: string, links: string[], namespace: string, metricName: string, dimensions: Record<string, string>) =>
        elements.push({ kind, subject, links, aws: { namespace, metricName, dimensions } });
    const by = (key: (l: Link) => string | undefined) => {
        const groups = new Map<string, string[]>();
        for (const l of ready) {
            const k = key(l);
            if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), l.id]);
        }
        return groups;
    };

    for (const l of ready) {
        const region = l.domains.region ?? "";
        if (l.kind === LinkKind.HaVpn && l.domains.awsVpnConnection !== undefined) {
            aws(SignalKind.AwsVpnTunnel, l.id, [l.id], "AWS/VPN", "TunnelState", { VpnId: v(RefKind.AwsVpnId, l.domains.awsVpnConnection), TunnelIpAddress: v(RefKind.AwsTunnelIp, l.id) });
            gcp(SignalKind.GcpVpnTunnel, l.id, [l.id], "vpn_gateway", { region }, { tunnel_name: v(RefKind.GcpTunnelName, l.id) });
        }
        if (l.kind === LinkKind.Dedicated) {
            aws(SignalKind.AwsDxVifBgp, l.id, [l.id], "AWS/DX", "VirtualInterfaceBgpStatus", {
                ConnectionId: v(RefKind.AwsVifConnectionId, l.id), VirtualInterfaceId: v(RefKind.AwsVifId, l.id), IpAddressFamily: "ipv4",
            });
        }
        if (l.kind !== LinkKind.Managed) gcp(SignalKind.GcpBgpSession, l.id, [l.id], "gce_router", { region }, { bgp_peer_name: v(RefKind.GcpPeerName, l.id) });
    }
    for (const [connection, links] of by((l) => (l.kind === LinkKind.HaVpn ? l.domains.awsVpnConnection : undefined))) {
        aws(SignalKind.AwsVpnTunnels, connection, links, "AWS/VPN", "TunnelState", { VpnId: v(RefKind.AwsVpnId, connection) });
    }
    for (const [port, links] of by((l) => (l.kind === LinkKind.Dedicated ? l.domains.port : undefined))) {
        const connectionId = v(RefKind.AwsPortConnectionId, port);
        aws(SignalKind.AwsDxConnection, port, links, "AWS/DX", "ConnectionState", { ConnectionId: connectionId });
        aws(SignalKind.AwsDxErrors, port, links, "AWS/DX", "ConnectionErrorCount", { ConnectionId: connectionId });
        const interconnect = v(RefKind.GcpInterconnectName, port);
        gcp(SignalKind.GcpInterconnect, port, links, "interconnect", { interconnect });
        gcp(SignalKind.GcpRxPower, port, links, "interconnect", { interconnect }, { link_id: "0", laser_index: "0" });
    }
    for (const region of by((l) => (l.domains.cloudRouter !== undefined ? l.domains.region : undefined)).keys()) {
        gcp(SignalKind.GcpRoutesDropped, region, [], "gce_network_region", { region }, { routing_mode: "regional" });
    }
    return elements;
}

function resolved(v: Value, value: RefValue): string {
    return isRef(v) ? value(v) : v;
}

function resolveMetric(m: AwsMetric, value: RefValue): CwMetric {
    return { ...m, dimensions: Object.fromEntries(Object.entries(m.dimensions).map(([k, d]) => [k, resolved(d, value)])) };
}

/** A planned CloudWatch alarm as it would be deployed, its refs filled in. */
export function resolveAws(definition: AwsAlarmDefinition, value: RefValue = syntheticValue): CwAlarm {
    return {
        ...definition,
        metric: definition.metric && resolveMetric(definition.metric, value),
        queries: definition.queries?.map((q) => ({ ...q, metric: q.metric && resolveMetric(q.metric, value) })),
    };
}

/** A planned alert policy as it would be deployed, its refs filled in. */
export function resolveGcp(definition: GcpPolicyDefinition, value: RefValue = syntheticValue): CmPolicy {
    return {
        combiner: definition.combiner,
        conditions: definition.conditions.map((c) => ({
            conditionThreshold: { ...c, filter: c.filter.map((part) => resolved(part, value)).join(""), trigger: { count: 1 } },
        })),
    };
}

