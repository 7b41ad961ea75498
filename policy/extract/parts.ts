/**
 * What each link of the topology rides on: the resources, on both clouds, whose change can take it
 * down. Read from the same views the topology was built from, so a change to any of them is
 * attributed to the links it touches (sdk/change).
 */
import { LinkPart, PartRole } from "../../sdk/change/types";
import { AttachmentView, OrderedPortView } from "./dedicated";
import { TunnelView } from "./haVpn";
import type { StackModel } from "./index";
import { ManagedView } from "./managed";
import { RouterSide } from "./routing";
import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";

const NETWORK_PEERING = "gcp:compute/networkPeering:NetworkPeering";

export function linkParts(model: StackModel): Record<string, LinkPart[]> {
    const { index } = model;
    const linkOf = new Map([...model.linkSource].map(([link, source]) => [source.urn, link]));
    const parts: Record<string, LinkPart[]> = {};
    const add = (source: StackResource | undefined, found: (LinkPart | undefined)[]) => {
        const link = source && linkOf.get(source.urn);
        if (link === undefined) return;
        const known = found.filter((p): p is LinkPart => p !== undefined);
        parts[link] = known.filter((p, i) => known.findIndex((q) => q.urn === p.urn && q.role === p.role) === i);
    };
    for (const view of model.haVpns) for (const t of view.tunnels) add(t.tunnel, tunnelParts(index, t));
    for (const a of model.attachments) add(a.attachment, attachmentParts(index, a));
    for (const p of model.orderedPorts) add(p.interconnect, portParts(index, p));
    for (const m of model.managed) add(m.transport ?? m.connection, managedParts(index, m));
    return parts;
}

function part(r: StackResource | undefined, role: PartRole, extra: Partial<LinkPart> = {}): LinkPart | undefined {
    return r && { urn: r.urn, role, ...extra };
}

function routerParts(side: RouterSide): (LinkPart | undefined)[] {
    // A dual-stack attachment's IPv6 session is a second interface and peer on the same link.
    return [
        part(side.router, PartRole.CloudRouter), part(side.routerInterface, PartRole.RouterInterface), ...side.peers.map((p) => part(p, PartRole.BgpPeer)),
        part(side.ipv6?.routerInterface, PartRole.RouterInterface), ...(side.ipv6?.peers ?? []).map((p) => part(p, PartRole.BgpPeer)),
    ];
}

function tunnelParts(index: StackIndex, t: TunnelView): (LinkPart | undefined)[] {
    const connection = t.awsConnection;
    return [
        part(t.tunnel, PartRole.Tunnel),
        part(t.gateway, PartRole.HaVpnGateway),
        part(t.externalGateway, PartRole.PeerGateway),
        part(connection, PartRole.VpnConnection, t.awsTunnel === undefined ? {} : { awsTunnel: t.awsTunnel }),
        part(connection && index.resolve(T.awsCustomerGateway, connection, "customerGatewayId"), PartRole.CustomerGateway),
        part(connection && index.resolve(T.awsTransitGateway, connection, "transitGatewayId"), PartRole.TransitGateway),
        ...routerParts(t),
    ];
}

function attachmentParts(index: StackIndex, a: AttachmentView): (LinkPart | undefined)[] {
    return [
        part(a.attachment, PartRole.Attachment),
        part(a.interconnect, PartRole.Port),
        part(a.vif, PartRole.Vif),
        part(a.vifIpv6Peer, PartRole.VifBgpPeer),
        ...lagParts(index, a.lag),
        ...gatewayParts(index, a.dxGateway),
        ...routerParts(a),
    ];
}

function portParts(index: StackIndex, p: OrderedPortView): (LinkPart | undefined)[] {
    return [part(p.interconnect, PartRole.Port), ...lagParts(index, p.lag)];
}

function managedParts(index: StackIndex, m: ManagedView): (LinkPart | undefined)[] {
    const peerings = m.transport ? index.all(NETWORK_PEERING).filter((r) => r.dependencies.includes(m.transport!.urn)) : [];
    return [
        part(m.transport, PartRole.Transport),
        part(m.connection, PartRole.ManagedConnection),
        ...gatewayParts(index, m.dxGateway),
        part(m.network, PartRole.Network),
        ...peerings.map((r) => part(r, PartRole.Peering)),
    ];
}

/** A LAG and the dedicated connection it was made from. */
function lagParts(index: StackIndex, lag: StackResource | undefined): (LinkPart | undefined)[] {
    return [part(lag, PartRole.Lag), part(lag && index.resolve(T.awsDxConnection, lag, "connectionId"), PartRole.DxConnection)];
}

/** A Direct Connect gateway, its associations with Transit Gateways, and those gateways. */
function gatewayParts(index: StackIndex, gateway: StackResource | undefined): (LinkPart | undefined)[] {
    if (!gateway) return [];
    const associations = index.all(T.awsDxGatewayAssociation).filter((a) => index.resolve(T.awsDxGateway, a, "dxGatewayId") === gateway);
    return [
        part(gateway, PartRole.DxGateway),
        ...associations.flatMap((a) => [part(a, PartRole.DxAssociation), part(index.resolve(T.awsTransitGateway, a, "associatedGatewayId"), PartRole.TransitGateway)]),
    ];
}
