/**
 * Production's backup link: an HA VPN between AWS us-east-1 and Google us-east4 on the shared
 * layer's Transit Gateway and Cloud Router. It advertises the primary interconnect's prefix at
 * backup priority, and takes its tunnels' inside /30s from production's link-local block.
 */
import * as pulumi from "@pulumi/pulumi";
import { HaVpn, LinkRole } from "@crosscloud/interconnect";

const shared = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/shared`);

const vpn = new HaVpn("prod-backup-vpn", {
    google: {
        network: shared.requireOutput("network"),
        region: "us-east4",
        router: shared.requireOutput("routers").apply((routers) => routers["us-east4"].name),
        routerAsn: 65010,
    },
    aws: {
        region: "us-east-1",
        transitGatewayId: shared.requireOutput("transitGatewayId"),
        transitGatewayAsn: 64512,
    },
    advertisedPrefixes: ["10.100.0.0/16"],
    role: LinkRole.Backup,
    linkLocalBlock: "169.254.96.0/19",
});

export const tunnels = vpn.tunnels;
export const awsTunnelAddresses = vpn.awsTunnelAddresses;
