import * as pulumi from "@pulumi/pulumi";
import {
    CrossCloudNetwork, ErrorCode, fail, MonitoringArgs, NetworkPrefixesArgs, PrimaryLinkArgs, RequirementArgs, VpnLinkArgs,
} from "@crosscloud/interconnect";
import type { EnvironmentAllocation } from "./shared";

/** One environment's stack config (`crosscloud:network`): what it needs, not how the shared layer is built. */
interface EnvironmentNetworkConfig {
    requirement: RequirementArgs;
    /** Google region of the Cloud Router the links land on; defaults to `gcp:region`. */
    region?: string;
    prefixes: NetworkPrefixesArgs;
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
 */
export async function environmentStack() {
    const config = new pulumi.Config("crosscloud");
    const environment = pulumi.getStack();
    const sharedName = config.require("sharedStack");
    const network = config.requireObject<EnvironmentNetworkConfig>("network");
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
    // A dedicated link takes the Cloud Routers of the other regions its attachments land in, and only those.
    const attachmentRegions = new Set(Object.values(network.primary.dedicated?.attachments ?? {}).map((a) => a.region ?? region));

    const link = new CrossCloudNetwork(environment, {
        requirement: network.requirement,
        google: {
            network: shared.requireOutput("network") as pulumi.Output<string>,
            region,
            router: router.name,
            routerAsn: router.asn,
            globalRouting: await plain<boolean>("globalRouting"),
            routers: Object.fromEntries(Object.entries(routers)
                .filter(([r]) => r !== region && attachmentRegions.has(r))
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
        linkLocalBlock: allocation.linkLocalBlock,
        production: network.production,
        monitoring: network.monitoring,
    });

    return {
        environment,
        linkLocalBlock: allocation.linkLocalBlock,
        slaTier: link.slaTier,
        totalGbps: link.totalGbps,
        minSurvivingGbps: link.minSurvivingGbps,
        singlePointsOfFailure: link.singlePointsOfFailure,
        topology: link.topology,
        ...(network.primary.kind !== "ha-vpn" && { directConnectGatewayId: link.directConnectGatewayId, nextStep: link.nextStep }),
    };
}
