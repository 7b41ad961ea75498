import { inspect } from "node:util";

/**
 * One error type for every rule crosscloud enforces. It names the field, the value that broke the
 * rule, the rule itself, and what to do instead, so a user can act on it without reading code.
 */
export enum ErrorCode {
    InvalidPrefix = "INVALID_PREFIX",
    NotLinkLocal = "NOT_LINK_LOCAL",
    ReservedRange = "RESERVED_RANGE",
    Overlap = "OVERLAP",
    AddressCollision = "ADDRESS_COLLISION",
    BlockExhausted = "BLOCK_EXHAUSTED",
    InvalidAsn = "INVALID_ASN",
    ReservedAsn = "RESERVED_ASN",
    AsnCollision = "ASN_COLLISION",
    InvalidBandwidth = "INVALID_BANDWIDTH",
    BandwidthUnsupported = "BANDWIDTH_UNSUPPORTED",
    CapacityExceeded = "CAPACITY_EXCEEDED",
    ShapeBelowSla = "SHAPE_BELOW_SLA",
    InsufficientBandwidth = "INSUFFICIENT_BANDWIDTH",
    TooManyPrefixes = "TOO_MANY_PREFIXES",
    UnknownRegionPair = "UNKNOWN_REGION_PAIR",
    InvalidArgument = "INVALID_ARGUMENT",
    Conflict = "CONFLICT",
    /** A change would replace a deployed link (move its addresses, router or ASNs), and the user has not accepted that. */
    ReplacementRefused = "REPLACEMENT_REFUSED",
    /** A planning value arrived as a Pulumi Output, whose value is known only once resources exist. */
    NotPlain = "NOT_A_PLAIN_VALUE",
}

export interface ErrorDetails {
    code: ErrorCode;
    /** The argument path, as the user wrote it: `tunnels[2].insideCidr`. */
    field: string;
    /** The offending value, as given. */
    value: unknown;
    /** The rule that was broken, stated plainly. */
    rule: string;
    /** What to do instead. */
    fix: string;
}

export class CrossCloudError extends Error implements ErrorDetails {
    readonly code: ErrorCode;
    readonly field: string;
    readonly value: unknown;
    readonly rule: string;
    readonly fix: string;

    constructor(given: ErrorDetails) {
        // Whatever check an Output failed, the cause is that it is one: say so, whichever field it was.
        const details = isDeferred(given.value) ? { ...given, code: ErrorCode.NotPlain, rule: DEFERRED_RULE, fix: DEFERRED_FIX } : given;
        super(`${details.field} = ${show(details.value)}: ${details.rule}. ${details.fix}`);
        this.name = "CrossCloudError";
        this.code = details.code;
        this.field = details.field;
        this.value = details.value;
        this.rule = details.rule;
        this.fix = details.fix;
    }
}

/** Throws a CrossCloudError; reads well at the end of a guard: `if (bad) fail({...})`. */
export function fail(details: ErrorDetails): never {
    throw new CrossCloudError(details);
}

export function isCrossCloudError(e: unknown): e is CrossCloudError {
    return e instanceof CrossCloudError;
}

const DEFERRED_RULE = "is a planning value, checked before anything is declared, and an Output's value is known only once resources exist";
const DEFERRED_FIX = "Pass a plain value. To take it from another stack, read it first (await stackReference.getOutputDetails(name)), then build the component; from another language, pass the value itself, not a resource's output.";

/**
 * A Pulumi Output (or any value standing for one), recognised by the marker the SDK sets on it, so
 * sdk/ needs no Pulumi import. Ids of existing resources may be Outputs; planning values may not.
 */
export function isDeferred(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { __pulumiOutput?: unknown }).__pulumiOutput === true;
}

/** The most of a value a message shows: enough to recognise it, never a megabyte echoed back. */
export const SHOWN_VALUE_LIMIT = 160;

/**
 * A value as a message shows it: JSON where JSON can say it, Node's own rendering where it cannot
 * (cycles, symbols, BigInts, functions, null-prototype objects), cut to SHOWN_VALUE_LIMIT characters.
 */
export function show(value: unknown): string {
    const text = render(value);
    return text.length > SHOWN_VALUE_LIMIT ? `${text.slice(0, SHOWN_VALUE_LIMIT)}… (${text.length} characters)` : text;
}

function render(value: unknown): string {
    if (isDeferred(value)) return "an Output";
    if (typeof value === "string") return JSON.stringify(value);
    try {
        const json = JSON.stringify(value);
        // JSON drops what it cannot say (a symbol, a function) rather than failing on it.
        if (json !== undefined && (typeof value !== "object" || value === null || Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) return json;
    } catch {
        // Cycles and BigInts defeat JSON.
    }
    return inspect(value, { depth: 2, maxArrayLength: 8, maxStringLength: SHOWN_VALUE_LIMIT, breakLength: Infinity });
}
