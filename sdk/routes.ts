import { LinkRole } from "./topology";

export { checkDisjointPrefixes, checkPrefixList } from "./checks/prefixes";
export type { PrefixListRules } from "./checks/prefixes";

/**
 * Google advertised-route priority (sent to AWS as MED; lower wins). A backup link advertises
 * the same prefixes at a worse priority, so it only carries traffic when the primary is gone.
 */
export const ROUTE_PRIORITY: Record<LinkRole, number> = {
    [LinkRole.Primary]: 100,
    [LinkRole.Backup]: 10000,
};

/**
 * The priority a backup's Cloud Router peers give the routes they learn from AWS, set by a BGP
 * import route policy (MED): Cloud Router installs, for one prefix, only the routes of the lowest
 * priority and shares traffic across equal ones, so without it the VPN would carry part of Google's
 * traffic to AWS beside the interconnect. Google adds a region-to-region cost of 201 to 9999 to
 * routes learned in another region; from 10200 on a route loses to every route of a base priority
 * up to 200 wherever it was learned, so the backup carries traffic only once no primary path is
 * left. (Cloud Router "Learned routes" and "Update the base route priority";
 * "BGP route policies overview": a policy may change a learned route's MED to prefer one peer.)
 */
export const BACKUP_LEARNED_PRIORITY = 10200;

/**
 * Allowed prefixes on a Direct Connect gateway's Transit Gateway association: AWS Direct Connect
 * quotas, "Prefixes per transit gateway — the maximum number of prefixes per AWS Transit Gateway
 * from AWS to on-premises on a transit virtual interface": 200, not adjustable (it was 20 until AWS
 * raised it; AWS General Reference, "AWS Direct Connect endpoints and quotas").
 */
export const DX_GATEWAY_PREFIX_LIMIT = 200;

/**
 * Routes the other side may advertise over one BGP session on a private or transit virtual
 * interface (AWS Direct Connect quotas, "Routes per BGP session on private or transit virtual
 * interfaces": 100 each for IPv4 and IPv6, not adjustable). Past it "the BGP session will go into
 * an idle state with the BGP session DOWN".
 */
export const DX_SESSION_ROUTE_LIMIT = 100;

/**
 * Routes a customer gateway (here the Cloud Router) may advertise to one AWS Site-to-Site VPN
 * connection (AWS Site-to-Site VPN quotas, "Dynamic routes advertised from a customer gateway
 * device to a Site-to-Site VPN connection": 100 on a virtual private gateway, 1,000 on a transit
 * gateway, neither adjustable). A connection carries one family (its tunnelInsideIpVersion), so a
 * dual-stack link's IPv4 and IPv6 routes each meet this limit on their own connections.
 */
export const VPN_ROUTE_LIMIT = { vpnGateway: 100, transitGateway: 1000 } as const;

/**
 * Prefixes AWS learns from Google over one managed interconnect, per family: 1,000 IPv4 and 1,000
 * IPv6 (provider limit, as the AWS Interconnect - multicloud launch material states it).
 */
export const MANAGED_ROUTE_LIMIT = 1000;

/**
 * The longest IPv6 prefix a Direct Connect gateway association allows: "An IPv6 CIDR must use /64
 * or shorter" (Direct Connect API, CreateDirectConnectGatewayAssociation, RouteFilterPrefix cidr).
 */
export const DX_ALLOWED_IPV6_LONGEST = { bits: 64, why: "a Direct Connect gateway association allows IPv6 prefixes of /64 or shorter (Direct Connect API, RouteFilterPrefix)" };
