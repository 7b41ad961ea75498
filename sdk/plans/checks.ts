import { ErrorCode, fail, isDeferred } from "../errors";

/** Small argument checks every planner shares, so their errors read alike. */

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

/** An optional flag. */
export function optionalFlag(value: unknown, field: string, fix: string): boolean {
    if (value !== undefined && typeof value !== "boolean") {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be true or false", fix });
    }
    return value ?? false;
}

/** An existing resource's id names its endpoint when it is known now; otherwise the component's own label does. */
export function label(given: unknown, fallback: string): string {
    return typeof given === "string" ? given : fallback;
}
