/**
 * Plans a dedicated Cross-Cloud Interconnect between Google and AWS: ports and LAGs, attachments and
 * transit VIFs, Cloud Routers, link-local /29s and BGP, for a 99.9% or 99.99% shape (providers.md
 * §7.1 B). Plain values in, plain records and the Topology out; every rule is checked here, so the
 * component declares nothing for a shape that cannot work.
 */
import { AddressSpace, LinkFact } from "../allocation/addressSpace";
import { checkAsnPlan, parseAsn } from "../asn";
import { ATTACHMENT_BANDWIDTHS, Bandwidth, checkTier, MACSEC_PORT_SPEEDS, MAX_LAG_LINKS, PORT_LINK_TYPES, portCapacity, PortSpeed } from "../bandwidth";
import { checkMacsecArgs } from "../checks/macsec";
import { checkComponentName, checkGoogleName } from "../checks/names";
import { firstOverlapBetween } from "../checks/overlaps";
import { awsRegion as checkAwsRegion, googleRegion as checkGoogleRegion } from "../checks/regions";
import { optionalId, parseReserved, requiredId } from "../checks/values";
import { ErrorCode, fail } from "../errors";
import { attachmentAddresses, LINK_LOCAL, SessionPrefixLength } from "../linkLocal";
import { edgeDomainId, parseInterconnectLocation } from "../locations";
import { Prefix } from "../prefix";
import { analyzeResilience } from "../resilience";
import { checkPrefixList, DX_GATEWAY_PREFIX_LIMIT, DX_SESSION_ROUTE_LIMIT, ROUTE_PRIORITY } from "../routes";
import { bestTier } from "../sla";
import { BgpSession, Cloud, Endpoint, EndpointKind, Link, LinkKind, LinkRole, SlaTier, Topology } from "../topology";
import { requireObject, label } from "./checks";

/** The availability a dedicated interconnect is built for. */
export enum SlaTarget {
    /** Two ports in one metro, on distinct edge availability domains. */
    ThreeNines = "99.9",
    /** Four ports over two metros × two edge availability domains, attachments in two regions, global routing. */
    FourNines = "99.99",
}

const TARGET_TIER: Record<SlaTarget, SlaTier> = {
    [SlaTarget.ThreeNines]: SlaTier.ThreeNines,
    [SlaTarget.FourNines]: SlaTier.FourNines,
};

/** The intent an InterconnectGroup / InterconnectAttachmentGroup declares, so Google reports blockers. */
export const GOOGLE_SLA_INTENT: Record<SlaTarget, string> = {
    [SlaTarget.ThreeNines]: "PRODUCTION_NON_CRITICAL",
    [SlaTarget.FourNines]: "PRODUCTION_CRITICAL",
};

/**
 * The one MTU both ends accept: Google attachments offer 1440, 1460, 1500 and 8896, transit VIFs
 * 1500 and 8500 (providers.md §7.3).
 */
export const DEDICATED_MTU = 1500;

/** Each attachment's BGP session runs in a /29, Google's default and AWS's usual size. */
export const ATTACHMENT_PREFIX_LENGTH: SessionPrefixLength = 29;

/** Length of a generated BGP MD5 key: AWS takes 6 to 80 characters, Google up to 80. */
export const MD5_KEY_LENGTH = 32;

/** Google generates a CAK/CKN for each named key of a port's MACsec keychain. */
export const DEFAULT_MACSEC_KEY_NAME = "key1";

export interface DedicatedPortInput {
    location: string;
    remoteLocation: string;
    awsLocation: string;
    awsRegion?: string;
    metro?: string;
    edgeDomain?: number;
}

export interface DedicatedAttachmentInput {
    port: string;
    region?: string;
    bandwidth: string;
    slot?: number;
}

/** Everything the planner reads; a component's args satisfy it. */
export interface DedicatedInterconnectInput {
    /** The component's name: the link group's id, the link-local key stem and the stem of every id. */
    name: string;
    sla: SlaTarget;
    portSpeed: PortSpeed;
    linksPerPort?: number;
    ports: Record<string, DedicatedPortInput>;
    attachments: Record<string, DedicatedAttachmentInput>;
    google: {
        region: string;
        routerAsn: number;
        /** Only its presence and type are read. */
        network?: unknown;
        /** Only its type is read. */
        project?: unknown;
        /** Only its presence is read; a plain string also names the router in the topology. */
        router?: unknown;
        globalRouting?: boolean;
        routers?: Record<string, { router?: unknown; routerAsn?: number }>;
    };
    aws: {
        region: string;
        /** Only its presence and type are read. */
        transitGatewayId?: unknown;
        transitGatewayAsn: number;
        directConnectGatewayAsn: number;
        /** Only its presence is read; a plain string also names the gateway in the topology. */
        directConnectGatewayId?: unknown;
        allowedPrefixes: string[];
    };
    advertisedPrefixes: string[];
    /** The CAK/CKN values are secrets that may not be known at plan time: only the keys are read. */
    macsec?: { keyName?: string; keys?: Record<string, unknown> };
    linkLocalBlock?: string;
    reservedPrefixes?: string[];
    role?: LinkRole;
    production?: boolean;
}

export interface PlannedPort {
    key: string;
    /** Google interconnect location, as given (name or self link). */
    location: string;
    remoteLocation: string;
    awsLocation: string;
    awsRegion: string;
    metro: string;
    /** Topology id of the edge availability domain, e.g. `iad-zone1`. */
    edgeDomain: string;
    /** Present when MACsec was asked for; `secured` once the CAK/CKN Google generated is supplied. */
    macsec?: { keyName: string; secured: boolean };
}

export interface PlannedRouter {
    region: string;
    asn: number;
    /** Topology id: the existing router's name when given as a plain string, else the router's resource name. */
    id: string;
}

export interface PlannedAttachment {
    key: string;
    port: string;
    region: string;
    /** Google spelling, e.g. `BPS_10G`. */
    bandwidth: string;
    gbps: number;
    /** The Cloud Router's ASN in the attachment's region: the VIF's customer-side ASN. */
    routerAsn: number;
    /** The VIF's field for `routerAsn`: AWS takes ASNs above 2147483646 only as `bgpAsnLong`. */
    vifAsn: { bgpAsn: number } | { bgpAsnLong: string };
    /** The /29 offered to Google as the only candidate subnet. */
    subnet: string;
    /** `.1/29`: the Cloud Router's candidate address (AWS: customer address). */
    cloudRouterAddress: string;
    /** `.2/29`: the AWS router's candidate address (AWS: Amazon address). */
    customerRouterAddress: string;
    /** The /28 of the block the subnet lives in (the index `slot` pins). */
    slot: number;
    routePriority: number;
}

export interface DedicatedInterconnectPlan {
    sla: SlaTarget;
    /** The tier the planned shape earns by sdk analysis; at least `sla`. */
    earned: SlaTier;
    googleSlaIntent: string;
    /** Google `Interconnect.linkType`. */
    linkType: string;
    /** AWS `LinkAggregationGroup.connectionsBandwidth` / member `Connection.bandwidth`. */
    connectionsBandwidth: string;
    linksPerPort: number;
    mtu: number;
    role: LinkRole;
    production: boolean;
    transitGatewayAsn: number;
    directConnectGatewayAsn: number;
    /** Canonical prefixes AWS advertises to Google (the gateway association's `allowedPrefixes`). */
    allowedPrefixes: string[];
    /** Canonical prefixes the Cloud Routers advertise to AWS on every session. */
    advertisedPrefixes: string[];
    /** Sorted by key. */
    ports: PlannedPort[];
    /** One per region with attachments, sorted by region. */
    routers: PlannedRouter[];
    /** Sorted by key. */
    attachments: PlannedAttachment[];
    /** What the user must do before every part of the link is up, when this run cannot finish it. */
    nextStep?: string;
    topology: Topology;
}

/** Children are named `${name}-<role>` or `${name}-<role>-<key>`; topology ids use the same names. */
export function childName(name: string, role: string, key?: string): string {
    return key === undefined ? `${name}-${role}` : `${name}-${role}-${key}`;
}

/**
 * Validates a dedicated interconnect and plans it; throws a CrossCloudError naming the argument at
 * fault. Attachments' /29s are placed in `space`, with what the rest of the program placed.
 */
export function planDedicatedInterconnect(input: DedicatedInterconnectInput, space = AddressSpace.empty()): DedicatedInterconnectPlan {
    const name = checkComponentName(input.name, LONGEST_GOOGLE_ROLE);
    requireObject(input.google, "google");
    requireObject(input.aws, "aws");
    checkIds(input);
    checkMacsecArgs(input.macsec);
    const sla = checkEnum(input.sla, "sla", SlaTarget, "an SLA target");
    const portSpeed = checkPortSpeed(input.portSpeed);
    const linksPerPort = checkLinksPerPort(input.linksPerPort ?? 1, portSpeed);
    const role = checkEnum(input.role ?? LinkRole.Primary, "role", LinkRole, "a link role");
    const production = input.production ?? false;
    if (typeof production !== "boolean") {
        fail({ code: ErrorCode.InvalidArgument, field: "production", value: production, rule: "must be true or false", fix: "Set it to true for stacks whose ports must survive a mistaken delete." });
    }

    const ports = planPorts(name, input, sla);
    const attachments = checkAttachments(name, input, ports, portCapacity(portSpeed, linksPerPort));
    checkShape(sla, ports, attachments, input.google.globalRouting);
    checkMacsec(input.macsec, portSpeed, linksPerPort, ports);
    const routers = planRouters(name, input, attachments);
    const dxAsn = parseAsn(input.aws.directConnectGatewayAsn, "aws.directConnectGatewayAsn");
    const tgwAsn = parseAsn(input.aws.transitGatewayAsn, "aws.transitGatewayAsn");
    for (const r of routers) {
        checkAsnPlan(
            { cloudRouter: r.asn, transitGateway: tgwAsn, directConnectGateway: dxAsn },
            { cloudRouter: routerAsnField(input, r.region), transitGateway: "aws.transitGatewayAsn", directConnectGateway: "aws.directConnectGatewayAsn" },
        );
    }
    const allowedPrefixes = checkPrefixList(input.aws.allowedPrefixes, "aws.allowedPrefixes", { max: DX_GATEWAY_PREFIX_LIMIT, product: "A Direct Connect gateway association" });
    // Each attachment's Cloud Router advertises them over one BGP session to a transit VIF.
    const advertisedPrefixes = checkPrefixList(input.advertisedPrefixes, "advertisedPrefixes", { max: DX_SESSION_ROUTE_LIMIT, product: "A BGP session on a transit virtual interface" });
    checkDisjoint(input.aws.allowedPrefixes, input.advertisedPrefixes);

    const planned = allocate(input, attachments, routers, { routePriority: ROUTE_PRIORITY[role], dxAsn, space });
    const dxGateway = { id: label(input.aws.directConnectGatewayId, childName(name, "dx-gateway")), asn: dxAsn };
    const topology = buildTopology(name, role, input.google.globalRouting === true, ports, routers, planned, dxGateway, {
        aws: allowedPrefixes.map(String), gcp: advertisedPrefixes.map(String),
    });
    return {
        sla,
        earned: confirmTier(name, sla, topology),
        googleSlaIntent: GOOGLE_SLA_INTENT[sla],
        linkType: PORT_LINK_TYPES[portSpeed],
        connectionsBandwidth: portSpeed,
        linksPerPort,
        mtu: DEDICATED_MTU,
        role,
        production,
        transitGatewayAsn: tgwAsn,
        directConnectGatewayAsn: dxAsn,
        allowedPrefixes: topology.prefixes.aws,
        advertisedPrefixes: topology.prefixes.gcp,
        ports,
        routers,
        attachments: planned,
        ...macsecNextStep(ports),
        topology,
    };
}

/** MACsec needs a second step: Google generates each port's CAK/CKN only once the port exists. */
function macsecNextStep(ports: PlannedPort[]): { nextStep?: string } {
    const waiting = ports.filter((p) => p.macsec && !p.macsec.secured);
    if (waiting.length === 0) return {};
    return {
        nextStep:
            `MACsec is requested but not enforced on port${waiting.length === 1 ? "" : "s"} ${waiting.map((p) => p.key).join(", ")}. ` +
            `Once Google has provisioned a port, read the CAK/CKN it generated for key "${waiting[0].macsec!.keyName}" ` +
            "(gcloud compute interconnects macsec get-config <interconnect name from the ports output>) " +
            "and pass them, as secrets, in macsec.keys[<port>]: both clouds then enforce MACsec on it.",
    };
}

/** An attachment after validation, before link-local allocation. */
interface CheckedAttachment {
    key: string;
    port: string;
    region: string;
    bandwidth: Bandwidth;
    slot?: number;
}

/** The longest role among the Google children named without a key. */
const LONGEST_GOOGLE_ROLE = "interconnect-group";

function checkEnum<E extends Record<string, string>>(value: unknown, field: string, values: E, what: string): E[keyof E] {
    const allowed = Object.values(values);
    if (!allowed.includes(value as string)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must be ${what}: ${allowed.join(", ")}`, fix: `Use one of ${allowed.join(", ")}.` });
    }
    return value as E[keyof E];
}

function checkPortSpeed(value: unknown): PortSpeed {
    const speeds = Object.values(PortSpeed);
    if (!speeds.includes(value as PortSpeed)) {
        fail({
            code: ErrorCode.BandwidthUnsupported, field: "portSpeed", value,
            rule: `Cross-Cloud Interconnect ports run at ${speeds.join(", ")}`,
            fix: "Pick one of those; attachments share a port's bandwidth.",
        });
    }
    return value as PortSpeed;
}

function checkLinksPerPort(links: unknown, speed: PortSpeed): number {
    const max = MAX_LAG_LINKS[speed];
    if (!Number.isInteger(links) || (links as number) < 1 || (links as number) > max) {
        fail({
            code: ErrorCode.InvalidArgument, field: "linksPerPort", value: links,
            rule: `AWS bundles 1 to ${max} links of ${speed} in one LAG, and each port is one LAG`,
            fix: `Use 1 to ${max} links, or a faster port.`,
        });
    }
    return links as number;
}

/** Entries of a map keyed by stable names, sorted by key so nothing depends on the order written. */
function checkMap<T>(value: unknown, field: string, example: string): [string, T][] {
    if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: "must be a non-empty map keyed by stable names (names, not list positions, keep addresses and resources in place)",
            fix: `Write it like ${example}.`,
        });
    }
    const entries = Object.entries(value as Record<string, T>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, entry] of entries) requireObject(entry, `${field}["${key}"]`);
    return entries;
}

function checkText(value: unknown, field: string, pattern: RegExp, example: string): string {
    if (typeof value !== "string" || !pattern.test(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must look like ${example}`, fix: `Write it like ${example}.` });
    }
    return value;
}

function planPorts(name: string, input: DedicatedInterconnectInput, sla: SlaTarget): PlannedPort[] {
    const example = sla === SlaTarget.FourNines
        ? '{ "iad-1": {...}, "iad-2": {...}, "sjc-1": {...}, "sjc-2": {...} }'
        : '{ "iad-1": {...}, "iad-2": {...} }';
    const awsRegion = checkAwsRegion(input.aws.region, "aws.region");
    const secured = new Set(Object.keys(input.macsec?.keys ?? {}));
    return checkMap<DedicatedPortInput>(input.ports, "ports", example).map(([key, port]) => {
        const field = `ports["${key}"]`;
        checkGoogleName(key, field, childName(name, "port", key));
        const site = parseInterconnectLocation(port, field);
        return {
            key,
            location: port.location,
            remoteLocation: checkText(port.remoteLocation, `${field}.remoteLocation`, /^[a-z0-9][-a-z0-9]*$/, '"aws-us-east-1"'),
            awsLocation: checkText(port.awsLocation, `${field}.awsLocation`, /^[A-Za-z0-9][-A-Za-z0-9]*$/, '"EqDC2"'),
            awsRegion: port.awsRegion === undefined ? awsRegion : checkAwsRegion(port.awsRegion, `${field}.awsRegion`),
            metro: site.metro,
            edgeDomain: edgeDomainId(site),
            ...(input.macsec && { macsec: { keyName: input.macsec.keyName ?? DEFAULT_MACSEC_KEY_NAME, secured: secured.has(key) } }),
        };
    });
}

function checkAttachments(name: string, input: DedicatedInterconnectInput, ports: PlannedPort[], capacity: Bandwidth): CheckedAttachment[] {
    const defaultRegion = checkGoogleRegion(input.google.region, "google.region");
    const portKeys = ports.map((p) => p.key);
    const attachments = checkMap<DedicatedAttachmentInput>(input.attachments, "attachments", '{ "east-a": { port: "iad-1", bandwidth: "10Gbps" } }')
        .map(([key, a]): CheckedAttachment => {
            const field = `attachments["${key}"]`;
            checkGoogleName(key, field, childName(name, "attachment", key));
            if (!portKeys.includes(a.port)) {
                fail({ code: ErrorCode.InvalidArgument, field: `${field}.port`, value: a.port, rule: `must name a port: ${portKeys.join(", ")}`, fix: "Use the key of a port in `ports`." });
            }
            return {
                key,
                port: a.port,
                region: a.region === undefined ? defaultRegion : checkGoogleRegion(a.region, `${field}.region`),
                bandwidth: checkTier(a.bandwidth, `${field}.bandwidth`, ATTACHMENT_BANDWIDTHS, "A Google VLAN attachment"),
                ...(a.slot !== undefined && { slot: a.slot }),
            };
        });
    for (const port of ports) {
        const on = attachments.filter((a) => a.port === port.key);
        if (on.length === 0) {
            fail({
                code: ErrorCode.InvalidArgument, field: `ports["${port.key}"]`, value: port.key,
                rule: "carries no attachment: a port without one is paid for, carries nothing and counts for no SLA",
                fix: "Add an attachment on it, or remove the port.",
            });
        }
        let total = Bandwidth.fromMbps(0);
        for (const a of on) {
            total = total.plus(a.bandwidth);
            if (total.compare(capacity) > 0) {
                fail({
                    code: ErrorCode.CapacityExceeded, field: `attachments["${a.key}"].bandwidth`, value: a.bandwidth.toAws(),
                    rule: `the attachments on port ${port.key} add up to ${total}; the port carries ${capacity}`,
                    fix: "Lower the attachment's bandwidth, move it to another port, or add links per port.",
                });
            }
        }
    }
    return attachments;
}

/** The SLA rules of providers.md §7.1 B, checked on the arguments so the error names the one at fault. */
function checkShape(sla: SlaTarget, ports: PlannedPort[], attachments: CheckedAttachment[], globalRouting: boolean | undefined): void {
    const metros = [...new Set(ports.map((p) => p.metro))].sort();
    const domainsOf = (metro: string) => [...new Set(ports.filter((p) => p.metro === metro).map((p) => p.edgeDomain))].sort();
    const diverse = metros.filter((m) => domainsOf(m).length >= 2);
    const found = metros.map((m) => `${m} (${domainsOf(m).join(", ")})`).join(", ");
    const needed = sla === SlaTarget.FourNines ? 2 : 1;
    if (diverse.length < needed) {
        const shape = sla === SlaTarget.FourNines
            ? "99.99% needs ports in 2 metros × 2 edge availability domains"
            : "99.9% needs 2 ports in one metro on distinct edge availability domains";
        if (sla === SlaTarget.FourNines && metros.length === 1) {
            fail({
                code: ErrorCode.ShapeBelowSla, field: "ports", value: ports.map((p) => p.key), rule: `${shape}; every port is in metro ${metros[0]}`,
                fix: "Add two ports in a second metro, one per edge availability domain, with attachments there in a second region.",
            });
        }
        // Name the port that repeats a domain its metro already has: moving it is the smallest fix.
        const single = metros.filter((m) => !diverse.includes(m));
        const repeat = ports.find((p, i) => single.includes(p.metro) && ports.slice(0, i).some((q) => q.edgeDomain === p.edgeDomain));
        if (repeat) {
            const first = ports.find((q) => q.edgeDomain === repeat.edgeDomain)!;
            fail({
                code: ErrorCode.ShapeBelowSla, field: `ports["${repeat.key}"].location`, value: repeat.location,
                rule: `${shape}; this port is in ${repeat.edgeDomain}, like port ${first.key}`,
                fix: `Move it to a location in the other edge availability domain of ${repeat.metro}.`,
            });
        }
        fail({
            code: ErrorCode.ShapeBelowSla, field: "ports", value: ports.map((p) => p.key), rule: `${shape}; found ${found}`,
            fix: sla === SlaTarget.FourNines
                ? "Give each of two metros a port in edge availability domain 1 and one in domain 2."
                : "Put two ports in one metro, one in edge availability domain 1 and one in domain 2.",
        });
    }
    if (sla !== SlaTarget.FourNines) return;
    const regions = [...new Set(attachments.map((a) => a.region))].sort();
    if (regions.length < 2) {
        fail({
            code: ErrorCode.ShapeBelowSla, field: "attachments", value: attachments.map((a) => `${a.key}: ${a.region}`),
            rule: `99.99% needs attachments in 2 regions; every attachment is in ${regions[0]}`,
            fix: "Give the attachments on one metro's ports the region nearest that metro (attachments[…].region).",
        });
    }
    if (globalRouting !== true) {
        fail({
            code: ErrorCode.ShapeBelowSla, field: "google.globalRouting", value: globalRouting,
            rule: "99.99% needs the VPC's dynamic routing mode to be GLOBAL, and crosscloud can neither see nor change an existing VPC's routing mode",
            fix: 'Set routingMode: "GLOBAL" on the VPC, then declare google.globalRouting: true.',
        });
    }
}

function checkMacsec(macsec: DedicatedInterconnectInput["macsec"], speed: PortSpeed, links: number, ports: PlannedPort[]): void {
    if (!macsec) return;
    if (!MACSEC_PORT_SPEEDS.includes(speed)) {
        fail({
            code: ErrorCode.BandwidthUnsupported, field: "portSpeed", value: speed,
            rule: `MACsec runs on ${MACSEC_PORT_SPEEDS.join(", ")} Cross-Cloud Interconnect ports`,
            fix: "Use one of those speeds, or drop macsec.",
        });
    }
    if (links > 1) {
        fail({
            code: ErrorCode.Conflict, field: "linksPerPort", value: links,
            rule: "with macsec, a port must be one link: @pulumi/aws cannot request MACsec on a LAG, and AWS refuses to add MACsec connections to a LAG that did not (terraform-provider-aws#47663)",
            fix: "Use one faster link per port, or drop macsec.",
        });
    }
    if (macsec.keyName !== undefined) checkGoogleName(macsec.keyName, "macsec.keyName");
    for (const port of Object.keys(macsec.keys ?? {})) {
        if (!ports.some((p) => p.key === port)) {
            fail({ code: ErrorCode.InvalidArgument, field: `macsec.keys["${port}"]`, value: port, rule: "names no port", fix: "Key each CAK/CKN by the port Google generated it for." });
        }
    }
}

/** Traffic for a range both clouds advertise would stay in the cloud that sent it. Both lists are valid by now. */
function checkDisjoint(allowed: string[], advertised: string[]): void {
    const span = (p: Prefix) => ({ lo: BigInt(p.network), hi: BigInt(p.last) });
    const pair = firstOverlapBetween(Prefix.parseAll(allowed, "aws.allowedPrefixes").map(span), Prefix.parseAll(advertised, "advertisedPrefixes").map(span));
    if (pair) {
        const [i, j] = pair;
        fail({
            code: ErrorCode.Overlap, field: `advertisedPrefixes[${j}]`, value: advertised[j],
            rule: `overlaps aws.allowedPrefixes[${i}] (${allowed[i]}); each cloud must advertise address space the other does not use`,
            fix: "Advertise only Google's own ranges to AWS, and only AWS's to Google.",
        });
    }
}

/** Ids of existing resources are passed through to the providers: each is a non-empty string or an Output. */
function checkIds(input: DedicatedInterconnectInput): void {
    requiredId(input.google.network, "google.network", "the self link or id of the VPC network the Cloud Routers are in");
    optionalId(input.google.project, "google.project", "a Google project id");
    optionalId(input.google.router, "google.router", "the name of an existing Cloud Router");
    for (const [region, r] of Object.entries(input.google.routers ?? {})) optionalId(r?.router, `google.routers["${region}"].router`, "the name of an existing Cloud Router");
    optionalId(input.aws.transitGatewayId, "aws.transitGatewayId", "the id of an existing Transit Gateway");
    optionalId(input.aws.directConnectGatewayId, "aws.directConnectGatewayId", "the id of an existing Direct Connect gateway");
}

function routerAsnField(input: DedicatedInterconnectInput, region: string): string {
    return input.google.routers?.[region]?.routerAsn === undefined ? "google.routerAsn" : `google.routers["${region}"].routerAsn`;
}

/** One Cloud Router per region with attachments (providers.md §7.1 B: at least one per region). */
function planRouters(name: string, input: DedicatedInterconnectInput, attachments: CheckedAttachment[]): PlannedRouter[] {
    const regions = [...new Set(attachments.map((a) => a.region))].sort();
    for (const region of Object.keys(input.google.routers ?? {})) {
        const field = `google.routers["${region}"]`;
        if (region === input.google.region) {
            fail({ code: ErrorCode.Conflict, field, value: region, rule: "is google.region, whose router is google.router with google.routerAsn", fix: "Set google.router and google.routerAsn instead." });
        }
        if (!regions.includes(region)) {
            fail({ code: ErrorCode.InvalidArgument, field, value: region, rule: `no attachment is in this region (attachments are in ${regions.join(", ")})`, fix: "Fix the region, or remove the entry." });
        }
    }
    return regions.map((region) => {
        const existing = region === input.google.region ? input.google.router : input.google.routers?.[region]?.router;
        if (existing === undefined) checkGoogleName(name, "name", childName(name, "router", region));
        return {
            region,
            asn: parseAsn(input.google.routers?.[region]?.routerAsn ?? input.google.routerAsn, routerAsnField(input, region)),
            id: label(existing, childName(name, "router", region)),
        };
    });
}

/** The largest ASN a transit VIF takes in `bgpAsn`. */
const MAX_VIF_BGP_ASN = 2147483646;

/**
 * Each attachment's /29, placed in `space` under the component and attachment name, so adding,
 * removing or reordering attachments never moves another; with the facts whose change would
 * replace the attachment and its VIF. Direct Connect's UpdateVirtualInterfaceAttributes changes a
 * VIF's MTU, SiteLink and name only, so its connection, BGP ASN and addresses are fixed, and
 * UpdateDirectConnectGateway renames a gateway only, so its Amazon-side ASN is fixed; Compute
 * Engine's interconnectAttachments.patch cannot change an attachment's router, region, interconnect
 * or candidate subnets.
 */
function allocate(
    input: DedicatedInterconnectInput, attachments: CheckedAttachment[], routers: PlannedRouter[],
    { routePriority, dxAsn, space }: { routePriority: number; dxAsn: number; space: AddressSpace },
): PlannedAttachment[] {
    const block = Prefix.parse(input.linkLocalBlock ?? LINK_LOCAL.toString(), "linkLocalBlock");
    const reserved = parseReserved(input.reservedPrefixes);
    return attachments.map((a) => {
        const router = routers.find((r) => r.region === a.region)!;
        const routerAsn = router.asn;
        const field = `attachments["${a.key}"]`;
        const names = (role: string) => childName(input.name, role, a.key);
        const replaces = `the attachment ${names("attachment")}, its router interface and BGP peer, and the transit VIF ${names("vif")}`;
        const existing = a.region === input.google.region ? input.google.router : input.google.routers?.[a.region]?.router;
        const facts: LinkFact[] = [
            { name: "router", value: existing === undefined ? router.id : typeof existing === "string" ? existing : undefined, field: `${field}.region`, replaces },
            { name: "region", value: a.region, field: `${field}.region`, replaces },
            { name: "port", value: a.port, field: `${field}.port`, replaces: `the attachment ${names("attachment")} and the transit VIF ${names("vif")} (both are fixed to their port)` },
            { name: "routerAsn", value: routerAsn, field: routerAsnField(input, a.region), replaces: `the transit VIF ${names("vif")} (AWS fixes a VIF's BGP ASN)` },
        ];
        if (input.aws.directConnectGatewayId === undefined) {
            facts.push({ name: "directConnectGatewayAsn", value: dxAsn, field: "aws.directConnectGatewayAsn", replaces: `the Direct Connect gateway ${childName(input.name, "dx-gateway")} (AWS fixes its ASN) and the transit VIF ${names("vif")} on it` });
        }
        const placed = space.place({
            key: `${input.name}/${a.key}`, field, block, blockField: "linkLocalBlock", sessions: 1, prefixLength: ATTACHMENT_PREFIX_LENGTH,
            slot: a.slot, reserved, facts, replaces,
        });
        const subnet = placed.nets[0];
        const addresses = attachmentAddresses(subnet);
        return {
            key: a.key,
            port: a.port,
            region: a.region,
            bandwidth: a.bandwidth.toGcp(),
            gbps: a.bandwidth.gbps,
            routerAsn,
            vifAsn: routerAsn <= MAX_VIF_BGP_ASN ? { bgpAsn: routerAsn } : { bgpAsnLong: String(routerAsn) },
            subnet: subnet.toString(),
            cloudRouterAddress: addresses.cloudRouter,
            customerRouterAddress: addresses.customerRouter,
            slot: placed.slot!,
            routePriority,
        };
    });
}

function buildTopology(
    name: string, role: LinkRole, globalRouting: boolean, ports: PlannedPort[], routers: PlannedRouter[],
    attachments: PlannedAttachment[], dxGateway: { id: string; asn: number }, prefixes: Topology["prefixes"],
): Topology {
    const routerId = (region: string) => routers.find((r) => r.region === region)!.id;
    const links = attachments.map((a): Link => {
        const port = ports.find((p) => p.key === a.port)!;
        return {
            id: childName(name, "attachment", a.key), group: name, kind: LinkKind.Dedicated, role,
            aws: dxGateway.id, gcp: routerId(a.region), gbps: a.gbps,
            domains: {
                port: childName(name, "port", port.key),
                // Each port lands on its own LAG, and a LAG lives on one AWS device.
                awsDevice: childName(name, "lag", port.key),
                metro: port.metro,
                edgeDomain: port.edgeDomain,
                region: a.region,
                cloudRouter: routerId(a.region),
            },
        };
    });
    const sessions = attachments.map((a, i): BgpSession => ({
        id: childName(name, "peer", a.key), link: links[i].id,
        gcpAsn: a.routerAsn, awsAsn: dxGateway.asn,
        insideCidr: a.subnet, gcpAddress: a.cloudRouterAddress.split("/")[0], awsAddress: a.customerRouterAddress.split("/")[0],
        routePriority: a.routePriority, md5: true, bfd: true, enabled: true,
    }));
    const routerEndpoints = routers.map((r): Endpoint => ({ id: r.id, cloud: Cloud.Gcp, kind: EndpointKind.CloudRouter, region: r.region, asn: r.asn }));
    return {
        endpoints: [{ ...dxGateway, cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway }, ...routerEndpoints],
        groups: [{ id: name, kind: LinkKind.Dedicated, role, globalRouting }],
        links,
        sessions,
        prefixes,
    };
}

/** The checks above encode the SLA rules; if sdk analysis disagrees with them, the planner is wrong. */
function confirmTier(name: string, sla: SlaTarget, topology: Topology): SlaTier {
    const group = analyzeResilience(topology).sla.groups.find((g) => g.group === name)!;
    if (bestTier([group.tier, TARGET_TIER[sla]]) !== group.tier) {
        throw new Error(
            `crosscloud bug: planDedicatedInterconnect accepted a ${sla}% shape that sdk analysis rates ${group.tier}: ${group.missing.join("; ")}. ` +
            "Please report it with your arguments.",
        );
    }
    return group.tier;
}
