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
