import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { checkRequiredPeers, MissingPeerError, PEERS, REQUIRED_PEERS, requirePeer } from "../../components/peers";

const MANIFEST = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));

describe("peer dependencies", () => {
    it("are what package.json declares, the optional one marked so", () => {
        assert.deepEqual(PEERS, MANIFEST.peerDependencies);
        const optional = Object.keys(MANIFEST.peerDependenciesMeta ?? {}).filter((p) => MANIFEST.peerDependenciesMeta[p].optional);
        assert.deepEqual(Object.keys(PEERS).filter((p) => !REQUIRED_PEERS.includes(p as keyof typeof PEERS)), optional);
    });

    it("are pinned for development at a version inside the declared range", () => {
        for (const [peer, range] of Object.entries(PEERS)) {
            const floor = range.replace(/^[\^~>=]+/, "").split(" ")[0];
            const pinned = MANIFEST.devDependencies[peer];
            assert.ok(pinned !== undefined, `${peer} is in devDependencies`);
            assert.ok(pinned.localeCompare(floor, undefined, { numeric: true }) >= 0 && pinned.split(".")[0] === floor.split(".")[0], `${peer} ${pinned} within ${range}`);
        }
    });

    it("a missing one is named with its install command", () => {
        const error = new MissingPeerError("@pulumi/aws-native", "ManagedInterconnect");
        assert.equal(error.message, `ManagedInterconnect needs @pulumi/aws-native, a peer dependency of @crosscloud/interconnect, and it is not installed here. Install it in your project: npm install @pulumi/aws-native@"${PEERS["@pulumi/aws-native"]}"`);
    });

    it("loads an installed one, and finds every required one here", () => {
        assert.doesNotThrow(checkRequiredPeers);
        assert.equal(typeof requirePeer<{ Connection: unknown }>("@pulumi/aws-native", "@pulumi/aws-native/interconnect", "ManagedInterconnect").Connection, "function");
    });
});
