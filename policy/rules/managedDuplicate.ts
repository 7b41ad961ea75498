import { T } from "../extract/tokens";
import { lastSegment, text } from "../extract/values";
import { groupBy } from "./collect";
import { stackPolicy } from "./define";
import { listed } from "./words";

export interface ManagedDuplicateConfig {
    maxPerRegionPair: number;
}

export const managedDuplicate = stackPolicy<ManagedDuplicateConfig>({
    name: "managed-interconnect-duplicate",
    description: "One managed interconnect per region pair: it is already quad-redundant under the provider's SLA, so a second adds cost, not availability.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: {
        properties: {
            maxPerRegionPair: {
                type: "integer", minimum: 1, default: 1,
                description: "Managed interconnects allowed on one Google region ⇄ remote transport profile pair.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    const transports = model.index.all(T.gcpTransport);
    if (transports.length === 0) notApplicable("The stack has no managed interconnect Transport.");
    const byPair = groupBy(transports, (t) => {
        const region = text(t.props.region);
        const profile = text(t.props.remoteProfile);
        return region === undefined || profile === undefined ? undefined : `${region} ⇄ ${lastSegment(profile)}`;
    });
    for (const [pair, onPair] of byPair) {
        for (const extra of onPair.slice(config.maxPerRegionPair)) {
            report(`Transports ${listed(onPair.map((t) => model.index.label(t)))} all link the region pair ${pair}. One managed interconnect is already ` +
                `quad-redundant with a 99.99% SLA, so ${model.index.label(extra)} adds cost, not availability: remove it and raise the first one's bandwidth instead.`, extra.urn);
        }
    }
});
