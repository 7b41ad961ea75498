import * as assert from "node:assert/strict";
import { CrossCloudError, ErrorCode } from "../../sdk/errors";
import { MANAGED_REGION_PAIRS, remoteProfileFor } from "../../sdk/profiles";

const FIELDS = { aws: "aws.region", google: "google.region", profile: "google.remoteProfile" };

describe("managed interconnect region pairs", () => {
    it("pairs each AWS region and each Google region once, in Google's aws-<region> naming", () => {
        assert.equal(new Set(MANAGED_REGION_PAIRS.map((p) => p.aws)).size, MANAGED_REGION_PAIRS.length);
        assert.equal(new Set(MANAGED_REGION_PAIRS.map((p) => p.google)).size, MANAGED_REGION_PAIRS.length);
        for (const pair of MANAGED_REGION_PAIRS) assert.equal(pair.profile, `aws-${pair.aws}`);
    });

    it("marks only the profile checked verbatim as confirmed", () => {
        assert.deepEqual(MANAGED_REGION_PAIRS.filter((p) => p.confirmed).map((p) => p.profile), ["aws-us-east-1"]);
    });

    it("finds the profile of every pair in the table", () => {
        for (const pair of MANAGED_REGION_PAIRS) {
            assert.deepEqual(remoteProfileFor(pair.aws, pair.google, undefined, FIELDS), { name: pair.profile, confirmed: pair.confirmed });
        }
    });

    it("names the Google region an AWS region does pair with", () => {
        assert.throws(() => remoteProfileFor("us-west-2", "us-west2", undefined, FIELDS), (e: CrossCloudError) =>
            e.code === ErrorCode.UnknownRegionPair && e.field === "google.region" && /us-west1/.test(e.fix));
    });

    it("lists the known pairs for an AWS region with none", () => {
        assert.throws(() => remoteProfileFor("sa-east-1", "southamerica-east1", undefined, FIELDS), (e: CrossCloudError) =>
            e.code === ErrorCode.UnknownRegionPair && e.field === "aws.region" && /us-east-1⇄us-east4/.test(e.rule));
    });

    it("takes a given profile name as it is, even for a pair the table does not know", () => {
        assert.deepEqual(remoteProfileFor("sa-east-1", "southamerica-east1", "aws-sa-east-1", FIELDS), { name: "aws-sa-east-1", confirmed: true });
    });

    for (const bad of ["", "AWS-US-EAST-1", "projects/p/locations/us-east4/remoteTransportProfiles/aws-us-east-1", "aws-", 42]) {
        it(`rejects the profile name ${JSON.stringify(bad)}`, () => {
            assert.throws(() => remoteProfileFor("us-east-1", "us-east4", bad, FIELDS), (e: CrossCloudError) =>
                e.code === ErrorCode.InvalidArgument && e.field === "google.remoteProfile");
        });
    }
});
