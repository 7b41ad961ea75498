import * as pulumi from "@pulumi/pulumi";
import type * as directconnect from "@pulumi/aws/directconnect";
import * as compute from "@pulumi/gcp/compute";
import { AddressFamily } from "../../sdk/addressFamily";
import { textsOfFamily } from "../../sdk/prefix";
import { ATTACHMENT_PREFIX_LENGTH, DedicatedInterconnectPlan } from "../../sdk/plans/dedicated";
import { dedicatedNames } from "../../sdk/plans/names";
import { LinkStage } from "../../sdk/topology";
import { DedicatedInterconnectArgs } from "./args";

/** Something Google reports as standing between the declared intent and the SLA. */
export interface GoogleSlaBlocker {
    /** The group that reported it: `interconnects` (the ports) or `attachments`. */
    group: string;
    /** e.g. `NO_ATTACHMENTS_IN_METRO_AND_ZONE`. */
    type: string;
    /** Google's explanation of what blocks the SLA. */
    explanation: string;
    /** Where Google documents the fix. */
    documentationLink: string;
}

const COMPUTE_API = "https://www.googleapis.com/compute/v1";

export interface GoogleHalf {
    /** Interconnects by port key. */
    ports: Record<string, compute.Interconnect>;
    /** Interconnect self links by port key (the resource publishes only its id). */
    portLinks: Record<string, pulumi.Output<string>>;
    /** Cloud Router names by region. */
    routers: Record<string, pulumi.Input<string>>;
    /** VLAN attachments by attachment key: ready ports' only. */
    attachments: Record<string, compute.InterconnectAttachment>;
    /** The BGP peer over each attachment, by attachment key. */
    peers: Record<string, compute.RouterPeer>;
    /** Dual stack: the IPv6 BGP peer over each attachment, by attachment key. */
    peersIpv6: Record<string, compute.RouterPeer>;
    slaBlockers: pulumi.Output<GoogleSlaBlocker[]>;
}

/**
 * Stage one: the ports (Cross-Cloud Interconnect connections) and Cloud Routers. Stage two, per
 * ready port: attachments with their interface and BGP peer, and the two groups that declare the SLA
 * intent over what is ready, so Google reports what blocks it. Google accepts a VLAN attachment only
 * on a provisioned connection (stages.ts).
 */
export function declareGoogle(
    name: string, args: DedicatedInterconnectArgs, plan: DedicatedInterconnectPlan, md5Keys: Record<string, pulumi.Output<string>>, parent: pulumi.Resource,
    awsIpv6Peers: Record<string, directconnect.BgpPeer> = {},
): GoogleHalf {
    const { project } = args.google;
    const names = dedicatedNames(name);
    const ports = Object.fromEntries(plan.ports.map((p) => [p.key, new compute.Interconnect(names.port(p.key), {
        interconnectType: "DEDICATED",
        linkType: plan.linkType,
        requestedLinkCount: 1,
        location: p.location,
        remoteLocation: p.remoteLocation,
        project,
        deletionPolicy: plan.production ? "PREVENT" : undefined,
    }, { parent, protect: plan.production })]));

    const portLinks = Object.fromEntries(plan.ports.map((p) => [p.key, pulumi.interpolate`${COMPUTE_API}/${ports[p.key].id}`]));

    const routers = Object.fromEntries(plan.routers.map((r) => [r.region, existingRouter(args, r.region) ?? new compute.Router(names.router(r.region), {
        network: args.google.network,
        region: r.region,
        project,
        bgp: { asn: r.asn },
    }, { parent }).name]));

    const ready = plan.attachments.filter((a) => a.stage === LinkStage.Ready);
    const peers: Record<string, compute.RouterPeer> = {};
    const peersIpv6: Record<string, compute.RouterPeer> = {};
    const dual = plan.attachments.some((a) => a.vlan !== undefined);
    // IPv4-only attachments advertise every prefix, as before; dual-stack ones each family over its own session.
    const advertisedIpv4 = dual ? textsOfFamily(plan.advertisedPrefixes, AddressFamily.Ipv4) : plan.advertisedPrefixes;
    const attachments = Object.fromEntries(ready.map((a) => {
        const router = routers[a.region];
        const awsIpv6 = awsIpv6Peers[a.key];
        const attachment = new compute.InterconnectAttachment(names.attachment(a.key), {
            type: "DEDICATED",
            interconnect: portLinks[a.port],
            router,
            region: a.region,
            project,
            bandwidth: a.bandwidth,
            mtu: String(plan.mtu),
            subnetLength: ATTACHMENT_PREFIX_LENGTH,
            candidateSubnets: [a.subnet],
            candidateCloudRouterIpAddress: a.cloudRouterAddress,
            candidateCustomerRouterIpAddress: a.customerRouterAddress,
            // Dual stack: the VLAN the VIF was made with, and the IPv6 addresses AWS gave its IPv6 peer
            // (the Cloud Router is AWS's customer end).
            ...(a.vlan !== undefined && awsIpv6 && {
                stackType: "IPV4_IPV6",
                vlanTag8021q: a.vlan,
                candidateCloudRouterIpv6Address: withLength(awsIpv6.customerAddress),
                candidateCustomerRouterIpv6Address: withLength(awsIpv6.amazonAddress),
            }),
        }, { parent });
        const routerInterface = new compute.RouterInterface(names.interface(a.key), {
            router,
            region: a.region,
            project,
            interconnectAttachment: attachment.name,
            ipRange: attachment.cloudRouterIpAddress,
        }, { parent });
        peers[a.key] = new compute.RouterPeer(names.peer(a.key), {
            router,
            region: a.region,
            project,
            interface: routerInterface.name,
            peerAsn: plan.directConnectGatewayAsn,
            ipAddress: host(attachment.cloudRouterIpAddress),
            peerIpAddress: host(attachment.customerRouterIpAddress),
            advertiseMode: "CUSTOM",
            advertisedIpRanges: advertisedIpv4.map((range) => ({ range })),
            advertisedRoutePriority: a.routePriority,
            bfd: { sessionInitializationMode: "ACTIVE" },
            md5AuthenticationKey: { name: names.md5(a.key), key: md5Keys[a.key] },
        }, { parent });
        if (a.vlan !== undefined && awsIpv6) {
            // The IPv6 session runs beside the IPv4 one over the same dual-stack attachment, on an
            // interface of its own ("Configure on-premises routers for Dedicated Interconnect": IPv4
            // and IPv6 BGP sessions "run in parallel over the same VLAN attachment").
            const interfaceIpv6 = new compute.RouterInterface(names.interfaceV6(a.key), {
                router, region: a.region, project,
                interconnectAttachment: attachment.name,
                ipRange: attachment.cloudRouterIpv6Address,
                ipVersion: "IPV6",
            }, { parent });
            peersIpv6[a.key] = new compute.RouterPeer(names.peerV6(a.key), {
                router, region: a.region, project,
                interface: interfaceIpv6.name,
                peerAsn: plan.directConnectGatewayAsn,
                ipAddress: host(attachment.cloudRouterIpv6Address),
                peerIpAddress: host(attachment.customerRouterIpv6Address),
                enableIpv6: true,
                enableIpv4: false,
                advertiseMode: "CUSTOM",
                advertisedIpRanges: textsOfFamily(plan.advertisedPrefixes, AddressFamily.Ipv6).map((range) => ({ range })),
                advertisedRoutePriority: a.routePriority,
                bfd: { sessionInitializationMode: "ACTIVE" },
                md5AuthenticationKey: { name: names.md5V6(a.key), key: md5Keys[a.key] },
            }, { parent });
        }
        return [a.key, attachment];
    }));

    const readyPorts = plan.ports.filter((p) => p.stage === LinkStage.Ready);
    if (readyPorts.length === 0) return { ports, portLinks, routers, attachments, peers, peersIpv6, slaBlockers: pulumi.output([]) };
    const interconnectGroup = new compute.InterconnectGroup(names.interconnectGroup, {
        intent: { topologyCapability: plan.googleSlaIntent },
        interconnects: readyPorts.map((p) => ({ name: p.key, interconnect: portLinks[p.key] })),
        project,
    }, { parent });
    const attachmentGroup = new compute.InterconnectAttachmentGroup(names.attachmentGroup, {
        intent: { availabilitySla: plan.googleSlaIntent },
        attachments: ready.map((a) => ({ name: a.key, attachment: attachments[a.key].selfLink })),
        project,
    }, { parent });

    return { ports, portLinks, routers, attachments, peers, peersIpv6, slaBlockers: slaBlockers(interconnectGroup, attachmentGroup) };
}

function existingRouter(args: DedicatedInterconnectArgs, region: string): pulumi.Input<string> | undefined {
    return region === args.google.region ? args.google.router : args.google.routers?.[region]?.router;
}

/** AWS reports an IPv6 peer address with its /125; Google's candidate takes address and length. */
function withLength(address: pulumi.Output<string>): pulumi.Output<string> {
    return address.apply((a) => (a.includes("/") ? a : `${a}/125`));
}

/** `169.254.10.1/29` → `169.254.10.1`: BGP peers take bare addresses. */
function host(address: pulumi.Output<string>): pulumi.Output<string> {
    return address.apply((a) => a.split("/")[0]);
}

/** What Google says stands between the declared intent and the SLA; empty until Google has judged the groups. */
function slaBlockers(ports: compute.InterconnectGroup, attachments: compute.InterconnectAttachmentGroup): pulumi.Output<GoogleSlaBlocker[]> {
    return pulumi.all([ports.configureds, attachments.configureds]).apply(([portVerdicts = [], attachmentVerdicts = []]) => [
        ...portVerdicts.flatMap((c) => c.topologyCapabilities ?? []).flatMap((t) => t.intendedCapabilityBlockers ?? [])
            .map((b) => blocker("interconnects", b)),
        ...attachmentVerdicts.flatMap((c) => c.availabilitySlas ?? []).flatMap((s) => s.intendedSlaBlockers ?? [])
            .map((b) => blocker("attachments", b)),
    ]);
}

function blocker(group: string, b: { blockerType: string; explanation: string; documentationLink: string }): GoogleSlaBlocker {
    return { group, type: b.blockerType, explanation: b.explanation, documentationLink: b.documentationLink };
}
