import { RouterSessions, RouterSide } from "./routing";
import { StackIndex } from "./stackIndex";
import { StackResource } from "./stackResource";
import { T } from "./tokens";
import { num, text } from "./values";

/** One Cross-Cloud Interconnect VLAN attachment and the AWS virtual interface it pairs with. */
export interface AttachmentView extends RouterSide {
    attachment: StackResource;
    /** The port, or undefined when it is declared in another stack (see `interconnectReference`). */
    interconnect?: StackResource;
    interconnectReference?: string;
    vif?: StackResource;
    /** The VIF's IPv6 BGP peer (a Direct Connect BgpPeer of family ipv6), whose addresses AWS assigned. */
    vifIpv6Peer?: StackResource;
    /** The LAG (or dedicated connection) the virtual interface rides on. */
    lag?: StackResource;
    dxGateway?: StackResource;
}

/**
 * A Cross-Cloud Interconnect port no attachment rides yet: ordered, waiting for its cross-connect.
 * Its LAG is the one its owner declared for it, when that can be told (see `orderedPorts`).
 */
export interface OrderedPortView {
    interconnect: StackResource;
    lag?: StackResource;
}

export interface DedicatedExtraction {
    attachments: AttachmentView[];
    orderedPorts: OrderedPortView[];
    /** Transit virtual interfaces no attachment could be matched to. */
    unpairedVifs: StackResource[];
}

export function extractDedicated(index: StackIndex, routing: RouterSessions): DedicatedExtraction {
    // PARTNER and L2 attachments do not land on a Cross-Cloud Interconnect port.
    const dedicated = index.all(T.gcpInterconnectAttachment).filter((a) => (text(a.props.type) ?? "DEDICATED") === "DEDICATED");
    const vifs = new VifMatcher(index);
    const vifOf = vifs.matchAll(dedicated);
    const ipv6PeerOf = new Map(index.all(T.awsDxBgpPeer).filter((b) => text(b.props.addressFamily) === "ipv6")
        .map((b) => [index.resolve(T.awsTransitVif, b, "virtualInterfaceId")?.urn, b] as const));
    const attachments = dedicated
        .map((attachment): AttachmentView => {
            const p = attachment.props;
            const vif = vifOf.get(attachment.urn);
            const lag = vif && (index.resolve(T.awsDxLag, vif, "connectionId") ?? index.resolve(T.awsDxConnection, vif, "connectionId"));
            const vifIpv6Peer = vif && ipv6PeerOf.get(vif.urn);
            return {
                attachment,
                interconnect: index.resolve(T.gcpInterconnect, attachment, "interconnect"),
                interconnectReference: text(p.interconnect),
                ...routing.of(attachment),
                vif,
                ...(vifIpv6Peer && { vifIpv6Peer }),
                lag,
                dxGateway: vif && index.resolve(T.awsDxGateway, vif, "dxGatewayId"),
            };
        });
    return { attachments, orderedPorts: orderedPorts(index, attachments), unpairedVifs: vifs.unmatched() };
}

/**
 * Ports of Cross-Cloud Interconnect (`remoteLocation` set) that no attachment rides. Nothing wires an
 * ordered port to its LAG, so the LAGs no VIF rides are paired with them per owner (component, or the
 * stack), in name order, and only when the counts agree: crosscloud names them `<name>-port-<key>` and
 * `<name>-lag-<key>`, and hand-written programs usually name them alike.
 */
function orderedPorts(index: StackIndex, attachments: readonly AttachmentView[]): OrderedPortView[] {
    const used = new Set(attachments.map((a) => a.interconnect?.urn));
    const ridden = new Set(attachments.map((a) => a.lag?.urn));
    const ports = index.all(T.gcpInterconnect).filter((p) => text(p.props.remoteLocation) !== undefined && !used.has(p.urn));
    const lags = index.all(T.awsDxLag).filter((l) => !ridden.has(l.urn));
    const byName = (a: StackResource, b: StackResource) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const owned = (r: StackResource) => index.owner(r)?.urn ?? "";
    return ports.map((interconnect) => {
        const siblings = ports.filter((p) => owned(p) === owned(interconnect)).sort(byName);
        const candidates = lags.filter((l) => owned(l) === owned(interconnect)).sort(byName);
        const lag = candidates.length === siblings.length ? candidates[siblings.indexOf(interconnect)] : undefined;
        return lag ? { interconnect, lag } : { interconnect };
    });
}

/**
 * Pairs attachments with transit VIFs by what one was built from: a dependency (the VIF took the
 * attachment's outputs, or a dual-stack attachment its VIF's IPv6 peer's), or equal BGP addresses (both planned from the same link-local subnet).
 * Link-local addresses repeat across routers and environments, so an address that several VIFs
 * carry narrows to the VIFs declared by the attachment's own component, then to those on its VLAN.
 * A VLAN alone, as a last resort, pairs only where a single free VIF carries it.
 */
class VifMatcher {
    private readonly byDependency = new Map<string, StackResource>();
    private readonly byAddress = new Map<string, StackResource[]>();
    private readonly byVlan = new Map<number, StackResource[]>();
    private readonly used = new Set<string>();

    constructor(private readonly index: StackIndex) {
        for (const vif of index.all(T.awsTransitVif)) {
            for (const urn of vif.dependencies) {
                if (index.get(urn)?.type === T.gcpInterconnectAttachment) this.byDependency.set(urn, vif);
            }
            for (const address of new Set([text(vif.props.customerAddress), text(vif.props.amazonAddress)])) {
                if (address !== undefined) append(this.byAddress, address, vif);
            }
            const vlan = num(vif.props.vlan);
            if (vlan !== undefined) append(this.byVlan, vlan, vif);
        }
    }

    /** Strong evidence first for every attachment, so a VLAN guess never takes another attachment's VIF. */
    matchAll(attachments: readonly StackResource[]): Map<string, StackResource> {
        const matched = new Map<string, StackResource>();
        const claim = (attachment: StackResource, vif: StackResource | undefined) => {
            if (!vif || this.used.has(vif.urn) || matched.has(attachment.urn)) return;
            this.used.add(vif.urn);
            matched.set(attachment.urn, vif);
        };
        for (const attachment of attachments) {
            // A dual-stack attachment takes its IPv6 addresses from its VIF's IPv6 BGP peer: the data flows VIF → peer → attachment.
            const viaPeer = this.index.dependencyOfType(attachment, T.awsDxBgpPeer);
            const peerVif = viaPeer && this.index.resolve(T.awsTransitVif, viaPeer, "virtualInterfaceId");
            const byFlow = [this.byDependency.get(attachment.urn), this.index.dependencyOfType(attachment, T.awsTransitVif), peerVif].find((v) => v && !this.used.has(v.urn));
            claim(attachment, byFlow ?? this.soleByAddress(attachment));
        }
        for (const attachment of attachments) claim(attachment, this.sole(this.free(this.byVlan.get(num(attachment.props.vlanTag8021q) ?? -1))));
        return matched;
    }

    unmatched(): StackResource[] {
        return this.index.all(T.awsTransitVif).filter((vif) => !this.used.has(vif.urn));
    }

    private soleByAddress(attachment: StackResource): StackResource | undefined {
        const p = attachment.props;
        const addresses = [p.cloudRouterIpAddress, p.candidateCloudRouterIpAddress, p.customerRouterIpAddress, p.candidateCustomerRouterIpAddress]
            .map(text).filter((a): a is string => a !== undefined);
        let candidates = this.free([...new Set(addresses.flatMap((a) => this.byAddress.get(a) ?? []))]);
        const owner = attachment.parent;
        if (candidates.length > 1) candidates = candidates.filter((vif) => vif.parent === owner);
        const vlan = num(p.vlanTag8021q);
        if (candidates.length > 1 && vlan !== undefined) candidates = candidates.filter((vif) => num(vif.props.vlan) === vlan);
        return this.sole(candidates);
    }

    private free(vifs: StackResource[] | undefined): StackResource[] {
        return (vifs ?? []).filter((vif) => !this.used.has(vif.urn));
    }

    private sole(vifs: StackResource[]): StackResource | undefined {
        return vifs.length === 1 ? vifs[0] : undefined;
    }
}

function append<K>(map: Map<K, StackResource[]>, key: K, value: StackResource): void {
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
}
