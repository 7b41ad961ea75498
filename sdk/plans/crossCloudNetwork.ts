import { AddressFamily, familiesOf, familyText, StackType } from "../addressFamily";
import { AddressSpace } from "../allocation/addressSpace";
import { Bandwidth, PortSpeed, TunnelBandwidth } from "../bandwidth";
import { checkComponentName } from "../checks/names";
import { checkDisjointPrefixes, checkPrefixList } from "../checks/prefixes";
import { parseReserved, requiredId } from "../checks/values";
import { CrossCloudError, ErrorCode, fail } from "../errors";
import { checkBlock, checkBlockIpv6, IPV4_SESSIONS, IPV6_SESSIONS } from "../linkLocal";
import { Prefix } from "../prefix";
import { analyzeResilience, FailureCase, FamilyReport, ResilienceReport } from "../resilience";
import { bestTier, GroupSla, worstTier } from "../sla";
import { LinkKind, LinkRole, SlaTier, Topology, mergeTopologies } from "../topology";
import { DedicatedAttachmentInput, DedicatedInterconnectInput, DedicatedInterconnectPlan, DedicatedPortInput, planDedicatedInterconnect, SlaTarget } from "./dedicated";
import { HaVpnInput, HaVpnPlan, planHaVpn } from "./haVpn";
import { oneOf, optionalFlag } from "../checks/arguments";
import { InitiatedBy, KeyHandoff, ManagedInterconnectInput, ManagedInterconnectPlan, planManagedInterconnect } from "./managedInterconnect";

/**
 * CrossCloudNetwork: what an environment declares — a primary link, an optional HA VPN backup, the
 * prefixes each side advertises, and the bandwidth and SLA it needs. The planner derives each
 * child's arguments, plans them with their own planners, joins the topologies, and checks the
 * requirement with the resilience analysis before anything is declared.
 *
 * `Id` is the type of references to existing resources: `unknown` here, `pulumi.Input<string>` in
 * the component, so one mapping serves both.
 */

export interface NetworkRequirement {
    /** Gbps that must cross between the clouds. */
    bandwidthGbps: number;
    /** The SLA tier the shape must earn. */
    sla: SlaTier;
    /** The bandwidth must survive any single failure, region included (N-1). */
    survivesSingleFailure?: boolean;
    /**
     * The address families the requirement holds for: each must carry the bandwidth, earn the SLA
     * and, when asked, survive any single failure on its own. Default: every family the network carries.
     */
    families?: AddressFamily[];
}

export interface NetworkGoogleInput<Id> {
    network: Id;
    region: string;
    router?: Id;
    routerAsn: number;
    project?: Id;
    globalRouting?: boolean;
    routers?: Record<string, { router?: Id; routerAsn?: number }>;
}

export interface NetworkAwsInput<Id> {
    region: string;
    transitGatewayId?: Id;
    transitGatewayAsn: number;
    directConnectGatewayId?: Id;
    directConnectGatewayAsn?: number;
}

export interface ManagedLinkInput<Id> {
    bandwidth: string;
    initiatedBy?: InitiatedBy;
    keyHandoff?: KeyHandoff;
    activationKey?: Id;
    environmentId?: Id;
    remoteProfile?: string;
    /** The older spelling of the network's `stackType`; both may be given only when they agree. */
    stackType?: StackType;
}

export interface DedicatedLinkInput {
    sla?: SlaTarget;
    portSpeed: PortSpeed;
    linksPerPort?: number;
    ports: Record<string, DedicatedPortInput>;
    attachments: Record<string, DedicatedAttachmentInput>;
    /** Refused: MACsec is not offered on Cross-Cloud Interconnect (see the dedicated planner). */
    macsec?: unknown;
}

export interface VpnLinkInput {
    tunnelBandwidth?: TunnelBandwidth;
    slot?: number;
    insideCidrs?: string[];
    insideCidrsIpv6?: string[];
}

export interface PrimaryLinkInput<Id> {
    kind: LinkKind;
    managed?: ManagedLinkInput<Id>;
    dedicated?: DedicatedLinkInput;
    haVpn?: VpnLinkInput;
}

export interface CrossCloudNetworkInput<Id = unknown> {
    name: string;
    requirement: NetworkRequirement;
    google: NetworkGoogleInput<Id>;
    aws: NetworkAwsInput<Id>;
    /** Prefixes AWS advertises to Google and Google to AWS. */
    prefixes: { aws: string[]; google: string[] };
    primary: PrimaryLinkInput<Id>;
    backup?: VpnLinkInput;
    /** IPv4 only (default) or dual stack, for the primary and the backup alike. */
    stackType?: StackType;
    linkLocalBlock?: string;
    /** The IPv6 block of the HA VPNs' IPv6 tunnels (dual stack). */
    linkLocalBlockIpv6?: string;
    reservedPrefixes?: string[];
    production?: boolean;
}

/** The arguments of each child component, derived from the network's; `name` is the child's name. */
export interface ChildInputs<Id> {
    haVpn?: VpnChildInput<Id>;
    managed?: ManagedInterconnectInput & { activationKey?: Id; aws: { transitGatewayId?: Id; directConnectGatewayId?: Id; environmentId?: Id }; google: { network?: Id; hub?: Id; project?: Id } };
    dedicated?: DedicatedInterconnectInput & { google: NetworkGoogleInput<Id>; aws: NetworkAwsInput<Id> & { directConnectGatewayAsn: number } };
    backup?: VpnChildInput<Id>;
}

type VpnChildInput<Id> = HaVpnInput & { google: NetworkGoogleInput<Id>; aws: NetworkAwsInput<Id> & { vpnGatewayId?: Id } };

export interface CrossCloudNetworkPlan {
    primary: { kind: LinkKind; haVpn?: HaVpnPlan; managed?: ManagedInterconnectPlan; dedicated?: DedicatedInterconnectPlan };
    backup?: HaVpnPlan;
    topology: Topology;
    resilience: ResilienceReport;
    /** Whole Mbps between the clouds with every link up; with dual stack, the lower of the families' (each family rides its own sessions). */
    totalMbps: number;
    /** Whole Mbps left by the worst single failure (all of it when nothing can fail); with dual stack, the least any family keeps. */
    minSurvivingMbps: number;
    /** The SLA tier the shape earns; with dual stack, the lower of the families'. */
    slaTier: SlaTier;
}

/** Children are named after the network and their role. */
export const childNames = (name: string) => ({ primary: `${name}-primary`, backup: `${name}-backup` });

/** Derives each child component's arguments from the network's. Pure: references pass through untouched. */
export function childInputs<Id>(input: CrossCloudNetworkInput<Id>): ChildInputs<Id> {
    checkShapeOfArgs(input);
    const names = childNames(input.name);
    const { google, aws, prefixes } = input;
    const stackType = checkStackType(input);
    const dual = stackType === StackType.DualStack;
    const vpn = (name: string, role: LinkRole, link: VpnLinkInput) => ({
        name, role, google, aws,
        advertisedPrefixes: prefixes.google,
        stackType,
        linkLocalBlock: link.insideCidrs ? undefined : input.linkLocalBlock,
        linkLocalBlockIpv6: dual && !link.insideCidrsIpv6 ? input.linkLocalBlockIpv6 : undefined,
        reservedPrefixes: input.reservedPrefixes,
        tunnelBandwidth: link.tunnelBandwidth, slot: link.slot, insideCidrs: link.insideCidrs, insideCidrsIpv6: link.insideCidrsIpv6,
    });
    const primary = input.primary;
    const children: ChildInputs<Id> = {};
    if (primary.kind === LinkKind.HaVpn) children.haVpn = vpn(names.primary, LinkRole.Primary, primary.haVpn ?? {});
    if (primary.kind === LinkKind.Managed) {
        const m = primary.managed!;
        children.managed = {
            name: names.primary,
            bandwidth: m.bandwidth, initiatedBy: m.initiatedBy, keyHandoff: m.keyHandoff, activationKey: m.activationKey,
            advertisedPrefixes: prefixes.google,
            stackType,
            production: input.production,
            aws: {
                region: aws.region, transitGatewayId: aws.transitGatewayId, transitGatewayAsn: aws.transitGatewayAsn,
                directConnectGatewayId: aws.directConnectGatewayId, directConnectGatewayAsn: requireDxAsn(aws.directConnectGatewayAsn),
                allowedPrefixes: prefixes.aws, environmentId: m.environmentId,
            },
            google: {
                region: google.region, network: google.network, project: google.project,
                stackType: m.stackType, remoteProfile: m.remoteProfile,
            },
        };
    }
    if (primary.kind === LinkKind.Dedicated) {
        const d = primary.dedicated!;
        children.dedicated = {
            name: names.primary,
            sla: d.sla ?? dedicatedTarget(input.requirement.sla),
            portSpeed: d.portSpeed, linksPerPort: d.linksPerPort, ports: d.ports, attachments: d.attachments, macsec: d.macsec,
            google,
            aws: { ...aws, directConnectGatewayAsn: requireDxAsn(aws.directConnectGatewayAsn), allowedPrefixes: prefixes.aws },
            advertisedPrefixes: prefixes.google,
            linkLocalBlock: input.linkLocalBlock,
            reservedPrefixes: input.reservedPrefixes,
            production: input.production,
            role: LinkRole.Primary,
            stackType,
        };
    }
    if (input.backup) children.backup = vpn(names.backup, LinkRole.Backup, input.backup);
    return children;
}

/**
 * Plans the whole network and proves it meets its requirement, or throws a CrossCloudError. The
 * children's link-local sessions are placed in `space`, primary first, as the component declares them.
 */
export function planCrossCloudNetwork(input: CrossCloudNetworkInput, space = AddressSpace.empty()): CrossCloudNetworkPlan {
    const children = childInputs(input);
    checkInsideCidrsInBlock(input);
    const primary = {
        kind: input.primary.kind,
        haVpn: children.haVpn && asNetworkArgs(VPN_PATHS("primary.haVpn"), () => planHaVpn(children.haVpn!, space)),
        managed: children.managed && asNetworkArgs(MANAGED_PATHS, () => planManagedInterconnect(children.managed!, space)),
        dedicated: children.dedicated && asNetworkArgs(DEDICATED_PATHS, () => planDedicatedInterconnect(children.dedicated!, space)),
    };
    const backup = children.backup && asNetworkArgs(VPN_PATHS("backup"), () => planHaVpn(children.backup!, space));
    const parts = [primary.haVpn, primary.managed, primary.dedicated, backup].filter((p) => p !== undefined);
    const topology = mergeTopologies(...parts.map((p) => p.topology));
    const resilience = analyzeResilience(topology);
    checkRequirement(input.requirement, resilience, requiredFamilies(input));
    return { primary, backup, topology, resilience, ...familyFigures(resilience) };
}

/**
 * The figures a network reports. IPv4 traffic cannot ride IPv6 sessions nor the reverse, so with
 * dual stack what the network offers is what its weaker family has.
 */
function familyFigures(report: ResilienceReport): Pick<CrossCloudNetworkPlan, "totalMbps" | "minSurvivingMbps" | "slaTier"> {
    if (!report.byFamily) {
        return { totalMbps: report.totalMbps, minSurvivingMbps: report.worstCase?.survivingMbps ?? report.totalMbps, slaTier: report.sla.tier };
    }
    const kept = (f: FamilyReport) => f.worstCase?.families?.find((i) => i.family === f.family)?.survivingMbps ?? f.totalMbps;
    return {
        totalMbps: Math.min(...report.byFamily.map((f) => f.totalMbps)),
        minSurvivingMbps: Math.min(...report.byFamily.map(kept)),
        slaTier: report.sla.byFamily ? worstTier(report.sla.byFamily.map((f) => f.tier)) : report.sla.tier,
    };
}

function checkShapeOfArgs(input: CrossCloudNetworkInput<unknown>): void {
    checkComponentName(input.name, "primary");
    const kinds = Object.values(LinkKind) as string[];
    const primary = input.primary;
    if (typeof primary !== "object" || primary === null || !kinds.includes(primary.kind)) {
        fail({ code: ErrorCode.InvalidArgument, field: "primary.kind", value: primary?.kind, rule: `must be one of ${kinds.join(", ")}`, fix: 'Set primary.kind, e.g. "dedicated", and the matching block.' });
    }
    for (const side of ["google", "aws"] as const) {
        if (!isObject(input[side])) {
            fail({ code: ErrorCode.InvalidArgument, field: side, value: input[side], rule: "must be an object", fix: `Describe the ${side === "aws" ? "AWS" : "Google"} side: its region, gateway or router, and ASNs.` });
        }
    }
    // Every kind of primary lands in the VPC, and the backup's HA VPN gateway is in it.
    requiredId(input.google.network, "google.network", "the self link or id of the VPC network the links land in");
    const block = { [LinkKind.Managed]: "managed", [LinkKind.Dedicated]: "dedicated", [LinkKind.HaVpn]: "haVpn" } as const;
    for (const [kind, key] of Object.entries(block)) {
        // null is how YAML and JSON leave a block out.
        const given = primary[key] !== undefined && primary[key] !== null;
        if (given && !isObject(primary[key])) {
            fail({ code: ErrorCode.InvalidArgument, field: `primary.${key}`, value: primary[key], rule: "must be an object", fix: `Describe the ${kind} link in primary.${key}, or leave it out.` });
        }
        if (kind === primary.kind && !given && kind !== LinkKind.HaVpn) {
            fail({ code: ErrorCode.InvalidArgument, field: `primary.${key}`, value: undefined, rule: `is required when primary.kind is "${kind}"`, fix: `Describe the ${kind} link in primary.${key}.` });
        }
        if (kind !== primary.kind && given) {
            fail({ code: ErrorCode.Conflict, field: `primary.${key}`, value: "(set)", rule: `does not apply when primary.kind is "${primary.kind}"`, fix: `Remove primary.${key}, or set primary.kind to "${kind}".` });
        }
    }
    if (typeof input.prefixes !== "object" || input.prefixes === null) {
        fail({ code: ErrorCode.InvalidArgument, field: "prefixes", value: input.prefixes, rule: "is required", fix: 'Give the prefixes each side advertises: { aws: ["10.0.0.0/16"], google: ["10.100.0.0/16"] }.' });
    }
    const r = input.requirement;
    if (typeof r !== "object" || r === null || typeof r.bandwidthGbps !== "number" || !Number.isFinite(r.bandwidthGbps) || r.bandwidthGbps <= 0) {
        fail({ code: ErrorCode.InvalidArgument, field: "requirement.bandwidthGbps", value: r?.bandwidthGbps, rule: "must be a positive number of Gbps", fix: "State the bandwidth the environment needs, e.g. 10." });
    }
    oneOf(r.sla, SlaTier, "requirement.sla");
    optionalFlag(r.survivesSingleFailure, "requirement.survivesSingleFailure", "Leave it out (true) or write false without quotes.");
    if (input.backup !== undefined && input.backup !== null && !isObject(input.backup)) {
        fail({ code: ErrorCode.InvalidArgument, field: "backup", value: input.backup, rule: "must be an object", fix: 'Describe the backup HA VPN, e.g. { tunnelBandwidth: "large" }, or leave it out.' });
    }
    optionalFlag(input.production, "production", "Set production: true to protect ports, LAGs and managed connections from deletion.");
    if (input.linkLocalBlock !== undefined) checkBlock(Prefix.parse(input.linkLocalBlock, "linkLocalBlock", AddressFamily.Ipv4, IPV4_SESSIONS), "linkLocalBlock");
    const stackType = checkStackType(input);
    if (input.linkLocalBlockIpv6 !== undefined) {
        if (stackType !== StackType.DualStack) {
            fail({ code: ErrorCode.Conflict, field: "linkLocalBlockIpv6", value: input.linkLocalBlockIpv6, rule: "addresses IPv6 tunnels, and the network carries IPv4 only", fix: `Set stackType to "${StackType.DualStack}", or remove linkLocalBlockIpv6.` });
        }
        checkBlockIpv6(Prefix.parse(input.linkLocalBlockIpv6, "linkLocalBlockIpv6", AddressFamily.Ipv6, IPV6_SESSIONS), "linkLocalBlockIpv6");
    }
    if (input.reservedPrefixes !== undefined) parseReserved(input.reservedPrefixes);
    requiredFamilies(input);
    // An HA VPN carries what the Transit Gateway's route table holds, so no child reads prefixes.aws: check it here.
    if (primary.kind === LinkKind.HaVpn) {
        const rules = { families: familiesOf(stackType), familyFix: `Set stackType to "${StackType.DualStack}" (dual stack), or drop the IPv6 prefix.` };
        const aws = checkPrefixList(input.prefixes.aws, "prefixes.aws", rules);
        const google = checkPrefixList(input.prefixes.google, "prefixes.google", rules);
        checkDisjointPrefixes({ prefixes: aws, texts: input.prefixes.aws, field: "prefixes.aws" }, { prefixes: google, texts: input.prefixes.google, field: "prefixes.google" });
    }
    if (input.primary.kind === LinkKind.HaVpn && input.backup) {
        fail({ code: ErrorCode.Conflict, field: "backup", value: "(set)", rule: "an HA VPN backs up an interconnect; a second HA VPN behind an HA VPN shares its failure domains", fix: "Remove backup, or make the primary an interconnect." });
    }
}

/** The network's stack type, with `primary.managed.stackType`, its older spelling for a managed primary, in agreement. */
function checkStackType(input: CrossCloudNetworkInput<unknown>): StackType {
    const given = input.stackType === undefined ? undefined : oneOf(input.stackType, StackType, "stackType");
    const older = input.primary.managed?.stackType === undefined ? undefined : oneOf(input.primary.managed.stackType, StackType, "primary.managed.stackType");
    if (given !== undefined && older !== undefined && given !== older) {
        fail({ code: ErrorCode.Conflict, field: "primary.managed.stackType", value: older, rule: `says ${older}, and stackType says ${given}; it is the older spelling of the network's stackType`, fix: "Keep stackType alone." });
    }
    return given ?? older ?? StackType.Ipv4Only;
}

/** The families the requirement holds for: those it names, each one the network carries; else every family it carries. */
function requiredFamilies(input: CrossCloudNetworkInput<unknown>): AddressFamily[] {
    const carried = familiesOf(checkStackType(input));
    const named = input.requirement.families;
    if (named === undefined) return carried;
    if (!Array.isArray(named) || named.length === 0) {
        fail({ code: ErrorCode.InvalidArgument, field: "requirement.families", value: named, rule: `must list one or more of ${Object.values(AddressFamily).join(", ")}`, fix: "Leave it out to hold the requirement for every family the network carries." });
    }
    named.forEach((f, i) => {
        oneOf(f, AddressFamily, `requirement.families[${i}]`);
        if (!carried.includes(f)) {
            fail({
                code: ErrorCode.Conflict, field: `requirement.families[${i}]`, value: f,
                rule: `names ${familyText(f)}, and the network carries ${carried.map(familyText).join(" and ")} only`,
                fix: `Set stackType to "${StackType.DualStack}", or drop ${f} from the requirement.`,
            });
        }
    });
    return [...new Set(named)];
}

function requireDxAsn(asn: number | undefined): number {
    if (asn === undefined) {
        fail({ code: ErrorCode.InvalidArgument, field: "aws.directConnectGatewayAsn", value: asn, rule: "is required for an interconnect", fix: "Give the Direct Connect gateway a private ASN different from the Transit Gateway's, e.g. 64601." });
    }
    return asn;
}

/** A dedicated primary aims for the network's tier; with no SLA asked, the cheapest shape with one. */
function dedicatedTarget(sla: SlaTier): SlaTarget {
    return sla === SlaTier.FourNines ? SlaTarget.FourNines : SlaTarget.ThreeNines;
}

/**
 * A child planner does not see the block when it is given insideCidrs, so the network checks them
 * against it: environments sharing a Cloud Router stay apart only if each keeps to its own block.
 */
function checkInsideCidrsInBlock(input: CrossCloudNetworkInput): void {
    checkInsideCidrsIpv6InBlock(input);
    if (input.linkLocalBlock === undefined) return;
    const block = Prefix.parse(input.linkLocalBlock, "linkLocalBlock", AddressFamily.Ipv4, IPV4_SESSIONS);
    const given = [["primary.haVpn.insideCidrs", input.primary.haVpn?.insideCidrs], ["backup.insideCidrs", input.backup?.insideCidrs]] as const;
    for (const [field, cidrs] of given) {
        // The child planner says what is wrong with a list that is not one.
        (Array.isArray(cidrs) ? cidrs : []).forEach((text, i) => {
            if (!block.contains(Prefix.parse(text, `${field}[${i}]`, AddressFamily.Ipv4, IPV4_SESSIONS))) {
                fail({
                    code: ErrorCode.Conflict, field: `${field}[${i}]`, value: text,
                    rule: `is outside the environment's link-local block ${block}, so it may collide with another environment on the same Cloud Router`,
                    fix: "Pick /30s inside linkLocalBlock, or leave insideCidrs out and let crosscloud allocate them there.",
                });
            }
        });
    }
}

/** The IPv6 tunnels written by hand keep to the network's IPv6 block, as the IPv4 ones keep to its block. */
function checkInsideCidrsIpv6InBlock(input: CrossCloudNetworkInput): void {
    if (input.linkLocalBlockIpv6 === undefined) return;
    const block = Prefix.parse(input.linkLocalBlockIpv6, "linkLocalBlockIpv6", AddressFamily.Ipv6, IPV6_SESSIONS);
    const given = [["primary.haVpn.insideCidrsIpv6", input.primary.haVpn?.insideCidrsIpv6], ["backup.insideCidrsIpv6", input.backup?.insideCidrsIpv6]] as const;
    for (const [field, cidrs] of given) {
        (Array.isArray(cidrs) ? cidrs : []).forEach((text, i) => {
            if (!block.contains(Prefix.parse(text, `${field}[${i}]`, AddressFamily.Ipv6, IPV6_SESSIONS))) {
                fail({
                    code: ErrorCode.Conflict, field: `${field}[${i}]`, value: text,
                    rule: `is outside the environment's IPv6 block ${block}, so it may collide with another environment in the same VPC`,
                    fix: "Pick /126s inside linkLocalBlockIpv6, or leave insideCidrsIpv6 out and let crosscloud allocate them there.",
                });
            }
        });
    }
}

/**
 * Checks the requirement for each family it holds for. With IPv4 alone the topology's totals are
 * the family's; with more, each family is judged on the links that carry it: a backup HA VPN's IPv6
 * tunnels, say, carry IPv6 only, and losing all of a family's links cuts that family.
 */
function checkRequirement(requirement: NetworkRequirement, report: ResilienceReport, families: AddressFamily[]): void {
    const { bandwidthGbps, sla } = requirement;
    const required = Bandwidth.fromGbps(bandwidthGbps).mbps;
    const short = (mbps: number) => mbps < required;
    const perFamily = report.byFamily !== undefined;
    for (const family of families) {
        const named = perFamily ? ` for ${familyText(family)}` : "";
        const fam = report.byFamily?.find((f) => f.family === family);
        const slaOf = report.sla.byFamily?.find((f) => f.family === family);
        const tier = slaOf?.tier ?? report.sla.tier;
        const groups: GroupSla[] = slaOf?.groups ?? report.sla.groups;
        if (bestTier([tier, sla]) !== tier) {
            const reasons = groups.flatMap((g) => g.missing.map((m) => `${g.group}: ${m}`)).join("; ");
            fail({
                code: ErrorCode.ShapeBelowSla, field: "requirement.sla", value: sla,
                rule: `the planned shape earns ${tier === SlaTier.None ? "no SLA" : `${tier}%`}${named} end to end (the lower of what Google and AWS each grant)${reasons ? `: ${reasons}` : ""}`,
                fix: "Change the primary link's shape (more ports, metros or tunnels) or lower the requirement.",
            });
        }
        // With every link up traffic takes the primary only, so a backup does not count here; after a failure it does.
        const primaryMbps = fam?.totalPrimaryMbps ?? report.totalPrimaryMbps;
        if (short(primaryMbps)) {
            fail({
                code: ErrorCode.InsufficientBandwidth, field: "requirement.bandwidthGbps", value: bandwidthGbps,
                rule: `the primary link carries ${Bandwidth.fromMbps(primaryMbps)}${named}`,
                fix: "Add attachments or bandwidth to the primary link, or lower the requirement.",
            });
        }
        if (requirement.survivesSingleFailure === false) continue;
        const left = (f: FailureCase) => f.families?.find((i) => i.family === family)?.survivingMbps ?? f.survivingMbps;
        const failing = report.failures.filter((f) => short(left(f)));
        if (failing.length > 0) {
            const worst = failing.reduce((a, b) => (left(b) < left(a) ? b : a));
            fail({
                code: ErrorCode.InsufficientBandwidth, field: "requirement.survivesSingleFailure", value: true,
                rule: `after ${describe(worst)} fails only ${Bandwidth.fromMbps(left(worst))} of the required ${bandwidthGbps} Gbps survive${named} (${failing.length} single failure${failing.length === 1 ? "" : "s"} fall short)`,
                fix: "Add capacity in another failure domain (a port in another metro, a backup VPN), or set survivesSingleFailure: false.",
            });
        }
    }
}

function isObject(value: unknown): value is object {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Child planners name fields by their own arguments; the user wrote the network's. Each map turns a
 * child's argument path into the network's (`attachments["a"].bandwidth` →
 * `primary.dedicated.attachments["a"].bandwidth`); paths both share (`google.routerAsn`) stay.
 */
type ArgumentPaths = Record<string, string>;

const VPN_PATHS = (at: string): ArgumentPaths => ({
    // The HA VPN planner names its link-local request by its root (""): a slot collision is ".slot".
    "": at,
    tunnelBandwidth: `${at}.tunnelBandwidth`, slot: `${at}.slot`, insideCidrs: `${at}.insideCidrs`, insideCidrsIpv6: `${at}.insideCidrsIpv6`, advertisedPrefixes: "prefixes.google",
});
const MANAGED_PATHS: ArgumentPaths = {
    bandwidth: "primary.managed.bandwidth", initiatedBy: "primary.managed.initiatedBy", keyHandoff: "primary.managed.keyHandoff",
    activationKey: "primary.managed.activationKey", "aws.environmentId": "primary.managed.environmentId",
    "google.stackType": "primary.managed.stackType", "google.remoteProfile": "primary.managed.remoteProfile",
    advertisedPrefixes: "prefixes.google", "aws.allowedPrefixes": "prefixes.aws",
};
const DEDICATED_PATHS: ArgumentPaths = {
    sla: "primary.dedicated.sla", portSpeed: "primary.dedicated.portSpeed", linksPerPort: "primary.dedicated.linksPerPort",
    ports: "primary.dedicated.ports", attachments: "primary.dedicated.attachments", macsec: "primary.dedicated.macsec",
    advertisedPrefixes: "prefixes.google", "aws.allowedPrefixes": "prefixes.aws",
};

function asNetworkArgs<T>(paths: ArgumentPaths, plan: () => T): T {
    try {
        return plan();
    } catch (e) {
        if (!(e instanceof CrossCloudError)) throw e;
        const from = Object.keys(paths).find((p) => e.field === p || e.field.startsWith(`${p}[`) || e.field.startsWith(`${p}.`));
        if (from === undefined) throw e;
        throw new CrossCloudError({ code: e.code, field: paths[from] + e.field.slice(from.length), value: e.value, rule: e.rule, fix: e.fix });
    }
}

function describe(failure: FailureCase): string {
    return `${failure.kind} ${failure.id}`;
}
