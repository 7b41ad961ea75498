import { DX_GATEWAY_PREFIX_LIMIT, MANAGED_ROUTE_LIMIT } from "../../sdk";
import { T } from "../extract/tokens";
import { list, Props, record, text, texts } from "../extract/values";
import { resourcePolicy } from "./define";

export interface RouteLimitsConfig {
    maxAllowedPrefixes: number;
    maxAdvertisedRoutes: number;
}

export const routeLimits = resourcePolicy<RouteLimitsConfig>({
    name: "route-limits",
    description: "Each side advertises routes to the other, explicitly, and within the providers' prefix limits.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            maxAllowedPrefixes: {
                type: "integer", minimum: 1, default: DX_GATEWAY_PREFIX_LIMIT,
                description: "Most allowed prefixes on one Direct Connect gateway association (AWS quota).",
            },
            maxAdvertisedRoutes: {
                type: "integer", minimum: 1, default: MANAGED_ROUTE_LIMIT,
                description: "Most routes a Transport may advertise to AWS.",
            },
        },
    },
}, {
    [T.awsDxGatewayAssociation]: (props, config, report, args) => {
        const prefixes = props.allowedPrefixes;
        if (prefixes === undefined) {
            report(`GatewayAssociation ${args.name} leaves allowedPrefixes unset: AWS then advertises the associated gateway's VPC ranges on its own, and drift goes unseen. List the prefixes AWS advertises to Google.`);
        } else if (texts(prefixes).length === 0) {
            report(`GatewayAssociation ${args.name} allows no prefixes, so Google learns no AWS routes. List the prefixes AWS advertises to Google.`);
        } else if (texts(prefixes).length > config.maxAllowedPrefixes) {
            report(`GatewayAssociation ${args.name} lists ${texts(prefixes).length} allowed prefixes; a Direct Connect gateway association takes at most ${config.maxAllowedPrefixes}. Summarise them into fewer, larger ranges.`);
        }
    },

    [T.gcpTransport]: (props, config, report, args) => {
        const routes = texts(props.advertisedRoutes);
        if (routes.length === 0) {
            report(`Transport ${args.name} advertises no routes, so AWS learns nothing from Google over it. Set advertisedRoutes to the Google prefixes AWS should reach.`);
        } else if (routes.length > config.maxAdvertisedRoutes) {
            report(`Transport ${args.name} advertises ${routes.length} routes; the limit is ${config.maxAdvertisedRoutes}. Summarise them into fewer, larger ranges.`);
        }
    },

    [T.gcpRouter]: (props, _config, report, args) => {
        if (advertisesNothing(record(props.bgp))) {
            report(`Cloud Router ${args.name} uses custom advertisement (bgp.advertiseMode CUSTOM) with no ranges or groups, so its peers advertise nothing to AWS. Add bgp.advertisedIpRanges or advertisedGroups ["ALL_SUBNETS"].`);
        }
    },

    [T.gcpRouterPeer]: (props, _config, report, args) => {
        if (advertisesNothing(props)) {
            report(`RouterPeer ${args.name} uses custom advertisement (advertiseMode CUSTOM) with no ranges or groups, so it advertises nothing to AWS. Add advertisedIpRanges, or advertise the router's defaults.`);
        }
    },
});

function advertisesNothing(advertisement: Props | undefined): boolean {
    return text(advertisement?.advertiseMode) === "CUSTOM"
        && list(advertisement?.advertisedIpRanges).length === 0
        && list(advertisement?.advertisedGroups).length === 0;
}
