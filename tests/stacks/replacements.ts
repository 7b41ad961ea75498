import { CapturedResource, Plan } from "../../offline";

/**
 * Growing the estate must add resources, never replace one. For each resource type, the inputs a
 * change of which makes the provider replace the resource (or, for keys and addresses, cut the live
 * link): written once, compared generically between the plans before and after. `*` is every input;
 * an empty row, a resource only its URN (which auto-naming follows) keeps in place.
 */
export const REPLACED_WHEN_CHANGED: Readonly<Record<string, readonly string[]>> = {
    // The shared layer.
    "pulumi:pulumi:StackReference": ["name"],
    "aws:ec2transitgateway/transitGateway:TransitGateway": ["amazonSideAsn", "region"],
    "gcp:compute/network:Network": ["name", "project", "autoCreateSubnetworks"],
    "gcp:compute/router:Router": ["name", "project", "network", "region", "bgp"],
    // Generated keys: a new argument would generate a new key.
    "random:index/randomPassword:RandomPassword": ["*"],
    // HA VPN.
    "aws:ec2/customerGateway:CustomerGateway": ["type", "ipAddress", "bgpAsn", "bgpAsnExtended", "region"],
    "aws:ec2/vpnConnection:VpnConnection": [
        "type", "customerGatewayId", "transitGatewayId", "vpnGatewayId", "staticRoutesOnly", "enableAcceleration", "tunnelBandwidth", "region",
        "tunnel1InsideCidr", "tunnel2InsideCidr", "tunnel1PresharedKey", "tunnel2PresharedKey",
    ],
    "gcp:compute/haVpnGateway:HaVpnGateway": ["name", "project", "network", "region"],
    "gcp:compute/externalVpnGateway:ExternalVpnGateway": ["name", "project", "redundancyType", "interfaces"],
    "gcp:compute/vPNTunnel:VPNTunnel": [
        "name", "project", "region", "router", "vpnGateway", "vpnGatewayInterface", "peerExternalGateway", "peerExternalGatewayInterface", "sharedSecret", "ikeVersion",
    ],
    "gcp:compute/routerInterface:RouterInterface": ["name", "project", "region", "router", "ipRange", "vpnTunnel", "interconnectAttachment"],
    "gcp:compute/routerPeer:RouterPeer": ["name", "project", "region", "router", "interface", "ipAddress", "peerIpAddress"],
    // A backup's import route policy: its name and router identify it; its terms change in place.
    "gcp:compute/routerRoutePolicy:RouterRoutePolicy": ["name", "project", "region", "router", "type"],
    // Dedicated interconnect.
    "gcp:compute/interconnect:Interconnect": ["name", "project", "interconnectType", "linkType", "location", "remoteLocation"],
    "gcp:compute/interconnectAttachment:InterconnectAttachment": [
        "name", "project", "type", "interconnect", "router", "region", "vlanTag8021q", "subnetLength",
        "candidateSubnets", "candidateCloudRouterIpAddress", "candidateCustomerRouterIpAddress",
    ],
    // The groups only gather ports and attachments; their members change in place. Their name is their URN's.
    "gcp:compute/interconnectGroup:InterconnectGroup": [],
    "gcp:compute/interconnectAttachmentGroup:InterconnectAttachmentGroup": [],
    "aws:directconnect/connection:Connection": ["location", "bandwidth", "region", "requestMacsec"],
    "aws:directconnect/linkAggregationGroup:LinkAggregationGroup": ["location", "connectionsBandwidth", "connectionId", "region"],
    "aws:directconnect/connectionAssociation:ConnectionAssociation": ["connectionId", "lagId", "region"],
    "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation": ["connectionId", "cak", "ckn", "region"],
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": [
        "connectionId", "dxGatewayId", "vlan", "addressFamily", "bgpAsn", "bgpAsnLong", "customerAddress", "amazonAddress", "bgpAuthKey", "region",
    ],
    "aws:directconnect/gateway:Gateway": ["amazonSideAsn"],
    "aws:directconnect/gatewayAssociation:GatewayAssociation": ["dxGatewayId", "associatedGatewayId", "region"],
    // Managed interconnect: the activation-key wiring and where each half attaches.
    "aws-native:interconnect:Connection": ["activationKey", "attachPoint", "environmentId", "bandwidth", "remoteAccount"],
    // The managed connection's own provider: its region is where the connection lives.
    "pulumi:providers:aws-native": ["region"],
    "gcp:networkconnectivity/transport:Transport": ["name", "project", "region", "remoteProfile", "network", "hub", "bandwidth", "providedActivationKey", "remoteAccountId"],
    "gcp:compute/networkPeering:NetworkPeering": ["name", "network", "peerNetwork"],
    // Alarms: a CloudWatch alarm is its name in its region; an alert policy only its project replaces, which the estate
    // leaves to the provider. Everything else about them changes in place.
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["name", "region"],
    "gcp:monitoring/alertPolicy:AlertPolicy": [],
};

/**
 * Each change to a resource's replacement-forcing inputs or protection, or its disappearance,
 * between what exists (a plan, or the resources a partial update left) and the next plan of one
 * stack. `removed` names the resources the change meant to delete.
 */
export const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "gcp:monitoring/alertPolicy:AlertPolicy"];

export function replacements(before: Plan | Iterable<CapturedResource>, after: Plan, removed: (name: string) => boolean = () => false): string[] {
    const found: string[] = [];
    const existing = before instanceof Plan ? before.resources : [...before];
    const next = new Map(after.resources.map((r) => [r.urn, r]));
    for (const old of existing) {
        const now = next.get(old.urn);
        // An alarm follows the plan: one cloud's may give way to the other's when it can no longer express it
        // (a capacity over two AWS regions), and deleting an alarm cuts no link.
        if (!now && ALARM_TYPES.includes(old.type)) continue;
        if (!now) {
            if (!removed(old.name)) found.push(`${old.urn} is gone`);
            continue;
        }
        if (old.protect !== now.protect) found.push(`${old.name} protect: ${old.protect} → ${now.protect}`);
        if (!old.custom) continue;
        const fields = REPLACED_WHEN_CHANGED[old.type]!;
        const names = fields.includes("*") ? [...new Set([...Object.keys(old.inputs), ...Object.keys(now.inputs)])] : fields;
        for (const field of names) {
            if (JSON.stringify(old.inputs[field]) !== JSON.stringify(now.inputs[field])) {
                found.push(`${old.name}.${field}: ${JSON.stringify(old.inputs[field])} → ${JSON.stringify(now.inputs[field])}`);
            }
        }
    }
    return found;
}

/** The replacement-forcing inputs a plan sets, as `name.field`: what `replacements` actually compares. */
export function comparedInputs(plan: Plan): string[] {
    return plan.resources.filter((r) => r.custom).flatMap((r) => (REPLACED_WHEN_CHANGED[r.type] ?? [])
        .flatMap((f) => (f === "*" ? Object.keys(r.inputs) : [f]))
        .filter((f) => r.inputs[f] !== undefined)
        .map((f) => `${r.name}.${f}`));
}

