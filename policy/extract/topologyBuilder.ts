import {
    AddressFamily, BgpSession, Cloud, Endpoint, EndpointKind, Link, LinkGroup, LinkKind, LinkRole, LinkStage, PortSpeed, portCapacity,
    portSpeedFromLinkType, Topology, TunnelBandwidth, vpnTunnelBandwidth,
} from "../../sdk";
import { AttachmentView, OrderedPortView } from "./dedicated";
import { HaVpnView, TunnelView } from "./haVpn";
import { ManagedView } from "./managed";
import { advertisedRanges, connectionFamily, importedPriority, routerAsn, RouterSession, RouterSide } from "./routing";
import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";
import { addressInPrefix, bareAddress, interconnectPlace, lastSegment, mbps, num, record, regionInUrl, text, texts } from "./values";

/** Google's default advertised and learned route priority. */
export const DEFAULT_ROUTE_PRIORITY = 100;

/** Turns the views of a stack's links into the sdk topology: groups, links with their failure domains, sessions. */
export class TopologyBuilder {
    readonly linkSource = new Map<string, StackResource>();
    readonly groupSource = new Map<string, StackResource>();
    private readonly endpoints = new Map<string, Endpoint>();
    private readonly groups = new Map<string, LinkGroup>();
    private readonly links: Link[] = [];
    private readonly sessions: BgpSession[] = [];
    private readonly prefixes = { aws: new Set<string>(), gcp: new Set<string>() };

    constructor(private readonly index: StackIndex) {}

    addHaVpn(view: HaVpnView): void {
        const group = this.group(view.gatewayReference, LinkKind.HaVpn, view.gateway ?? view.tunnels[0]?.tunnel);
        group.fourIpsRedundancy = view.tunnels.length > 0
            && view.tunnels.every((t) => text(t.externalGateway?.props.redundancyType) === "FOUR_IPS_REDUNDANCY");
        for (const t of view.tunnels) {
            const id = this.linkId(t.tunnel);
            const region = text(t.tunnel.props.region) ?? text(t.gateway?.props.region) ?? regionInUrl(text(t.tunnel.props.vpnGateway));
            const tier = text(t.awsConnection?.props.tunnelBandwidth) === TunnelBandwidth.Large ? TunnelBandwidth.Large : TunnelBandwidth.Standard;
            // A tunnel carries the family of its inside addresses: its router interface's, else its AWS connection's.
            const family = t.routerInterface ? t.family : (t.awsConnection ? connectionFamily(t.awsConnection) : AddressFamily.Ipv4);
            this.addLink(t.tunnel, {
                id, group: group.id, kind: LinkKind.HaVpn, role: LinkRole.Primary,
                aws: this.awsVpnEndpoint(t.awsConnection),
                gcp: this.routerEndpoint(t.router, text(t.tunnel.props.router), region),
                mbps: vpnTunnelBandwidth(tier).mbps,
                ...(family === AddressFamily.Ipv6 && { families: [family] }),
                domains: {
                    region,
                    cloudRouter: this.routerId(t.router, text(t.tunnel.props.router)),
                    vpnInterface: t.gatewayInterface === undefined ? undefined : `${view.gatewayReference}/${t.gatewayInterface}`,
                    awsVpnConnection: t.awsConnection && this.index.label(t.awsConnection),
                    tunnel: id,
                },
            }, t);
        }
    }

    addDedicated(attachments: readonly AttachmentView[], ordered: readonly OrderedPortView[] = []): void {
        const byGroup = new Map<string, AttachmentView[]>();
        for (const a of attachments) {
            const owner = this.index.owner(a.attachment);
            const groupId = this.group(owner ? this.index.label(owner) : LinkKind.Dedicated, LinkKind.Dedicated, owner ?? a.attachment).id;
            const members = byGroup.get(groupId);
            if (members) members.push(a);
            else byGroup.set(groupId, [a]);
        }
        for (const [groupId, members] of byGroup) {
            this.groups.get(groupId)!.globalRouting = this.routesGlobally(members.map((m) => m.router));
            for (const a of members) this.addAttachment(a, groupId);
        }
        for (const port of ordered) this.addOrderedPort(port);
    }

    addManaged(views: readonly ManagedView[]): void {
        for (const v of views) {
            const source = (v.transport ?? v.connection)!;
            const owner = this.index.owner(source);
            const group = this.group(owner ? this.index.label(owner) : LinkKind.Managed, LinkKind.Managed, owner ?? source);
            const id = this.linkId(source);
            const aws = v.dxGateway ? this.dxGatewayEndpoint(v.dxGateway) : this.endpoint({ id: "aws", cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway });
            const networkId = v.network ? this.index.label(v.network) : lastSegment(text(v.transport?.props.network) ?? "gcp");
            this.endpoint({ id: networkId, cloud: Cloud.Gcp, kind: EndpointKind.Network });
            this.links.push({
                id, group: group.id, kind: LinkKind.Managed, role: LinkRole.Primary, aws, gcp: networkId,
                mbps: mbps(v.transport?.props.bandwidth) ?? mbps(v.connection?.props.bandwidth) ?? 0,
                // AWS's half has no stack setting: the Transport's decides what the managed BGP carries.
                ...(text(v.transport?.props.stackType) === "IPV4_IPV6" && { families: [AddressFamily.Ipv4, AddressFamily.Ipv6] }),
                domains: { managedConnection: this.index.label(v.connection ?? source), region: text(v.transport?.props.region) },
            });
            this.linkSource.set(id, source);
            texts(v.transport?.props.advertisedRoutes).forEach((p) => this.prefixes.gcp.add(p));
        }
    }

    topology(): Topology {
        // A VPN next to an interconnect is its backup: that is the only reason to pay for both.
        const hasInterconnect = [...this.groups.values()].some((g) => g.kind !== LinkKind.HaVpn);
        for (const g of this.groups.values()) g.role = g.kind === LinkKind.HaVpn && hasInterconnect ? LinkRole.Backup : LinkRole.Primary;
        for (const l of this.links) l.role = this.groups.get(l.group)!.role;
        for (const association of this.index.all(T.awsDxGatewayAssociation)) texts(association.props.allowedPrefixes).forEach((p) => this.prefixes.aws.add(p));
        return {
            endpoints: [...this.endpoints.values()],
            groups: [...this.groups.values()],
            links: this.links,
            sessions: this.sessions,
            prefixes: { aws: [...this.prefixes.aws], gcp: [...this.prefixes.gcp] },
        };
    }

    private addAttachment(a: AttachmentView, groupId: string): void {
        const p = a.attachment.props;
        const id = this.linkId(a.attachment);
        const region = text(p.region) ?? text(a.router?.props.region) ?? regionInUrl(text(p.router));
        const place = interconnectPlace(a.interconnect?.props.location);
        const speed = portSpeedFromLinkType(text(a.interconnect?.props.linkType) ?? "");
        const attachmentMbps = mbps(p.bandwidth ?? "BPS_10G") ?? 0;
        this.addLink(a.attachment, {
            id, group: groupId, kind: LinkKind.Dedicated, role: LinkRole.Primary,
            aws: a.dxGateway ? this.dxGatewayEndpoint(a.dxGateway) : this.endpoint({ id: "aws", cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway }),
            gcp: this.routerEndpoint(a.router, text(p.router), region),
            mbps: Math.min(attachmentMbps, portMbps(speed, num(a.interconnect?.props.requestedLinkCount)) ?? attachmentMbps),
            ...(text(p.stackType) === "IPV4_IPV6" && { families: [AddressFamily.Ipv4, AddressFamily.Ipv6] }),
            domains: {
                port: a.interconnect ? this.index.label(a.interconnect) : a.interconnectReference && lastSegment(a.interconnectReference),
                // AWS places a LAG on one device; the device is reported once the VIF exists.
                awsDevice: text(a.vif?.props.awsDevice) ?? (a.lag && this.index.label(a.lag)),
                awsLocation: text(a.lag?.props.location),
                metro: place?.metro,
                edgeDomain: place?.edgeDomain,
                region,
                cloudRouter: this.routerId(a.router, text(p.router)),
            },
        }, a);
    }

    /**
     * A port no attachment rides yet is an ordered link: it carries nothing, but its place (metro,
     * edge domain, its LAG's location) is the shape being built, which is what the providers grade.
     * It counts for the capacity its port will have.
     */
    private addOrderedPort({ interconnect, lag }: OrderedPortView): void {
        const owner = this.index.owner(interconnect);
        const group = this.group(owner ? this.index.label(owner) : LinkKind.Dedicated, LinkKind.Dedicated, owner ?? interconnect);
        const id = this.linkId(interconnect);
        const place = interconnectPlace(interconnect.props.location);
        const speed = portSpeedFromLinkType(text(interconnect.props.linkType) ?? "");
        this.links.push({
            id, group: group.id, kind: LinkKind.Dedicated, role: LinkRole.Primary, stage: LinkStage.Ordered,
            aws: this.orderedGateway(owner),
            gcp: this.endpoint({ id: "google", cloud: Cloud.Gcp, kind: EndpointKind.Network }),
            mbps: portMbps(speed, num(interconnect.props.requestedLinkCount)) ?? 0,
            domains: Object.fromEntries(Object.entries({
                port: id,
                awsDevice: lag && this.index.label(lag),
                awsLocation: text(lag?.props.location),
                metro: place?.metro,
                edgeDomain: place?.edgeDomain,
            }).filter(([, v]) => v !== undefined)),
        });
        this.linkSource.set(id, interconnect);
    }

    /** The Direct Connect gateway an ordered port's VIFs will land on: its owner's one gateway, if it declared exactly one. */
    private orderedGateway(owner: StackResource | undefined): string {
        const gateways = this.index.all(T.awsDxGateway).filter((g) => this.index.owner(g)?.urn === owner?.urn);
        return gateways.length === 1
            ? this.dxGatewayEndpoint(gateways[0])
            : this.endpoint({ id: "dx-gateway", cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway });
    }

    private addLink(source: StackResource, link: Link, side: RouterSide & Partial<Pick<AttachmentView, "vif" | "dxGateway"> & Pick<TunnelView, "awsConnection" | "awsTunnel">>): void {
        link.domains = Object.fromEntries(Object.entries(link.domains).filter(([, v]) => v !== undefined));
        this.links.push(link);
        this.linkSource.set(link.id, source);
        const session = this.session(link, side, side, side.family);
        if (session) this.sessions.push(session);
        // A dual-stack attachment's IPv6 session runs beside the IPv4 one, on its own interface.
        const ipv6 = side.ipv6 && this.session(link, side, side.ipv6, AddressFamily.Ipv6);
        if (ipv6) this.sessions.push(ipv6);
    }

    private session(link: Link, side: Parameters<TopologyBuilder["addLink"]>[2], on: RouterSession | RouterSide, family: AddressFamily): BgpSession | undefined {
        const peer = on.peers[0];
        if (!peer) return undefined;
        // A Cloud Router in another stack (a shared layer's) is not here: the AWS half was given its
        // ASN (the VIF's, or the customer gateway's), and the peer names AWS's, or the AWS half does.
        const customerGateway = side.awsConnection && this.index.resolve(T.awsCustomerGateway, side.awsConnection, "customerGatewayId");
        const gcpAsn = routerAsn(side.router) ?? num(side.vif?.props.bgpAsn) ?? num(side.vif?.props.bgpAsnLong) ?? num(customerGateway?.props.bgpAsn) ?? num(customerGateway?.props.bgpAsnExtended);
        const awsAsn = num(peer.props.peerAsn)
            ?? (side.awsConnection && side.awsTunnel ? num(side.awsConnection.props[`tunnel${side.awsTunnel}BgpAsn`]) : undefined)
            ?? num(side.dxGateway?.props.amazonSideAsn)
            ?? num(side.awsConnection && this.index.resolve(T.awsTransitGateway, side.awsConnection, "transitGatewayId")?.props.amazonSideAsn);
        const range = addressInPrefix(on.routerInterface?.props.ipRange);
        const advertised = advertisedRanges(peer.props);
        const learned = importedPriority(this.index, peer);
        advertised.forEach((r) => this.prefixes.gcp.add(r));
        return {
            id: this.index.label(peer),
            link: link.id,
            ...(family === AddressFamily.Ipv6 && { family }),
            gcpAsn,
            awsAsn,
            insideCidr: range?.prefix.toString(),
            gcpAddress: range?.address,
            awsAddress: bareAddress(peer.props.peerIpAddress),
            routePriority: num(peer.props.advertisedRoutePriority) ?? DEFAULT_ROUTE_PRIORITY,
            ...(learned !== undefined && { learnedPriority: learned }),
            md5: record(peer.props.md5AuthenticationKey) !== undefined,
            bfd: ["ACTIVE", "PASSIVE"].includes(text(record(peer.props.bfd)?.sessionInitializationMode) ?? ""),
            enabled: peer.props.enable !== false,
        };
    }

    /** True when every router's VPC routes globally, false when one does not, undefined when a VPC is not in this stack. */
    private routesGlobally(routers: (StackResource | undefined)[]): boolean | undefined {
        const modes = routers.map((router) => {
            const network = router && this.index.resolve(T.gcpNetwork, router, "network");
            return network ? (text(network.props.routingMode) ?? "REGIONAL") === "GLOBAL" : undefined;
        });
        if (modes.includes(false)) return false;
        return modes.length > 0 && modes.every((m) => m === true) ? true : undefined;
    }

    /** Group ids are unique across kinds: a component holding two kinds of links gets a group per kind. */
    private group(base: string, kind: LinkKind, source: StackResource | undefined): LinkGroup {
        const existing = this.groups.get(base);
        if (existing?.kind === kind) return existing;
        const id = existing ? `${base}/${kind}` : base;
        const group = this.groups.get(id) ?? { id, kind, role: LinkRole.Primary };
        this.groups.set(id, group);
        if (source && !this.groupSource.has(id)) this.groupSource.set(id, source);
        return group;
    }

    /** A link's id is its resource's label; resources of different types may share a name, so a clash falls back to the URN. */
    private linkId(source: StackResource): string {
        const label = this.index.label(source);
        return this.linkSource.has(label) ? source.urn : label;
    }

    private routerId(router: StackResource | undefined, reference: string | undefined): string | undefined {
        return router ? this.index.label(router) : reference && lastSegment(reference);
    }

    private routerEndpoint(router: StackResource | undefined, reference: string | undefined, region: string | undefined): string {
        const id = this.routerId(router, reference) ?? "cloud-router";
        return this.endpoint({ id, cloud: Cloud.Gcp, kind: EndpointKind.CloudRouter, region, asn: routerAsn(router) });
    }

    private awsVpnEndpoint(connection: StackResource | undefined): string {
        const transitGateway = connection && this.index.resolve(T.awsTransitGateway, connection, "transitGatewayId");
        const id = transitGateway ? this.index.label(transitGateway) : text(connection?.props.transitGatewayId) ?? "aws";
        return this.endpoint({ id, cloud: Cloud.Aws, kind: EndpointKind.TransitGateway, asn: num(transitGateway?.props.amazonSideAsn) });
    }

    private dxGatewayEndpoint(gateway: StackResource): string {
        return this.endpoint({ id: this.index.label(gateway), cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway, asn: num(gateway.props.amazonSideAsn) });
    }

    private endpoint(endpoint: Endpoint): string {
        const clean = Object.fromEntries(Object.entries(endpoint).filter(([, v]) => v !== undefined)) as unknown as Endpoint;
        this.endpoints.set(endpoint.id, { ...this.endpoints.get(endpoint.id), ...clean });
        return endpoint.id;
    }
}

function portMbps(speed: PortSpeed | undefined, links: number | undefined): number | undefined {
    return speed === undefined ? undefined : portCapacity(speed, links ?? 1).mbps;
}
