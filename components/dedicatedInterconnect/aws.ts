import * as pulumi from "@pulumi/pulumi";
import * as directconnect from "@pulumi/aws/directconnect";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import { childName, DedicatedInterconnectPlan, PlannedPort } from "../../sdk/plans/dedicatedInterconnect";
import { DedicatedInterconnectArgs } from "./args";

export interface AwsHalf {
    transitGatewayId: pulumi.Output<string>;
    directConnectGatewayId: pulumi.Output<string>;
    /** LAGs by port key. */
    lags: Record<string, directconnect.LinkAggregationGroup>;
    /** Each port's links, in order. */
    connections: Record<string, directconnect.Connection[]>;
    /** Transit VIFs by attachment key. */
    vifs: Record<string, directconnect.TransitVirtualInterface>;
}

/**
 * The Direct Connect gateway and its Transit Gateway association, one LAG per port, and one transit
 * VIF per attachment, addressed from what Google assigned to the attachment.
 */
export function declareAws(
    name: string, args: DedicatedInterconnectArgs, plan: DedicatedInterconnectPlan,
    attachments: Record<string, compute.InterconnectAttachment>, md5Keys: Record<string, pulumi.Output<string>>, parent: pulumi.Resource,
): AwsHalf {
    const transitGatewayId = pulumi.output(args.aws.transitGatewayId ?? new ec2transitgateway.TransitGateway(childName(name, "transit-gateway"), {
        amazonSideAsn: plan.transitGatewayAsn,
        region: args.aws.region,
    }, { parent }).id);
    const directConnectGatewayId = pulumi.output(args.aws.directConnectGatewayId ?? new directconnect.Gateway(childName(name, "dx-gateway"), {
        amazonSideAsn: String(plan.directConnectGatewayAsn),
    }, { parent }).id);
    new directconnect.GatewayAssociation(childName(name, "association"), {
        dxGatewayId: directConnectGatewayId,
        associatedGatewayId: transitGatewayId,
        allowedPrefixes: plan.allowedPrefixes,
        region: args.aws.region,
    }, { parent });

    const connections = Object.fromEntries(plan.ports.map((p) => [p.key, declareLinks(name, args, plan, p, parent)]));
    const lags = Object.fromEntries(plan.ports.map((p) => [p.key, declareLag(name, plan, p, connections[p.key], parent)]));

    const vifs = Object.fromEntries(plan.attachments.map((a) => {
        const attachment = attachments[a.key];
        return [a.key, new directconnect.TransitVirtualInterface(childName(name, "vif", a.key), {
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

/** The port's dedicated connections, MACsec-capable when asked, with the keys Google generated once given. */
function declareLinks(name: string, args: DedicatedInterconnectArgs, plan: DedicatedInterconnectPlan, port: PlannedPort, parent: pulumi.Resource): directconnect.Connection[] {
    const keys = args.macsec?.keys?.[port.key];
    return Array.from({ length: plan.linksPerPort }, (_, i) => {
        const key = `${port.key}-${i + 1}`;
        const connection = new directconnect.Connection(childName(name, "connection", key), {
            bandwidth: plan.connectionsBandwidth,
            location: port.awsLocation,
            region: port.awsRegion,
            ...(port.macsec && { requestMacsec: true, encryptionMode: port.macsec.secured ? "must_encrypt" : undefined }),
        }, { parent, protect: plan.production });
        if (keys) {
            new directconnect.MacsecKeyAssociation(childName(name, "macsec", key), {
                connectionId: connection.id,
                cak: pulumi.secret(keys.cak),
                ckn: pulumi.secret(keys.ckn),
                region: port.awsRegion,
            }, { parent });
        }
        return connection;
    });
}

/**
 * The LAG is made from the port's first link, so it lands on that link's device and AWS creates no
 * stray connection for the provider to delete; the other links join it.
 */
function declareLag(name: string, plan: DedicatedInterconnectPlan, port: PlannedPort, links: directconnect.Connection[], parent: pulumi.Resource): directconnect.LinkAggregationGroup {
    const lag = new directconnect.LinkAggregationGroup(childName(name, "lag", port.key), {
        connectionsBandwidth: plan.connectionsBandwidth,
        location: port.awsLocation,
        region: port.awsRegion,
        connectionId: links[0].id,
        // AWS deletes a LAG only once its links are gone; outside production, a destroy may take them along.
        forceDestroy: !plan.production,
    }, { parent, protect: plan.production });
    links.slice(1).forEach((link, i) => new directconnect.ConnectionAssociation(childName(name, "lag-member", `${port.key}-${i + 2}`), {
        connectionId: link.id,
        lagId: lag.id,
        region: port.awsRegion,
    }, { parent }));
    return lag;
}
