import { Bandwidth, FailureKind, LinkKind, LinkRole } from "../../sdk";
import { FailureImpact, failureImpacts } from "../../sdk/resilience";
import { groupBy } from "./collect";
import { stackPolicy } from "./define";
import { gbpsText, listed } from "./words";

export interface BandwidthConfig {
    minimumGbps: number;
    survivesSingleFailure: boolean;
}

const FAILURE_NAMES: Record<FailureKind, string> = {
    managedConnection: "managed connection",
    port: "port",
    awsDevice: "AWS device",
    awsLocation: "AWS Direct Connect location",
    metro: "metro",
    edgeDomain: "edge availability domain",
    region: "region",
    cloudRouter: "Cloud Router",
    vpnInterface: "HA VPN interface",
    awsVpnConnection: "AWS VPN connection",
    tunnel: "tunnel",
};

export const bandwidth = stackPolicy<BandwidthConfig>({
    name: "cross-cloud-bandwidth",
    description: "The links between the clouds carry the configured minimum, and, where required, still do after any single failure.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            minimumGbps: {
                type: "number", minimum: 0, default: 1,
                description: "Capacity the primary links must carry between the clouds, in Gbps.",
            },
            survivesSingleFailure: {
                type: "boolean", default: false,
                description: "Require the minimum to survive any single failure (port, device, metro, region, router, tunnel…), backups included (N-1).",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    const { links } = model.topology;
    if (links.length === 0) notApplicable("The stack has no links between the clouds.");
    const minimum = Bandwidth.fromGbps(config.minimumGbps).mbps;
    const capacity = links.reduce((sum, l) => sum + (l.role === LinkRole.Primary ? l.mbps : 0), 0);
    if (capacity < minimum) {
        const byGroup = [...groupBy(links, (l) => l.group)].map(([group, members]) =>
            `${group}${members[0].role === LinkRole.Backup ? " (backup)" : ""}: ${gbpsText(members.reduce((sum, l) => sum + l.mbps, 0) / 1000)}`);
        report(`The primary links between the clouds carry ${gbpsText(capacity / 1000)} (${listed(byGroup)}), below the ${gbpsText(config.minimumGbps)} minimum. ` +
            `Add links or raise their bandwidth${links.some((l) => l.kind === LinkKind.HaVpn) ? " (an AWS tunnel carries 1.25 Gbps, or 5 with tunnelBandwidth large)" : ""}.`);
    }
    if (!config.survivesSingleFailure) return;
    // A managed connection's own failure is the provider's to answer for: it is quad-redundant inside,
    // under an SLA every remote transport profile carries.
    const short = failureImpacts(links).filter((f) => f.kind !== "managedConnection" && f.survivingMbps < minimum);
    for (const failures of groupBy(short, (f) => f.cut.join("\n")).values()) {
        const first = failures[0];
        const source = first.cut.length === 1 ? model.linkSource.get(first.cut[0]) : undefined;
        report(`A failure of ${listed(failures.map(describe), 10, "or")} cuts ${listed(first.cut)} and leaves ${gbpsText(first.survivingMbps / 1000)}, ` +
            `below the ${gbpsText(config.minimumGbps)} minimum. Add capacity outside ${failures.length === 1 ? "that failure domain" : "those failure domains"}.`, source?.urn);
    }
});

function describe(f: FailureImpact): string {
    return `${FAILURE_NAMES[f.kind]} ${f.id}`;
}
