import * as assert from "node:assert/strict";
import { diffStates } from "../../../sdk/change/diff";
import { reconcile } from "../../../sdk/change/preview";
import { ChangeOp, ResourceState, SECRET_VALUE, UNKNOWN_VALUE } from "../../../sdk/change/types";

const VPN = "aws:ec2/vpnConnection:VpnConnection";
const TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel";
const PEER_GATEWAY = "gcp:compute/externalVpnGateway:ExternalVpnGateway";
const KEY = "random:index/randomPassword:RandomPassword";

function r(name: string, type: string, inputs: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}, extra: Partial<ResourceState> = {}): ResourceState {
    return { urn: `urn:${name}`, type, name, inputs, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies, ...extra };
}

/** An AWS VPN connection, Google's peer gateway at its outside addresses, and a tunnel on it with a generated key. */
function vpn(change: { bandwidth?: string; dpd?: number; keyLength?: number } = {}): ResourceState[] {
    return [
        r("key", KEY, { length: change.keyLength ?? 32 }),
        r("vpn", VPN, { tunnelBandwidth: change.bandwidth ?? "standard", tunnel1DpdTimeoutSeconds: change.dpd ?? 30, tunnel1PresharedKey: SECRET_VALUE }, { tunnel1PresharedKey: ["urn:key"] }),
        r("peer", PEER_GATEWAY, { interfaces: [{ id: 0, ipAddress: UNKNOWN_VALUE }] }, { interfaces: ["urn:vpn"] }),
        r("tunnel", TUNNEL, { peerExternalGateway: UNKNOWN_VALUE, sharedSecret: SECRET_VALUE, region: "us-east4" }, { peerExternalGateway: ["urn:peer"], sharedSecret: ["urn:key"] }),
    ];
}

const ops = (before: ResourceState[], after: ResourceState[], options = {}) => diffStates(before, after, options).map((c) => `${c.name} ${c.op} ${c.fields.map((f) => f.field).join(",")}`);

describe("diffStates", () => {
    it("finds nothing between two plans of one program, though values are [unknown] and [secret]", () => {
        assert.deepEqual(ops(vpn(), vpn()), []);
    });

    it("updates in place what the rules update in place, and nothing that takes its values", () => {
        assert.deepEqual(ops(vpn(), vpn({ dpd: 40 })), ["vpn update tunnel1DpdTimeoutSeconds"]);
    });

    it("follows a replacement through the outputs it feeds: new outside addresses replace the peer gateway, then its tunnel", () => {
        assert.deepEqual(ops(vpn(), vpn({ bandwidth: "large" })), [
            "vpn replace tunnelBandwidth", "peer replace interfaces", "tunnel replace peerExternalGateway",
        ]);
        const tunnel = diffStates(vpn(), vpn({ bandwidth: "large" })).find((c) => c.name === "tunnel")!;
        assert.deepEqual(tunnel.fields[0].replacedSources, ["urn:peer"]);
    });

    it("a new generated key changes every secret made from it, shown as [secret] on both sides", () => {
        assert.deepEqual(ops(vpn(), vpn({ keyLength: 24 })), ["key replace length", "vpn update tunnel1PresharedKey", "tunnel replace sharedSecret"]);
    });

    it("a value known on one side and not on the other may change: it is not certain", () => {
        const before = [r("tunnel", TUNNEL, { region: "us-east4" })];
        const after = [r("tunnel", TUNNEL, { region: UNKNOWN_VALUE })];
        const [change] = diffStates(before, after);
        assert.equal(change.fields[0].certain, false);
        assert.equal(change.op, ChangeOp.Update, "not surely replaced");
    });

    it("compares objects key by key, and ignores what Pulumi ignores", () => {
        const router = (asn: number, range: string) => r("router", "gcp:compute/router:Router", { bgp: { asn, advertisedIpRanges: [{ range }] } });
        assert.deepEqual(ops([router(65010, "10.0.0.0/8")], [router(65010, "10.1.0.0/16")]), ["router update bgp.advertisedIpRanges"]);
        const ignoring = { ...router(65011, "10.0.0.0/8"), ignoreChanges: ["bgp"] };
        assert.deepEqual(ops([router(65010, "10.0.0.0/8")], [ignoring]), []);
    });

    it("creates, deletes, and leaves the stack and components' inputs alone", () => {
        const stack = r("stack", "pulumi:pulumi:Stack", {});
        const component = (n: number) => r("net", "interconnect:index:CrossCloudNetwork", { n }, {}, { custom: false });
        assert.deepEqual(ops([stack, component(1), r("old", TUNNEL, {})], [component(2), r("new", TUNNEL, {})]), ["new create ", "old delete "]);
    });

    it("against a stack's state: provider defaults the program does not set are kept, and an unknown from an unchanged resource is that resource's value", () => {
        const state = [
            r("peer", PEER_GATEWAY, { interfaces: [{ id: 0, ipAddress: "3.3.3.3" }], __defaults: [], redundancyType: "FOUR_IPS_REDUNDANCY" }),
            r("tunnel", TUNNEL, { peerExternalGateway: "projects/p/global/externalVpnGateways/peer-1a2b", region: "us-east4", project: "acme" }, { peerExternalGateway: ["urn:peer"] }),
        ];
        const plan = [
            r("peer", PEER_GATEWAY, { interfaces: [{ id: 0, ipAddress: "3.3.3.3" }], redundancyType: "FOUR_IPS_REDUNDANCY" }),
            r("tunnel", TUNNEL, { peerExternalGateway: `projects/p/global/externalVpnGateways/${UNKNOWN_VALUE}`, region: "us-east4" }, { peerExternalGateway: ["urn:peer"] }),
        ];
        assert.deepEqual(ops(state, plan, { beforeIsState: true }), []);
        // The same comparison as between two plans would take the state's project and __defaults for changes.
        assert.notDeepEqual(ops(state, plan), []);
    });
});

describe("reconcile: a preview's word over the plans'", () => {
    const before = vpn();
    const after = vpn({ dpd: 40 });
    const found = diffStates(before, after);

    it("drops what the preview leaves the same, and takes its replacement and its keys", () => {
        const steps = new Map([
            ["urn:vpn", { op: "same", type: VPN }],
            ["urn:tunnel", { op: "replace", type: TUNNEL, keys: ["cipherSuite"] }],
        ]);
        const changes = reconcile(found, steps, before, after);
        assert.deepEqual(changes.map((c) => [c.name, c.op, c.fields.map((f) => f.field)]), [["tunnel", ChangeOp.Replace, ["cipherSuite"]]]);
    });

    it("keeps what the preview does not mention", () => {
        assert.deepEqual(reconcile(found, new Map(), before, after), found);
    });
});
