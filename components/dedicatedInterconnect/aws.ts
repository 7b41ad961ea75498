import * as pulumi from "@pulumi/pulumi";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
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
}

/**
 * Stage one: the Direct Connect gateway and its Transit Gateway association, and one LAG per port.
 * Stage two, per ready port: a transit VIF per attachment, addressed from what Google assigned to it.
 */
export function declareAws(
    name: string, args: DedicatedInterconnectArgs, plan: DedicatedInterconnectPlan,
    attachments: Record<string, compute.InterconnectAttachment>, md5Keys: Record<string, pulumi.Output<string>>, parent: pulumi.Resource,
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

    const vifs = Object.fromEntries(plan.attachments.filter((a) => a.stage === LinkStage.Ready).map((a) => {
        const attachment = attachments[a.key];
        return [a.key, new directconnect.TransitVirtualInterface(names.vif(a.key), {
            connectionId: lags[a.port].id,
            dxGatewayId: directConnectGatewayId,
            addressFamily: "ipv4",
            vlan: attachment.vlanTag8021q,
            ...a.vifAsn,
            // Seen from AWS, Google is the customer: the Cloud Router's address is the customer address.
            customerAddress: attachment.cloudRouterIpAddress,
            amazonAddress: attachment.customerRouterIpAddress,
            bgpAuthKey: md5Keys[a.key],
            mtu: plan.mtu,
            region: plan.ports.find((p) => p.key === a.port)!.awsRegion,
        }, { parent })];
    }));

    return { transitGatewayId, directConnectGatewayId, lags, connections, vifs };
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
