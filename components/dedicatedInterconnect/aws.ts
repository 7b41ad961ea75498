import * as pulumi from "@pulumi/pulumi";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import { DedicatedInterconnectPlan, PlannedPort } from "../../sdk/plans/dedicated";
import { dedicatedNames } from "../../sdk/plans/names";
import { LinkStage } from "../../sdk/topology";
import { DedicatedInterconnectArgs } from "./args";

export interface AwsHalf {
    transitGatewayId: pulumi.Output<string>;
    directConnectGatewayId: pulumi.Output<string>;
    /** LAGs by port key. */
    lags: Record<string, directconnect.LinkAggregationGroup>;
    /** Each port's one dedicated connection. */
    connections: Record<string, directconnect.Connection>;
    /** Transit VIFs by attachment key: ready ports' only. */
    vifs: Record<string, directconnect.TransitVirtualInterface>;
    /** Dual stack: each VIF's IPv6 BGP peer, by attachment key, addressed by AWS. */
    ipv6Peers: Record<string, directconnect.BgpPeer>;
}

/** What a transit VIF is built with from the other end: its VLAN and the two BGP addresses, by attachment key. */
export type VifWiring = Record<string, { vlan: pulumi.Input<number>; customerAddress: pulumi.Input<string>; amazonAddress: pulumi.Input<string> }>;

/**
 * Stage one: the Direct Connect gateway and its Transit Gateway association, and one LAG per port.
 * Stage two, per ready port: a transit VIF per attachment, wired as `wiring` says: from what Google
 * assigned to the attachment, or, for dual stack, from the plan, with an IPv6 BGP peer on the VIF.
 * AWS assigns an IPv6 peer's addresses itself, a /125 from its own pool ("You cannot specify your own
 * peer IPv6 addresses … Amazon automatically allocates you a /125 IPv6 CIDR"; a VIF holds one IPv4
 * and one IPv6 BGP peer, "Multi-protocol BGP is not supported": Direct Connect, "Add a BGP peer"),
 * and Google takes an attachment's IPv6 addresses only when it creates it, so the VIF and its IPv6
 * peer come first and the attachment takes their addresses.
 */
export function declareAws(
    name: string, args: DedicatedInterconnectArgs, plan: DedicatedInterconnectPlan,
    wiring: VifWiring, md5Keys: Record<string, pulumi.Output<string>>, parent: pulumi.Resource,
): AwsHalf {
    const names = dedicatedNames(name);
    const transitGatewayId = pulumi.output(args.aws.transitGatewayId ?? new ec2transitgateway.TransitGateway(names.transitGateway, {
        amazonSideAsn: plan.transitGatewayAsn,
        region: args.aws.region,
    }, { parent }).id);
    const directConnectGatewayId = pulumi.output(args.aws.directConnectGatewayId ?? new directconnect.Gateway(names.dxGateway, {
        amazonSideAsn: String(plan.directConnectGatewayAsn),
    }, { parent }).id);
    new directconnect.GatewayAssociation(names.association, {
        dxGatewayId: directConnectGatewayId,
        associatedGatewayId: transitGatewayId,
        allowedPrefixes: plan.allowedPrefixes,
        region: args.aws.region,
    }, { parent });

    const connections = Object.fromEntries(plan.ports.map((p) => [p.key, declareConnection(name, plan, p, parent)]));
    const lags = Object.fromEntries(plan.ports.map((p) => [p.key, declareLag(name, plan, p, connections[p.key], parent)]));

    const ready = plan.attachments.filter((a) => a.stage === LinkStage.Ready);
    const regionOf = (port: string) => plan.ports.find((p) => p.key === port)!.awsRegion;
    const vifs = Object.fromEntries(ready.map((a) => {
        const wired = wiring[a.key];
        return [a.key, new directconnect.TransitVirtualInterface(names.vif(a.key), {
            connectionId: lags[a.port].id,
            dxGatewayId: directConnectGatewayId,
            addressFamily: "ipv4",
            vlan: wired.vlan,
            ...a.vifAsn,
            // Seen from AWS, Google is the customer: the Cloud Router's address is the customer address.
            customerAddress: wired.customerAddress,
            amazonAddress: wired.amazonAddress,
            bgpAuthKey: md5Keys[a.key],
            mtu: plan.mtu,
            region: regionOf(a.port),
        }, { parent })];
    }));
    const ipv6Peers = Object.fromEntries(ready.filter((a) => a.vlan !== undefined).map((a) => [a.key, new directconnect.BgpPeer(names.vifPeerV6(a.key), {
        virtualInterfaceId: vifs[a.key].id,
        addressFamily: "ipv6",
        ...a.vifAsn,
        bgpAuthKey: md5Keys[a.key],
        region: regionOf(a.port),
    }, { parent })]));

    return { transitGatewayId, directConnectGatewayId, lags, connections, vifs, ipv6Peers };
}

/** The port's dedicated connection, which the LAG is made from. */
function declareConnection(name: string, plan: DedicatedInterconnectPlan, port: PlannedPort, parent: pulumi.Resource): directconnect.Connection {
    return new directconnect.Connection(dedicatedNames(name).connection(port.key), {
        bandwidth: plan.connectionsBandwidth,
        location: port.awsLocation,
        region: port.awsRegion,
    }, { parent, protect: plan.production });
}

/**
 * The LAG is made from the port's connection, so it lands on that connection's device and AWS
 * creates no stray connection for the provider to delete. Google's guide for AWS asks for a LAG
 * per Cross-Cloud Interconnect connection, because the link runs LACP ("Order AWS ports").
 */
function declareLag(name: string, plan: DedicatedInterconnectPlan, port: PlannedPort, connection: directconnect.Connection, parent: pulumi.Resource): directconnect.LinkAggregationGroup {
    return new directconnect.LinkAggregationGroup(dedicatedNames(name).lag(port.key), {
        connectionsBandwidth: plan.connectionsBandwidth,
        location: port.awsLocation,
        region: port.awsRegion,
        connectionId: connection.id,
        // AWS deletes a LAG only once its links are gone; outside production, a destroy may take them along.
        forceDestroy: !plan.production,
    }, { parent, protect: plan.production });
}
