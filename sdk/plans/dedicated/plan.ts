/**
 * Plans a dedicated Cross-Cloud Interconnect between Google and AWS: ports and LAGs, attachments and
 * transit VIFs, Cloud Routers, link-local /29s and BGP, for a 99.9% or 99.99% shape, in the stages a
 * port lives through (stages.ts). Plain values in, plain records and the Topology out; every rule is
 * checked here, so the component declares nothing for a shape that cannot work.
 */
import { AddressFamily, familiesOf, StackType } from "../../addressFamily";
import { AddressSpace, LinkFact } from "../../allocation/addressSpace";
import { planVlans } from "../../allocation/vlans";
import { checkAsnPlan, parseAsn } from "../../asn";
import { ATTACHMENT_BANDWIDTHS, Bandwidth, checkTier, PORT_LINK_TYPES, portCapacity } from "../../bandwidth";
import { checkComponentName, checkGoogleName } from "../../checks/names";
import { checkDisjointPrefixes, checkPrefixList } from "../../checks/prefixes";
import { awsRegion as checkAwsRegion, googleRegion as checkGoogleRegion } from "../../checks/regions";
import { optionalId, parseReserved, requiredId } from "../../checks/values";
import { ErrorCode, fail } from "../../errors";
import { attachmentAddresses, IPV4_SESSIONS, LINK_LOCAL } from "../../linkLocal";
import { edgeDomainId, parseInterconnectLocation } from "../../locations";
import { Prefix } from "../../prefix";
import { analyzeResilience } from "../../resilience";
import { DX_ALLOWED_IPV6_LONGEST, DX_GATEWAY_PREFIX_LIMIT, DX_SESSION_ROUTE_LIMIT, ROUTE_PRIORITY } from "../../routes";
import { bestTier } from "../../sla";
import { LinkRole, SlaTier, Topology } from "../../topology";
import { checkMap, checkText, label, oneOf, optionalFlag, requireObject } from "../../checks/arguments";
import { dedicatedNames, LONGEST_DEDICATED_ROLE } from "../names";
import { ATTACHMENT_PREFIX_LENGTH, checkLinksPerPort, checkPortSpeed, DEDICATED_MTU, GOOGLE_SLA_INTENT, refuseMacsec } from "./offer";
import { checkShape } from "./shape";
import { nextSteps, portNextStep, stageOf } from "./stages";
import { buildTopology } from "./topology";
import {
    DedicatedAttachmentInput, DedicatedInterconnectInput, DedicatedInterconnectPlan, DedicatedPortInput, PlannedAttachment, PlannedPort, PlannedRouter, SlaTarget,
} from "./types";

const TARGET_TIER: Record<SlaTarget, SlaTier> = {
    [SlaTarget.ThreeNines]: SlaTier.ThreeNines,
    [SlaTarget.FourNines]: SlaTier.FourNines,
};

/**
 * Validates a dedicated interconnect and plans it; throws a CrossCloudError naming the argument at
 * fault. Attachments' /29s are placed in `space`, with what the rest of the program placed.
 */
export function planDedicatedInterconnect(input: DedicatedInterconnectInput, space = AddressSpace.empty()): DedicatedInterconnectPlan {
    const name = checkComponentName(input.name, LONGEST_DEDICATED_ROLE);
    requireObject(input.google, "google");
    requireObject(input.aws, "aws");
    checkIds(input);
    const sla = oneOf(input.sla, SlaTarget, "sla");
    const portSpeed = checkPortSpeed(input.portSpeed);
    const linksPerPort = checkLinksPerPort(input.linksPerPort, portSpeed);
    refuseMacsec(input.macsec);
    const role = oneOf(input.role ?? LinkRole.Primary, LinkRole, "role");
    const production = optionalFlag(input.production, "production", "Set it to true for stacks whose ports must survive a mistaken delete.");
    const stackType = oneOf(input.stackType ?? StackType.Ipv4Only, StackType, "stackType");

    const ports = planPorts(name, input);
    const attachments = checkAttachments(name, input, ports, portCapacity(portSpeed, linksPerPort), stackType);
    checkShape(sla, ports, attachments, input.google.globalRouting);
    const routers = planRouters(name, input, attachments);
    const dxAsn = parseAsn(input.aws.directConnectGatewayAsn, "aws.directConnectGatewayAsn");
    const tgwAsn = parseAsn(input.aws.transitGatewayAsn, "aws.transitGatewayAsn");
    for (const r of routers) {
        checkAsnPlan(
            { cloudRouter: r.asn, transitGateway: tgwAsn, directConnectGateway: dxAsn },
            { cloudRouter: routerAsnField(input, r.region), transitGateway: "aws.transitGatewayAsn", directConnectGateway: "aws.directConnectGatewayAsn" },
        );
    }
    const families = familiesOf(stackType);
    const familyFix = `Set stackType to "${StackType.DualStack}" (dual stack), or drop the IPv6 prefix.`;
    const allowedPrefixes = checkPrefixList(input.aws.allowedPrefixes, "aws.allowedPrefixes", {
        families, familyFix, limit: { max: DX_GATEWAY_PREFIX_LIMIT, product: "A Direct Connect gateway association" }, longestIpv6: DX_ALLOWED_IPV6_LONGEST,
    });
    // Each attachment's Cloud Router advertises them over one BGP session per family to a transit VIF, which counts each family's routes.
    const advertisedPrefixes = checkPrefixList(input.advertisedPrefixes, "advertisedPrefixes", {
        families, familyFix, limit: { max: DX_SESSION_ROUTE_LIMIT, product: "A BGP session on a transit virtual interface", perFamily: true },
    });
    checkDisjointPrefixes(
        { prefixes: allowedPrefixes, texts: input.aws.allowedPrefixes, field: "aws.allowedPrefixes" },
        { prefixes: advertisedPrefixes, texts: input.advertisedPrefixes, field: "advertisedPrefixes" },
    );

    const planned = allocate(input, attachments, routers, ports, { routePriority: ROUTE_PRIORITY[role], dxAsn, space, stackType });
    const dxGateway = { id: label(input.aws.directConnectGatewayId, dedicatedNames(name).dxGateway), asn: dxAsn };
    const topology = buildTopology(name, role, input.google.globalRouting === true, ports, routers, planned, dxGateway, {
        aws: allowedPrefixes.map(String), gcp: advertisedPrefixes.map(String),
    }, stackType);
    const nextStep = nextSteps(ports);
    return {
        sla,
        earned: confirmTier(name, sla, topology),
        googleSlaIntent: GOOGLE_SLA_INTENT[sla],
        linkType: PORT_LINK_TYPES[portSpeed],
        connectionsBandwidth: portSpeed,
        mtu: DEDICATED_MTU,
        role,
        production,
        stackType,
        transitGatewayAsn: tgwAsn,
        directConnectGatewayAsn: dxAsn,
        allowedPrefixes: topology.prefixes.aws,
        advertisedPrefixes: topology.prefixes.gcp,
        ports,
        routers,
        attachments: planned,
        ...(nextStep !== undefined && { nextStep }),
        topology,
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

function planPorts(name: string, input: DedicatedInterconnectInput): PlannedPort[] {
    const example = input.sla === SlaTarget.FourNines
        ? '{ "iad-1": {...}, "iad-2": {...}, "ord-1": {...}, "ord-2": {...} }'
        : '{ "iad-1": {...}, "iad-2": {...} }';
    const awsRegion = checkAwsRegion(input.aws.region, "aws.region");
    return checkMap<DedicatedPortInput>(input.ports, "ports", example).map(([key, port]) => {
        const field = `ports["${key}"]`;
        checkGoogleName(key, field, dedicatedNames(name).port(key));
        const site = parseInterconnectLocation(port, field);
        const ready = optionalFlag(port.ready, `${field}.ready`, "Leave it out while the port is ordered; set it to true once Google has tested the port and its LAG is available.");
        const planned = {
            key,
            location: port.location,
            remoteLocation: checkText(port.remoteLocation, `${field}.remoteLocation`, /^[a-z0-9][-a-z0-9]*$/, '"aws-us-east-1"'),
            awsLocation: checkText(port.awsLocation, `${field}.awsLocation`, /^[A-Za-z0-9][-A-Za-z0-9]*$/, '"EqDC2"'),
            awsRegion: port.awsRegion === undefined ? awsRegion : checkAwsRegion(port.awsRegion, `${field}.awsRegion`),
            metro: site.metro,
            edgeDomain: edgeDomainId(site),
            stage: stageOf(ready),
        };
        return ready ? planned : { ...planned, nextStep: portNextStep(name, planned) };
    });
}

function checkAttachments(name: string, input: DedicatedInterconnectInput, ports: PlannedPort[], capacity: Bandwidth, stackType: StackType): CheckedAttachment[] {
    const defaultRegion = checkGoogleRegion(input.google.region, "google.region");
    const portKeys = ports.map((p) => p.key);
    const attachments = checkMap<DedicatedAttachmentInput>(input.attachments, "attachments", '{ "east-a": { port: "iad-1", bandwidth: "10Gbps" } }')
        .map(([key, a]): CheckedAttachment => {
            const field = `attachments["${key}"]`;
            // A dual-stack attachment's IPv6 router interface is the longest name it makes.
            checkGoogleName(key, field, stackType === StackType.DualStack ? dedicatedNames(name).interfaceV6(key) : dedicatedNames(name).attachment(key));
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
                    fix: "Lower the attachment's bandwidth, move it to another port, or use a faster port.",
                });
            }
        }
    }
    return attachments;
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
        if (existing === undefined) checkGoogleName(name, "name", dedicatedNames(name).router(region));
        return {
            region,
            asn: parseAsn(input.google.routers?.[region]?.routerAsn ?? input.google.routerAsn, routerAsnField(input, region)),
            id: label(existing, dedicatedNames(name).router(region)),
        };
    });
}

/** The largest ASN a transit VIF takes in `bgpAsn`. */
const MAX_VIF_BGP_ASN = 2147483646;

/**
 * Each attachment's /29, placed in `space` under the component and attachment name, so adding,
 * removing or reordering attachments never moves another; an ordered port's attachments are placed
 * too, so their addresses are the same once it is ready. With the facts whose change would replace
 * the attachment and its VIF: Direct Connect's UpdateVirtualInterfaceAttributes changes a VIF's MTU,
 * SiteLink and name only, so its connection, BGP ASN and addresses are fixed, and
 * UpdateDirectConnectGateway renames a gateway only, so its Amazon-side ASN is fixed; Compute
 * Engine's interconnectAttachments.patch cannot change an attachment's router, region, interconnect
 * or candidate subnets.
 */
function allocate(
    input: DedicatedInterconnectInput, attachments: CheckedAttachment[], routers: PlannedRouter[], ports: PlannedPort[],
    { routePriority, dxAsn, space, stackType }: { routePriority: number; dxAsn: number; space: AddressSpace; stackType: StackType },
): PlannedAttachment[] {
    const block = Prefix.parse(input.linkLocalBlock ?? LINK_LOCAL.toString(), "linkLocalBlock", AddressFamily.Ipv4, IPV4_SESSIONS);
    const reserved = parseReserved(input.reservedPrefixes);
    const names = dedicatedNames(input.name);
    const dual = stackType === StackType.DualStack;
    const linkKey = (key: string) => `${input.name}/${key}`;
    const vlans = dual ? planVlans(attachments.map((a) => {
        const recorded = space.recordedFact(linkKey(a.key), "vlan");
        return { key: linkKey(a.key), port: a.port, ...(typeof recorded === "number" && { recorded }) };
    })) : undefined;
    return attachments.map((a) => {
        const router = routers.find((r) => r.region === a.region)!;
        const routerAsn = router.asn;
        const field = `attachments["${a.key}"]`;
        const replaces = `the attachment ${names.attachment(a.key)}, its router interface and BGP peer, and the transit VIF ${names.vif(a.key)}`;
        const existing = a.region === input.google.region ? input.google.router : input.google.routers?.[a.region]?.router;
        const facts: LinkFact[] = [
            { name: "router", value: existing === undefined ? router.id : typeof existing === "string" ? existing : undefined, field: `${field}.region`, replaces },
            { name: "region", value: a.region, field: `${field}.region`, replaces },
            { name: "port", value: a.port, field: `${field}.port`, replaces: `the attachment ${names.attachment(a.key)} and the transit VIF ${names.vif(a.key)} (both are fixed to their port)` },
            { name: "routerAsn", value: routerAsn, field: routerAsnField(input, a.region), replaces: `the transit VIF ${names.vif(a.key)} (AWS fixes a VIF's BGP ASN)` },
        ];
        if (input.aws.directConnectGatewayId === undefined) {
            facts.push({ name: "directConnectGatewayAsn", value: dxAsn, field: "aws.directConnectGatewayAsn", replaces: `the Direct Connect gateway ${names.dxGateway} (AWS fixes its ASN) and the transit VIF ${names.vif(a.key)} on it` });
        }
        // Google takes an attachment's IPv6 addresses only when it is created (its candidate IPv6
        // addresses are create-only), and they must be those AWS assigns the VIF's IPv6 BGP peer:
        // an attachment becomes dual stack (or IPv4 only again) only by being created anew.
        facts.push({ name: "stackType", value: stackType, field: "stackType", unrecorded: StackType.Ipv4Only, replaces: `${replaces}, which take their IPv6 addresses when they are created` });
        const vlan = vlans?.get(linkKey(a.key));
        if (vlan) {
            facts.push({ name: "vlan", value: vlan.vlan, field, replaces });
            if (vlan.vlan !== vlan.home && !space.keepsLedger) {
                space.notes.push(`attachment "${a.key}" takes VLAN ${vlan.vlan} because ${vlan.home} is taken on port ${a.port}. Without an address ledger it moves back if that changes: open one (openAddressLedger) so every VLAN is recorded and kept.`);
            }
        }
        const placed = space.place({
            key: linkKey(a.key), field, block, blockField: "linkLocalBlock", sessions: 1, prefixLength: ATTACHMENT_PREFIX_LENGTH,
            slot: a.slot, reserved, facts, replaces,
        });
        const subnet = placed.nets[0];
        const addresses = attachmentAddresses(subnet);
        return {
            key: a.key,
            port: a.port,
            region: a.region,
            stage: ports.find((p) => p.key === a.port)!.stage,
            bandwidth: a.bandwidth.toGcp(),
            mbps: a.bandwidth.mbps,
            routerAsn,
            vifAsn: routerAsn <= MAX_VIF_BGP_ASN ? { bgpAsn: routerAsn } : { bgpAsnLong: String(routerAsn) },
            subnet: subnet.toString(),
            cloudRouterAddress: addresses.cloudRouter,
            customerRouterAddress: addresses.customerRouter,
            slot: placed.slot!,
            routePriority,
            ...(vlan && { vlan: vlan.vlan }),
        };
    });
}

/**
 * The checks above encode the SLA rules; if sdk analysis disagrees with them, the planner is wrong.
 * The shape is judged as ordered: a port's stage does not change what the providers grant it.
 */
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
