import { ErrorCode, fail } from "../errors";

/**
 * Google's rule for every resource name crosscloud derives from a component's name (Compute Engine
 * API, e.g. `routers.insert`: "The name must be 1-63 characters long, and comply with RFC1035 …
 * the first character must be a lowercase letter, and all following characters must be a dash,
 * lowercase letter, or digit, except the last character, which cannot be a dash"). Every component
 * names Google resources, so this is the rule its name meets; AWS takes these names as they are
 * (crosscloud sets no Name tags, and Direct Connect names accept any such text).
 */
export const GOOGLE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Google names hold 63 characters, and Pulumi's auto-naming appends `-` and 7 random characters. */
export const GOOGLE_NAME_BUDGET = 63 - 8;

/**
 * Checks a component's name, and the longest Google resource name it makes (`${name}-${longestRole}`),
 * before anything is built from it: a Symbol or an object would otherwise break the first template
 * string that names a child.
 */
export function checkComponentName(value: unknown, longestRole: string, field = "name"): string {
    if (typeof value !== "string" || value === "") {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: "must be a non-empty string: it names the component and every resource it declares",
            fix: 'Name the component, e.g. "prod-backup".',
        });
    }
    checkGoogleName(value, field, `${value}-${longestRole}`);
    return value;
}

/** Checks that a name or key, and the Google resource name it makes, are valid Google names. */
export function checkGoogleName(value: unknown, field: string, resourceName = String(value)): string {
    if (typeof value !== "string" || !GOOGLE_NAME.test(value)) {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: "names Google resources, so it must be lower-case letters, digits and dashes, starting with a letter and not ending with a dash (RFC 1035)",
            fix: 'Write it like "east-a".',
        });
    }
    if (resourceName.length > GOOGLE_NAME_BUDGET) {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: `makes the Google resource name "${resourceName}" (${resourceName.length} characters; Google takes 63, and Pulumi appends 8 to make it unique)`,
            fix: "Use a shorter name.",
        });
    }
    return value;
}
