/**
 * Plans a managed interconnect (AWS Interconnect – multicloud ⇄ Google Partner Cross-Cloud
 * Interconnect): checks every argument, and returns the plain values the component declares and
 * the topology it exports. Nothing here knows about Pulumi; ids of existing resources are only
 * checked for presence, since their values may not be known yet.
 */
import { familiesOf, StackType } from "../addressFamily";
import { AddressSpace, LinkFact } from "../allocation/addressSpace";
import { parseAsn } from "../asn";
import { checkTier, MANAGED_BANDWIDTHS } from "../bandwidth";
import { checkComponentName } from "../checks/names";
import { checkDisjointPrefixes, checkPrefixList } from "../checks/prefixes";
import { awsRegion as checkAwsRegion, googleRegion as checkGoogleRegion } from "../checks/regions";
import { optionalId } from "../checks/values";
import { ErrorCode, fail } from "../errors";
import { remoteProfileFor, RemoteProfile } from "../profiles";
import { DX_ALLOWED_IPV6_LONGEST, DX_GATEWAY_PREFIX_LIMIT, MANAGED_ROUTE_LIMIT } from "../routes";
import { Cloud, EndpointKind, LinkKind, LinkRole, SlaTier, Topology } from "../topology";
import { oneOf, optionalFlag, requireObject } from "../checks/arguments";
import { managedNames } from "./names";

/** Which cloud creates the connection and issues the activation key the other accepts. */
export enum InitiatedBy {
    /** The Transport generates the key and the AWS connection accepts it: one declarative `pulumi up`. */
    Google = "google",
    /** The AWS connection is created in an Interconnect environment and the Transport accepts its key. */
    Aws = "aws",
}

/** How an AWS-issued activation key reaches the Transport. */
export enum KeyHandoff {
    /** The Transport reads the key from the AWS connection's `activationKey` output. */
    Automatic = "automatic",
    /**
     * Two `pulumi up`s, for when the provider does not return the key: the first declares only the
     * AWS half; the user stores its key as a secret config value and passes it as `activationKey`;
     * the second declares the Transport.
     */
    Manual = "manual",
}

export { StackType };

export interface ManagedInterconnectInput {
    /** The component's name: the link group's id and the stem of every id in the topology. */
    name: string;
    bandwidth: string;
    initiatedBy?: InitiatedBy;
    keyHandoff?: KeyHandoff;
    /** Only its presence is read: the key is a secret that may not be known at plan time. */
    activationKey?: unknown;
    /** Prefixes Google advertises to AWS (`Transport.advertisedRoutes`). */
    advertisedPrefixes: string[];
    /** IPv4 only (default) or dual stack: the Transport's `stackType`. */
    stackType?: StackType;
    production?: boolean;
    aws: {
        region: string;
        transitGatewayAsn: number;
        directConnectGatewayAsn: number;
        allowedPrefixes: string[];
        /** Only its presence and type are read. */
        environmentId?: unknown;
        /** Only its presence and type are read. */
        transitGatewayId?: unknown;
        /** Only its presence and type are read. */
        directConnectGatewayId?: unknown;
    };
    google: {
        region: string;
        /** Only its presence is read. */
        network?: unknown;
        /** Only its presence is read. */
        hub?: unknown;
        /** Only its type is read. */
        project?: unknown;
        /** The older spelling of `stackType`; both may be given only when they agree. */
        stackType?: StackType;
        remoteProfile?: string;
    };
}

export interface ManagedInterconnectPlan {
    initiatedBy: InitiatedBy;
    keyHandoff: KeyHandoff;
    /** False only in the first step of a manual key handoff, while the Transport waits for the key. */
    declaresTransport: boolean;
    /** The one bandwidth in each side's spelling. Only the initiating half states it; the key carries it to the other. */
    bandwidth: { aws: string; google: string };
    remoteProfile: RemoteProfile;
    stackType: StackType;
    /** Canonical prefixes Google advertises to AWS (`Transport.advertisedRoutes`). */
    advertisedPrefixes: string[];
    /** Canonical prefixes AWS advertises to Google (the gateway association's `allowedPrefixes`). */
    allowedPrefixes: string[];
    transitGatewayAsn: number;
    directConnectGatewayAsn: number;
    production: boolean;
    /** Things to check that do not stop the plan. */
    warnings: string[];
    /** What the user must do before the link can come up, when it cannot in this run. */
    nextStep?: string;
    /**
     * For a Transport that lands in a VPC: the peering back to the Transport's network waits for
     * Google to report that network, so it may come one update after the Transport.
     */
    peeringStep?: string;
    topology: Topology;
}

const PRODUCT = "AWS Interconnect – multicloud ⇄ Partner Cross-Cloud Interconnect";

/** The longest role among the Google children a managed interconnect names after itself. */
const LONGEST_GOOGLE_ROLE = "transport";

/**
 * Plans a managed interconnect. Google runs its BGP, so it takes no link-local addresses; it is
 * recorded in `space` for the facts whose change would replace it.
 */
export function planManagedInterconnect(input: ManagedInterconnectInput, space = AddressSpace.empty()): ManagedInterconnectPlan {
    checkComponentName(input.name, LONGEST_GOOGLE_ROLE);
    const aws = requireObject(input.aws, "aws");
    const google = requireObject(input.google, "google");
    const awsRegion = checkAwsRegion(aws.region, "aws.region");
    const googleRegion = checkGoogleRegion(google.region, "google.region");
    optionalId(input.activationKey, "activationKey", "the activation key AWS issued");
    optionalId(aws.environmentId, "aws.environmentId", "an AWS Interconnect environment id");
    optionalId(aws.transitGatewayId, "aws.transitGatewayId", "the id of an existing Transit Gateway");
    optionalId(aws.directConnectGatewayId, "aws.directConnectGatewayId", "the id of an existing Direct Connect gateway");
    optionalId(google.network, "google.network", "the self link of a VPC network");
    optionalId(google.hub, "google.hub", "the id of an NCC hub");
    optionalId(google.project, "google.project", "a Google project id");

    const initiatedBy = oneOf(input.initiatedBy ?? InitiatedBy.Google, InitiatedBy, "initiatedBy");
    const keyHandoff = oneOf(input.keyHandoff ?? KeyHandoff.Automatic, KeyHandoff, "keyHandoff");
    checkInitiation(input, initiatedBy, keyHandoff);
    const production = optionalFlag(input.production, "production", "Set production: true to protect both halves from deletion.");

    const bandwidth = checkTier(input.bandwidth, "bandwidth", MANAGED_BANDWIDTHS, PRODUCT);
    const remoteProfile = remoteProfileFor(awsRegion, googleRegion, google.remoteProfile, { aws: "aws.region", google: "google.region", profile: "google.remoteProfile" });

    const transitGatewayAsn = parseAsn(aws.transitGatewayAsn, "aws.transitGatewayAsn");
    const directConnectGatewayAsn = parseAsn(aws.directConnectGatewayAsn, "aws.directConnectGatewayAsn");
    // checkAsnPlan also compares against a Cloud Router's ASN, and this link has none: Google runs its BGP.
    if (directConnectGatewayAsn === transitGatewayAsn) {
        fail({
            code: ErrorCode.AsnCollision, field: "aws.directConnectGatewayAsn", value: directConnectGatewayAsn,
            rule: "equals the Transit Gateway's ASN (aws.transitGatewayAsn); AWS rejects the gateway association",
            fix: "Give the Direct Connect gateway its own private ASN.",
        });
    }

    const googleLanding = landing(google);
    const stackType = managedStackType(input);
    const families = familiesOf(stackType);
    const familyFix = `Set stackType to "${StackType.DualStack}" (dual stack), or drop the IPv6 prefix.`;
    // Google advertises each family's routes to AWS on their own (1,000 of each); AWS's association
    // allows 200 prefixes in all, IPv6 ones /64 or shorter.
    const googleRoutes = checkPrefixList(input.advertisedPrefixes, "advertisedPrefixes", {
        families, familyFix, limit: { max: MANAGED_ROUTE_LIMIT, product: "A managed interconnect", perFamily: true },
    });
    const awsRoutes = checkPrefixList(aws.allowedPrefixes, "aws.allowedPrefixes", {
        families, familyFix, limit: { max: DX_GATEWAY_PREFIX_LIMIT, product: "A Direct Connect gateway association" }, longestIpv6: DX_ALLOWED_IPV6_LONGEST,
    });
    checkDisjointPrefixes(
        { prefixes: awsRoutes, texts: aws.allowedPrefixes, field: "aws.allowedPrefixes" },
        { prefixes: googleRoutes, texts: input.advertisedPrefixes, field: "advertisedPrefixes" },
    );
    const advertisedPrefixes = googleRoutes.map(String);
    const allowedPrefixes = awsRoutes.map(String);
    space.hold({ key: input.name, field: "", facts: linkFacts(input, { awsRegion, googleRegion, transitGatewayAsn, directConnectGatewayAsn, stackType }) });

    const declaresTransport = !(initiatedBy === InitiatedBy.Aws && keyHandoff === KeyHandoff.Manual && input.activationKey === undefined);
    const names = managedNames(input.name);
    const ids = {
        group: input.name,
        connection: names.connection,
        dxGateway: names.dxGateway,
        google: `${input.name}-${googleLanding}`,
    };
    return {
        initiatedBy,
        keyHandoff,
        declaresTransport,
        bandwidth: { aws: bandwidth.toAws(), google: bandwidth.toGcp() },
        remoteProfile,
        stackType,
        advertisedPrefixes,
        allowedPrefixes,
        transitGatewayAsn,
        directConnectGatewayAsn,
        production,
        warnings: remoteProfile.confirmed ? [] : [
            `remote transport profile "${remoteProfile.name}" follows Google's naming pattern but is not confirmed; ` +
            `check it against Google's profile list for ${googleRegion} and set google.remoteProfile to pin it`,
        ],
        ...(!declaresTransport && { nextStep: manualHandoffSteps(ids.connection) }),
        ...(googleLanding === "network" && {
            peeringStep: `The VPC peering ${names.peering} is declared once Google reports the Transport's peering network (${names.transport}.peeringNetwork), ` +
                "which it fills in as it configures the Transport: if this update did not declare it, the next pulumi up does; routes reach the VPC after that.",
        }),
        topology: {
            endpoints: [
                { id: ids.dxGateway, cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway, asn: directConnectGatewayAsn },
                { id: ids.google, cloud: Cloud.Gcp, kind: EndpointKind.Network, region: googleRegion },
            ],
            // AWS states 99.99% for the service; no profile in the table is known to be HIGH (99.9%).
            groups: [{ id: ids.group, kind: LinkKind.Managed, role: LinkRole.Primary, profileSla: SlaTier.FourNines }],
            links: [{
                id: ids.connection,
                group: ids.group,
                kind: LinkKind.Managed,
                role: LinkRole.Primary,
                aws: ids.dxGateway,
                gcp: ids.google,
                mbps: bandwidth.mbps,
                ...(stackType === StackType.DualStack && { families }),
                domains: { managedConnection: ids.connection, region: googleRegion },
            }],
            // Google and AWS run BGP on a managed link; there is no customer session to record.
            sessions: [],
            prefixes: { aws: allowedPrefixes, gcp: advertisedPrefixes },
        },
    };
}

/**
 * The key a Transport accepts in the automatic handoff. The connection's `activationKey` output is
 * optional in the provider's schema; an empty one would leave the Transport without a key, so it
 * fails with the way out instead.
 */
export function requireActivationKey(key: string | undefined, connection: string): string {
    if (!key) {
        fail({
            code: ErrorCode.InvalidArgument, field: "keyHandoff", value: KeyHandoff.Automatic,
            rule: `the AWS connection ${connection} did not return an activation key for the Transport to accept`,
            fix: `Set keyHandoff: "${KeyHandoff.Manual}" and follow its two steps.`,
        });
    }
    return key;
}

function manualHandoffSteps(connection: string): string {
    return `Step 1 of 2: only the AWS half (${connection}) is declared; the Google Transport waits for its activation key. ` +
        "Once this update has created the connection, copy its activation key from the AWS Interconnect console, " +
        "store it as a secret (pulumi config set --secret <key name> <activation key>), pass it as activationKey " +
        "(config.requireSecret(\"<key name>\")) and run pulumi up again.";
}

function checkInitiation(input: ManagedInterconnectInput, initiatedBy: InitiatedBy, keyHandoff: KeyHandoff): void {
    const environmentGiven = input.aws.environmentId !== undefined;
    const keyGiven = input.activationKey !== undefined;
    if (initiatedBy === InitiatedBy.Google) {
        const awsOnly = ([
            ["aws.environmentId", environmentGiven],
            ["activationKey", keyGiven],
            ["keyHandoff", keyHandoff === KeyHandoff.Manual],
        ] as const).find(([, given]) => given)?.[0];
        if (awsOnly) {
            fail({
                code: ErrorCode.Conflict, field: awsOnly, value: awsOnly === "keyHandoff" ? keyHandoff : "(set)",
                rule: "applies only when AWS initiates the connection; Google's Transport generates the key here",
                fix: `Remove ${awsOnly}, or set initiatedBy: "${InitiatedBy.Aws}".`,
            });
        }
        return;
    }
    if (!environmentGiven) {
        fail({
            code: ErrorCode.InvalidArgument, field: "aws.environmentId", value: undefined,
            rule: "an AWS-initiated connection is created in an AWS Interconnect environment (Google, at a location)",
            fix: "Set aws.environmentId to the environment listed in the AWS Interconnect console for your region, or let Google initiate.",
        });
    }
    if (keyGiven && keyHandoff === KeyHandoff.Automatic) {
        fail({
            code: ErrorCode.Conflict, field: "activationKey", value: "(set)",
            rule: "with the automatic key handoff the Transport reads the key from the AWS connection",
            fix: `Remove activationKey, or set keyHandoff: "${KeyHandoff.Manual}".`,
        });
    }
}

/** Where the Transport lands: peered with a VPC, or attached to an NCC hub. Exactly one. */
function landing(google: ManagedInterconnectInput["google"]): "network" | "hub" {
    const network = google.network !== undefined;
    if (network === (google.hub !== undefined)) {
        fail({
            code: ErrorCode.InvalidArgument, field: "google.network", value: network ? "(set, with google.hub)" : undefined,
            rule: "the Transport lands in exactly one place: a VPC network to peer with, or an NCC hub",
            fix: "Set either google.network or google.hub.",
        });
    }
    return network ? "network" : "hub";
}

/**
 * The link's stack type: `stackType`, or its older spelling `google.stackType`. The Transport's
 * stack type is set when it is created (its update takes only its description and advertised
 * routes), and AWS's half, which has no setting of its own, carries what the Transport does.
 */
function managedStackType(input: ManagedInterconnectInput): StackType {
    const given = input.stackType === undefined ? undefined : oneOf(input.stackType, StackType, "stackType");
    const older = input.google.stackType === undefined ? undefined : oneOf(input.google.stackType, StackType, "google.stackType");
    if (given !== undefined && older !== undefined && given !== older) {
        fail({
            code: ErrorCode.Conflict, field: "google.stackType", value: older,
            rule: `says ${older}, and stackType says ${given}; google.stackType is the older spelling of stackType`,
            fix: "Keep stackType alone.",
        });
    }
    return given ?? older ?? StackType.Ipv4Only;
}

/** What the halves are built with that a change would replace them for. */
function linkFacts(
    input: ManagedInterconnectInput,
    v: { awsRegion: string; googleRegion: string; transitGatewayAsn: number; directConnectGatewayAsn: number; stackType: StackType },
): LinkFact[] {
    const { name } = input;
    const facts: LinkFact[] = [
        { name: "awsRegion", value: v.awsRegion, field: "aws.region", replaces: `every AWS resource of ${name}` },
        { name: "googleRegion", value: v.googleRegion, field: "google.region", replaces: `the Transport ${name}-transport and the AWS connection paired with it` },
    ];
    // The Transport takes its stack type at creation only (its patch updates description and advertisedRoutes).
    facts.push({ name: "stackType", value: v.stackType, field: "stackType", unrecorded: StackType.Ipv4Only, replaces: `the Transport ${name}-transport and the AWS connection paired with it` });
    // A gateway the component creates is replaced with its ASN: UpdateDirectConnectGateway renames a gateway only, and
    // ModifyTransitGateway refuses a new Amazon-side ASN while Direct Connect gateway or VPN attachments exist.
    if (input.aws.directConnectGatewayId === undefined) {
        facts.push({ name: "directConnectGatewayAsn", value: v.directConnectGatewayAsn, field: "aws.directConnectGatewayAsn", replaces: `the Direct Connect gateway ${name}-dx-gateway and the AWS connection attached to it` });
    }
    if (input.aws.transitGatewayId === undefined) {
        facts.push({ name: "transitGatewayAsn", value: v.transitGatewayAsn, field: "aws.transitGatewayAsn", replaces: `the Transit Gateway ${name}-transit-gateway and its association` });
    }
    return facts;
}
