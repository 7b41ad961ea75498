import { ReportViolation } from "@pulumi/policy";
import { AWS_DEFAULT_AMAZON_SIDE_ASN, AWS_RESERVED_ASNS, isPrivateAsn, PRIVATE_ASN_RANGES_TEXT } from "../../sdk";
import { routerAsn, StackModel, StackResource } from "../extract";
import { isSet } from "../extract/stackResource";
import { T } from "../extract/tokens";
import { num, record, text } from "../extract/values";
import { stackPolicy } from "./define";

export interface BgpHygieneConfig {
    requireMd5: boolean;
}

export const bgpHygiene = stackPolicy<BgpHygieneConfig>({
    name: "bgp-hygiene",
    description: "BGP between the clouds uses private, distinct ASNs on each side (Cloud Router vs AWS, Transit Gateway vs Direct Connect gateway), the same MD5 key on both ends of interconnect sessions, and no disabled peer.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            // AWS sets a BGP key on every transit VIF, generating one when none is given ("Create a
            // transit virtual interface": BGP authentication key), so a Google peer without the same key never peers.
            requireMd5: { type: "boolean", default: true, description: "Require BGP MD5 authentication on both ends of every interconnect session." },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.topology.links.length === 0) notApplicable("The stack has no links between the clouds.");
    checkPrivateAsns(model, report);
    checkVpnSessions(model, report);
    checkInterconnectSessions(model, config, report);
    checkGatewayAssociations(model, report);
});

function checkPrivateAsns(model: StackModel, report: ReportViolation): void {
    const checked = new Set<string>();
    const check = (r: StackResource | undefined, asn: number | undefined, what: string) => {
        if (!r || asn === undefined || checked.has(r.urn)) return;
        checked.add(r.urn);
        const problem = AWS_RESERVED_ASNS.includes(asn) ? "is reserved by AWS"
            : !isPrivateAsn(asn) ? `is not a private ASN (${PRIVATE_ASN_RANGES_TEXT})` : undefined;
        if (problem) report(`${what} ${model.index.label(r)} uses ASN ${asn}, which ${problem}. Use a private ASN such as 64514.`, r.urn);
    };
    for (const t of model.haVpns.flatMap((v) => v.tunnels)) {
        check(t.router, routerAsn(t.router), "Cloud Router");
        const customerGateway = t.awsConnection && model.index.resolve(T.awsCustomerGateway, t.awsConnection, "customerGatewayId");
        check(customerGateway, customerGatewayAsn(customerGateway), "CustomerGateway");
        check(transitGatewayOf(t.awsConnection, model), transitGatewayAsn(transitGatewayOf(t.awsConnection, model)), "Transit Gateway");
    }
    for (const a of model.attachments) {
        check(a.router, routerAsn(a.router), "Cloud Router");
        check(a.vif, vifAsn(a.vif), "TransitVirtualInterface");
        check(a.dxGateway, num(a.dxGateway?.props.amazonSideAsn), "Direct Connect gateway");
    }
    for (const gateway of model.index.all(T.awsDxGateway)) check(gateway, num(gateway.props.amazonSideAsn), "Direct Connect gateway");
}

function checkVpnSessions(model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    for (const t of model.haVpns.flatMap((v) => v.tunnels)) {
        const googleAsn = routerAsn(t.router);
        const connection = t.awsConnection;
        const customerGateway = connection && model.index.resolve(T.awsCustomerGateway, connection, "customerGatewayId");
        const declaredAsn = customerGatewayAsn(customerGateway);
        if (customerGateway && googleAsn !== undefined && declaredAsn !== undefined && declaredAsn !== googleAsn) {
            report(`CustomerGateway ${label(customerGateway)} announces ASN ${declaredAsn}, but Cloud Router ${label(t.router!)} behind it uses ${googleAsn}; AWS drops the session. Set bgpAsn to ${googleAsn}.`, customerGateway.urn);
        }
        const awsAsn = (connection && t.awsTunnel ? num(connection.props[`tunnel${t.awsTunnel}BgpAsn`]) : undefined)
            ?? transitGatewayAsn(transitGatewayOf(connection, model));
        for (const peer of t.peers) checkPeer(peer, googleAsn, awsAsn, "the AWS end of the tunnel", model, report);
    }
}

function checkInterconnectSessions(model: StackModel, config: BgpHygieneConfig, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    for (const a of model.attachments) {
        const googleAsn = routerAsn(a.router);
        const vifAsnValue = vifAsn(a.vif);
        if (a.vif && googleAsn !== undefined && vifAsnValue !== undefined && vifAsnValue !== googleAsn) {
            report(`TransitVirtualInterface ${label(a.vif)} expects the customer (Google) ASN ${vifAsnValue}, but Cloud Router ${label(a.router!)} uses ${googleAsn}. Set the VIF's bgpAsn to ${googleAsn}.`, a.vif.urn);
        }
        const awsAsn = num(a.dxGateway?.props.amazonSideAsn) ?? num(a.vif?.props.amazonSideAsn);
        for (const peer of [...a.peers, ...(a.ipv6?.peers ?? [])]) checkPeer(peer, googleAsn, awsAsn, "the Direct Connect gateway", model, report);
        // A dual-stack attachment's IPv6 session: AWS keys its IPv6 BGP peer too (its bgpAuthKey), and the Google end must match it.
        const peerIpv6 = a.ipv6?.peers[0];
        const googleKeyIpv6 = text(record(peerIpv6?.props.md5AuthenticationKey)?.key);
        const awsKeyIpv6 = text(a.vifIpv6Peer?.props.bgpAuthKey);
        if (peerIpv6 && config.requireMd5 && !isSet(peerIpv6, "md5AuthenticationKey")) {
            report(`The IPv6 BGP session of InterconnectAttachment ${label(a.attachment)} is not authenticated: RouterPeer ${label(peerIpv6)} has no md5AuthenticationKey. Set the key of the VIF's IPv6 BGP peer, as a secret.`, peerIpv6.urn);
        }
        if (peerIpv6 && googleKeyIpv6 !== undefined && awsKeyIpv6 !== undefined && googleKeyIpv6 !== awsKeyIpv6) {
            report(`RouterPeer ${label(peerIpv6)} and BgpPeer ${label(a.vifIpv6Peer!)} have different MD5 keys, so the IPv6 session never comes up. Feed both from one secret.`, peerIpv6.urn);
        }
        const peer = a.peers[0];
        if (!peer) continue;
        const googleKey = text(record(peer.props.md5AuthenticationKey)?.key);
        const awsKey = text(a.vif?.props.bgpAuthKey);
        if (config.requireMd5) {
            const missing = [!isSet(peer, "md5AuthenticationKey") && `RouterPeer ${label(peer)} has no md5AuthenticationKey`, a.vif && !isSet(a.vif, "bgpAuthKey") && `TransitVirtualInterface ${label(a.vif)} has no bgpAuthKey`]
                .filter((m): m is string => typeof m === "string");
            if (missing.length > 0) {
                report(`The BGP session of InterconnectAttachment ${label(a.attachment)} is not authenticated: ${missing.join(" and ")}. Set the same MD5 key, as a secret, on both ends.`, peer.urn);
            }
        }
        if (googleKey !== undefined && awsKey !== undefined && googleKey !== awsKey) {
            report(`RouterPeer ${label(peer)} and TransitVirtualInterface ${label(a.vif!)} have different MD5 keys, so the session never comes up. Feed both from one secret.`, peer.urn);
        }
    }
}

function checkPeer(peer: StackResource, googleAsn: number | undefined, awsAsn: number | undefined, awsEnd: string, model: StackModel, report: ReportViolation): void {
    const name = model.index.label(peer);
    const peerAsn = num(peer.props.peerAsn);
    if (peer.props.enable === false) {
        report(`RouterPeer ${name} is disabled (enable: false), so its link carries nothing and the redundancy it was built for is gone. Remove enable: false, or remove the link.`, peer.urn);
    }
    if (peerAsn !== undefined && googleAsn !== undefined && peerAsn === googleAsn) {
        report(`RouterPeer ${name} peers with ASN ${peerAsn}, its own Cloud Router's ASN; BGP between the clouds is eBGP and needs two ASNs. Give the AWS side its own private ASN.`, peer.urn);
    } else if (peerAsn !== undefined && awsAsn !== undefined && peerAsn !== awsAsn) {
        report(`RouterPeer ${name} expects peer ASN ${peerAsn}, but ${awsEnd} uses ${awsAsn}. Set peerAsn to ${awsAsn}.`, peer.urn);
    }
}

/** A Transit Gateway and a Direct Connect gateway associated with each other must differ, or AWS rejects the association. */
function checkGatewayAssociations(model: StackModel, report: ReportViolation): void {
    for (const association of model.index.all(T.awsDxGatewayAssociation)) {
        const dxGateway = model.index.resolve(T.awsDxGateway, association, "dxGatewayId");
        const transitGateway = model.index.resolve(T.awsTransitGateway, association, "associatedGatewayId");
        const dxAsn = num(dxGateway?.props.amazonSideAsn);
        const tgwAsn = transitGatewayAsn(transitGateway);
        if (dxGateway && transitGateway && dxAsn !== undefined && dxAsn === tgwAsn) {
            report(`Direct Connect gateway ${model.index.label(dxGateway)} and Transit Gateway ${model.index.label(transitGateway)} both use ASN ${dxAsn}; AWS rejects associating them. Give the Direct Connect gateway its own private ASN.`, association.urn);
        }
    }
}

function transitGatewayOf(connection: StackResource | undefined, model: StackModel): StackResource | undefined {
    return connection && model.index.resolve(T.awsTransitGateway, connection, "transitGatewayId");
}

function transitGatewayAsn(transitGateway: StackResource | undefined): number | undefined {
    return transitGateway && (num(transitGateway.props.amazonSideAsn) ?? AWS_DEFAULT_AMAZON_SIDE_ASN);
}

function customerGatewayAsn(customerGateway: StackResource | undefined): number | undefined {
    return num(customerGateway?.props.bgpAsn) ?? num(customerGateway?.props.bgpAsnExtended);
}

function vifAsn(vif: StackResource | undefined): number | undefined {
    return num(vif?.props.bgpAsn) ?? num(vif?.props.bgpAsnLong);
}
