import { ReportViolation } from "@pulumi/policy";
import { DX_ALLOWED_IPV6_LONGEST, DX_GATEWAY_PREFIX_LIMIT, DX_SESSION_ROUTE_LIMIT, MANAGED_ROUTE_LIMIT } from "../../sdk";
import { StackModel, StackResource } from "../extract";
import { isSet } from "../extract/stackResource";
import { T } from "../extract/tokens";
import { list, networkPrefix, Props, record, text, texts } from "../extract/values";
import { AddressFamily } from "../../sdk";
import { stackPolicy } from "./define";

export interface RouteLimitsConfig {
    maxAllowedPrefixes: number;
    maxAdvertisedRoutes: number;
    maxRoutesPerSession: number;
}

export const routeLimits = stackPolicy<RouteLimitsConfig>({
    name: "route-limits",
    description: "Each side advertises routes to the other, and within the providers' limits: AWS through an associated gateway's allowed prefixes, Google through its Transports and Cloud Router sessions.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            maxAllowedPrefixes: {
                type: "integer", minimum: 1, default: DX_GATEWAY_PREFIX_LIMIT,
                description: "Most allowed prefixes on one Direct Connect gateway association with a Transit Gateway (AWS quota: 200, not adjustable).",
            },
            maxAdvertisedRoutes: {
                type: "integer", minimum: 1, default: MANAGED_ROUTE_LIMIT,
                description: "Most routes of each family a Transport may advertise to AWS.",
            },
            maxRoutesPerSession: {
                type: "integer", minimum: 1, default: DX_SESSION_ROUTE_LIMIT,
                description: "Most routes a Cloud Router may advertise over one BGP session to a transit virtual interface (AWS quota: 100 per family, one session per family, not adjustable; past it AWS takes the session down).",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    const relevant = model.topology.links.length > 0 || model.index.all(T.awsDxGatewayAssociation).length > 0;
    if (!relevant) notApplicable("The stack has no links between the clouds.");
    checkAssociations(model, config, report);
    checkUnassociatedGateways(model, report);
    checkGoogleAdvertisements(model, config, report);
});

/** What AWS advertises to Google: a Direct Connect gateway association's allowed prefixes. */
function checkAssociations(model: StackModel, config: RouteLimitsConfig, report: ReportViolation): void {
    for (const association of model.index.all(T.awsDxGatewayAssociation)) {
        const name = `GatewayAssociation ${model.index.label(association)}`;
        const prefixes = association.props.allowedPrefixes;
        if (prefixes === undefined) {
            if (isSet(association, "allowedPrefixes") || !isTransitGatewayAssociation(association, model)) continue;
            // CreateDirectConnectGatewayAssociation: addAllowedPrefixesToDirectConnectGateway "is required when you create
            // an association to a transit gateway". A virtual private gateway's VPC range is advertised without it.
            report(`${name} associates a Transit Gateway without allowedPrefixes; AWS requires them for a Transit Gateway and advertises only them to Google. ` +
                "List the AWS prefixes Google should reach.", association.urn);
        } else if (texts(prefixes).length === 0) {
            report(`${name} allows no prefixes, so Google learns no AWS routes. List the prefixes AWS advertises to Google.`, association.urn);
        } else if (texts(prefixes).length > config.maxAllowedPrefixes) {
            report(`${name} lists ${texts(prefixes).length} allowed prefixes; AWS takes at most ${config.maxAllowedPrefixes} per Transit Gateway on a Direct Connect gateway ` +
                "(Direct Connect quotas, not adjustable). Summarise them into fewer, larger ranges.", association.urn);
        }
        const tooLong = texts(prefixes).filter((p) => {
            const prefix = networkPrefix(p);
            return prefix?.family === AddressFamily.Ipv6 && prefix.bits > DX_ALLOWED_IPV6_LONGEST.bits;
        });
        if (tooLong.length > 0) {
            report(`${name} allows ${tooLong.slice(0, 3).join(", ")}; ${DX_ALLOWED_IPV6_LONGEST.why}. Allow a /64 or shorter prefix that holds it.`, association.urn);
        }
    }
}

function isTransitGatewayAssociation(association: StackResource, model: StackModel): boolean {
    if (model.index.resolve(T.awsTransitGateway, association, "associatedGatewayId")) return true;
    return /^tgw-/.test(text(association.props.associatedGatewayId) ?? "");
}

/**
 * A Direct Connect gateway reaches VPCs only through the Transit Gateways and virtual private
 * gateways associated with it (AWS "Direct Connect gateways"). A link landing on one that has none
 * carries nothing: AWS advertises no route to Google, and Google's routes reach no VPC.
 */
function checkUnassociatedGateways(model: StackModel, report: ReportViolation): void {
    const associated = new Set(model.index.all(T.awsDxGatewayAssociation)
        .map((a) => model.index.resolve(T.awsDxGateway, a, "dxGatewayId")?.urn)
        .filter((urn) => urn !== undefined));
    const users = new Map<string, { gateway: StackResource; links: string[] }>();
    const use = (gateway: StackResource | undefined, link: StackResource) => {
        if (!gateway || associated.has(gateway.urn)) return;
        const entry = users.get(gateway.urn) ?? { gateway, links: [] };
        entry.links.push(model.index.label(link));
        users.set(gateway.urn, entry);
    };
    for (const m of model.managed) if (m.connection) use(m.dxGateway, m.connection);
    for (const a of model.attachments) if (a.vif) use(a.dxGateway, a.vif);
    for (const { gateway, links } of users.values()) {
        report(`Direct Connect gateway ${model.index.label(gateway)} carries ${links.join(", ")} but is associated with no Transit Gateway or virtual private gateway, ` +
            "so AWS advertises nothing to Google and Google's routes reach no VPC. Add a GatewayAssociation with the AWS prefixes Google should reach.", gateway.urn);
    }
}

/** What Google advertises to AWS: a Transport's routes, and each Cloud Router session's ranges. */
function checkGoogleAdvertisements(model: StackModel, config: RouteLimitsConfig, report: ReportViolation): void {
    for (const transport of model.index.all(T.gcpTransport)) {
        if (transport.unknown?.has("advertisedRoutes")) continue;
        const routes = texts(transport.props.advertisedRoutes);
        const name = `Transport ${model.index.label(transport)}`;
        if (routes.length === 0) {
            report(`${name} advertises no routes, so AWS learns nothing from Google over it. Set advertisedRoutes to the Google prefixes AWS should reach.`, transport.urn);
        }
        // Each family's routes are counted on their own.
        for (const [family, ofFamily] of [["IPv4", routes.filter((r) => !r.includes(":"))], ["IPv6", routes.filter((r) => r.includes(":"))]] as const) {
            if (ofFamily.length > config.maxAdvertisedRoutes) {
                report(`${name} advertises ${ofFamily.length} ${family} routes; the limit is ${config.maxAdvertisedRoutes} of each family. Summarise them into fewer, larger ranges.`, transport.urn);
            }
        }
    }
    for (const router of model.index.all(T.gcpRouter)) {
        if (advertisesNothing(record(router.props.bgp))) {
            report(`Cloud Router ${model.index.label(router)} uses custom advertisement (bgp.advertiseMode CUSTOM) with no ranges or groups, so its peers advertise nothing to AWS. ` +
                "Add bgp.advertisedIpRanges or advertisedGroups [\"ALL_SUBNETS\"].", router.urn);
        }
    }
    for (const peer of model.index.all(T.gcpRouterPeer)) {
        if (advertisesNothing(peer.props)) {
            report(`RouterPeer ${model.index.label(peer)} uses custom advertisement (advertiseMode CUSTOM) with no ranges or groups, so it advertises nothing to AWS. ` +
                "Add advertisedIpRanges, or advertise the router's defaults.", peer.urn);
        }
    }
    for (const a of model.attachments) {
        for (const peer of [...a.peers, ...(a.ipv6?.peers ?? [])]) {
            const ranges = advertisedRanges(peer, a.router);
            if (ranges > config.maxRoutesPerSession) {
                report(`RouterPeer ${model.index.label(peer)} advertises ${ranges} ranges over InterconnectAttachment ${model.index.label(a.attachment)}; AWS accepts at most ` +
                    `${config.maxRoutesPerSession} routes per BGP session on a transit virtual interface and takes the session down past that (Direct Connect quotas). Summarise them.`, peer.urn);
            }
        }
    }
}

/** Custom ranges a peer sends: its own in CUSTOM mode, else its router's; groups (all subnets) are not counted. */
function advertisedRanges(peer: StackResource, router: StackResource | undefined): number {
    const source = text(peer.props.advertiseMode) === "CUSTOM" ? peer.props : record(router?.props.bgp);
    return text(source?.advertiseMode) === "CUSTOM" ? list(source?.advertisedIpRanges).length : 0;
}

function advertisesNothing(advertisement: Props | undefined): boolean {
    return text(advertisement?.advertiseMode) === "CUSTOM"
        && list(advertisement?.advertisedIpRanges).length === 0
        && list(advertisement?.advertisedGroups).length === 0;
}
