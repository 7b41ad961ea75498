/**
 * Which Google remote transport profile carries an AWS Interconnect – multicloud connection
 * between two regions (providers.md §11). There is no getter for the profiles in either provider,
 * so the table is data here, and each row says whether its name is confirmed.
 */
import { ErrorCode, fail } from "./errors";

export interface RegionPair {
    aws: string;
    google: string;
    /** Name of the Google remote transport profile for the pair, e.g. `aws-us-east-1`. */
    profile: string;
    /**
     * The name was checked verbatim against Google's profile list. Unconfirmed names follow the
     * same `aws-<aws region>` pattern; a user should check them before relying on them.
     */
    confirmed: boolean;
}

export const MANAGED_REGION_PAIRS: readonly RegionPair[] = [
    { aws: "us-east-1", google: "us-east4", profile: "aws-us-east-1", confirmed: true },
    { aws: "us-west-1", google: "us-west2", profile: "aws-us-west-1", confirmed: false },
    { aws: "us-west-2", google: "us-west1", profile: "aws-us-west-2", confirmed: false },
    { aws: "eu-west-2", google: "europe-west2", profile: "aws-eu-west-2", confirmed: false },
    { aws: "eu-central-1", google: "europe-west3", profile: "aws-eu-central-1", confirmed: false },
    { aws: "ap-southeast-1", google: "asia-southeast1", profile: "aws-ap-southeast-1", confirmed: false },
];

export interface RemoteProfile {
    name: string;
    confirmed: boolean;
}

export interface ProfileFields {
    aws: string;
    google: string;
    profile: string;
}

const PROFILE_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/**
 * The profile for a region pair: the one given, or the table's. A given name is taken as read off
 * Google's profile list, so it counts as confirmed and is not checked against the table (it is how
 * a user reaches a pair the table does not know yet).
 */
export function remoteProfileFor(awsRegion: string, googleRegion: string, given: unknown, fields: ProfileFields): RemoteProfile {
    if (given !== undefined) {
        if (typeof given !== "string" || !PROFILE_NAME.test(given)) {
            fail({
                code: ErrorCode.InvalidArgument, field: fields.profile, value: given,
                rule: "must be a remote transport profile name: lowercase letters, digits and hyphens",
                fix: "Give the profile's name, like aws-us-east-1, not its URL.",
            });
        }
        return { name: given, confirmed: true };
    }
    const pair = MANAGED_REGION_PAIRS.find((p) => p.aws === awsRegion && p.google === googleRegion);
    if (pair) return { name: pair.profile, confirmed: pair.confirmed };

    const pairs = MANAGED_REGION_PAIRS.map((p) => `${p.aws}⇄${p.google}`).join(", ");
    const sameAws = MANAGED_REGION_PAIRS.find((p) => p.aws === awsRegion);
    if (sameAws) {
        fail({
            code: ErrorCode.UnknownRegionPair, field: fields.google, value: googleRegion,
            rule: `AWS ${awsRegion} reaches Google only in ${sameAws.google} over a managed interconnect`,
            fix: `Use ${fields.google} "${sameAws.google}", or set ${fields.profile} to a profile from Google's list if ${awsRegion}⇄${googleRegion} is newer than this table.`,
        });
    }
    fail({
        code: ErrorCode.UnknownRegionPair, field: fields.aws, value: awsRegion,
        rule: `no remote transport profile is known for AWS ${awsRegion}; known pairs: ${pairs}`,
        fix: `Use a region of a known pair, or set ${fields.profile} to a profile from Google's list.`,
    });
}
