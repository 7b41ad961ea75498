import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { embeddedFiles, README_PATH, renderReadme } from "../scripts/readme";
import { capture } from "../offline";

const SHARED_OUTPUTS = {
    network: "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit",
    transitGatewayId: "tgw-0shared",
    routers: { "us-east4": { name: "shared-router-us-east4", asn: 65010 }, "us-central1": { name: "shared-router-us-central1", asn: 65020 } },
};

describe("README", () => {
    const readme = readFileSync(README_PATH, "utf8");

    it("embeds every component's example exactly as the file reads", () => {
        assert.deepEqual(embeddedFiles(readme), [
            "examples/haVpn.ts", "examples/managedInterconnect.ts", "examples/dedicatedInterconnect.ts", "examples/crossCloudNetwork.ts",
        ]);
        assert.equal(readme, renderReadme(readme), "README examples drifted from examples/: run `npm run readme`");
    });

    it("shows the set-up commands", () => {
        for (const command of ["npm ci", "npm start", "npm test"]) assert.ok(readme.includes(command), command);
    });

    it("runs the CrossCloudNetwork example: 99.99%, 20 Gbps after any single failure", async () => {
        const plan = await capture(() => import("../examples/crossCloudNetwork"), {
            stack: "prod",
            stackOutputs: { "organization/crosscloud/shared": SHARED_OUTPUTS },
        });
        assert.deepEqual(plan.outputs, { slaTier: "99.99", minSurvivingGbps: 20, singlePointsOfFailure: [] });
        assert.equal(plan.ofType("interconnect:index:DedicatedInterconnect").length, 1);
        assert.equal(plan.ofType("interconnect:index:HaVpn").length, 1);
    });
});
