import * as pulumi from "@pulumi/pulumi";
import {
    AddressLedger, CrossCloudNetwork, ErrorCode, fail, MonitoringArgs, NetworkPrefixesArgs, openAddressLedger, PrimaryLinkArgs, RequirementArgs, StackType, VpnLinkArgs,
} from "@crosscloud/interconnect";
import type { EnvironmentAllocation } from "./shared";

/** One environment's stack config (`crosscloud:network`): what it needs, not how the shared layer is built. */
interface EnvironmentNetworkConfig {
    requirement: RequirementArgs;
    /** Google region of the Cloud Router the links land on; defaults to `gcp:region`. */
    region?: string;
    prefixes: NetworkPrefixesArgs;
    /** IPV4_ONLY (default) or IPV4_IPV6: dual stack takes the environment's IPv6 block from the shared layer. */
    stackType?: StackType;
    primary: PrimaryLinkArgs;
    backup?: VpnLinkArgs;
    production?: boolean;
    /** Alarms on both clouds (on unless `enabled: false`), and who hears each severity. */
    monitoring?: MonitoringArgs;
}

interface SharedRouter {
    name: string;
    asn: number;
}

/**
 * An environment: reads the shared layer through a StackReference and declares its
 * CrossCloudNetwork on the shared Transit Gateway and Cloud Routers, inside its own link-local block.
 * ASNs and the block are read as plain values, because they are planned before anything is declared.
 *
 * It plans against its address ledger (its own last `addressLedger` output): a deployed link keeps
 * its addresses, router and ASNs whatever the shared layer becomes, and a change that would replace
 * one fails the plan until its key is listed in `crosscloud:allowReplacement`.
 */
export async function environmentStack() {
    const config = new pulumi.Config("crosscloud");
    const environment = pulumi.getStack();
    const sharedName = config.require("sharedStack");
    const network = config.requireObject<EnvironmentNetworkConfig>("network");
    const allowReplacement = config.getObject<string[]>("allowReplacement") ?? [];
    const shared = new pulumi.StackReference(sharedName);
    const plain = async <T>(key: string): Promise<T> => {
        const details = await shared.getOutputDetails(key);
        const value = (details.value ?? details.secretValue) as T | undefined;
        if (value === undefined) {
            fail({ code: ErrorCode.InvalidArgument, field: `${sharedName}:${key}`, value, rule: "the shared stack does not export it", fix: `Deploy the shared stack (pulumi up -s ${sharedName}) before this environment.` });
        }
        return value;
    };

    const allocations = await plain<Record<string, EnvironmentAllocation>>("environments");
    const allocation = allocations[environment];
    if (!allocation) {
        fail({ code: ErrorCode.InvalidArgument, field: `${sharedName}:environments.${environment}`, value: Object.keys(allocations), rule: "the shared layer has no allocation for this environment", fix: `Add ${environment} to crosscloud:environments in the shared stack's config and deploy it.` });
    }
    const routers = await plain<Record<string, SharedRouter>>("routers");
    const region = network.region ?? new pulumi.Config("gcp").require("region");
    const router = routers[region];
    if (!router) {
        fail({ code: ErrorCode.InvalidArgument, field: "crosscloud:network.region", value: region, rule: `the shared layer has Cloud Routers in ${Object.keys(routers).join(", ")}`, fix: "Pick one of those regions, or add a router to the shared layer." });
    }

    // Ids are read as outputs, to keep the dependency on the shared stack, once they are known to be there:
    // a missing one would otherwise fail deep inside a child's registration.
    await plain<string>("network");
    await plain<string>("transitGatewayId");
    const ledger = await openAddressLedger({ allowReplacement });
    // A dedicated link takes the Cloud Routers of the other regions its attachments land in, and only those,
    // except where its attachments were deployed on a router of their own: they stay there.
    const attachmentRegions = new Set(Object.values(network.primary.dedicated?.attachments ?? {}).map((a) => a.region ?? region));
    const ownRouters = regionsOnOwnRouters(ledger.recorded, `${environment}-primary`, allowReplacement);
    for (const r of ownRouters) {
        if (routers[r] && attachmentRegions.has(r)) {
            pulumi.log.warn(
                `The shared layer now has a Cloud Router in ${r} (${routers[r].name}); this environment's attachments there stay on ${environment}-primary-router-${r}, ` +
                "where they were deployed. Moving them replaces each attachment, its router interface and BGP peer, and its transit VIF: " +
                `to do it on purpose, list their keys (${environment}-primary/<attachment>) in crosscloud:allowReplacement.`,
            );
        }
    }

    const link = new CrossCloudNetwork(environment, {
        requirement: network.requirement,
        google: {
            network: shared.requireOutput("network") as pulumi.Output<string>,
            region,
            router: router.name,
            routerAsn: router.asn,
            globalRouting: await plain<boolean>("globalRouting"),
            routers: Object.fromEntries(Object.entries(routers)
                .filter(([r]) => r !== region && attachmentRegions.has(r) && !ownRouters.has(r))
                .map(([r, { name, asn }]) => [r, { router: name, routerAsn: asn }])),
        },
        aws: {
            region: await plain<string>("awsRegion"),
            transitGatewayId: shared.requireOutput("transitGatewayId") as pulumi.Output<string>,
            transitGatewayAsn: await plain<number>("transitGatewayAsn"),
            directConnectGatewayAsn: allocation.directConnectGatewayAsn,
        },
        prefixes: network.prefixes,
        primary: network.primary,
        backup: network.backup,
        stackType: network.stackType,
        linkLocalBlock: allocation.linkLocalBlock,
        ...(network.stackType === StackType.DualStack && { linkLocalBlockIpv6: ipv6Block(allocation, sharedName, environment) }),
        production: network.production,
        monitoring: network.monitoring,
    });

    // Only values known at plan time: the engine records them as soon as the program ends, the ledger
    // among them, and keeps what a failed update registered (pulumi/pulumi#15754).
    return {
        environment,
        linkLocalBlock: allocation.linkLocalBlock,
        slaTier: link.slaTier,
        totalGbps: link.totalGbps,
        minSurvivingGbps: link.minSurvivingGbps,
        singlePointsOfFailure: link.singlePointsOfFailure,
        topology: link.topology,
        // Pulumi drops an undefined output with a warning: say plainly that nothing waits.
        ...(network.primary.kind !== "ha-vpn" && { nextStep: link.nextStep.apply((step) => step ?? "none: every link is ready") }),
        addressLedger: ledger.record(),
    };
}

/**
 * The environment's IPv6 block. A shared layer deployed before dual stack exports none, and without
 * one the environment's IPv6 tunnels would be placed in the whole of fdff:1::/64, where another
 * environment's may be: Cloud Router reserves an IPv6 session's range in the whole VPC.
 */
function ipv6Block(allocation: EnvironmentAllocation, sharedName: string, environment: string): string {
    if (allocation.linkLocalBlockIpv6 === undefined) {
        fail({
            code: ErrorCode.InvalidArgument, field: `${sharedName}:environments.${environment}.linkLocalBlockIpv6`, value: undefined,
            rule: "the shared layer exports no IPv6 block for this environment, and a dual-stack network needs one so its IPv6 tunnels stay clear of other environments'",
            fix: `Deploy the shared stack (pulumi up -s ${sharedName}), which exports one per environment, then plan this one again.`,
        });
    }
    return allocation.linkLocalBlockIpv6;
}

/**
 * Regions where the environment's dedicated link created a Cloud Router of its own (the shared
 * layer had none there when the attachments were deployed), unless every attachment on it is
 * allowed to be replaced.
 */
function regionsOnOwnRouters(recorded: AddressLedger, component: string, allowReplacement: string[]): Set<string> {
    const own = new Set<string>();
    for (const [key, record] of Object.entries(recorded.links)) {
        const router = record.facts?.router;
        if (!key.startsWith(`${component}/`) || typeof router !== "string" || !router.startsWith(`${component}-router-`)) continue;
        if (!allowReplacement.includes(key)) own.add(router.slice(`${component}-router-`.length));
    }
    return own;
}
