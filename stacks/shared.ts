import * as pulumi from "@pulumi/pulumi";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import { checkAsnPlan, CrossCloudError, environmentBlock, environmentBlockIpv6, ErrorCode, fail, LINK_LOCAL, parseAsn, Prefix } from "@crosscloud/interconnect";

interface EnvironmentConfig {
    block: number;
    directConnectGatewayAsn: number;
}

/** What the shared layer exports for one environment. */
export interface EnvironmentAllocation {
    linkLocalBlock: string;
    /** The environment's block of fdff:1::/64 for IPv6 tunnel sessions (dual stack), by the same index: Cloud Router reserves such a range in the whole VPC. */
    linkLocalBlockIpv6: string;
    directConnectGatewayAsn: number;
}

/**
 * The shared layer: one Transit Gateway, one Google transit VPC with global routing, a Cloud Router
 * per region, and the link-local blocks (IPv4, and IPv6 for dual stack) and Direct Connect gateway
 * ASN of every environment.
 * Everything is checked with sdk/ before it is declared.
 *
 * It grows by adding: a router, an environment. A change to what environments are built on — a
 * router removed or given another ASN, an environment's block or Direct Connect gateway ASN, the
 * Transit Gateway's ASN, the AWS region — is compared with what the last update exported, and
 * refused unless listed in `crosscloud:allowReplacement` (`routers.<region>`,
 * `environments.<env>`, `transitGatewayAsn`, `awsRegion`).
 */
export async function sharedLayer() {
    const config = new pulumi.Config("crosscloud");
    const transitGatewayAsn = parseAsn(config.requireNumber("transitGatewayAsn"), "crosscloud:transitGatewayAsn");
    const routerAsns = config.requireObject<Record<string, number>>("routers");
    const environments = config.requireObject<Record<string, EnvironmentConfig>>("environments");

    for (const [region, asn] of Object.entries(routerAsns)) {
        const cloudRouter = parseAsn(asn, `crosscloud:routers.${region}`);
        for (const [env, e] of Object.entries(environments)) {
            checkAsnPlan(
                { cloudRouter, transitGateway: transitGatewayAsn, directConnectGateway: parseAsn(e.directConnectGatewayAsn, `crosscloud:environments.${env}.directConnectGatewayAsn`) },
                { cloudRouter: `crosscloud:routers.${region}`, transitGateway: "crosscloud:transitGatewayAsn", directConnectGateway: `crosscloud:environments.${env}.directConnectGatewayAsn` },
            );
        }
    }

    // Every allocation is checked before anything is declared.
    checkDistinct(environments, "block", "link-local blocks");
    checkDistinct(environments, "directConnectGatewayAsn", "Direct Connect gateway ASNs");
    const allocations: Record<string, EnvironmentAllocation> = Object.fromEntries(
        Object.entries(environments).map(([env, e]) => [env, {
            linkLocalBlock: blockOf(env, e.block),
            linkLocalBlockIpv6: blockOf(env, e.block, environmentBlockIpv6),
            directConnectGatewayAsn: e.directConnectGatewayAsn,
        }]),
    );
    const awsRegion = new pulumi.Config("aws").require("region");
    const deployed = await lastExports();
    checkGrowth(deployed, { routers: routerAsns, environments: allocations, transitGatewayAsn, awsRegion }, config.getObject<string[]>("allowReplacement") ?? []);
    const identifierRanges = routerIdentifierRanges(config.getObject<Record<string, string>>("routerIdentifierRanges") ?? {}, routerAsns, allocations);

    const transitGateway = new ec2transitgateway.TransitGateway("shared-tgw", {
        amazonSideAsn: transitGatewayAsn,
        vpnEcmpSupport: "enable",
        description: "crosscloud shared transit gateway",
    }, { protect: true });

    const network = new compute.Network("shared-transit", {
        autoCreateSubnetworks: false,
        routingMode: "GLOBAL",
        mtu: 1500,
    }, { protect: true });

    const routers = Object.fromEntries(Object.entries(routerAsns).map(([region, asn]) => {
        const router = new compute.Router(`shared-router-${region}`, {
            network: network.id,
            region,
            bgp: {
                asn, advertiseMode: "CUSTOM", advertisedGroups: ["ALL_SUBNETS"], keepaliveInterval: 20,
                ...(identifierRanges[region] !== undefined && { identifierRange: identifierRanges[region] }),
            },
        });
        return [region, { name: router.name, asn }];
    }));

    return {
        transitGatewayId: transitGateway.id,
        transitGatewayAsn,
        awsRegion,
        network: network.selfLink,
        globalRouting: true,
        routers,
        environments: allocations,
    };
}

/** Environments share the Cloud Routers and the Transit Gateway, so each needs its own block and its own Direct Connect gateway ASN. */
function checkDistinct(environments: Record<string, EnvironmentConfig>, key: keyof EnvironmentConfig, what: string): void {
    const owners = new Map<number, string>();
    for (const [env, e] of Object.entries(environments)) {
        const owner = owners.get(e[key]);
        if (owner !== undefined) {
            fail({
                code: key === "block" ? ErrorCode.Conflict : ErrorCode.AsnCollision, field: `crosscloud:environments.${env}.${key}`, value: e[key],
                rule: `environment "${owner}" already uses ${key === "block" ? "block" : "ASN"} ${e[key]}; environments sharing the Cloud Routers and the Transit Gateway need their own ${what}`,
                fix: `Give each environment its own ${key === "block" ? "block index" : "private ASN"}.`,
            });
        }
        owners.set(e[key], env);
    }
}

/**
 * Each Cloud Router's BGP identifier range. Without one, Cloud Router takes its router ID from the
 * last-sorted address of its sessions, and may change it, restarting every session on the router,
 * when an environment adds or removes a session (Cloud Router, "Configure the BGP identifier range").
 * A range must be link-local, /30 or larger, its router's alone, and outside every environment's
 * block, so no session range ever overlaps it.
 */
function routerIdentifierRanges(given: Record<string, string>, routers: Record<string, number>, environments: Record<string, EnvironmentAllocation>): Record<string, string> {
    const seen: [string, Prefix][] = [];
    for (const [region, text] of Object.entries(given)) {
        const field = `crosscloud:routerIdentifierRanges.${region}`;
        if (!(region in routers)) {
            fail({ code: ErrorCode.InvalidArgument, field, value: text, rule: `names no Cloud Router: the shared layer has routers in ${Object.keys(routers).join(", ")}`, fix: "Give a range to one of those regions, or add the router." });
        }
        const range = Prefix.parse(text, field);
        if (!LINK_LOCAL.contains(range) || range.bits > 30) {
            fail({ code: ErrorCode.NotLinkLocal, field, value: text, rule: "must be a link-local range (169.254.0.0/16) of size /30 or larger", fix: "Use a /30 such as 169.254.0.248/30." });
        }
        const clash = seen.find(([, other]) => other.overlaps(range));
        if (clash) {
            fail({ code: ErrorCode.Overlap, field, value: text, rule: `overlaps router ${clash[0]}'s range ${clash[1]}; each Cloud Router needs its own router ID`, fix: "Give each router its own /30." });
        }
        for (const [env, e] of Object.entries(environments)) {
            if (Prefix.parse(e.linkLocalBlock, env).overlaps(range)) {
                fail({ code: ErrorCode.Overlap, field, value: text, rule: `lies in environment ${env}'s link-local block ${e.linkLocalBlock}, where its sessions are allocated`, fix: "Take the range from a block no environment uses." });
            }
        }
        seen.push([region, range]);
    }
    return given;
}

/** The environment's link-local block (or its IPv6 block), with an error that names the config key it came from. */
function blockOf(env: string, block: number, of: (index: number) => { toString(): string } = environmentBlock): string {
    try {
        return of(block).toString();
    } catch (e) {
        if (!(e instanceof CrossCloudError)) throw e;
        throw new CrossCloudError({ code: e.code, field: `crosscloud:environments.${env}.block`, value: e.value, rule: e.rule, fix: e.fix });
    }
}

/** What the last update exported, read back through a StackReference to this stack; empty before the first. */
async function lastExports(): Promise<Partial<SharedFacts>> {
    const self = new pulumi.StackReference("shared-ledger", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` });
    const read = async (key: string) => (await self.getOutputDetails(key)).value;
    const routers = await read("routers") as Record<string, { asn: number }> | undefined;
    return {
        routers: routers && Object.fromEntries(Object.entries(routers).map(([region, r]) => [region, r.asn])),
        environments: await read("environments") as Record<string, EnvironmentAllocation> | undefined,
        transitGatewayAsn: await read("transitGatewayAsn") as number | undefined,
        awsRegion: await read("awsRegion") as string | undefined,
    };
}

interface SharedFacts {
    routers: Record<string, number>;
    environments: Record<string, EnvironmentAllocation>;
    transitGatewayAsn: number;
    awsRegion: string;
}

/**
 * Refuses, before anything is declared, a change that would replace something environments are
 * built on, unless its id is in `allowed`. Adding a router or an environment is growth and passes.
 */
function checkGrowth(was: Partial<SharedFacts>, now: SharedFacts, allowed: string[]): void {
    const refuse = (id: string, field: string, value: unknown, what: string) => {
        if (allowed.includes(id)) return;
        fail({
            code: ErrorCode.ReplacementRefused, field, value, rule: `${what}`,
            fix: `Restore the deployed value; or, to make the change on purpose, add "${id}" to crosscloud:allowReplacement and plan again.`,
        });
    };
    for (const [region, asn] of Object.entries(was.routers ?? {})) {
        if (!(region in now.routers)) {
            refuse(`routers.${region}`, `crosscloud:routers.${region}`, undefined, `removes Cloud Router shared-router-${region}, which environments' tunnels and attachments in ${region} are on: each would be replaced`);
        } else if (now.routers[region] !== asn) {
            refuse(`routers.${region}`, `crosscloud:routers.${region}`, now.routers[region], `changes the ASN of shared-router-${region} from ${asn}: every customer gateway and transit VIF built with it is replaced (AWS fixes their BGP ASN)`);
        }
    }
    for (const [env, allocation] of Object.entries(was.environments ?? {})) {
        const current = now.environments[env];
        if (!current) {
            refuse(`environments.${env}`, `crosscloud:environments.${env}`, undefined, `removes environment ${env}, whose stack plans against its block and Direct Connect gateway ASN`);
        } else if (current.linkLocalBlock !== allocation.linkLocalBlock) {
            refuse(`environments.${env}`, `crosscloud:environments.${env}.block`, current.linkLocalBlock, `moves ${env}'s link-local block from ${allocation.linkLocalBlock} to ${current.linkLocalBlock}: every BGP session of ${env} would get new addresses, replacing its tunnels, attachments and VIFs`);
        } else if (allocation.linkLocalBlockIpv6 !== undefined && current.linkLocalBlockIpv6 !== allocation.linkLocalBlockIpv6) {
            refuse(`environments.${env}`, `crosscloud:environments.${env}.block`, current.linkLocalBlockIpv6, `moves ${env}'s IPv6 block from ${allocation.linkLocalBlockIpv6} to ${current.linkLocalBlockIpv6}: every IPv6 tunnel session of ${env} would get new addresses, replacing its IPv6 VPN connections`);
        } else if (current.directConnectGatewayAsn !== allocation.directConnectGatewayAsn) {
            refuse(`environments.${env}`, `crosscloud:environments.${env}.directConnectGatewayAsn`, current.directConnectGatewayAsn, `changes ${env}'s Direct Connect gateway ASN from ${allocation.directConnectGatewayAsn}: AWS fixes a gateway's ASN, so ${env}'s gateway and every transit VIF on it are replaced`);
        }
    }
    if (was.transitGatewayAsn !== undefined && was.transitGatewayAsn !== now.transitGatewayAsn) {
        refuse("transitGatewayAsn", "crosscloud:transitGatewayAsn", now.transitGatewayAsn, `changes the Transit Gateway's ASN from ${was.transitGatewayAsn}: AWS refuses a new ASN while VPN or Direct Connect gateway attachments exist (ModifyTransitGateway), so shared-tgw and every VPN connection and gateway association on it are replaced`);
    }
    if (was.awsRegion !== undefined && was.awsRegion !== now.awsRegion) {
        refuse("awsRegion", "aws:region", now.awsRegion, `moves the shared layer from ${was.awsRegion}: every AWS resource of every stack on it is replaced`);
    }
}
