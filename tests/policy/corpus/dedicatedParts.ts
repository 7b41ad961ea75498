/**
 * A Cross-Cloud Interconnect to AWS built per both providers' ordering guides: Google's "Order
 * Cross-Cloud Interconnect connections" and "Create VLAN attachments" for AWS (one LAG per Google
 * connection, because AWS needs LACP; a LAG ordered without an existing connection comes with one
 * member), AWS's "Link aggregation groups" and "Create a transit
 * virtual interface to the Direct Connect gateway". Each port gets its own LAG and one transit VIF
 * on a shared Direct Connect gateway; the VIF takes its VLAN and BGP addresses from the attachment
 * (AWS's customer address is Google's Cloud Router address). What the programs vary is an argument.
 */
import * as pulumi from "@pulumi/pulumi";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";

export interface Port {
    /** Google interconnect location, e.g. `iad-zone1-1`. */
    location: string;
    /** Google's remote location for the AWS facility, e.g. `aws-eqdc2`. */
    remoteLocation: string;
    /** The AWS Direct Connect location of the same facility. */
    awsLocation: string;
    region: string;
}

export interface DedicatedOptions {
    ports: Port[];
    routingMode: "GLOBAL" | "REGIONAL";
    googleAsn: number;
    directConnectGatewayAsn: number;
    transitGatewayAsn: number;
    /** What the DX gateway association allows AWS to advertise to Google. */
    allowedPrefixes: string[];
    /** How attachments name their port: Google's id, its self link, or its name. */
    interconnectBy: "id" | "selfLink" | "name";
    /** How attachments name their Cloud Router (by name unless given; interfaces and peers take its name). */
    routerBy?: "id" | "selfLink" | "path" | "name";
    /** One Google name for every region's router (names are unique per region, not per project). */
    routerName?: string;
    /** The LAG's port speed; Google's ports are 10G. */
    lagBandwidth?: string;
    /** MD5 on both ends, on AWS's end only (Google's peer left without), or on neither. */
    md5: "both" | "awsOnly";
    bfd: boolean;
    /** Ranges each Cloud Router peer advertises to AWS; undefined advertises the router's subnets. */
    advertisedRanges?: string[];
    protect: boolean;
}

/** What AWS names per port: the LAG and the transit VIF on it (the dimensions of its Direct Connect metrics). */
export interface AwsPortSide {
    lag: directconnect.LinkAggregationGroup;
    vif: directconnect.TransitVirtualInterface;
}

export function dedicatedInterconnect(name: string, o: DedicatedOptions): AwsPortSide[] {
    const network = new compute.Network(`${name}-vpc`, { autoCreateSubnetworks: false, routingMode: o.routingMode });
    const routers = new Map<string, compute.Router>();
    for (const region of new Set(o.ports.map((p) => p.region))) {
        routers.set(region, new compute.Router(`${name}-router-${region}`, {
            region, network: network.id, bgp: { asn: o.googleAsn }, ...(o.routerName && { name: o.routerName }),
        }));
    }
    const transitGateway = new ec2transitgateway.TransitGateway(`${name}-tgw`, { amazonSideAsn: o.transitGatewayAsn });
    const dxGateway = new directconnect.Gateway(`${name}-dxgw`, { name: `${name}-dxgw`, amazonSideAsn: String(o.directConnectGatewayAsn) });
    new directconnect.GatewayAssociation(`${name}-dxgw-tgw`, {
        dxGatewayId: dxGateway.id, associatedGatewayId: transitGateway.id, allowedPrefixes: o.allowedPrefixes,
    });
    return o.ports.map((port, i) => {
        const router = routers.get(port.region)!;
        const interconnect = new compute.Interconnect(`${name}-port-${i}`, {
            interconnectType: "DEDICATED",
            linkType: "LINK_TYPE_ETHERNET_10G_LR",
            requestedLinkCount: 1,
            location: `https://www.googleapis.com/compute/v1/projects/acme-net/global/interconnectLocations/${port.location}`,
            remoteLocation: port.remoteLocation,
            adminEnabled: true,
            project: "acme-net",
        }, { protect: o.protect });
        const lag = new directconnect.LinkAggregationGroup(`${name}-lag-${i}`, {
            name: `${name}-lag-${i}`,
            connectionsBandwidth: o.lagBandwidth ?? "10Gbps",
            location: port.awsLocation,
        }, { protect: o.protect });
        const attachment = new compute.InterconnectAttachment(`${name}-attachment-${i}`, {
            region: port.region,
            type: "DEDICATED",
            interconnect: portReference(interconnect, o.interconnectBy),
            router: routerReference(router, o.routerBy ?? "name"),
            vlanTag8021q: 1000 + i,
            bandwidth: "BPS_10G",
            mtu: "1500",
            candidateSubnets: [`169.254.${60 + i}.0/29`],
        });
        const md5Key = pulumi.secret(`${name}-bgp-key-${i}`);
        const routerInterface = new compute.RouterInterface(`${name}-interface-${i}`, {
            region: port.region,
            router: router.name,
            ipRange: attachment.cloudRouterIpAddress,
            interconnectAttachment: attachment.name,
        });
        new compute.RouterPeer(`${name}-peer-${i}`, {
            region: port.region,
            router: router.name,
            interface: routerInterface.name,
            peerIpAddress: attachment.customerRouterIpAddress.apply((a) => a.split("/")[0]),
            peerAsn: o.directConnectGatewayAsn,
            ...(o.md5 === "both" && { md5AuthenticationKey: { name: `${name}-md5-${i}`, key: md5Key } }),
            ...(o.bfd && { bfd: { sessionInitializationMode: "ACTIVE" } }),
            ...(o.advertisedRanges && { advertiseMode: "CUSTOM", advertisedIpRanges: o.advertisedRanges.map((range) => ({ range })) }),
        });
        const vif = new directconnect.TransitVirtualInterface(`${name}-vif-${i}`, {
            name: `${name}-vif-${i}`,
            connectionId: lag.id,
            dxGatewayId: dxGateway.id,
            vlan: attachment.vlanTag8021q,
            addressFamily: "ipv4",
            bgpAsn: o.googleAsn,
            amazonAddress: attachment.customerRouterIpAddress,
            customerAddress: attachment.cloudRouterIpAddress,
            bgpAuthKey: md5Key,
            mtu: 1500,
        });
        return { lag, vif };
    });
}

/**
 * An Interconnect has no `selfLink` output in the provider, so programs that name ports by self
 * link (the gcloud and Terraform idiom) write it out from the project and name.
 */
function portReference(port: compute.Interconnect, by: DedicatedOptions["interconnectBy"]): pulumi.Input<string> {
    if (by === "selfLink") return pulumi.interpolate`https://www.googleapis.com/compute/v1/projects/${port.project}/global/interconnects/${port.name}`;
    return by === "id" ? port.id : port.name;
}

function routerReference(router: compute.Router, by: NonNullable<DedicatedOptions["routerBy"]>): pulumi.Input<string> {
    if (by === "path") return router.selfLink.apply((link) => link.slice(link.indexOf("projects/")));
    return router[by];
}

export const IAD_999: Port[] = [
    { location: "iad-zone1-1", remoteLocation: "aws-eqdc2", awsLocation: "EqDC2", region: "us-east4" },
    { location: "iad-zone2-1", remoteLocation: "aws-csva1", awsLocation: "CSVA1", region: "us-east4" },
];

export const IAD_SJC_9999: Port[] = [
    ...IAD_999,
    { location: "sjc-zone1-6", remoteLocation: "aws-eqsv5", awsLocation: "EqSV5", region: "us-west2" },
    { location: "sjc-zone2-6", remoteLocation: "aws-cssv", awsLocation: "CSSV", region: "us-west2" },
];
