import { ErrorCode, fail } from "../errors";

/**
 * Region names, checked the same way by every component. Google: `<geography>-<area><number>`
 * ("Regions and zones", cloud.google.com/compute/docs/regions-zones: us-east4, europe-west1,
 * northamerica-northeast2). AWS: `<partition area>-<direction>-<number>` ("AWS Regions",
 * docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html: us-east-1,
 * ap-southeast-2, us-gov-west-1).
 */
export const GOOGLE_REGION = /^[a-z]+(-[a-z]+)+\d+$/;
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function googleRegion(value: unknown, field: string): string {
    return region(value, field, GOOGLE_REGION, "a Google Cloud region", '"us-east4"');
}

export function awsRegion(value: unknown, field: string): string {
    return region(value, field, AWS_REGION, "an AWS Region", '"us-east-1"');
}

function region(value: unknown, field: string, pattern: RegExp, what: string, example: string): string {
    if (typeof value !== "string" || !pattern.test(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must name ${what}, like ${example}`, fix: `Write it like ${example}.` });
    }
    return value;
}
