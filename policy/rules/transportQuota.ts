import { StackResource } from "../extract";
import { T } from "../extract/tokens";
import { text } from "../extract/values";
import { groupBy } from "./collect";
import { stackPolicy } from "./define";
import { listed } from "./words";

export interface TransportQuotaConfig {
    maxPerProjectRegion: number;
}

/**
 * Google's default quota allows one Transport (Partner Cross-Cloud Interconnect connection) per
 * project and region; a second one fails to create until the quota is raised. A quota can be
 * raised on request and the pack cannot see a project's quota, so this is advisory by default, and
 * `maxPerProjectRegion` records a raised quota.
 */
export const transportQuota = stackPolicy<TransportQuotaConfig>({
    name: "transport-quota",
    description: "No project and region holds more Transports than Google's quota allows (one by default).",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            maxPerProjectRegion: {
                type: "integer", minimum: 1, default: 1,
                description: "The project's Transport quota per region (Google's default is 1).",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    const transports = model.index.all(T.gcpTransport);
    if (transports.length === 0) notApplicable("The stack has no managed interconnect Transport.");
    const placeOf = (t: StackResource) => {
        const path = text(t.props.id) ?? text(t.id);
        const region = text(t.props.region) ?? /\/locations\/([^/]+)/.exec(path ?? "")?.[1];
        const project = text(t.props.project) ?? /^projects\/([^/]+)/.exec(path ?? "")?.[1];
        return region === undefined ? undefined : { region, project };
    };
    const byPlace = groupBy(transports, (t) => {
        const place = placeOf(t);
        return place && `${place.project ?? ""}/${place.region}`;
    });
    for (const inPlace of byPlace.values()) {
        const { region, project } = placeOf(inPlace[0])!;
        for (const extra of inPlace.slice(config.maxPerProjectRegion)) {
            report(`Transports ${listed(inPlace.map((t) => model.index.label(t)))} are all in region ${region} of ${project === undefined ? "the provider's project" : `project ${project}`}, ` +
                `but Google's quota allows ${config.maxPerProjectRegion} Transport${config.maxPerProjectRegion === 1 ? "" : "s"} per project and region, so ${model.index.label(extra)} fails to create. ` +
                "Raise the quota first (and maxPerProjectRegion here), or put it in another project.", extra.urn);
        }
    }
});
