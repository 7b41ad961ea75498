/**
 * Plans a managed interconnect (AWS Interconnect – multicloud ⇄ Google Partner Cross-Cloud
 * Interconnect): checks every argument, and returns the plain values the component declares and
 * the topology it exports. Nothing here knows about Pulumi; ids of existing resources are only
 * checked for presence, since their values may not be known yet.
 */
import * as ipaddr from "ipaddr.js";
import { AddressSpace, LinkFact } from "../allocation/addressSpace";
import { parseAsn } from "../asn";
import { checkTier, MANAGED_BANDWIDTHS } from "../bandwidth";
import { checkComponentName } from "../checks/names";
import { firstOverlapBetween, Span } from "../checks/overlaps";
import { awsRegion as checkAwsRegion, googleRegion as checkGoogleRegion } from "../checks/regions";
import { optionalId } from "../checks/values";
import { ErrorCode, fail } from "../errors";
import { Prefix } from "../prefix";
import { remoteProfileFor, RemoteProfile } from "../profiles";
import { DX_GATEWAY_PREFIX_LIMIT, MANAGED_ROUTE_LIMIT } from "../routes";
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

/** IP versions carried over the link (Google `stackType`). */
export enum StackType {
    Ipv4Only = "IPV4_ONLY",
    DualStack = "IPV4_IPV6",
}

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
    const stackType = oneOf(google.stackType ?? StackType.Ipv4Only, StackType, "google.stackType");
    const googleRoutes = checkRoutes(input.advertisedPrefixes, "advertisedPrefixes", stackType, MANAGED_ROUTE_LIMIT, "A managed interconnect");
    const awsRoutes = checkRoutes(aws.allowedPrefixes, "aws.allowedPrefixes", stackType, DX_GATEWAY_PREFIX_LIMIT, "A Direct Connect gateway association");
    checkDisjoint(awsRoutes, googleRoutes);
    const advertisedPrefixes = googleRoutes.map((r) => r.text);
    const allowedPrefixes = awsRoutes.map((r) => r.text);
    space.hold({ key: input.name, field: "", facts: linkFacts(input, { awsRegion, googleRegion, transitGatewayAsn, directConnectGatewayAsn }) });

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

/** A prefix of either family, canonical, with the argument path it came from. */
interface Route {
    field: string;
    text: string;
    family: 4 | 6;
    network: bigint;
    bits: number;
}

/**
 * Checks a list of IPv4 and (with dual stack) IPv6 prefixes: at least one, each canonical, none
 * overlapping, no more than the product takes. IPv4 follows the sdk's Prefix rules; `checkPrefixList`
 * is IPv4-only, and dual stack needs both families.
 */
function checkRoutes(values: unknown, field: string, stackType: StackType, max: number, product: string): Route[] {
    if (!Array.isArray(values) || values.length === 0) {
        fail({ code: ErrorCode.InvalidArgument, field, value: values, rule: "must list at least one prefix", fix: 'List the CIDRs this side advertises, e.g. ["10.20.0.0/16"].' });
    }
    // Counted before anything else, so a list far past the limit costs nothing to refuse.
    if (values.length > max) {
        fail({
            code: ErrorCode.TooManyPrefixes, field, value: values.length,
            rule: `${product} accepts at most ${max} prefixes`,
            fix: "Summarise the prefixes into fewer, larger ranges.",
        });
    }
    const routes = values.map((v, i) => parseRoute(v, `${field}[${i}]`, stackType));
    checkNoOverlap(routes);
    // Canonical order: reordering the argument changes nothing the clouds see.
    return routes.sort((a, b) => a.family - b.family || compareBigInts(a.network, b.network) || a.bits - b.bits);
}

function parseRoute(value: unknown, field: string, stackType: StackType): Route {
    if (typeof value !== "string" || !value.includes(":")) {
        const prefix = Prefix.parse(value, field);
        return { field, text: prefix.toString(), family: 4, network: BigInt(prefix.network), bits: prefix.bits };
    }
    if (!ipaddr.IPv6.isValidCIDR(value)) {
        fail({ code: ErrorCode.InvalidPrefix, field, value, rule: "must be an IPv6 prefix written address/n", fix: "Write it like 2600:1f18::/48." });
    }
    if (stackType !== StackType.DualStack) {
        fail({
            code: ErrorCode.InvalidPrefix, field, value,
            rule: "is IPv6, and the link carries IPv4 only",
            fix: `Set google.stackType to "${StackType.DualStack}", or drop the IPv6 prefix.`,
        });
    }
    const [address, bits] = ipaddr.IPv6.parseCIDR(value);
    const network = ipaddr.IPv6.networkAddressFromCIDR(value);
    const text = `${network.toString()}/${bits}`;
    if (toBigInt(address.toByteArray()) !== toBigInt(network.toByteArray())) {
        fail({ code: ErrorCode.InvalidPrefix, field, value, rule: "must be a network address (host bits zero)", fix: `Did you mean ${text}?` });
    }
    return { field, text, family: 6, network: toBigInt(network.toByteArray()), bits };
}

/** Overlaps within one list: after sorting, an overlapping pair is always next to each other (CIDR blocks nest). */
function checkNoOverlap(routes: Route[]): void {
    for (const family of [4, 6]) {
        const sorted = routes.filter((r) => r.family === family).sort((a, b) => compareBigInts(a.network, b.network) || a.bits - b.bits);
        for (let k = 1; k < sorted.length; k++) {
            const [a, b] = [sorted[k - 1], sorted[k]];
            if (overlaps(a, b)) {
                const [first, second] = routes.indexOf(a) < routes.indexOf(b) ? [a, b] : [b, a];
                fail({ code: ErrorCode.Overlap, field: second.field, value: second.text, rule: `overlaps ${first.field} (${first.text})`, fix: "Advertise each range once: drop the more specific prefix or merge them." });
            }
        }
    }
}

/** Traffic for a range both clouds advertise would stay in the cloud that sent it. */
function checkDisjoint(aws: Route[], google: Route[]): void {
    for (const family of [4, 6]) {
        const [a, g] = [aws.filter((r) => r.family === family), google.filter((r) => r.family === family)];
        const pair = firstOverlapBetween(a.map(span), g.map(span));
        if (pair) {
            const [x, y] = [a[pair[0]], g[pair[1]]];
            fail({
                code: ErrorCode.Overlap, field: y.field, value: y.text,
                rule: `overlaps ${x.field} (${x.text}); each cloud must advertise address space the other does not use`,
                fix: "Renumber one side, or narrow the prefixes so they do not meet.",
            });
        }
    }
}

function span(route: Route): Span {
    const size = 1n << BigInt((route.family === 4 ? 32 : 128) - route.bits);
    return { lo: route.network, hi: route.network + size - 1n };
}

function overlaps(a: Route, b: Route): boolean {
    if (a.family !== b.family) return false;
    const shift = BigInt((a.family === 4 ? 32 : 128) - Math.min(a.bits, b.bits));
    return a.network >> shift === b.network >> shift;
}

/** What the halves are built with that a change would replace them for. */
function linkFacts(
    input: ManagedInterconnectInput,
    v: { awsRegion: string; googleRegion: string; transitGatewayAsn: number; directConnectGatewayAsn: number },
): LinkFact[] {
    const { name } = input;
    const facts: LinkFact[] = [
        { name: "awsRegion", value: v.awsRegion, field: "aws.region", replaces: `every AWS resource of ${name}` },
        { name: "googleRegion", value: v.googleRegion, field: "google.region", replaces: `the Transport ${name}-transport and the AWS connection paired with it` },
    ];
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

function compareBigInts(a: bigint, b: bigint): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function toBigInt(bytes: number[]): bigint {
    return bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

