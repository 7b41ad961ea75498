import { ErrorCode, fail } from "./errors";

/** Private ASN ranges (RFC 6996): the only ones every side of a cross-cloud link accepts. */
export const PRIVATE_ASN_RANGES: readonly [number, number][] = [
    [64512, 65534],
    [4200000000, 4294967294],
];

/** How errors and policy messages name the private ranges, e.g. `64512-65534 or 4200000000-4294967294`. */
export const PRIVATE_ASN_RANGES_TEXT = PRIVATE_ASN_RANGES.map(([low, high]) => `${low}-${high}`).join(" or ");

/** The Amazon-side ASN AWS gives a Transit Gateway, virtual private gateway or Direct Connect gateway created without one. */
export const AWS_DEFAULT_AMAZON_SIDE_ASN = 64512;

/** ASNs AWS reserves and refuses on customer gateways. */
export const AWS_RESERVED_ASNS: readonly number[] = [7224, 9059, 10124, 17943];

/** Google's public ASN, required on Cloud Routers that carry Partner Interconnect attachments. */
export const GOOGLE_PARTNER_ASN = 16550;

export function isPrivateAsn(asn: number): boolean {
    return PRIVATE_ASN_RANGES.some(([low, high]) => asn >= low && asn <= high);
}

export interface AsnOptions {
    /** Accept 16550 (only a Cloud Router carrying Partner Interconnect attachments needs it). */
    partnerInterconnect?: boolean;
}

/** Parses an ASN given as a number or decimal string and checks it is private. */
export function parseAsn(value: unknown, field: string, options: AsnOptions = {}): number {
    const asn = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof asn !== "number" || !Number.isInteger(asn) || asn < 1 || asn > 4294967294) {
        fail({ code: ErrorCode.InvalidAsn, field, value, rule: "must be a whole number from 1 to 4294967294", fix: "Use a private ASN such as 64514." });
    }
    if (AWS_RESERVED_ASNS.includes(asn)) {
        fail({ code: ErrorCode.ReservedAsn, field, value, rule: `AWS reserves ASNs ${AWS_RESERVED_ASNS.join(", ")}`, fix: "Use a private ASN such as 64514." });
    }
    if (asn === GOOGLE_PARTNER_ASN && options.partnerInterconnect) return asn;
    if (!isPrivateAsn(asn)) {
        fail({
            code: ErrorCode.InvalidAsn, field, value,
            rule: asn === GOOGLE_PARTNER_ASN
                ? "16550 is Google's ASN for Partner Interconnect only, not for Cross-Cloud Interconnect or HA VPN"
                : `must be a private ASN (${PRIVATE_ASN_RANGES_TEXT})`,
            fix: "Use a private ASN such as 64514.",
        });
    }
    return asn;
}

export interface AsnPlan {
    /** The Google Cloud Router's ASN (also the AWS customer gateway's and VIF's). */
    cloudRouter: number;
    /** The AWS Transit Gateway's ASN (the VPN tunnels' AWS side). */
    transitGateway?: number;
    /** The AWS Direct Connect gateway's ASN (the transit VIFs' AWS side). */
    directConnectGateway?: number;
}

/**
 * Checks the ASNs of one cross-cloud link for collisions: each BGP session is eBGP, so the Cloud
 * Router must differ from the AWS side, and AWS refuses to associate a Direct Connect gateway with
 * a Transit Gateway of the same ASN.
 */
export function checkAsnPlan(plan: AsnPlan, fields: Partial<Record<keyof AsnPlan, string>> = {}): AsnPlan {
    const field = (k: keyof AsnPlan) => fields[k] ?? k;
    for (const side of ["transitGateway", "directConnectGateway"] as const) {
        if (plan[side] !== undefined && plan[side] === plan.cloudRouter) {
            fail({
                code: ErrorCode.AsnCollision, field: field(side), value: plan[side],
                rule: `equals the Cloud Router's ASN (${field("cloudRouter")}); BGP between the clouds is eBGP and needs two ASNs`,
                fix: `Give the ${side === "transitGateway" ? "Transit Gateway" : "Direct Connect gateway"} a different private ASN.`,
            });
        }
    }
    if (plan.transitGateway !== undefined && plan.transitGateway === plan.directConnectGateway) {
        fail({
            code: ErrorCode.AsnCollision, field: field("directConnectGateway"), value: plan.directConnectGateway,
            rule: `equals the Transit Gateway's ASN (${field("transitGateway")}); AWS rejects the gateway association`,
            fix: "Give the Direct Connect gateway its own private ASN.",
        });
    }
    return plan;
}
