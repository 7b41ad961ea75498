/**
 * Every key crosscloud hands a provider is a secret, under the offline engine exactly as at deploy:
 * every component, planned and previewed (where generated keys are still unknown, and the engine
 * still marks what a provider declares secret). The walk visits every input path of every resource,
 * and every registered output of every component, and fails on any key-like value that is not secret.
 */
import * as assert from "node:assert/strict";
import { CrossCloudNetwork } from "../../components/crossCloudNetwork";
import { DedicatedInterconnect } from "../../components/dedicatedInterconnect";
import { HaVpn } from "../../components/haVpn";
import { InitiatedBy, KeyHandoff, ManagedInterconnect } from "../../components/managedInterconnect";
import { capture, CapturedResource, Plan, Program } from "../../offline";
import { PortSpeed } from "../../sdk/bandwidth";
import { SlaTarget } from "../../sdk/plans/dedicated";
import { LinkKind, LinkRole, SlaTier } from "../../sdk/topology";

const NETWORK = "https://www.googleapis.com/compute/v1/projects/acme/global/networks/transit";
const google = { network: NETWORK, region: "us-east4", routerAsn: 65010 };
const aws = { region: "us-east-1", transitGatewayId: "tgw-0shared", transitGatewayAsn: 64512 };
const port = (location: string, awsLocation: string) => ({ location, remoteLocation: `aws-${awsLocation.toLowerCase()}`, awsLocation, ready: true });
const ports = { "iad-1": port("iad-zone1-1", "EqDC2"), "iad-2": port("iad-zone2-1", "CSVA1") };
const attachments = { "east-a": { port: "iad-1", bandwidth: "10Gbps" }, "east-b": { port: "iad-2", bandwidth: "10Gbps" } };

/** One program per component and flow that handles a key. */
const PROGRAMS: Record<string, Program> = {
    haVpn: () => { new HaVpn("vpn", { google, aws, advertisedPrefixes: ["10.20.0.0/16"], role: LinkRole.Backup }); },
    dedicated: () => {
        new DedicatedInterconnect("cci", {
            sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10, ports, attachments, google,
            aws: { ...aws, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] }, advertisedPrefixes: ["10.20.0.0/16"],
        });
    },
    managedGoogleInitiated: () => {
        new ManagedInterconnect("mi", {
            bandwidth: "10Gbps", advertisedPrefixes: ["10.20.0.0/16"], google: { region: "us-east4", network: NETWORK },
            aws: { ...aws, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"] },
        });
    },
    managedAwsInitiated: () => {
        new ManagedInterconnect("mi", {
            bandwidth: "10Gbps", initiatedBy: InitiatedBy.Aws, advertisedPrefixes: ["10.20.0.0/16"], google: { region: "us-east4", network: NETWORK },
            aws: { ...aws, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"], environmentId: "env-google-us-east4" },
        });
    },
    managedManualKey: () => {
        new ManagedInterconnect("mi", {
            bandwidth: "10Gbps", initiatedBy: InitiatedBy.Aws, keyHandoff: KeyHandoff.Manual, activationKey: "PLAIN-ACTIVATION-KEY",
            advertisedPrefixes: ["10.20.0.0/16"], google: { region: "us-east4", network: NETWORK },
            aws: { ...aws, directConnectGatewayAsn: 64603, allowedPrefixes: ["10.10.0.0/16"], environmentId: "env-google-us-east4" },
        });
    },
    network: () => {
        new CrossCloudNetwork("net", {
            requirement: { bandwidthGbps: 10, sla: SlaTier.ThreeNines, survivesSingleFailure: false },
            google: { ...google, router: "shared-router" }, aws: { ...aws, directConnectGatewayAsn: 64603 },
            prefixes: { aws: ["10.10.0.0/16"], google: ["10.20.0.0/16"] },
            primary: { kind: LinkKind.Dedicated, dedicated: { sla: SlaTarget.ThreeNines, portSpeed: PortSpeed.Gbps10, ports, attachments } },
            backup: {},
        });
    },
};

/** The last word of a key's name: `bgpAuthKey`, `tunnel1PresharedKey`, `sharedSecret`, `activationKey`, `md5AuthenticationKey.key`. */
const KEY = /(key|secret|psk|password|passphrase|token|cak|ckn)$/i;

/** Every path to a value under a key-like name, at any depth, as `secretPaths` spells paths. */
function keyPaths(value: unknown, at = ""): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${at}[${i}]`));
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([k, v]) => {
        const path = at ? `${at}.${k}` : k;
        const leaf = v === null || typeof v !== "object";
        return [...(leaf && v !== undefined && KEY.test(k) ? [path] : []), ...keyPaths(v, path)];
    });
}

/** A path is secret when it, or an object holding it, was a secret when registered. */
function isSecret(r: CapturedResource, path: string): boolean {
    return r.secretPaths.some((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
}

function unprotectedKeys(plan: Plan): string[] {
    return plan.resources.flatMap((r) => keyPaths(r.inputs).filter((p) => !isSecret(r, p)).map((p) => `${r.name}.${p}`));
}

describe("secrets under the offline engine", () => {
    for (const [name, program] of Object.entries(PROGRAMS)) {
        for (const preview of [false, true]) {
            it(`${name}${preview ? ", previewed" : ""}: every key is a secret`, async () => {
                const plan = await capture(program, { preview });
                const checked = plan.resources.flatMap((r) => keyPaths(r.inputs));
                assert.ok(checked.length > 0, "the walk finds keys to check");
                assert.deepEqual(unprotectedKeys(plan), []);
                if (preview) return;
                // No component hands a key back in plain text among its outputs.
                const values = plan.resources.flatMap((r) => keyPaths(r.inputs).map((p) => p.split(/[.[\]]/).filter(Boolean).reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], r.inputs)));
                const outputs = plan.resources.filter((r) => !r.custom).map((r) => JSON.stringify(r.outputs)).join("");
                for (const v of values) if (typeof v === "string" && v.length >= 8) assert.ok(!outputs.includes(v), "a key among a component's outputs");
            });
        }
    }

    it("would catch a key passed in plain text (the walk itself)", async () => {
        const plan = await capture(async () => {
            const { RouterPeer } = await import("@pulumi/gcp/compute/routerPeer");
            new RouterPeer("peer", { router: "r", region: "us-east4", peerAsn: 64512, interface: "i", md5AuthenticationKey: { name: "k", key: "plain-md5-key" } });
        });
        assert.deepEqual(unprotectedKeys(plan), ["peer.md5AuthenticationKey.key"]);
    });
});
