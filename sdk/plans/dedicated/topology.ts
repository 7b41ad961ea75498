/** The topology of a planned dedicated interconnect: a link per attachment, with its stage; a session per ready one and family. */
import { AddressFamily, familiesOf, StackType } from "../../addressFamily";
import { BgpSession, Cloud, Endpoint, EndpointKind, Link, LinkKind, LinkRole, LinkStage, Topology } from "../../topology";
import { dedicatedNames } from "../names";
import { PlannedAttachment, PlannedPort, PlannedRouter } from "./types";

export function buildTopology(
    name: string, role: LinkRole, globalRouting: boolean, ports: PlannedPort[], routers: PlannedRouter[],
    attachments: PlannedAttachment[], dxGateway: { id: string; asn: number }, prefixes: Topology["prefixes"], stackType = StackType.Ipv4Only,
): Topology {
    const dual = stackType === StackType.DualStack;
    const names = dedicatedNames(name);
    const routerId = (region: string) => routers.find((r) => r.region === region)!.id;
    const links = attachments.map((a): Link => {
        const port = ports.find((p) => p.key === a.port)!;
        return {
            id: names.attachment(a.key), group: name, kind: LinkKind.Dedicated, role,
            aws: dxGateway.id, gcp: routerId(a.region), mbps: a.mbps, stage: a.stage,
            ...(dual && { families: familiesOf(stackType) }),
            domains: {
                port: names.port(port.key),
                // Each port lands on its own LAG, and a LAG lives on one AWS device; AWS reports which once it is placed.
                awsDevice: names.lag(port.key),
                awsLocation: port.awsLocation,
                metro: port.metro,
                edgeDomain: port.edgeDomain,
                region: a.region,
                cloudRouter: routerId(a.region),
            },
        };
    });
    // An ordered port has no BGP session yet: only ready attachments' sessions exist. An IPv6 session's
    // addresses are AWS's to assign, so the plan does not know them.
    const sessions = attachments.filter((a) => a.stage === LinkStage.Ready).flatMap((a): BgpSession[] => [{
        id: names.peer(a.key), link: names.attachment(a.key), ...(dual && { family: AddressFamily.Ipv4 }),
        gcpAsn: a.routerAsn, awsAsn: dxGateway.asn,
        insideCidr: a.subnet, gcpAddress: a.cloudRouterAddress.split("/")[0], awsAddress: a.customerRouterAddress.split("/")[0],
        routePriority: a.routePriority, md5: true, bfd: true, enabled: true,
    }, ...(dual ? [{
        id: names.peerV6(a.key), link: names.attachment(a.key), family: AddressFamily.Ipv6,
        gcpAsn: a.routerAsn, awsAsn: dxGateway.asn, routePriority: a.routePriority, md5: true, bfd: true, enabled: true,
    }] : [])]);
    const routerEndpoints = routers.map((r): Endpoint => ({ id: r.id, cloud: Cloud.Gcp, kind: EndpointKind.CloudRouter, region: r.region, asn: r.asn }));
    return {
        endpoints: [{ ...dxGateway, cloud: Cloud.Aws, kind: EndpointKind.DirectConnectGateway }, ...routerEndpoints],
        groups: [{ id: name, kind: LinkKind.Dedicated, role, globalRouting }],
        links,
        sessions,
        prefixes,
    };
}
