import { ReportViolation } from "@pulumi/policy";
import { HaVpnView, StackModel, StackResource, TunnelView } from "../extract";
import { isSet } from "../extract/stackResource";
import { T } from "../extract/tokens";
import { list, num, record, text } from "../extract/values";
import { groupBy } from "./collect";
import { stackPolicy } from "./define";
import { listed, plural } from "./words";

export interface HaVpnCompleteConfig {
    requireAwsSide: boolean;
}

const FOUR_IPS = "FOUR_IPS_REDUNDANCY";

/**
 * The 99.99% shape is what Google's SLA asks of an HA VPN to AWS ("HA VPN topologies": four
 * tunnels from both interfaces to a FOUR_IPS_REDUNDANCY peer; AWS: two VPN connections, one per
 * customer gateway). An HA VPN short of it still carries traffic at a lower availability, so the
 * shape is advisory by default; what stops traffic altogether is `pair-parity`'s (checkHaVpnWiring).
 */
export const haVpnComplete = stackPolicy<HaVpnCompleteConfig>({
    name: "ha-vpn-complete",
    description: "Every HA VPN to AWS has the 99.99% shape: four BGP tunnels over both HA interfaces to a FOUR_IPS_REDUNDANCY peer, on two AWS VPN connections with distinct customer gateways.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            requireAwsSide: {
                type: "boolean", default: true,
                description: "Require each tunnel's AWS VPN connection in the same stack; turn off when the AWS side lives in another stack.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    if (model.haVpns.length === 0) notApplicable("The stack has no HA VPN gateway or tunnel.");
    for (const vpn of model.haVpns) {
        checkShape(vpn, report);
        checkPeerGateways(vpn, model, report);
        if (config.requireAwsSide) checkAwsSide(vpn, model, report);
    }
});

/**
 * What keeps an HA VPN tunnel from carrying anything, judged by `pair-parity` (mandatory): HA VPN
 * routes by BGP only (Google: HA VPN supports dynamic routing only), a customer gateway has one
 * address so an AWS connection's tunnels leave one HA interface, and each AWS tunnel answers one
 * Google tunnel on its own peer interface.
 */
export function checkHaVpnWiring(model: StackModel, report: ReportViolation): void {
    for (const vpn of model.haVpns) {
        checkTunnelPeers(vpn, model, report);
        checkBgp(vpn, model, report);
        checkAwsWiring(vpn, model, report);
    }
}

function checkShape(vpn: HaVpnView, report: ReportViolation): void {
    const [zero, one] = [0, 1].map((i) => vpn.tunnels.filter((t) => t.gatewayInterface === i).length);
    if (zero < 2 || one < 2) {
        report(`HA VPN gateway ${vpn.gatewayReference} has ${plural(vpn.tunnels.length, "tunnel")} (interface 0: ${zero}, interface 1: ${one}); ` +
            "99.99% needs 4, two from each interface. Add the missing VPNTunnels: interface 0 to peer interfaces 0 and 1, interface 1 to peer interfaces 2 and 3.",
        vpn.gateway?.urn ?? vpn.tunnels[0]?.tunnel.urn);
    }
}

function checkPeerGateways(vpn: HaVpnView, model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    const gateways = new Map(vpn.tunnels.filter((t) => t.externalGateway).map((t) => [t.externalGateway!.urn, t.externalGateway!]));
    for (const gateway of gateways.values()) {
        const redundancy = text(gateway.props.redundancyType);
        const ids = list(gateway.props.interfaces).map((i) => num(record(i)?.id)).filter((id): id is number => id !== undefined);
        if (redundancy !== FOUR_IPS) {
            report(`ExternalVpnGateway ${label(gateway)} is ${redundancy ?? "left at its default redundancy"}; AWS's two VPN connections have four outside addresses, so it must be ${FOUR_IPS} with interfaces 0 to 3.`, gateway.urn);
        } else if (![0, 1, 2, 3].every((id) => ids.includes(id))) {
            report(`ExternalVpnGateway ${label(gateway)} declares interfaces ${listed(ids.map(String))}; ${FOUR_IPS} needs 0, 1, 2 and 3, one per AWS tunnel outside address.`, gateway.urn);
        }
    }
}

function checkTunnelPeers(vpn: HaVpnView, model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    for (const t of vpn.tunnels) {
        if (!t.externalGateway && !isSet(t.tunnel, "peerExternalGateway")) {
            report(`VPNTunnel ${label(t.tunnel)} has no peer external gateway. Point peerExternalGateway at the ${FOUR_IPS} gateway that lists AWS's tunnel addresses.`, t.tunnel.urn);
        }
    }
    const byPeerInterface = groupBy(vpn.tunnels, (t) =>
        t.externalInterface === undefined ? undefined : `${t.externalGateway?.urn ?? text(t.tunnel.props.peerExternalGateway)}|${t.externalInterface}`);
    for (const tunnels of byPeerInterface.values()) {
        if (tunnels.length < 2) continue;
        report(`VPNTunnels ${listed(tunnels.map((t) => label(t.tunnel)))} all land on peer interface ${tunnels[0].externalInterface}, but each AWS tunnel takes one. ` +
            "Give each tunnel its own peerExternalGatewayInterface (0 to 3).", tunnels[1].tunnel.urn);
    }
}

function checkBgp(vpn: HaVpnView, model: StackModel, report: ReportViolation): void {
    for (const t of vpn.tunnels) {
        const name = model.index.label(t.tunnel);
        if (!t.router && !isSet(t.tunnel, "router")) {
            report(`VPNTunnel ${name} has no Cloud Router, so it would route statically; HA VPN to AWS needs BGP. Set router, and add a RouterInterface and a RouterPeer for the tunnel.`, t.tunnel.urn);
        } else if (!t.routerInterface) {
            report(`VPNTunnel ${name} has no RouterInterface, so no BGP session runs over it. Add a RouterInterface with vpnTunnel set to the tunnel, and a RouterPeer on it.`, t.tunnel.urn);
        } else if (t.peers.length === 0) {
            report(`RouterInterface ${model.index.label(t.routerInterface)} of VPNTunnel ${name} has no RouterPeer, so the tunnel carries no routes. Add a BGP peer on AWS's inside address.`, t.routerInterface.urn);
        }
    }
}

function checkAwsSide(vpn: HaVpnView, model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    for (const t of vpn.tunnels) {
        if (!t.awsConnection) {
            report(`VPNTunnel ${label(t.tunnel)} matches no AWS VPN connection tunnel in this stack (by outside address, pre-shared key or inside /30). ` +
                "Declare its VpnConnection here, or set requireAwsSide: false for this policy if the AWS side lives in another stack.", t.tunnel.urn);
        }
    }
    const byConnection = groupBy(vpn.tunnels, (t) => t.awsConnection);
    if (byConnection.size === 1) {
        const only = [...byConnection.keys()][0];
        report(`HA VPN gateway ${vpn.gatewayReference}'s tunnels all land on one AWS VPN connection (${label(only)}); 99.99% needs two, on two customer gateways, one per HA VPN interface.`, only.urn);
    }
    for (const [customerGateway, connections] of groupBy(byConnection.keys(), (c) => text(c.props.customerGatewayId))) {
        if (connections.length < 2) continue;
        report(`VpnConnections ${listed(connections.map(label))} share customer gateway ${customerGateway}; give each its own, one per HA VPN interface address.`, connections[1].urn);
    }
}

function checkAwsWiring(vpn: HaVpnView, model: StackModel, report: ReportViolation): void {
    const label = (r: StackResource) => model.index.label(r);
    const byConnection = groupBy(vpn.tunnels, (t) => t.awsConnection);
    for (const [connection, tunnels] of byConnection) checkConnection(vpn, connection, tunnels, model, report);
    const byAwsTunnel = groupBy(vpn.tunnels, (t) => (t.awsConnection && t.awsTunnel ? `${t.awsConnection.urn}|${t.awsTunnel}` : undefined));
    for (const tunnels of byAwsTunnel.values()) {
        if (tunnels.length < 2) continue;
        report(`VPNTunnels ${listed(tunnels.map((t) => label(t.tunnel)))} both match tunnel ${tunnels[0].awsTunnel} of VpnConnection ${label(tunnels[0].awsConnection!)}; each Google tunnel needs its own AWS tunnel.`, tunnels[1].tunnel.urn);
    }
}

function checkConnection(vpn: HaVpnView, connection: StackResource, tunnels: TunnelView[], model: StackModel, report: ReportViolation): void {
    const name = model.index.label(connection);
    if (connection.props.staticRoutesOnly === true) {
        report(`VpnConnection ${name} routes statically (staticRoutesOnly: true); failover and ECMP between the clouds need BGP. Set staticRoutesOnly: false.`, connection.urn);
    }
    const interfaces = [...new Set(tunnels.map((t) => t.gatewayInterface))];
    if (interfaces.length > 1) {
        report(`VpnConnection ${name} carries tunnels from both HA VPN interfaces (${listed(tunnels.map((t) => model.index.label(t.tunnel)))}); ` +
            "its customer gateway has one address, so both its tunnels must leave from the same interface.", connection.urn);
        return;
    }
    const customerGateway = model.index.resolve(T.awsCustomerGateway, connection, "customerGatewayId");
    const declared = text(customerGateway?.props.ipAddress);
    const entry = list(vpn.gateway?.props.vpnInterfaces).map(record).find((i) => num(i?.id) === interfaces[0]);
    const actual = text(entry?.ipAddress);
    if (customerGateway && declared !== undefined && actual !== undefined && declared !== actual) {
        report(`CustomerGateway ${model.index.label(customerGateway)} has address ${declared}, but the tunnels of VpnConnection ${name} leave from HA VPN interface ${interfaces[0]} (${actual}). ` +
            `Set the customer gateway's ipAddress to ${actual}.`, customerGateway.urn);
    }
}
