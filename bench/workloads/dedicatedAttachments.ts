/**
 * N dedicated Cross-Cloud Interconnect attachments, as ⌈N/4⌉ interconnects in the prod shape, every
 * port ready: 99.99% with four 10 Gbps ports in two metros (iad, sjc), each metro's two LAGs at one
 * AWS location (AWS's Maximum resiliency), one 5 Gbps attachment per port, Cloud
 * Routers in two regions, a Direct Connect gateway each, on a shared Transit Gateway. Google
 * limits attachments per port and BGP sessions per Cloud Router, so an estate grows by adding
 * interconnects rather than piling attachments on one. Declared two ways, like the HA VPN pairs:
 * with the `DedicatedInterconnect` component, and as the same raw resources with the same inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import * as directconnect from "@pulumi/aws/directconnect";
import * as compute from "@pulumi/gcp/compute";
import { RandomPassword } from "@pulumi/random";
import { DedicatedInterconnect, DedicatedInterconnectArgs, SlaTarget } from "../../components/dedicatedInterconnect";
import { PortSpeed } from "../../sdk/bandwidth";
import { ATTACHMENT_PREFIX_LENGTH, DedicatedInterconnectPlan, MD5_KEY_LENGTH, planDedicatedInterconnect } from "../../sdk/plans/dedicated";
import { Program } from "../../offline";

export const ATTACHMENTS_PER_INTERCONNECT = 4;

export function interconnectsFor(attachments: number): number {
    return Math.ceil(attachments / ATTACHMENTS_PER_INTERCONNECT);
}

export function interconnectName(i: number): string {
    return `cci${i}`;
}

const port = (location: string, awsLocation: string, awsRegion?: string) => ({
    location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation, ...(awsRegion && { awsRegion }), ready: true,
});

export function dedicatedArgs(): DedicatedInterconnectArgs {
    return {
        sla: SlaTarget.FourNines,
        portSpeed: PortSpeed.Gbps10,
        ports: {
            "iad-1": port("iad-zone1-1", "EqDC2"),
            "iad-2": port("iad-zone2-1", "EqDC2"),
            "sjc-1": port("sjc-zone1-6", "EqSV5", "us-west-1"),
            "sjc-2": port("sjc-zone2-6", "EqSV5", "us-west-1"),
        },
        attachments: {
            "east-a": { port: "iad-1", bandwidth: "5Gbps" },
            "east-b": { port: "iad-2", bandwidth: "5Gbps" },
            "west-a": { port: "sjc-1", region: "us-west2", bandwidth: "5Gbps" },
            "west-b": { port: "sjc-2", region: "us-west2", bandwidth: "5Gbps" },
        },
        google: { network: "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/transit", region: "us-east4", routerAsn: 65010, globalRouting: true },
        aws: { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        advertisedPrefixes: ["10.20.0.0/16"],
        production: true,
        // The raw program declares no alarms: the overhead compares the same resources.
        monitoring: { enabled: false },
    };
}

export function dedicatedComponents(attachments: number): Program {
    return () => {
        for (let i = 0; i < interconnectsFor(attachments); i++) new DedicatedInterconnect(interconnectName(i), dedicatedArgs());
    };
}

/** The raw program; as for the HA VPN pairs, the values are worked out before it runs. */
export function rawDedicated(attachments: number): Program {
    const literals = Array.from({ length: interconnectsFor(attachments) }, (_, i) => planDedicatedInterconnect({ name: interconnectName(i), ...dedicatedArgs() }));
    return () => literals.forEach((plan, i) => declareRawInterconnect(interconnectName(i), dedicatedArgs(), plan));
}

const COMPUTE_API = "https://www.googleapis.com/compute/v1";

function declareRawInterconnect(name: string, args: DedicatedInterconnectArgs, plan: DedicatedInterconnectPlan): void {
    const protect = { protect: plan.production };
    const md5 = Object.fromEntries(plan.attachments.map((a) => [a.key, new RandomPassword(`${name}-md5-${a.key}`, { length: MD5_KEY_LENGTH, special: false }).result]));

    const ports = Object.fromEntries(plan.ports.map((p) => [p.key, new compute.Interconnect(`${name}-port-${p.key}`, {
        interconnectType: "DEDICATED", linkType: plan.linkType, requestedLinkCount: 1,
        location: p.location, remoteLocation: p.remoteLocation, deletionPolicy: "PREVENT",
    }, protect)]));
    const portLinks = Object.fromEntries(plan.ports.map((p) => [p.key, pulumi.interpolate`${COMPUTE_API}/${ports[p.key].id}`]));
    const routers = Object.fromEntries(plan.routers.map((r) => [r.region, new compute.Router(`${name}-router-${r.region}`, {
        network: args.google.network, region: r.region, bgp: { asn: r.asn },
    }).name]));

    const vlanAttachments = Object.fromEntries(plan.attachments.map((a) => {
        const router = routers[a.region];
        const attachment = new compute.InterconnectAttachment(`${name}-attachment-${a.key}`, {
            type: "DEDICATED", interconnect: portLinks[a.port], router, region: a.region,
            bandwidth: a.bandwidth, mtu: String(plan.mtu), subnetLength: ATTACHMENT_PREFIX_LENGTH,
            candidateSubnets: [a.subnet], candidateCloudRouterIpAddress: a.cloudRouterAddress, candidateCustomerRouterIpAddress: a.customerRouterAddress,
        });
        const routerInterface = new compute.RouterInterface(`${name}-interface-${a.key}`, {
            router, region: a.region, interconnectAttachment: attachment.name, ipRange: attachment.cloudRouterIpAddress,
        });
        new compute.RouterPeer(`${name}-peer-${a.key}`, {
            router, region: a.region, interface: routerInterface.name, peerAsn: plan.directConnectGatewayAsn,
            ipAddress: attachment.cloudRouterIpAddress.apply((address) => address.split("/")[0]),
            peerIpAddress: attachment.customerRouterIpAddress.apply((address) => address.split("/")[0]),
            advertiseMode: "CUSTOM", advertisedIpRanges: plan.advertisedPrefixes.map((range) => ({ range })),
            advertisedRoutePriority: a.routePriority, bfd: { sessionInitializationMode: "ACTIVE" },
            md5AuthenticationKey: { name: `${name}-md5-${a.key}`, key: md5[a.key] },
        });
        return [a.key, attachment];
    }));
    new compute.InterconnectGroup(`${name}-interconnect-group`, {
        intent: { topologyCapability: plan.googleSlaIntent },
        interconnects: plan.ports.map((p) => ({ name: p.key, interconnect: portLinks[p.key] })),
    });
    new compute.InterconnectAttachmentGroup(`${name}-attachment-group`, {
        intent: { availabilitySla: plan.googleSlaIntent },
        attachments: plan.attachments.map((a) => ({ name: a.key, attachment: vlanAttachments[a.key].selfLink })),
    });

    const transitGatewayId = args.aws.transitGatewayId!;
    const dxGatewayId = new directconnect.Gateway(`${name}-dx-gateway`, { amazonSideAsn: String(plan.directConnectGatewayAsn) }).id;
    new directconnect.GatewayAssociation(`${name}-association`, {
        dxGatewayId, associatedGatewayId: transitGatewayId, allowedPrefixes: plan.allowedPrefixes, region: args.aws.region,
    });
    const lags = Object.fromEntries(plan.ports.map((p) => {
        const link = new directconnect.Connection(`${name}-connection-${p.key}-1`, { bandwidth: plan.connectionsBandwidth, location: p.awsLocation, region: p.awsRegion }, protect);
        return [p.key, new directconnect.LinkAggregationGroup(`${name}-lag-${p.key}`, {
            connectionsBandwidth: plan.connectionsBandwidth, location: p.awsLocation, region: p.awsRegion, connectionId: link.id, forceDestroy: false,
        }, protect)];
    }));
    for (const a of plan.attachments) {
        const attachment = vlanAttachments[a.key];
        new directconnect.TransitVirtualInterface(`${name}-vif-${a.key}`, {
            connectionId: lags[a.port].id, dxGatewayId, addressFamily: "ipv4", vlan: attachment.vlanTag8021q, ...a.vifAsn,
            customerAddress: attachment.cloudRouterIpAddress, amazonAddress: attachment.customerRouterIpAddress,
            bgpAuthKey: md5[a.key], mtu: plan.mtu, region: plan.ports.find((p) => p.key === a.port)!.awsRegion,
        });
    }
}
