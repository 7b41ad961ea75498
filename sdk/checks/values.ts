import { ErrorCode, fail, isDeferred } from "../errors";
import { Prefix } from "../prefix";

/** Deeper than any argument of ours nests; far shallower than a stack overflow. */
const MAX_DEPTH = 32;

/**
 * A component's arguments as plain data, copied: nulls dropped (YAML and JSON leave a value out
 * with null, so null is "not given" everywhere), and anything Pulumi cannot serialize as a
 * component's inputs refused with its path before anything is declared — a value that contains
 * itself, a function, a symbol, a BigInt, a Map or another class instance. Outputs and promises (ids
 * of existing resources, secrets) pass through untouched, as the engine resolves them.
 */
export function plainArgs<T>(value: T): T {
    if (!isPlainObject(value)) {
        fail({ code: ErrorCode.InvalidArgument, field: "args", value, rule: "must be an object of arguments", fix: "Pass the component's arguments as an object." });
    }
    return copy(value, "", []) as T;
}

function copy(value: unknown, field: string, ancestors: object[]): unknown {
    if (value === null || value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
    if (isDeferred(value) || isThenable(value)) return value;
    if (typeof value !== "object") {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `is a ${typeof value}, which no argument takes`, fix: "Pass plain data: strings, numbers, booleans, lists and objects." });
    }
    if (ancestors.includes(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "contains itself (a circular value), which cannot be planned or stored", fix: "Pass plain data without cycles." });
    }
    if (ancestors.length >= MAX_DEPTH) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `nests deeper than ${MAX_DEPTH} levels, deeper than any argument goes`, fix: "Pass the arguments as documented." });
    }
    const inside = [...ancestors, value];
    if (Array.isArray(value)) return Array.from(value, (v, i) => copy(v, `${field}[${i}]`, inside));
    if (!isPlainObject(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be plain data (an object literal), not a class instance such as a Map", fix: "Pass an object literal or a list." });
    }
    const result: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
        if (v !== null && v !== undefined) result[key] = copy(v, field ? `${field}.${key}` : key, inside);
    }
    return result;
}

/**
 * The id of an existing resource, when given: a non-empty string known now, or an Output or
 * promise the engine resolves. Anything else (a number, NaN, an object) would reach the provider.
 */
export function optionalId(value: unknown, field: string, what: string): void {
    if (value === undefined) return;
    if (isDeferred(value) || isThenable(value)) return;
    if (typeof value !== "string" || value.trim() === "") {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `must be ${what}: a non-empty string, or an Output`, fix: `Pass ${what}, e.g. from another resource's output, or leave it out.` });
    }
}

/** As optionalId, for an id the component cannot do without. */
export function requiredId(value: unknown, field: string, what: string): void {
    if (value === undefined) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: `is required: ${what}`, fix: `Set ${field} to ${what}.` });
    }
    optionalId(value, field, what);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

function isThenable(value: unknown): boolean {
    return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/**
 * A Cloud Router holds at most 128 BGP peers (Cloud Router quotas and limits, "Maximum number of BGP
 * peers for each Cloud Router"), each session in a range of its own: a list of ranges in use on
 * routers far longer than that is a mistake, refused before any of it is parsed.
 */
export const MAX_RESERVED_PREFIXES = 1024;

/** The `reservedPrefixes` argument: counted, then parsed. */
export function parseReserved(value: unknown, field = "reservedPrefixes"): Prefix[] {
    if (Array.isArray(value) && value.length > MAX_RESERVED_PREFIXES) {
        fail({
            code: ErrorCode.TooManyPrefixes, field, value: value.length,
            rule: `lists more than ${MAX_RESERVED_PREFIXES} ranges; the routers it describes hold at most 128 BGP sessions each`,
            fix: "Reserve whole blocks (another environment's /19) instead of every session.",
        });
    }
    return Prefix.parseAll(value ?? [], field);
}
