import { assessSla, LinkKind, LinkRole, LinkStage, SlaTier, Topology } from "../../sdk";
import { stackPolicy } from "./define";

export interface SlaShapeConfig {
    target: "none" | "99.9" | "99.99";
    managedProfileSla: "99.9" | "99.99";
    assumeGlobalRouting: boolean;
    includeBackups: boolean;
}

const TIER_ORDER: readonly SlaTier[] = [SlaTier.None, SlaTier.ThreeNines, SlaTier.FourNines];

const KIND_NAMES: Record<LinkKind, string> = {
    [LinkKind.Managed]: "Managed interconnect",
    [LinkKind.Dedicated]: "Dedicated interconnect",
    [LinkKind.HaVpn]: "HA VPN",
};

export const slaShape = stackPolicy<SlaShapeConfig>({
    name: "sla-shape",
    description: "Every primary link group has the shape the providers require for the target SLA, on Google's half and on AWS's (ports, metros, edge domains, regions, routers, global routing, Direct Connect locations and devices; tunnels, interfaces and VPN connections for HA VPN).",
    enforcementLevel: "advisory",
    severity: "high",
    configSchema: {
        properties: {
            target: {
                type: "string", enum: ["none", "99.9", "99.99"], default: "99.9",
                description: "The SLA tier each primary link group must earn.",
            },
            managedProfileSla: {
                type: "string", enum: ["99.9", "99.99"], default: "99.99",
                description: "The SLA of the remote transport profiles managed interconnects use (HIGH is 99.9, MAXIMUM 99.99); no provider exposes it as a resource field.",
            },
            assumeGlobalRouting: {
                type: "boolean", default: false,
                description: "Treat VPCs declared in another stack (e.g. a shared layer) as having GLOBAL dynamic routing.",
            },
            includeBackups: {
                type: "boolean", default: false,
                description: "Hold backup groups (an HA VPN beside an interconnect) to the target as well.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.topology.groups.length === 0) notApplicable("The stack has no links between the clouds.");
    if (config.target === "none") notApplicable("The SLA target is none.");
    const target = config.target as SlaTier;
    const sla = assessSla(withStackFacts(model.topology, config));
    // Google and AWS judge dedicated ports as one estate, so groups that reach the target together pass.
    const dedicatedTogether = sla.combinedDedicated !== undefined && meets(sla.combinedDedicated.tier, target);
    const ordered = orderedGroups(model.topology);
    for (const group of sla.groups) {
        if (group.role === LinkRole.Backup && !config.includeBackups) continue;
        // A group whose ports are all still ordered has no attachment, router or region to judge yet:
        // it is judged once its first port is ready (the component refuses a bad shape before ordering).
        if (ordered.has(group.group)) continue;
        if (meets(group.tier, target) || (group.kind === LinkKind.Dedicated && dedicatedTogether)) continue;
        const earns = group.tier === SlaTier.None ? "earns no SLA" : `earns ${group.tier}%`;
        report(`${KIND_NAMES[group.kind]} group ${group.group} ${earns}, short of the ${target}% target: ${group.missing.join("; ")}. ` +
            "Complete the shape, or set a lower target for this environment in the policy config.", model.groupSource.get(group.group)?.urn);
    }
});

/** Facts no resource of this stack holds come from the config: the profile's SLA, the routing of VPCs declared elsewhere. */
export function withStackFacts(topology: Topology, config: Pick<SlaShapeConfig, "managedProfileSla" | "assumeGlobalRouting">): Topology {
    return {
        ...topology,
        groups: topology.groups.map((g) => {
            if (g.kind === LinkKind.Managed) return { ...g, profileSla: config.managedProfileSla as SlaTier };
            if (g.kind === LinkKind.Dedicated && g.globalRouting === undefined) return { ...g, globalRouting: config.assumeGlobalRouting };
            return g;
        }),
    };
}

function orderedGroups(topology: Topology): Set<string> {
    const ids = topology.groups.map((g) => g.id);
    return new Set(ids.filter((id) => {
        const links = topology.links.filter((l) => l.group === id);
        return links.length > 0 && links.every((l) => l.stage === LinkStage.Ordered);
    }));
}

function meets(tier: SlaTier, target: SlaTier): boolean {
    return TIER_ORDER.indexOf(tier) >= TIER_ORDER.indexOf(target);
}
