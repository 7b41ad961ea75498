import { ErrorCode, fail, isDeferred } from "../errors";

/** Small argument checks every planner shares, so their errors read alike. Each rule lives here once. */

/** One of an enum's values. */
export function oneOf<E extends Record<string, string>>(value: unknown, values: E, field: string): E[keyof E] {
    const allowed = Object.values(values);
    if (!allowed.includes(value as string)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must be one of ${allowed.join(", ")}`, fix: `Use one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}.` });
    }
    return value as E[keyof E];
}

/** A present object (an `aws` or `google` side, a nested block). */
export function requireObject<T>(value: T, field: string): T {
    if (typeof value !== "object" || value === null || Array.isArray(value) || isDeferred(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be an object", fix: `Set ${field}; see its documentation for the fields.` });
    }
    return value;
}

/** A region name. */
export function requireRegion(value: unknown, field: string, example: string): string {
    if (typeof value !== "string" || value.trim() === "") {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be a region name", fix: `Write it like ${example}.` });
    }
    return value;
}

/** An optional flag; absent is false. */
export function optionalFlag(value: unknown, field: string, fix: string): boolean {
    if (value !== undefined && typeof value !== "boolean") {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be true or false", fix });
    }
    return value ?? false;
}

/** A string of a documented form. */
export function checkText(value: unknown, field: string, pattern: RegExp, example: string): string {
    if (typeof value !== "string" || !pattern.test(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must look like ${example}`, fix: `Write it like ${example}.` });
    }
    return value;
}

export const GOOGLE_REGION = /^[a-z]+(-[a-z]+)+\d+$/;
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** RFC 1035 names, as Google requires for every resource name. */
const GOOGLE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Google names hold 63 characters; Pulumi appends `-` and 7 random characters. */
const GOOGLE_NAME_BUDGET = 63 - 8;

/** Checks that a name or key, and the Google resource name it makes, are valid Google names. */
export function checkGoogleName(value: string, field: string, resourceName = value): void {
    if (typeof value !== "string" || !GOOGLE_NAME.test(value)) {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: "names Google resources, so it must be lower-case letters, digits and dashes, starting with a letter and not ending with a dash",
            fix: 'Write it like "east-a".',
        });
    }
    if (resourceName.length > GOOGLE_NAME_BUDGET) {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: `makes the Google resource name "${resourceName}" (${resourceName.length} characters; at most ${GOOGLE_NAME_BUDGET} fit before Pulumi's random suffix)`,
            fix: "Use a shorter name.",
        });
    }
}

/** Entries of a map keyed by stable names, sorted by key so nothing depends on the order written. */
export function checkMap<T>(value: unknown, field: string, example: string): [string, T][] {
    if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
        fail({
            code: ErrorCode.InvalidArgument, field, value,
            rule: "must be a non-empty map keyed by stable names (names, not list positions, keep addresses and resources in place)",
            fix: `Write it like ${example}.`,
        });
    }
    const entries = Object.entries(value as Record<string, T>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, entry] of entries) requireObject(entry, `${field}["${key}"]`);
    return entries;
}

/** An existing resource's id names its endpoint when it is known now; otherwise the component's own label does. */
export function label(given: unknown, fallback: string): string {
    return typeof given === "string" ? given : fallback;
}
