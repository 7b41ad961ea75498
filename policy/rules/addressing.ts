import { ReportViolation } from "@pulumi/policy";
import { AddressFamily, AWS_IPV6_INSIDE_RANGE, AWS_RESERVED, AWS_RESERVED_HINT, IPV6_SESSION_RANGE, IPV6_TUNNEL_PREFIX_LENGTH, isCrossCloudError, LINK_LOCAL, Prefix } from "../../sdk";
import { StackModel, StackResource } from "../extract";
import { T } from "../extract/tokens";
import { addressInPrefix, lastSegment, networkPrefix, record, text, texts } from "../extract/values";
import { groupBy } from "./collect";
import { stackPolicy } from "./define";

export interface AddressingConfig {
    reservedPrefixes: string[];
}

/** One link-local range in use on a Cloud Router, and who uses it. */
interface Range {
    prefix: Prefix;
    /** `RouterInterface x (VPN tunnel)`, for messages. */
    owner: string;
    urn: string;
    /** VPN tunnel ranges must also avoid the ranges AWS reserves for VPN inside CIDRs. */
    vpn: boolean;
}

/**
 * IPv4 sessions between the clouds run on link-local /30s and /29s, unique per Cloud Router and AWS
 * gateway, clear of AWS's reserved /30s. An HA VPN tunnel's IPv6 session runs on a /126 that both
 * clouds take: Google, for a Cloud Router interface, "a unique local address (ULA) range from
 * fdff:1::/64 with a mask length of 126 or less", reserved "exclusively for this connection" in the
 * router's VPC (Compute Engine API, routers: interfaces[].ipRange); AWS, a /126 from fd00::/8,
 * unique across the VPN connections of a Transit Gateway (VpnTunnelOptionsSpecification,
 * TunnelInsideIpv6Cidr). A dedicated link's IPv6 session runs on addresses AWS assigns, not judged here.
 */
export const addressing = stackPolicy<AddressingConfig>({
    name: "link-local-addressing",
    description: "BGP inside ranges are link-local (IPv6: in fdff:1::/64, both clouds' range), unique on each Cloud Router (IPv6: in each VPC) and Transit Gateway, never AWS-reserved, and clear of the router's BGP identifier range.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            reservedPrefixes: {
                type: "array", default: [],
                items: { type: "string", pattern: "^([0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+|[0-9A-Fa-f:]+)/[0-9]+$" },
                description: "Session ranges in use on the same routers (IPv6: in the same VPC) outside this stack, of either family (another environment's sessions); no range here may overlap them.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.topology.links.length === 0) notApplicable("The stack has no links between the clouds.");
    const reserved = config.reservedPrefixes.map((p) => ({ prefix: networkPrefix(p), text: p }));
    const byRouter = new Map<string, Range[]>();
    const add = (router: string | undefined, range: Range) => {
        if (router === undefined) return;
        const ranges = byRouter.get(router);
        if (ranges) ranges.push(range);
        else byRouter.set(router, [range]);
    };
    const routerKey = (router: StackResource | undefined, reference: unknown) =>
        router ? model.index.label(router) : text(reference) && lastSegment(text(reference)!);

    const ipv6ByNetwork = new Map<string, Range[]>();
    for (const t of model.haVpns.flatMap((v) => v.tunnels)) {
        const written = t.routerInterface?.props.ipRange;
        if (!t.routerInterface || written === undefined) continue;
        const range = addressInPrefix(written);
        if (range?.prefix.family === AddressFamily.Ipv6) {
            const owner = `RouterInterface ${model.index.label(t.routerInterface)} (VPNTunnel ${model.index.label(t.tunnel)})`;
            const ipv6: Range = { prefix: range.prefix, owner, urn: t.routerInterface.urn, vpn: true };
            checkRangeIpv6(ipv6, report);
            const network = text(t.router?.props.network) ?? routerKey(t.router, t.tunnel.props.router);
            if (network !== undefined) ipv6ByNetwork.set(network, [...(ipv6ByNetwork.get(network) ?? []), ipv6]);
            continue;
        }
        const owner = `RouterInterface ${model.index.label(t.routerInterface)} (VPNTunnel ${model.index.label(t.tunnel)})`;
        if (!range) report(`${owner} has ipRange ${JSON.stringify(written)}, which is not an address with a prefix length. Write it like 169.254.10.2/30.`, t.routerInterface.urn);
        else add(routerKey(t.router, t.tunnel.props.router), { prefix: range.prefix, owner, urn: t.routerInterface.urn, vpn: true });
    }
    for (const a of model.attachments) {
        const written = a.routerInterface?.props.ipRange ?? a.attachment.props.cloudRouterIpAddress ?? a.attachment.props.candidateCloudRouterIpAddress;
        const range = addressInPrefix(written);
        const source = a.routerInterface ?? a.attachment;
        if (range) add(routerKey(a.router, a.attachment.props.router), { prefix: range.prefix, owner: `${source === a.attachment ? "InterconnectAttachment" : "RouterInterface"} ${model.index.label(source)}`, urn: source.urn, vpn: false });
        checkCandidateSubnets(a.attachment, model, report);
    }
    const routers = new Map(model.index.all(T.gcpRouter).map((r) => [model.index.label(r), r]));
    for (const [router, ranges] of byRouter) {
        const routerResource = routers.get(router);
        const identifier = text(record(routerResource?.props.bgp)?.identifierRange);
        if (routerResource && identifier !== undefined) {
            const prefix = addressInPrefix(identifier)?.prefix;
            // First, so that sessions are reported as overlapping it rather than the other way round.
            if (prefix) ranges.unshift({ prefix, owner: `the BGP identifier range of Cloud Router ${router}`, urn: routerResource.urn, vpn: false });
        }
        for (const range of ranges) checkRange(range, report);
        reportOverlaps(ranges, `Cloud Router ${router}`, report);
        for (const range of ranges) {
            const clash = reserved.find((r) => r.prefix?.overlaps(range.prefix));
            if (clash) report(`${range.owner} uses ${range.prefix}, which overlaps ${clash.text}, reserved in the policy config for sessions outside this stack. Move it.`, range.urn);
        }
    }
    for (const [network, ranges] of ipv6ByNetwork) {
        reportOverlaps(ranges, `VPC network ${lastSegment(network)} (Google reserves an IPv6 session's range in the whole VPC)`, report);
        for (const range of ranges) {
            const clash = reserved.find((r) => r.prefix?.overlaps(range.prefix));
            if (clash) report(`${range.owner} uses ${range.prefix}, which overlaps ${clash.text}, reserved in the policy config for sessions outside this stack. Move it.`, range.urn);
        }
    }
    checkAwsInsideCidrs(model, report);
    checkAwsInsideIpv6Cidrs(model, report);
});

/** An IPv6 tunnel session's range: in fdff:1::/64, where Google takes it, and no longer than /126. */
function checkRangeIpv6(range: Range, report: ReportViolation): void {
    if (!IPV6_SESSION_RANGE.contains(range.prefix)) {
        report(`${range.owner} uses ${range.prefix}, outside ${IPV6_SESSION_RANGE}; Cloud Router takes an IPv6 session's range only in ${IPV6_SESSION_RANGE} (and AWS only in fd00::/8). Pick a /126 there.`, range.urn);
    } else if (range.prefix.bits > IPV6_TUNNEL_PREFIX_LENGTH) {
        report(`${range.owner} uses ${range.prefix}; Cloud Router takes an IPv6 range of /126 or shorter, and AWS gives each tunnel a /126. Use the tunnel's /126.`, range.urn);
    }
}

function checkRange(range: Range, report: ReportViolation): void {
    if (!LINK_LOCAL.contains(range.prefix)) {
        report(`${range.owner} uses ${range.prefix}, outside link-local 169.254.0.0/16; BGP between the clouds runs on link-local addresses. Pick a range inside 169.254.0.0/16.`, range.urn);
        return;
    }
    const reserved = range.vpn ? AWS_RESERVED.find((r) => r.prefix.overlaps(range.prefix)) : undefined;
    if (reserved) {
        report(`${range.owner} uses ${range.prefix}: ${reserved.why}. ${AWS_RESERVED_HINT}.`, range.urn);
    }
}

/** Sorted by start, each range is checked against the widest one seen so far: one pass finds every overlap. */
function reportOverlaps(ranges: Range[], where: string, report: ReportViolation): void {
    const sorted = [...ranges].sort((a, b) => a.prefix.compare(b.prefix));
    let widest: Range | undefined;
    for (const range of sorted) {
        if (widest && range.prefix.network <= widest.prefix.last) {
            report(`${range.owner} uses ${range.prefix}, which overlaps ${widest.owner}'s ${widest.prefix} on ${where}. ` +
                "Every BGP session on a router needs its own link-local range; move one (crosscloud allocates them per environment block).", range.urn);
        }
        if (!widest || range.prefix.last > widest.prefix.last) widest = range;
    }
}

/** Google picks an attachment's /29 from its candidates: each must be link-local and /29 or shorter. */
function checkCandidateSubnets(attachment: StackResource, model: StackModel, report: ReportViolation): void {
    for (const candidate of texts(attachment.props.candidateSubnets)) {
        const prefix = networkPrefix(candidate);
        if (!prefix || !LINK_LOCAL.contains(prefix) || prefix.bits > 29) {
            report(`InterconnectAttachment ${model.index.label(attachment)} lists candidate subnet ${candidate}; candidates must be link-local prefixes of /29 or shorter.`, attachment.urn);
        }
    }
}

/** AWS's rules for tunnel inside CIDRs, and their uniqueness per Transit Gateway. */
function checkAwsInsideCidrs(model: StackModel, report: ReportViolation): void {
    const cidrs = model.index.all(T.awsVpnConnection).flatMap((connection) => [1, 2].flatMap((n) => {
        const written = text(connection.props[`tunnel${n}InsideCidr`]);
        return written === undefined ? [] : [{ connection, n, written }];
    }));
    const ranges: (Range & { gateway?: string })[] = [];
    for (const { connection, n, written } of cidrs) {
        const owner = `tunnel${n}InsideCidr of VpnConnection ${model.index.label(connection)}`;
        const prefix = networkPrefix(written);
        if (!prefix) {
            report(`${parseError(written, owner)} AWS takes a /30 inside 169.254.0.0/16 for each tunnel.`, connection.urn);
        } else if (prefix.bits !== 30) {
            report(`${owner} is ${written}; AWS takes a /30 for each tunnel. Use a /30 inside 169.254.0.0/16.`, connection.urn);
        } else {
            const range = { prefix, owner, urn: connection.urn, vpn: true, gateway: text(connection.props.transitGatewayId) ?? text(connection.props.vpnGatewayId) };
            checkRange(range, report);
            ranges.push(range);
        }
    }
    for (const [gateway, onGateway] of groupBy(ranges, (r) => r.gateway)) reportOverlaps(onGateway, `AWS gateway ${gateway}`, report);
}

/** AWS's rules for tunnel inside IPv6 CIDRs (a /126 in fd00::/8, unique per Transit Gateway), and Google's range for the other end. */
function checkAwsInsideIpv6Cidrs(model: StackModel, report: ReportViolation): void {
    const ranges: (Range & { gateway?: string })[] = [];
    for (const connection of model.index.all(T.awsVpnConnection)) {
        for (const n of [1, 2]) {
            const written = text(connection.props[`tunnel${n}InsideIpv6Cidr`]);
            if (written === undefined) continue;
            const owner = `tunnel${n}InsideIpv6Cidr of VpnConnection ${model.index.label(connection)}`;
            const prefix = networkPrefix(written);
            if (!prefix || prefix.family !== AddressFamily.Ipv6) {
                report(`${parseError(written, owner)} AWS takes a /126 inside fd00::/8 for each IPv6 tunnel.`, connection.urn);
            } else if (prefix.bits !== IPV6_TUNNEL_PREFIX_LENGTH || !AWS_IPV6_INSIDE_RANGE.contains(prefix)) {
                report(`${owner} is ${written}; AWS takes a /126 inside fd00::/8 for each IPv6 tunnel. Use a /126 in ${IPV6_SESSION_RANGE}, which Google takes too.`, connection.urn);
            } else {
                if (!IPV6_SESSION_RANGE.contains(prefix)) {
                    report(`${owner} is ${written}: AWS takes it, but Cloud Router takes the tunnel's other end only in ${IPV6_SESSION_RANGE}. Use a /126 there.`, connection.urn);
                }
                ranges.push({ prefix, owner, urn: connection.urn, vpn: true, gateway: text(connection.props.transitGatewayId) ?? text(connection.props.vpnGatewayId) });
            }
        }
    }
    for (const [gateway, onGateway] of groupBy(ranges, (r) => r.gateway)) reportOverlaps(onGateway, `AWS gateway ${gateway}`, report);
}

/** Why a prefix does not parse, in the sdk's words. */
function parseError(written: string, field: string): string {
    try {
        Prefix.parse(written, field, written.includes(":") ? AddressFamily.Ipv6 : AddressFamily.Ipv4);
        return `${field} = ${written} is not a usable prefix.`;
    } catch (e) {
        if (!isCrossCloudError(e)) throw e;
        return e.message;
    }
}
