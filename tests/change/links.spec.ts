/**
 * Before and after programs for each kind of link and each class of change (in place, interrupting,
 * replacing; on the primary, on the backup, on both), planned as `crosscloud plan` plans them and
 * compared as `--against` compares them. What each case expects was decided from the providers'
 * documentation (the sources in sdk/change/sources.ts), written here before the rules ran on it.
 */
import * as assert from "node:assert/strict";
import * as ec2transitgateway from "@pulumi/aws/ec2transitgateway";
import * as compute from "@pulumi/gcp/compute";
import { ChangeReport } from "../../cli/change/types";
import { PlanDocument } from "../../cli/planStack";
import { CrossCloudNetwork, CrossCloudNetworkArgs } from "../../components/crossCloudNetwork";
import { TunnelBandwidth } from "../../sdk/bandwidth";
import { StepKind } from "../../sdk/change/rollout";
import { CrossCloudNetworkInput } from "../../sdk/plans/crossCloudNetwork";
import { LinkKind } from "../../sdk/topology";
import { awsVpnConnections, googleTunnels } from "../policy/corpus/haVpnParts";
import { network } from "../sdk/plans/crossCloudNetwork.spec";
import { changeBetween, planOf, SHARED_ROUTERS } from "./plans";

type Input = CrossCloudNetworkInput<string>;

const declare = (input: Input) => () => {
    const { name, ...args } = input;
    new CrossCloudNetwork(name, args as CrossCloudNetworkArgs);
};

const TUNNELS = (stem: string) => [0, 1, 2, 3].map((i) => `${stem}-tunnel-${i}`);
const BACKUP = TUNNELS("env-backup");
const ATTACHMENT = (key: string) => `env-primary-attachment-${key}`;
/** A first step that adds no link: alarms whose descriptions follow the change (what survives which failure), updated before anything goes down. */
const ALARMS: string[] = [];

/**
 * Google's HA VPN guide for AWS (the policy corpus's google-ha-vpn-aws) with the dead peer detection
 * timeout of every AWS tunnel as given: a setting AWS changes with ModifyVpnTunnelOptions.
 */
function googleGuide(dpdTimeoutSeconds: number) {
    return () => {
        const keys: [string, string, string, string] = ["gcp.aws.tunnel.one", "gcp.aws.tunnel.two", "gcp.aws.tunnel.three", "gcp.aws.tunnel.four"];
        const region = "us-central1";
        const net = new compute.Network("gcp-network", { autoCreateSubnetworks: false, routingMode: "GLOBAL" });
        const router = new compute.Router("gcp-router", { region, network: net.id, bgp: { asn: 65534, identifierRange: "169.254.0.248/30" } });
        const gateway = new compute.HaVpnGateway("gcp-ha-vpn", { region, network: net.id });
        const transitGateway = new ec2transitgateway.TransitGateway("aws-tgw", { amazonSideAsn: 64512, vpnEcmpSupport: "enable" });
        const connections = awsVpnConnections("aws", gateway, {
            gateway: { transitGatewayId: transitGateway.id }, awsAsn: 64512, googleAsn: 65534,
            insideCidrs: ["169.254.1.4/30", "169.254.1.8/30", "169.254.1.12/30", "169.254.1.16/30"],
            presharedKeys: keys,
            tunnelOptions: { IkeVersions: ["ikev2"], DpdTimeoutSeconds: dpdTimeoutSeconds },
        });
        googleTunnels("gcp", { region, router, gateway, awsAsn: 64512, connections, presharedKeys: keys, referenceBy: "id" });
    };
}

interface Case {
    what: string;
    /** The shared Cloud Routers' facts are not at hand (another stack, not planned alongside). */
    routersUnknown?: boolean;
    before: () => unknown;
    after: () => unknown;
    /** The policy config's cross-cloud-bandwidth, for programs without a CrossCloudNetwork. */
    policy?: { minimumGbps: number };
    /** Some of the changes: resource name → `op effect`. */
    changes: Record<string, string>;
    /** The links one plain `pulumi up` takes down at once. */
    down: string[];
    allAtOnceHolds: boolean;
    /** Per step, the links it takes down (or, for an add step, adds). */
    steps: string[][];
    /** Per refused change group, the links it takes down. */
    refused?: string[][];
}

const withBackup = (kind: LinkKind, tunnelBandwidth: TunnelBandwidth, change: (n: Input) => void = () => undefined) =>
    network(kind, (n) => {
        n.backup = { tunnelBandwidth };
        change(n);
    });

const CASES: Case[] = [
    // HA VPN as the primary: dev's shape, 4 standard tunnels (5 Gbps) for 2 Gbps, no N-1.
    {
        what: "HA VPN primary, in place: a prefix Google advertises (Cloud Router updates its advertisements; sessions stay up)",
        before: declare(network(LinkKind.HaVpn)),
        after: declare(network(LinkKind.HaVpn, (n) => n.prefixes.google.push("10.24.0.0/16"))),
        changes: { "env-primary-bgp-0": "update none", "env-primary-bgp-3": "update none" },
        down: [], allAtOnceHolds: true, steps: [[]],
    },
    {
        what: "HA VPN primary, interrupting: the AWS tunnels' DPD timeout (ModifyVpnTunnelOptions: the modified tunnel is down during the update), one VPN connection at a time",
        before: googleGuide(30),
        after: googleGuide(40),
        policy: { minimumGbps: 2 },
        changes: { "aws-connection-0": "update interrupts", "aws-connection-1": "update interrupts" },
        down: TUNNELS("gcp"), allAtOnceHolds: false,
        // Each connection carries two of the four tunnels: 2.5 Gbps stay up while one is updated.
        steps: [["gcp-tunnel-0", "gcp-tunnel-1"], ["gcp-tunnel-2", "gcp-tunnel-3"]],
    },
    {
        what: "HA VPN primary, replacing: the tunnel size (both VPN connections made again: new outside addresses for Google's FOUR_IPS peer gateway, which is immutable)",
        before: declare(network(LinkKind.HaVpn)),
        after: declare(network(LinkKind.HaVpn, (n) => { n.primary.haVpn = { tunnelBandwidth: TunnelBandwidth.Large }; })),
        changes: {
            "env-primary-vpn-0": "replace replaced", "env-primary-peer-gateway": "replace replaced", "env-primary-tunnel-2": "replace replaced",
            "env-primary-interface-1": "replace replaced", "env-primary-bgp-0": "replace replaced",
        },
        down: TUNNELS("env-primary"), allAtOnceHolds: false,
        // The peer gateway holds all four addresses: every tunnel goes at once, and nothing else carries 2 Gbps.
        steps: [], refused: [TUNNELS("env-primary")],
    },
    // Managed: staging's shape, one 10 Gbps connection for 10 Gbps, no N-1.
    {
        what: "managed primary, in place: the routes the Transport advertises (Google documents advertisedRoutes as updatable)",
        before: declare(network(LinkKind.Managed)),
        after: declare(network(LinkKind.Managed, (n) => n.prefixes.google.push("10.24.0.0/16"))),
        changes: { "env-primary-transport": "update none" },
        down: [], allAtOnceHolds: true, steps: [[]],
    },
    {
        what: "managed primary, unknown: the bandwidth (Google documents only description and advertisedRoutes as updatable: unknown, never none)",
        before: declare(network(LinkKind.Managed)),
        after: declare(network(LinkKind.Managed, (n) => { n.primary.managed!.bandwidth = "20Gbps"; })),
        changes: { "env-primary-transport": "update unknown" },
        down: ["env-primary-transport"], allAtOnceHolds: false,
        steps: [], refused: [["env-primary-transport"]],
    },
    {
        what: "managed primary, replacing: the VPC the Transport peers with (immutable: a new Transport, whose key AWS must accept)",
        before: declare(network(LinkKind.Managed)),
        after: declare(network(LinkKind.Managed, (n) => { n.google.network = n.google.network.replace("shared-transit", "other-transit"); })),
        changes: { "env-primary-transport": "replace replaced" },
        down: ["env-primary-transport"], allAtOnceHolds: false,
        steps: [], refused: [["env-primary-transport"]],
    },
    {
        what: "managed primary with a large HA VPN backup, unknown: the backup carries 12 Gbps while the bandwidth changes",
        before: declare(withBackup(LinkKind.Managed, TunnelBandwidth.Large)),
        after: declare(withBackup(LinkKind.Managed, TunnelBandwidth.Large, (n) => { n.primary.managed!.bandwidth = "20Gbps"; })),
        changes: { "env-primary-transport": "update unknown" },
        down: ["env-primary-transport"], allAtOnceHolds: true,
        steps: [ALARMS, ["env-primary-transport"]],
    },
    // Dedicated: prod's 99.99% shape, 4 × 10 Gbps for 20 Gbps with N-1, and an HA VPN backup.
    {
        what: "dedicated with a backup, in place on both: a prefix Google advertises",
        before: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large)),
        after: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large, (n) => n.prefixes.google.push("10.24.0.0/16"))),
        changes: { "env-primary-peer-east-a": "update none", "env-backup-bgp-0": "update none" },
        down: [], allAtOnceHolds: true, steps: [[]],
    },
    {
        what: "dedicated, interrupting on the primary: one attachment's capacity (Google: rarely, for less than a minute)",
        before: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large)),
        after: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large, (n) => { n.primary.dedicated!.attachments["east-a"].bandwidth = "5Gbps"; })),
        changes: { [ATTACHMENT("east-a")]: "update interrupts" },
        down: [ATTACHMENT("east-a")], allAtOnceHolds: true,
        steps: [ALARMS, [ATTACHMENT("east-a")]],
    },
    {
        what: "dedicated, replacing on the primary: iad's AWS location (new LAGs, their connections and the VIFs on them), one port at a time",
        before: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large)),
        after: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large, (n) => {
            for (const key of ["iad-1", "iad-2"]) n.primary.dedicated!.ports[key] = { ...n.primary.dedicated!.ports[key], awsLocation: "EqDC3", remoteLocation: "aws-eqdc3" };
        })),
        changes: { "env-primary-lag-iad-1": "replace replaced", "env-primary-vif-east-a": "replace replaced", "env-primary-vif-east-b": "replace replaced" },
        down: [ATTACHMENT("east-a"), ATTACHMENT("east-b")], allAtOnceHolds: false,
        // Both iad attachments at once leave 12 Gbps if ord fails too; one at a time, 22.
        steps: [ALARMS, [ATTACHMENT("east-a")], [ATTACHMENT("east-b")]],
    },
    {
        what: "dedicated, replacing on the backup: the backup's tunnel size, while the interconnect carries 40 Gbps",
        before: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large)),
        after: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Standard)),
        changes: { "env-backup-vpn-0": "replace replaced", "env-backup-tunnel-3": "replace replaced" },
        down: BACKUP, allAtOnceHolds: true,
        steps: [ALARMS, BACKUP],
    },
    {
        what: "dedicated, replacing on the backup, when the Cloud Router's BGP identifier range is not known: the new sessions may restart the attachments' on the same router",
        routersUnknown: true,
        before: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large)),
        after: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Standard)),
        changes: { "env-backup-vpn-0": "replace replaced", "env-backup-bgp-0": "replace replaced" },
        down: [ATTACHMENT("east-a"), ATTACHMENT("east-b"), ...BACKUP].sort(), allAtOnceHolds: false,
        // Backup and both iad attachments at once leave ord's 20 Gbps, and nothing if ord fails too.
        steps: [ALARMS], refused: [[ATTACHMENT("east-a"), ATTACHMENT("east-b"), ...BACKUP].sort()],
    },
    {
        what: "dedicated, on both: a larger backup first, then an attachment while the larger backup carries (a metro failure meanwhile leaves 20 Gbps)",
        before: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Standard)),
        after: declare(withBackup(LinkKind.Dedicated, TunnelBandwidth.Large, (n) => { n.primary.dedicated!.attachments["east-a"].bandwidth = "5Gbps"; })),
        changes: { [ATTACHMENT("east-a")]: "update interrupts", "env-backup-vpn-1": "replace replaced" },
        down: [...BACKUP, ATTACHMENT("east-a")].sort(), allAtOnceHolds: false,
        steps: [ALARMS, BACKUP, [ATTACHMENT("east-a")]],
    },
];

describe("change impact: before and after programs, per kind of link and class of change", function () {
    this.timeout(120_000);
    const plans = new Map<Case, [PlanDocument, PlanDocument]>();
    const reports = new Map<Case, ChangeReport>();
    before(async () => {
        for (const c of CASES) {
            const [was, now] = [await planOf(c.before), await planOf(c.after)];
            plans.set(c, [was, now]);
            reports.set(c, changeBetween(was, now, { policyConfig: policyOf(c), context: contextOf(c) }));
        }
    });

    for (const c of CASES) {
        describe(c.what, () => {
            it("classifies each resource change and what it takes down", () => {
                const report = reports.get(c)!;
                const found = Object.fromEntries(report.changes.map((x) => [x.name, `${x.op} ${x.effect}`]));
                for (const [name, expected] of Object.entries(c.changes)) assert.equal(found[name], expected, `${name} in ${JSON.stringify(found, null, 1)}`);
                assert.deepEqual(report.down, c.down);
                assert.equal(report.allAtOnce.every((v) => v.holds), c.allAtOnceHolds, JSON.stringify(report.allAtOnce));
            });

            it("splits the rollout so the requirement holds at every step, or refuses", () => {
                const { steps, refused } = reports.get(c)!.rollout;
                assert.deepEqual(steps.map((s) => (s.kind === StepKind.Add ? s.added : s.down)), c.steps);
                assert.deepEqual(refused.map((r) => r.down), c.refused ?? []);
                for (const s of steps) assert.ok(s.verdicts.every((v) => v.holds), `step ${s.index}: ${JSON.stringify(s.verdicts)}`);
                for (const r of refused) {
                    assert.ok(r.verdicts.some((v) => !v.holds));
                    assert.match(r.fixes.join("\n"), /temporary capacity[\s\S]*--accept-window/);
                }
            });
        });
    }

    it("applies a refused change in a step of its own once a window is accepted, and says the requirement is not held", () => {
        const c = CASES.find((x) => x.refused !== undefined)!;
        const [was, now] = plans.get(c)!;
        const { steps, refused } = changeBetween(was, now, { policyConfig: policyOf(c), acceptWindow: true, context: contextOf(c) }).rollout;
        assert.deepEqual(refused, []);
        assert.deepEqual(steps.map((s) => [s.kind, s.down]), c.refused!.map((down) => [StepKind.Window, down]));
        assert.ok(steps.every((s) => s.verdicts.some((v) => !v.holds)));
    });
});

function contextOf(c: Case) {
    return c.routersUnknown ? [] : SHARED_ROUTERS;
}

function policyOf(c: Case) {
    return c.policy ? { "cross-cloud-bandwidth": { minimumGbps: c.policy.minimumGbps } } : undefined;
}
