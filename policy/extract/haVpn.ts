import { Prefix } from "../../sdk";
import { RouterSessions, RouterSide } from "./routing";
import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";
import { addressInPrefix, bareAddress, lastSegment, list, num, record, text } from "./values";

/** One Google HA VPN tunnel and everything it was wired to, on both clouds. */
export interface TunnelView extends RouterSide {
    tunnel: StackResource;
    gateway?: StackResource;
    /** The HA VPN gateway interface (0 or 1) the tunnel leaves from. */
    gatewayInterface?: number;
    externalGateway?: StackResource;
    /** The external (peer) gateway interface (0–3) the tunnel lands on. */
    externalInterface?: number;
    awsConnection?: StackResource;
    /** Which of the AWS connection's two tunnels this is. */
    awsTunnel?: 1 | 2;
}

/** One HA VPN gateway's tunnels: one link group. */
export interface HaVpnView {
    /** The gateway, or undefined when it is declared in another stack. */
    gateway?: StackResource;
    /** The gateway as the tunnels reference it, for messages when it is not in this stack. */
    gatewayReference: string;
    tunnels: TunnelView[];
}

export interface HaVpnExtraction {
    haVpns: HaVpnView[];
    /** AWS VPN connections no Google tunnel could be matched to. */
    unpairedVpnConnections: StackResource[];
}

const AWS_TUNNELS = [1, 2] as const;

export function extractHaVpns(index: StackIndex, routing: RouterSessions): HaVpnExtraction {
    const awsTunnels = indexAwsTunnels(index.all(T.awsVpnConnection));
    const views = new Map<string, HaVpnView>();
    const paired = new Set<string>();
    for (const tunnel of index.all(T.gcpVpnTunnel)) {
        const p = tunnel.props;
        // Classic VPN tunnels and Google-to-Google HA VPN tunnels do not link the two clouds.
        if (p.targetVpnGateway !== undefined || p.peerGcpGateway !== undefined) continue;
        const gateway = index.resolve(T.gcpHaVpnGateway, tunnel, "vpnGateway");
        const externalGateway = index.resolve(T.gcpExternalVpnGateway, tunnel, "peerExternalGateway");
        const externalInterface = num(p.peerExternalGatewayInterface);
        const side = routing.of(tunnel);
        // The connections the tunnel's BGP was built from: an engine fact, and the tie-breaker for values used twice.
        const flow = new Set([side.routerInterface, ...side.peers].map((r) => r && index.dependencyOfType(r, T.awsVpnConnection)).filter((c) => c !== undefined));
        const view: TunnelView = {
            tunnel, gateway, gatewayInterface: num(p.vpnGatewayInterface), externalGateway, externalInterface, ...side,
            ...matchAwsTunnel(awsTunnels, flow, [
                key("ip", externalInterfaceIp(externalGateway, externalInterface)),
                key("psk", text(p.sharedSecret)),
                key("net", networkKey(addressInPrefix(side.routerInterface?.props.ipRange)?.prefix)),
                key("vgw", bareAddress(side.peers[0]?.props.peerIpAddress)),
            ]),
        };
        // During preview the values above are unknown; the data flow alone still names the connection.
        if (!view.awsConnection && flow.size === 1) view.awsConnection = [...flow][0];
        if (view.awsConnection) paired.add(view.awsConnection.urn);
        const referenced = text(p.vpnGateway);
        const gatewayReference = gateway ? index.label(gateway) : referenced === undefined ? "HA VPN gateway" : lastSegment(referenced);
        const group = views.get(gatewayReference) ?? { gateway, gatewayReference, tunnels: [] };
        group.tunnels.push(view);
        views.set(gatewayReference, group);
    }
    for (const gateway of index.all(T.gcpHaVpnGateway)) {
        const reference = index.label(gateway);
        if (!views.has(reference)) views.set(reference, { gateway, gatewayReference: reference, tunnels: [] });
    }
    return {
        haVpns: [...views.values()],
        unpairedVpnConnections: index.all(T.awsVpnConnection).filter((c) => !paired.has(c.urn)),
    };
}

interface AwsTunnel {
    awsConnection: StackResource;
    awsTunnel: 1 | 2;
}

/**
 * Each AWS tunnel under every value its Google twin may carry: the outside address the external
 * gateway lists, the pre-shared key, the inside /30 (or IPv6 /126) and the AWS inside address the BGP peer dials.
 * Inside addresses repeat across gateways, so a key may name several tunnels.
 */
function indexAwsTunnels(connections: readonly StackResource[]): Map<string, AwsTunnel[]> {
    const byKey = new Map<string, AwsTunnel[]>();
    for (const awsConnection of connections) {
        const p = awsConnection.props;
        for (const n of AWS_TUNNELS) {
            const keys = [
                key("ip", text(p[`tunnel${n}Address`])),
                key("psk", text(p[`tunnel${n}PresharedKey`])),
                key("net", networkKey(addressInPrefix(p[`tunnel${n}InsideCidr`])?.prefix)),
                key("net", networkKey(addressInPrefix(p[`tunnel${n}InsideIpv6Cidr`])?.prefix)),
                key("vgw", bareAddress(p[`tunnel${n}VgwInsideAddress`])),
            ];
            for (const k of keys) {
                if (k === undefined) continue;
                const tunnels = byKey.get(k);
                if (tunnels) tunnels.push({ awsConnection, awsTunnel: n });
                else byKey.set(k, [{ awsConnection, awsTunnel: n }]);
            }
        }
    }
    return byKey;
}

/** The first key that names exactly one AWS tunnel (among the connections the data flow allows, if it names any). */
function matchAwsTunnel(awsTunnels: Map<string, AwsTunnel[]>, flow: ReadonlySet<StackResource>, keys: (string | undefined)[]): Partial<AwsTunnel> {
    for (const k of keys) {
        const named = (k === undefined ? undefined : awsTunnels.get(k)) ?? [];
        const allowed = flow.size === 0 ? named : named.filter((t) => flow.has(t.awsConnection));
        if (allowed.length === 1) return allowed[0];
    }
    return {};
}

function networkKey(prefix: Prefix | undefined): string | undefined {
    return prefix?.toString();
}

function key(kind: string, value: string | undefined): string | undefined {
    return value === undefined ? undefined : `${kind}:${value}`;
}

function externalInterfaceIp(externalGateway: StackResource | undefined, id: number | undefined): string | undefined {
    const entry = list(externalGateway?.props.interfaces).map(record).find((i) => num(i?.id) === id);
    return text(entry?.ipAddress);
}
