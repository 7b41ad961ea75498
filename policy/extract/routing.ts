import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";
import { lastSegment, num, record, text } from "./values";

/** The Cloud Router side of one link: the router, the interface on the tunnel or attachment, its BGP peers. */
export interface RouterSide {
    router?: StackResource;
    routerInterface?: StackResource;
    peers: StackResource[];
}

/**
 * Cloud Router interfaces and peers, indexed by what they sit on. A peer names its interface by
 * name, and interface names are only unique per router, so peers are matched per router.
 */
export class RouterSessions {
    private readonly interfaceOf = new Map<string, StackResource>();
    private readonly peersOf = new Map<string, StackResource[]>();

    constructor(private readonly index: StackIndex) {
        const interfacesByName = new Map<string, StackResource>();
        for (const routerInterface of index.all(T.gcpRouterInterface)) {
            const p = routerInterface.props;
            const on = index.resolve(T.gcpVpnTunnel, routerInterface, "vpnTunnel")
                ?? index.resolve(T.gcpInterconnectAttachment, routerInterface, "interconnectAttachment");
            if (on) this.interfaceOf.set(on.urn, routerInterface);
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
        const routerInterface = this.interfaceOf.get(link.urn);
        const router = this.index.resolve(T.gcpRouter, link, "router")
            ?? (routerInterface && this.index.resolve(T.gcpRouter, routerInterface, "router"));
        return { router, routerInterface, peers: routerInterface ? this.peersOf.get(routerInterface.urn) ?? [] : [] };
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
