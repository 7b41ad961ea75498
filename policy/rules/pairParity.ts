import { ReportViolation } from "@pulumi/policy";
import { AddressFamily, MAX_LAG_LINKS, portSpeedFromLinkType } from "../../sdk";
import { AttachmentView, StackModel, StackResource, TunnelView } from "../extract";
import { T } from "../extract/tokens";
import { addressInPrefix, bareAddress, gbps, list, num, record, text } from "../extract/values";
import { groupBy } from "./collect";
import { stackPolicy } from "./define";
import { checkHaVpnWiring } from "./haVpnComplete";
import { gbpsText, listed, plural } from "./words";

export interface PairParityConfig {
    requireBothHalves: boolean;
}

/** Google's default attachment MTU and AWS's default VIF MTU: they differ, so a link left at defaults drops packets. */
const GOOGLE_DEFAULT_MTU = 1440;
const AWS_DEFAULT_MTU = 1500;

export const pairParity = stackPolicy<PairParityConfig>({
    name: "pair-parity",
    description: "Every link is wired end to end and its two halves agree: Transport and AWS connection bandwidth, port speed and link count with the LAG, MTU, VLAN and addresses of an attachment and its VIF, keys, inside addresses and BGP of a tunnel.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            requireBothHalves: {
                type: "boolean", default: false,
                description: "Require every link's other half in the same stack (off when one cloud's half lives in another stack).",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.topology.links.length === 0 && model.unpairedVifs.length === 0 && model.unpairedVpnConnections.length === 0) notApplicable("The stack has no links between the clouds.");
    checkManaged(model, config, report);
    checkAttachments(model, config, report);
    checkPorts(model, report);
    for (const vpn of model.haVpns) for (const t of vpn.tunnels) checkTunnel(t, model, report);
    checkHaVpnWiring(model, report);
});

function checkManaged(model: StackModel, config: PairParityConfig, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    for (const { transport, connection } of model.managed) {
        if (transport && connection) {
            const google = gbps(transport.props.bandwidth);
            const aws = gbps(connection.props.bandwidth);
            if (google !== undefined && aws !== undefined && google !== aws) {
                report(`Transport ${label(transport)} orders ${gbpsText(google)} but AWS Interconnect connection ${label(connection)} orders ${gbpsText(aws)}; both halves of a managed link carry one bandwidth. Set them to the same tier.`, connection.urn);
            }
        } else if (config.requireBothHalves) {
            const half = (transport ?? connection)!;
            report(transport
                ? `Transport ${label(half)} has no AWS Interconnect connection in this stack using its activation key. Declare the AWS half with activationKey = the Transport's generatedActivationKey.`
                : `AWS Interconnect connection ${label(half)} has no Google Transport in this stack. Declare the Transport (providedActivationKey = the connection's activation key).`, half.urn);
        }
    }
}

function checkAttachments(model: StackModel, config: PairParityConfig, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    for (const a of model.attachments) {
        const p = a.attachment.props;
        if (!a.vif) {
            if (config.requireBothHalves) {
                report(`InterconnectAttachment ${label(a.attachment)} has no AWS transit virtual interface in this stack. Declare one on the port's LAG with the attachment's VLAN and BGP addresses.`, a.attachment.urn);
            }
            continue;
        }
        const vif = a.vif.props;
        const names = `InterconnectAttachment ${label(a.attachment)} and TransitVirtualInterface ${label(a.vif)}`;
        const googleMtu = num(p.mtu) ?? GOOGLE_DEFAULT_MTU;
        const awsMtu = num(vif.mtu) ?? AWS_DEFAULT_MTU;
        if (googleMtu !== awsMtu && !a.attachment.unknown?.has("mtu") && !a.vif.unknown?.has("mtu")) {
            report(`${names} disagree on MTU (${googleMtu}${p.mtu === undefined ? ", Google's default" : ""} against ${awsMtu}${vif.mtu === undefined ? ", AWS's default" : ""}): ` +
                `packets between ${Math.min(googleMtu, awsMtu) + 1} and ${Math.max(googleMtu, awsMtu)} bytes are dropped one way. Set mtu "1500" on the attachment and 1500 on the VIF, the one size both offer.`, a.vif.urn);
        }
        const googleVlan = num(p.vlanTag8021q);
        const awsVlan = num(vif.vlan);
        if (googleVlan !== undefined && awsVlan !== undefined && googleVlan !== awsVlan) {
            report(`${names} disagree on the VLAN (${googleVlan} against ${awsVlan}). Set the VIF's vlan to the attachment's vlanTag8021q.`, a.vif.urn);
        }
        const pairs: [google: unknown, aws: unknown, googleField: string, awsField: string][] = [
            [p.cloudRouterIpAddress ?? p.candidateCloudRouterIpAddress, vif.customerAddress, "cloudRouterIpAddress", "customerAddress"],
            [p.customerRouterIpAddress ?? p.candidateCustomerRouterIpAddress, vif.amazonAddress, "customerRouterIpAddress", "amazonAddress"],
        ];
        for (const [google, aws, googleField, awsField] of pairs) {
            if (text(google) !== undefined && text(aws) !== undefined && text(google) !== text(aws)) {
                report(`${names} disagree on a BGP address: the attachment's ${googleField} is ${text(google)} but the VIF's ${awsField} is ${text(aws)}. ` +
                    `Set ${awsField} to ${text(google)} (from AWS's view, Google is the customer).`, a.vif.urn);
            }
        }
        checkIpv6Addresses(a, model, report);
    }
    if (config.requireBothHalves) {
        for (const connection of model.unpairedVpnConnections) {
            report(`VpnConnection ${label(connection)} matches no Google VPN tunnel in this stack (by outside address, pre-shared key, inside /30 or data flow). Declare its HA VPN half, or wire the tunnels from the connection's outputs.`, connection.urn);
        }
        for (const vif of model.unpairedVifs) {
            report(`TransitVirtualInterface ${label(vif)} matches no InterconnectAttachment in this stack (by dependency, BGP address or VLAN). Declare its Google half, or wire the VIF from the attachment's outputs.`, vif.urn);
        }
    }
}

/**
 * A dual-stack attachment's IPv6 addresses are the ones AWS assigned its VIF's IPv6 BGP peer, which
 * the attachment takes as candidates when it is created: AWS picks them and takes no others
 * (Direct Connect "Add a BGP peer"), so here Google must follow AWS.
 */
function checkIpv6Addresses(a: AttachmentView, model: StackModel, report: ReportViolation): void {
    if (!a.vifIpv6Peer) return;
    const p = a.attachment.props;
    const peer = a.vifIpv6Peer.props;
    const names = `InterconnectAttachment ${model.index.label(a.attachment)} and BgpPeer ${model.index.label(a.vifIpv6Peer)}`;
    const pairs: [google: unknown, aws: unknown, googleField: string, awsField: string][] = [
        [p.cloudRouterIpv6Address ?? p.candidateCloudRouterIpv6Address, peer.customerAddress, "cloudRouterIpv6Address", "customerAddress"],
        [p.customerRouterIpv6Address ?? p.candidateCustomerRouterIpv6Address, peer.amazonAddress, "customerRouterIpv6Address", "amazonAddress"],
    ];
    for (const [google, aws, googleField, awsField] of pairs) {
        const [g, w] = [bareAddress(google), bareAddress(aws)];
        if (g !== undefined && w !== undefined && g !== w) {
            report(`${names} disagree on an IPv6 BGP address: the attachment's ${googleField} is ${text(google)} but AWS assigned the peer ${awsField} ${text(aws)}. ` +
                `Create the attachment with candidate${googleField[0].toUpperCase()}${googleField.slice(1)} ${text(aws)}: AWS assigns IPv6 peer addresses and takes no others.`, a.attachment.urn);
        }
    }
}

/** Port ⇄ LAG: one LAG per port, the same speed, and as many links as the port has. */
function checkPorts(model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    const members = groupBy(model.index.all(T.awsDxConnectionAssociation), (m) => model.index.resolve(T.awsDxLag, m, "lagId"));
    const withBoth = model.attachments.filter((a): a is AttachmentView & { interconnect: StackResource; lag: StackResource } => a.interconnect !== undefined && a.lag !== undefined);
    for (const attachments of groupBy(withBoth, (a) => a.interconnect).values()) {
        const port = attachments[0].interconnect;
        const lags = [...new Set(attachments.map((a) => a.lag))];
        if (lags.length > 1) {
            report(`Interconnect ${label(port)}'s attachments ride ${plural(lags.length, "LAG")} (${listed(lags.map(label))}); a Cross-Cloud Interconnect port lands on exactly one LAG.`, port.urn);
            continue;
        }
        checkPortAgainstLag(port, lags[0], (members.get(lags[0])?.length ?? 0) + (text(lags[0].props.connectionId) !== undefined ? 1 : 0), model, report);
    }
    for (const attachments of groupBy(withBoth, (a) => a.lag).values()) {
        const ports = [...new Set(attachments.map((a) => a.interconnect))];
        if (ports.length > 1) {
            report(`LAG ${label(attachments[0].lag)} carries attachments of ${plural(ports.length, "port")} (${listed(ports.map(label))}); give each Cross-Cloud Interconnect port its own LAG.`, attachments[0].lag.urn);
        }
    }
}

function checkPortAgainstLag(port: StackResource, lag: StackResource, members: number, model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    const speed = portSpeedFromLinkType(text(port.props.linkType) ?? "");
    const lagBandwidth = lag.type === T.awsDxLag ? lag.props.connectionsBandwidth : lag.props.bandwidth;
    const portGbps = gbps(speed);
    const lagGbps = gbps(lagBandwidth);
    if (portGbps !== undefined && lagGbps !== undefined && portGbps !== lagGbps) {
        report(`Interconnect ${label(port)} has ${text(port.props.linkType)} links (${gbpsText(portGbps)}) but ${lag.type === T.awsDxLag ? "LAG" : "connection"} ${label(lag)} is ${text(lagBandwidth)}. ` +
            "Order both halves at one port speed.", lag.urn);
    }
    if (lag.type !== T.awsDxLag || speed === undefined) return;
    const links = num(port.props.requestedLinkCount);
    if (links !== undefined && links > MAX_LAG_LINKS[speed]) {
        report(`Interconnect ${label(port)} requests ${plural(links, "link")} of ${speed}, but an AWS LAG holds at most ${MAX_LAG_LINKS[speed]} at that speed. Lower requestedLinkCount, or add a port.`, port.urn);
    }
    if (links !== undefined && members > 0 && members !== links) {
        report(`Interconnect ${label(port)} requests ${plural(links, "link")} but LAG ${label(lag)} has ${plural(members, "member connection")}. Make the counts equal.`, lag.urn);
    }
}

function checkTunnel(t: TunnelView, model: StackModel, report: ReportViolation): void {
    if (!t.awsConnection || !t.awsTunnel) return;
    const aws = t.awsConnection.props;
    const n = t.awsTunnel;
    const awsTunnel = `tunnel ${n} of VpnConnection ${model.index.label(t.awsConnection)}`;
    const names = `VPNTunnel ${model.index.label(t.tunnel)} and ${awsTunnel}`;
    const googleKey = text(t.tunnel.props.sharedSecret);
    const awsKey = text(aws[`tunnel${n}PresharedKey`]);
    if (googleKey !== undefined && awsKey !== undefined && googleKey !== awsKey) {
        report(`${names} have different pre-shared keys, so IKE never completes. Feed both from one secret.`, t.tunnel.urn);
    }
    const googleRange = addressInPrefix(t.routerInterface?.props.ipRange);
    // An IPv6 connection's tunnels have an inside /126 (tunnelNInsideIpv6Cidr); each family is compared with its own.
    const awsCidr = addressInPrefix(aws[googleRange?.prefix.family === AddressFamily.Ipv6 ? `tunnel${n}InsideIpv6Cidr` : `tunnel${n}InsideCidr`])?.prefix;
    if (googleRange && awsCidr && !googleRange.prefix.equals(awsCidr)) {
        report(`${names} use different inside ranges: RouterInterface ${model.index.label(t.routerInterface!)} is in ${googleRange.prefix}, the AWS tunnel in ${awsCidr}. ` +
            `Set the interface's ipRange to ${awsCidr.host(2)}/${awsCidr.bits} (AWS takes the first host, Google the second).`, t.routerInterface!.urn);
    }
    // The provider reports an IPv6 tunnel's inside addresses nowhere (its VgwInsideAddress and
    // CgwInsideAddress read the configuration's IPv4 ones), so they are read off the /126: AWS the
    // first host, the customer gateway (Google) the second, as in a /30.
    const ipv6 = googleRange?.prefix.family === AddressFamily.Ipv6;
    if (ipv6 && awsCidr && googleRange.prefix.equals(awsCidr) && bareAddress(googleRange.address) !== awsCidr.host(2)) {
        report(`RouterInterface ${model.index.label(t.routerInterface!)} takes ${googleRange.address} in ${awsCidr}, but the customer gateway's end of ${awsTunnel} is ${awsCidr.host(2)} (AWS takes ${awsCidr.host(1)}). ` +
            `Set the interface's ipRange to ${awsCidr.host(2)}/${awsCidr.bits}.`, t.routerInterface!.urn);
    }
    const peer = t.peers[0];
    const awsInside = ipv6 ? awsCidr?.host(1) : bareAddress(aws[`tunnel${n}VgwInsideAddress`]);
    const dialed = bareAddress(peer?.props.peerIpAddress);
    if (peer && awsInside !== undefined && dialed !== undefined && awsInside !== dialed) {
        report(`RouterPeer ${model.index.label(peer)} dials ${dialed}, but AWS's inside address on ${awsTunnel} is ${awsInside}. Set peerIpAddress to ${awsInside}.`, peer.urn);
    }
    const listedIp = text(record(list(t.externalGateway?.props.interfaces).map(record).find((i) => num(i?.id) === t.externalInterface))?.ipAddress);
    const awsOutside = text(aws[`tunnel${n}Address`]);
    if (t.externalGateway && listedIp !== undefined && awsOutside !== undefined && listedIp !== awsOutside) {
        report(`ExternalVpnGateway ${model.index.label(t.externalGateway)} lists ${listedIp} as interface ${t.externalInterface}, but ${awsTunnel} is at ${awsOutside}. Set the interface's ipAddress to ${awsOutside}.`, t.externalGateway.urn);
    }
}
