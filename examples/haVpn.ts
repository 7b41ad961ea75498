/**
 * A team's HA VPN between AWS us-east-1 and Google us-east4, on the shared layer's Transit Gateway
 * and Cloud Router, in a stack of its own. Its tunnels' inside /30s come from the link-local block
 * the shared layer gives this stack's environment, so no other stack's sessions on the router can
 * meet them, and the stack's address ledger keeps them where they were first placed.
 */
import * as pulumi from "@pulumi/pulumi";
import { HaVpn, LinkRole, openAddressLedger } from "@crosscloud/interconnect";

export = async () => {
    const shared = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/shared`);
    // A planning value, so read as a plain value: this environment's block (e.g. qa's 169.254.128.0/19).
    const environments = (await shared.getOutputDetails("environments")).value as Record<string, { linkLocalBlock: string } | undefined>;
    const environment = environments[pulumi.getStack()];
    if (environment === undefined) throw new Error(`the shared layer allocates no block to ${pulumi.getStack()}: add it to crosscloud:environments there`);
    const ledger = await openAddressLedger();

    const vpn = new HaVpn(`${pulumi.getStack()}-vpn`, {
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
        advertisedPrefixes: ["10.103.0.0/16"],
        role: LinkRole.Primary,
        linkLocalBlock: environment.linkLocalBlock,
    });

    return { tunnels: vpn.tunnels, awsTunnelAddresses: vpn.awsTunnelAddresses, addressLedger: ledger.record() };
};
