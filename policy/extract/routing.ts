import { AddressFamily } from "../../sdk/addressFamily";
import { learnedPriorityOf } from "../../sdk/preference";
import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";
import { lastSegment, list, num, record, text, texts } from "./values";

/** One BGP session's Cloud Router end: the interface and the peers on it. */
export interface RouterSession {
    routerInterface: StackResource;
    peers: StackResource[];
}

/**
 * The Cloud Router side of one link: the router, the interface on the tunnel or attachment, its BGP
 * peers. `routerInterface` is the link's IPv4 interface, or its only one; a dual-stack attachment's
 * IPv6 interface (a session of its own beside the IPv4 one) is `ipv6`. `family` is what
 * `routerInterface` addresses: an IPv6 HA VPN tunnel has an IPv6 interface alone.
 */
export interface RouterSide {
    router?: StackResource;
    routerInterface?: StackResource;
    peers: StackResource[];
    family: AddressFamily;
    ipv6?: RouterSession;
}

/** The family a Cloud Router interface addresses: its ipVersion, or the range it was given. */
export function interfaceFamily(routerInterface: StackResource): AddressFamily {
    const p = routerInterface.props;
    return text(p.ipVersion) === "IPV6" || (text(p.ipRange) ?? "").includes(":") ? AddressFamily.Ipv6 : AddressFamily.Ipv4;
}

/** The family an AWS VPN connection carries inside its tunnels: one, IPv4 unless it says IPv6. */
export function connectionFamily(connection: StackResource): AddressFamily {
    return text(connection.props.tunnelInsideIpVersion) === "ipv6" ? AddressFamily.Ipv6 : AddressFamily.Ipv4;
}

/** The ranges a Cloud Router peer, or a router's `bgp`, lists in `advertisedIpRanges`. */
export function advertisedRanges(props: Record<string, unknown> | undefined): string[] {
    return list(props?.advertisedIpRanges).map((r) => text(record(r)?.range)).filter((r): r is string => r !== undefined);
}

/**
 * Cloud Router interfaces and peers, indexed by what they sit on. A peer names its interface by
 * name, and interface names are only unique per router, so peers are matched per router.
 */
export class RouterSessions {
    private readonly interfacesOf = new Map<string, StackResource[]>();
    private readonly peersOf = new Map<string, StackResource[]>();

    constructor(private readonly index: StackIndex) {
        const interfacesByName = new Map<string, StackResource>();
        for (const routerInterface of index.all(T.gcpRouterInterface)) {
            const p = routerInterface.props;
            const on = index.resolve(T.gcpVpnTunnel, routerInterface, "vpnTunnel")
                ?? index.resolve(T.gcpInterconnectAttachment, routerInterface, "interconnectAttachment");
            if (on) this.interfacesOf.set(on.urn, [...(this.interfacesOf.get(on.urn) ?? []), routerInterface]);
            interfacesByName.set(this.interfaceKey(routerInterface, text(p.name) ?? routerInterface.name), routerInterface);
        }
        for (const peer of index.all(T.gcpRouterPeer)) {
            const named = text(peer.props.interface);
            const routerInterface = named !== undefined
                ? interfacesByName.get(this.interfaceKey(peer, named))
                : peer.unknown?.has("interface") ? index.dependencyOfType(peer, T.gcpRouterInterface) : undefined;
            if (!routerInterface) continue;
            const peers = this.peersOf.get(routerInterface.urn);
            if (peers) peers.push(peer);
            else this.peersOf.set(routerInterface.urn, [peer]);
        }
    }

    /** The router side of a VPN tunnel or interconnect attachment. */
    of(link: StackResource): RouterSide {
        const interfaces = this.interfacesOf.get(link.urn) ?? [];
        const ipv4 = interfaces.find((i) => interfaceFamily(i) === AddressFamily.Ipv4);
        const ipv6 = interfaces.find((i) => interfaceFamily(i) === AddressFamily.Ipv6);
        const routerInterface = ipv4 ?? ipv6;
        const router = this.index.resolve(T.gcpRouter, link, "router")
            ?? (routerInterface && this.index.resolve(T.gcpRouter, routerInterface, "router"));
        const peersOn = (i: StackResource) => this.peersOf.get(i.urn) ?? [];
        return {
            router, routerInterface,
            peers: routerInterface ? peersOn(routerInterface) : [],
            family: routerInterface ? interfaceFamily(routerInterface) : AddressFamily.Ipv4,
            ...(ipv4 && ipv6 && { ipv6: { routerInterface: ipv6, peers: peersOn(ipv6) } }),
        };
    }

    /** An interface name on a router: the router's URN when it is in the stack, else its name as referenced (a self link or a name). */
    private interfaceKey(onRouter: StackResource, interfaceName: string): string {
        const router = this.index.resolve(T.gcpRouter, onRouter, "router");
        const referenced = text(onRouter.props.router);
        return `${router?.urn ?? (referenced === undefined ? "?" : lastSegment(referenced))}|${interfaceName}`;
    }
}

export function routerAsn(router: StackResource | undefined): number | undefined {
    return num(record(router?.props.bgp)?.asn);
}

/**
 * The priority a BGP peer's import route policies give every route it learns, when they set one
 * (sdk/preference.ts); undefined when none does, and the routes keep the MED AWS sent.
 */
export function importedPriority(index: StackIndex, peer: StackResource): number | undefined {
    const policies = policiesByName(index);
    const router = routerKey(peer);
    const terms = texts(peer.props.importPolicies)
        .map((name) => policies.get(`${router}|${name}`))
        .filter((policy) => policy !== undefined && text(policy.props.type) !== "ROUTE_POLICY_TYPE_EXPORT")
        .flatMap((policy) => list(policy!.props.terms).map(record))
        .map((term) => ({
            match: text(record(term?.match)?.expression),
            actions: list(term?.actions).map((a) => text(record(a)?.expression)).filter((a): a is string => a !== undefined),
        }));
    return learnedPriorityOf(terms);
}

const routePolicies = new WeakMap<StackIndex, Map<string, StackResource>>();

/** Route policies by router and name (Google's, or Pulumi's while Google's is unknown), indexed once per stack: a name is unique per router only. */
function policiesByName(index: StackIndex): Map<string, StackResource> {
    let byName = routePolicies.get(index);
    if (!byName) {
        byName = new Map();
        for (const policy of index.all(T.gcpRouterRoutePolicy)) {
            const router = routerKey(policy);
            byName.set(`${router}|${policy.name}`, policy);
            const name = text(policy.props.name);
            if (name !== undefined) byName.set(`${router}|${name}`, policy);
        }
        routePolicies.set(index, byName);
    }
    return byName;
}

/** The router a peer or policy names, by its last path segment (a name or a self link). */
function routerKey(r: StackResource): string {
    const router = text(r.props.router);
    return router === undefined ? "?" : lastSegment(router);
}
