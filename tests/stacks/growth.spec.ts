import * as assert from "node:assert/strict";
import * as ipaddr from "ipaddr.js";
import { Prefix } from "../../sdk/prefix";
import { SlaTier, Topology } from "../../sdk/topology";
import { CapturedResource, Plan } from "../../offline";
import { ENVIRONMENTS, planStack, readyConfig, stackConfig } from "../../bench/workloads/estate";

/**
 * Growing the estate must add resources, never replace one. For each resource type, the inputs a
 * change of which makes the provider replace the resource (or, for keys and addresses, cut the live
 * link): written once, compared generically between the plans before and after. `*` is every input;
 * an empty row, a resource only its URN (which auto-naming follows) keeps in place.
 */
const REPLACED_WHEN_CHANGED: Readonly<Record<string, readonly string[]>> = {
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

const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "gcp:monitoring/alertPolicy:AlertPolicy"];

/** Each change to a resource's replacement-forcing inputs or protection, or its disappearance, between two plans of one stack. */
function replacements(before: Plan, after: Plan): string[] {
    const found: string[] = [];
    for (const old of before.resources) {
        const now = after.resources.find((r) => r.urn === old.urn);
        // An alarm follows the plan: one cloud's may give way to the other's when it can no longer express it
        // (a capacity over two AWS regions), and deleting an alarm cuts no link.
        if (!now && ALARM_TYPES.includes(old.type)) continue;
        if (!now) {
            found.push(`${old.urn} is gone`);
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
function comparedInputs(plan: Plan): string[] {
    return plan.resources.filter((r) => r.custom).flatMap((r) => (REPLACED_WHEN_CHANGED[r.type] ?? [])
        .flatMap((f) => (f === "*" ? Object.keys(r.inputs) : [f]))
        .filter((f) => r.inputs[f] !== undefined)
        .map((f) => `${r.name}.${f}`));
}

/** Any CIDR as written on a resource, as the network it names. */
function network(cidr: string): Prefix {
    const [, bits] = ipaddr.IPv4.parseCIDR(cidr);
    return Prefix.parse(`${ipaddr.IPv4.networkAddressFromCIDR(cidr)}/${bits}`, cidr);
}

const sessions = (plan: Plan) => (plan.outputs.topology as Topology).sessions.map((s) => network(s.insideCidr!));
const names = (plan: Plan) => new Set(plan.resources.map((r) => r.name));

type Config = Record<string, unknown>;

/** The shared layer's config with a fourth environment, qa: block 4 and its own Direct Connect gateway ASN. */
function sharedWithQa(): Config {
    const environments = structuredClone(stackConfig("shared")["crosscloud:environments"]) as Config;
    return stackConfig("shared", { "crosscloud:environments": { ...environments, qa: { block: 4, directConnectGatewayAsn: 64604 } } });
}

/** qa: dev's shape, an HA VPN on the same shared Cloud Router, with its own prefixes. */
function qa(): Config {
    return stackConfig("dev", {
        "crosscloud:network": {
            requirement: { bandwidthGbps: 2, sla: "99.9", survivesSingleFailure: false },
            prefixes: { aws: ["10.3.0.0/16"], google: ["10.103.0.0/16"] },
            primary: { kind: "ha-vpn", haVpn: { tunnelBandwidth: "standard" } },
        },
    });
}

/**
 * prod (its ports ready) with a new port pair in iad, one per edge domain, at a third AWS location,
 * carrying a fifth and a sixth attachment: the four 10 Gbps ports are full, so a second attachment on
 * iad-1 would not fit.
 */
function prodWithMorePorts(): Config {
    const config = readyConfig("prod");
    const net = structuredClone(config["crosscloud:network"]) as { primary: { dedicated: { ports: Config; attachments: Config } } };
    net.primary.dedicated.ports["iad-3"] = { location: "iad-zone1-2", remoteLocation: "aws-eqdc6", awsLocation: "EqDC6", ready: true };
    net.primary.dedicated.ports["iad-4"] = { location: "iad-zone2-2", remoteLocation: "aws-eqdc6", awsLocation: "EqDC6", ready: true };
    net.primary.dedicated.attachments["east-c"] = { port: "iad-3", bandwidth: "5Gbps" };
    net.primary.dedicated.attachments["east-d"] = { port: "iad-4", bandwidth: "5Gbps" };
    return { ...config, "crosscloud:network": net };
}

describe("growing the estate", () => {
    const was: Record<string, Plan> = {};
    const now: Record<string, Plan> = {};

    before(async function () {
        this.timeout(60_000);
        was.shared = await planStack("shared");
        for (const env of ENVIRONMENTS) was[env] = await planStack(env, { shared: was.shared.outputs, config: readyConfig(env) });

        now.shared = await planStack("shared", { config: sharedWithQa() });
        for (const env of ["dev", "staging"]) now[env] = await planStack(env, { shared: now.shared.outputs });
        now.prod = await planStack("prod", { shared: now.shared.outputs, config: prodWithMorePorts() });
        now.qa = await planStack("qa", { shared: now.shared.outputs, config: qa() });
    });

    it("grows: a fourth environment in the shared layer, two attachments on a new port pair in prod, and qa's tunnels", () => {
        assert.deepEqual((now.shared.outputs.environments as Config).qa, { linkLocalBlock: "169.254.128.0/19", directConnectGatewayAsn: 64604 });
        const added = [...names(now.prod)].filter((n) => !names(was.prod).has(n));
        for (const stem of ["prod-primary-port-iad-3", "prod-primary-port-iad-4", "prod-primary-attachment-east-c", "prod-primary-attachment-east-d", "prod-primary-vif-east-d", "prod-primary-peer-east-c"]) {
            assert.ok(added.includes(stem), `${stem} is added`);
        }
        assert.deepEqual([now.prod.outputs.totalGbps, now.prod.outputs.slaTier], [62, SlaTier.FourNines]);
        // An HA VPN earns the 99.9% tier end to end: AWS grants each VPN connection 99.95%.
        assert.deepEqual([now.qa.ofType("gcp:compute/vPNTunnel:VPNTunnel").length, now.qa.outputs.slaTier], [4, SlaTier.ThreeNines]);
    });

    for (const stack of ["shared", ...ENVIRONMENTS]) {
        it(`keeps every resource of ${stack}, under the same URN, with every replacement-forcing input and its protection unchanged`, () => {
            assert.deepEqual(replacements(was[stack], now[stack]), []);
        });
    }

    it("compares real values: every custom resource type has its row, and every resource sets inputs the row names", () => {
        const plans = [...Object.values(was), ...Object.values(now)];
        const types = new Set(plans.flatMap((p) => p.resources.filter((r) => r.custom).map((r) => r.type)));
        assert.deepEqual([...types].filter((t) => !(t in REPLACED_WHEN_CHANGED)), [], "types without a row");
        for (const plan of plans) {
            const compared = new Set(comparedInputs(plan).map((c) => c.split(".")[0]));
            const bare = plan.resources.filter((r: CapturedResource) => r.custom && REPLACED_WHEN_CHANGED[r.type]?.length && !compared.has(r.name));
            assert.deepEqual(bare.map((r) => r.name), [], "resources none of whose replacement-forcing inputs is set");
        }
        // What the issue names in particular.
        const prod = comparedInputs(was.prod);
        for (const field of [
            "prod-backup-vpn-0.tunnel1InsideCidr", "prod-backup-interface-0.ipRange", "prod-primary-attachment-east-a.candidateSubnets",
            "prod-primary-attachment-east-a.candidateCloudRouterIpAddress", "prod-backup-psk-0.length", "prod-primary-md5-east-a.length",
            "prod-primary-vif-east-a.vlan", "prod-backup-vpn-0.transitGatewayId", "prod-primary-vif-east-a.dxGatewayId", "prod-backup-gateway.network",
            "prod-backup-tunnel-0.router", "prod-backup-cgw-0.ipAddress", "prod-backup-cgw-0.bgpAsn", "prod-primary-lag-iad-1.location",
            "prod-primary-lag-iad-1.connectionsBandwidth", "prod-primary-port-iad-1.location",
        ]) {
            assert.ok(prod.includes(field), field);
        }
        assert.ok(comparedInputs(was.staging).includes("staging-primary-connection.activationKey"));
    });

    it("gives qa addresses in its own block that meet no other environment's", () => {
        const qaBlock = network("169.254.128.0/19");
        assert.ok(sessions(now.qa).every((s) => qaBlock.contains(s)));
        for (const env of ENVIRONMENTS) {
            for (const s of sessions(now[env])) assert.ok(!qaBlock.overlaps(s), `${env} ${s}`);
        }
        const routers = new Set(now.qa.ofType("gcp:compute/vPNTunnel:VPNTunnel").map((t) => t.inputs.router));
        assert.deepEqual([...routers], ["shared-router-us-east4"], "on the router dev and prod's backup use");
    });

    it("would see a replacement: the comparison fails when a forcing input moves", () => {
        const subnet = (was.prod.named("prod-primary-attachment-east-a").inputs.candidateSubnets as string[])[0];
        const moved = new Plan(was.prod.resources.map((r) => (r.name === "prod-primary-attachment-east-a" ? { ...r, inputs: { ...r.inputs, candidateSubnets: ["169.254.100.0/29"] } } : r)), was.prod.outputs);
        assert.deepEqual(replacements(was.prod, moved), [`prod-primary-attachment-east-a.candidateSubnets: ["${subnet}"] → ["169.254.100.0/29"]`]);
        const gone = new Plan(was.prod.resources.filter((r) => r.name !== "prod-backup-psk-3"), was.prod.outputs);
        assert.match(replacements(was.prod, gone).join(), /prod-backup-psk-3 is gone/);
    });
});

/** prod's committed config with the named ports set ready: a port moving on from its first stage. */
function prodWithReady(...ready: string[]): Config {
    const config = stackConfig("prod");
    const net = structuredClone(config["crosscloud:network"]) as { primary: { dedicated: { ports: Record<string, Config> } } };
    for (const key of ready) net.primary.dedicated.ports[key].ready = true;
    return { ...config, "crosscloud:network": net };
}

describe("a port moving from ordered to ready", () => {
    const plans: Plan[] = [];

    before(async function () {
        this.timeout(60_000);
        const shared = await planStack("shared");
        for (const ready of [[], ["iad-1"], ["iad-1", "ord-1"]]) plans.push(await planStack("prod", { shared: shared.outputs, config: prodWithReady(...ready) }));
    });

    it("adds exactly that port's links and the SLA groups, and keeps every other resource under the same URN with every forcing input", () => {
        const [ordered, one] = plans;
        const added = [...names(one)].filter((n) => !names(ordered).has(n)).sort();
        assert.deepEqual(added, [
            // Its alarms: the port's on both clouds and its early warnings; Google now counts two bandwidths for the capacity.
            "prod-alarm-errors-prod-primary-port-iad-1", "prod-alarm-port-prod-primary-port-iad-1", "prod-alert-capacity-1",
            "prod-alert-light-prod-primary-port-iad-1", "prod-alert-port-prod-primary-port-iad-1",
            "prod-primary-attachment-east-a", "prod-primary-attachment-group", "prod-primary-interconnect-group", "prod-primary-interface-east-a",
            "prod-primary-md5-east-a", "prod-primary-peer-east-a", "prod-primary-vif-east-a",
        ]);
        assert.deepEqual(replacements(ordered, one), []);
        // Nothing else changes at all: the other ports, their LAGs, the gateway and the backup keep every input. The
        // alarms change in place: what survives each failure, and so its severity, follows the links that are ready.
        for (const r of ordered.resources.filter((x) => x.custom && !ALARM_TYPES.includes(x.type))) assert.deepEqual(one.resources.find((x) => x.urn === r.urn)?.inputs, r.inputs, r.name);
    });

    it("moves the next port on the same way, the groups taking it in place", () => {
        const [, one, two] = plans;
        const added = [...names(two)].filter((n) => !names(one).has(n)).sort();
        assert.deepEqual(added, [
            "prod-alarm-errors-prod-primary-port-ord-1", "prod-alarm-port-prod-primary-port-ord-1", "prod-alert-light-prod-primary-port-ord-1",
            "prod-alert-port-prod-primary-port-ord-1", "prod-alert-routes-us-central1",
            "prod-primary-attachment-central-a", "prod-primary-interface-central-a", "prod-primary-md5-central-a", "prod-primary-peer-central-a", "prod-primary-vif-central-a",
        ]);
        assert.deepEqual(replacements(one, two), []);
        const members = (plan: Plan) => (plan.named("prod-primary-interconnect-group").inputs.interconnects as { name: string }[]).map((i) => i.name);
        assert.deepEqual([members(one), members(two)], [["iad-1"], ["iad-1", "ord-1"]]);
        // The ordered port's /29 was planned from the start: readiness does not move it.
        assert.deepEqual((two.outputs.topology as Topology).sessions.find((x) => x.id === "prod-primary-peer-east-a"), (one.outputs.topology as Topology).sessions.find((x) => x.id === "prod-primary-peer-east-a"));
    });

    it("shows each link's stage in the topology, and what comes next for the ports still ordered", () => {
        const [ordered, one] = plans;
        const stages = (plan: Plan) => (plan.outputs.topology as Topology).links.filter((l) => l.group === "prod-primary").map((l) => `${l.id}:${l.stage}`);
        assert.deepEqual(stages(one), [
            "prod-primary-attachment-central-a:ordered", "prod-primary-attachment-central-b:ordered", "prod-primary-attachment-east-a:ready", "prod-primary-attachment-east-b:ordered",
        ]);
        assert.match(String(ordered.outputs.nextStep), /Port iad-1 is ordered/);
        assert.doesNotMatch(String(one.outputs.nextStep), /Port iad-1 is ordered/);
    });
});
