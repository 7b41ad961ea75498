import { ReportViolation } from "@pulumi/policy";
import { AddressFamily, carriesFamily, familyText, Link, LinkKind } from "../../sdk";
import { StackModel, StackResource } from "../extract";
import { advertisedRanges, connectionFamily, interfaceFamily } from "../extract/routing";
import { T } from "../extract/tokens";
import { Props, text, texts } from "../extract/values";
import { stackPolicy } from "./define";

/**
 * Both ends of every BGP session between the clouds carry the same one address family, and a link
 * that carries IPv6 is built for it on both clouds. The rules, from the providers:
 * - AWS runs one BGP session per family and no multiprotocol BGP: a virtual interface holds one
 *   IPv4 and one IPv6 BGP peer ("Multi-protocol BGP is not supported. IPv4 and IPv6 operate in
 *   dual-stack mode for the virtual interface", Direct Connect "Add a BGP peer"); a Site-to-Site VPN
 *   connection carries IPv4 or IPv6 inside its tunnels (`TunnelInsideIpVersion`), and IPv6 only on
 *   a Transit Gateway ("Virtual private gateways don't support IPv6", Site-to-Site VPN "How it works").
 * - Google: a Cloud Router session exchanges IPv6 routes over IPv4 only by multiprotocol BGP, which
 *   the AWS end does not speak, or over an IPv6 session of its own (Cloud Router "Establish BGP
 *   sessions"); an HA VPN gateway carries IPv6 tunnels only with stack type IPV4_IPV6 (or
 *   IPV6_ONLY); a VLAN attachment carries IPv6 only as IPV4_IPV6; a Transport advertises IPv6
 *   routes only as IPV4_IPV6 (Compute and Network Connectivity APIs, `stackType`).
 */
export interface AddressFamiliesConfig {
    requireIpv6: boolean;
}

export const addressFamilies = stackPolicy<AddressFamiliesConfig>({
    name: "address-families",
    description: "Both ends of every BGP session between the clouds carry one and the same address family, and a link that carries IPv6 is dual stack on both clouds: its HA VPN gateway, VPN connection, VLAN attachment and VIF, or Transport.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            requireIpv6: {
                type: "boolean", default: false,
                description: "Require IPv6 beside IPv4 (dual stack) on every kind of link between the clouds on each Cloud Router, for estates whose workloads reach the other cloud over IPv6.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.topology.links.length === 0 && model.index.all(T.awsVpnConnection).length === 0) notApplicable("The stack has no links between the clouds.");
    if (config.requireIpv6) checkIpv6Carried(model, report);
    checkVpnConnections(model, report);
    checkTunnels(model, report);
    checkAttachments(model, report);
    checkTransports(model, report);
    checkSessions(model, report);
});

/**
 * With IPv6 required, each kind of link on each Cloud Router carries it somewhere: a dual-stack HA
 * VPN's IPv6 tunnels are on a gateway of their own, so its IPv4 tunnels alone are no fault.
 */
function checkIpv6Carried(model: StackModel, report: ReportViolation): void {
    const byRouter = new Map<string, Link[]>();
    for (const link of model.topology.links) {
        const key = `${link.kind} ${link.gcp}`;
        byRouter.set(key, [...(byRouter.get(key) ?? []), link]);
    }
    for (const links of byRouter.values()) {
        if (links.some((l) => carriesFamily(l, AddressFamily.Ipv6))) continue;
        const source = model.linkSource.get(links[0].id);
        report(`The ${KIND_TEXT[links[0].kind]} links to ${links[0].gcp} (${links.map((l) => l.id).slice(0, 3).join(", ")}${links.length > 3 ? ", …" : ""}) carry IPv4 only, and the config requires IPv6 across the clouds. ` +
            "Make them dual stack (stackType IPV4_IPV6 on the crosscloud component), or set requireIpv6: false for this stack.", source?.urn);
    }
}

const KIND_TEXT: Record<LinkKind, string> = { [LinkKind.HaVpn]: "HA VPN", [LinkKind.Dedicated]: "dedicated interconnect", [LinkKind.Managed]: "managed interconnect" };

function label(model: StackModel, r: StackResource): string {
    return model.index.label(r);
}

function checkVpnConnections(model: StackModel, report: ReportViolation): void {
    for (const connection of model.index.all(T.awsVpnConnection)) {
        if (connectionFamily(connection) !== AddressFamily.Ipv6) continue;
        if (text(connection.props.vpnGatewayId) !== undefined || model.index.resolve(T.awsVpnGateway, connection, "vpnGatewayId")) {
            report(`VpnConnection ${label(model, connection)} carries IPv6 inside its tunnels on a virtual private gateway; AWS offers IPv6 VPN connections on a Transit Gateway (or Cloud WAN) only. ` +
                "Attach it to a Transit Gateway, or make it an IPv4 connection.", connection.urn);
        }
    }
}

function checkTunnels(model: StackModel, report: ReportViolation): void {
    for (const vpn of model.haVpns) {
        for (const t of vpn.tunnels) {
            if (!t.routerInterface) continue;
            const google = t.family;
            if (t.awsConnection && connectionFamily(t.awsConnection) !== google) {
                const aws = connectionFamily(t.awsConnection);
                report(`VPNTunnel ${label(model, t.tunnel)} runs an ${familyText(google)} BGP session (RouterInterface ${label(model, t.routerInterface)}), but VpnConnection ${label(model, t.awsConnection)} carries ${familyText(aws)} inside its tunnels, ` +
                    `so the session never comes up. ${aws === AddressFamily.Ipv6 ? "Give the interface the tunnel's inside /126 (ipVersion IPV6) and peer with AWS's IPv6 inside address" : "Give the interface the tunnel's inside /30 and peer with AWS's IPv4 inside address"}, or pair the tunnel with a connection of its family.`, t.routerInterface.urn);
            }
            const gatewayStack = text(vpn.gateway?.props.stackType) ?? "IPV4_ONLY";
            if (google === AddressFamily.Ipv6 && vpn.gateway && gatewayStack === "IPV4_ONLY") {
                report(`HA VPN gateway ${vpn.gatewayReference} is IPV4_ONLY, and VPNTunnel ${label(model, t.tunnel)} carries an IPv6 BGP session; Google carries IPv6 in a tunnel only on a gateway of stack type IPV4_IPV6. ` +
                    "Set the gateway's stackType to IPV4_IPV6 (Google creates a gateway anew for it), or declare the IPv6 tunnels on a dual-stack gateway of their own.", vpn.gateway.urn);
            }
        }
    }
}

function checkAttachments(model: StackModel, report: ReportViolation): void {
    for (const a of model.attachments) {
        const name = label(model, a.attachment);
        const dual = text(a.attachment.props.stackType) === "IPV4_IPV6";
        if (!dual) {
            if (a.vifIpv6Peer) {
                report(`TransitVirtualInterface ${label(model, a.vif!)} has an IPv6 BGP peer (${label(model, a.vifIpv6Peer)}), but InterconnectAttachment ${name} is IPV4_ONLY, so the IPv6 session never comes up. ` +
                    "Create the attachment IPV4_IPV6 with the IPv6 addresses AWS assigned the peer (candidateCloudRouterIpv6Address = its customerAddress), or remove the peer.", a.vifIpv6Peer.urn);
            }
            continue;
        }
        if (a.vif && !a.vifIpv6Peer) {
            report(`InterconnectAttachment ${name} is dual stack, but TransitVirtualInterface ${label(model, a.vif)} has no IPv6 BGP peer, so no IPv6 route crosses. ` +
                "Add a Direct Connect BgpPeer of addressFamily ipv6 on the VIF (AWS assigns its addresses) and give the attachment those addresses.", a.vif.urn);
        }
        if (!a.ipv6 && a.routerInterface) {
            report(`InterconnectAttachment ${name} is dual stack, but its Cloud Router runs no IPv6 session over it. ` +
                "Add a RouterInterface of ipVersion IPV6 on the attachment (its cloudRouterIpv6Address) and a RouterPeer on AWS's IPv6 address.", a.attachment.urn);
        }
    }
}

function checkTransports(model: StackModel, report: ReportViolation): void {
    for (const transport of model.index.all(T.gcpTransport)) {
        const ipv6 = texts(transport.props.advertisedRoutes).filter((r) => r.includes(":"));
        if (ipv6.length > 0 && (text(transport.props.stackType) ?? "IPV4_ONLY") !== "IPV4_IPV6") {
            report(`Transport ${label(model, transport)} advertises IPv6 routes (${ipv6.slice(0, 3).join(", ")}) but its stack type is IPV4_ONLY, so it carries none of them. ` +
                "Set stackType IPV4_IPV6 (Google creates the Transport anew for it), or drop the IPv6 routes.", transport.urn);
        }
    }
}

/**
 * Every Cloud Router session toward AWS exchanges its own family only: no multiprotocol BGP, and
 * no custom range of the other family (which the session would never send).
 */
function checkSessions(model: StackModel, report: ReportViolation): void {
    const sessions = [
        ...model.haVpns.flatMap((v) => v.tunnels.flatMap((t) => (t.routerInterface ? [{ routerInterface: t.routerInterface, peers: t.peers }] : []))),
        ...model.attachments.flatMap((a) => [...(a.routerInterface ? [{ routerInterface: a.routerInterface, peers: a.peers }] : []), ...(a.ipv6 ? [a.ipv6] : [])]),
    ];
    for (const { routerInterface, peers } of sessions) {
        const family = interfaceFamily(routerInterface);
        for (const peer of peers) {
            const other = family === AddressFamily.Ipv4 ? AddressFamily.Ipv6 : AddressFamily.Ipv4;
            if (peer.props[family === AddressFamily.Ipv4 ? "enableIpv6" : "enableIpv4"] === true) {
                report(`RouterPeer ${label(model, peer)} exchanges ${familyText(other)} routes over an ${familyText(family)} session (multiprotocol BGP), which AWS does not run: AWS keeps one BGP session per family. ` +
                    `Set ${family === AddressFamily.Ipv4 ? "enableIpv6" : "enableIpv4"}: false, and run ${familyText(other)} over a session of its own.`, peer.urn);
            }
            const wrong = customRanges(peer.props).filter((r) => (r.includes(":") ? AddressFamily.Ipv6 : AddressFamily.Ipv4) !== family);
            if (wrong.length > 0) {
                report(`RouterPeer ${label(model, peer)} is an ${familyText(family)} session but advertises ${wrong.slice(0, 3).join(", ")}, which it never sends. ` +
                    `Advertise ${familyText(other)} prefixes on the link's ${familyText(other)} session.`, peer.urn);
            }
        }
    }
}

function customRanges(peer: Props): string[] {
    return text(peer.advertiseMode) === "CUSTOM" ? advertisedRanges(peer) : [];
}
