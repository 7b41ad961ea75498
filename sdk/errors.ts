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

    constructor(details: ErrorDetails) {
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

function show(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        // BigInts and cyclic values defeat JSON; null-prototype objects defeat String as well.
        try {
            return String(value);
        } catch {
            return Object.prototype.toString.call(value);
        }
    }
}
