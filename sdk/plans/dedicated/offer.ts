/**
 * What the providers offer on a Cross-Cloud Interconnect into Direct Connect, and the refusals for
 * what they do not, each with its source.
 */
import { PortSpeed } from "../../bandwidth";
import { ErrorCode, fail } from "../../errors";
import { SessionPrefixLength } from "../../linkLocal";
import { SlaTarget } from "./types";

/** The intent an InterconnectGroup / InterconnectAttachmentGroup declares, so Google reports blockers. */
export const GOOGLE_SLA_INTENT: Record<SlaTarget, string> = {
    [SlaTarget.ThreeNines]: "PRODUCTION_NON_CRITICAL",
    [SlaTarget.FourNines]: "PRODUCTION_CRITICAL",
};

/**
 * The one MTU both ends accept: Google attachments offer 1440, 1460, 1500 and 8896, transit VIFs
 * 1500 and 8500 (providers.md §7.3).
 */
export const DEDICATED_MTU = 1500;

/** Each attachment's BGP session runs in a /29, Google's default and AWS's usual size. */
export const ATTACHMENT_PREFIX_LENGTH: SessionPrefixLength = 29;

/** Length of a generated BGP MD5 key: AWS takes 6 to 80 characters, Google up to 80. */
export const MD5_KEY_LENGTH = 32;

export function checkPortSpeed(value: unknown): PortSpeed {
    const speeds = Object.values(PortSpeed);
    if (!speeds.includes(value as PortSpeed)) {
        fail({
            code: ErrorCode.BandwidthUnsupported, field: "portSpeed", value,
            rule: `Cross-Cloud Interconnect ports run at ${speeds.join(", ")}`,
            fix: "Pick one of those; attachments share a port's bandwidth.",
        });
    }
    return value as PortSpeed;
}

/**
 * One link per port. Google's guide for AWS orders one LAG per Cross-Cloud Interconnect connection
 * with its member count ("Order AWS ports": `create-lag --number-of-connections`), and AWS puts all
 * members of a LAG on one device: a connection joins a LAG only on the LAG's device
 * (AssociateConnectionWithLag), and only CreateConnection with a `lagId` lands on it
 * (CreateConnection: "allocated on the same AWS Direct Connect endpoint that hosts the specified
 * LAG"). @pulumi/aws offers neither: its LinkAggregationGroup is made with one connection and its
 * Connection takes no LAG, so a second link would be a standalone connection on a device AWS picks,
 * which the LAG may refuse. A faster port, or more ports, gives the bandwidth instead.
 */
export function checkLinksPerPort(links: unknown, speed: PortSpeed): 1 {
    if (links !== undefined && links !== 1) {
        fail({
            code: ErrorCode.InvalidArgument, field: "linksPerPort", value: links,
            rule: "each port is one link: @pulumi/aws orders a LAG with one connection and cannot order further connections on the LAG's device, " +
                "and AWS adds a connection to a LAG only on that device (AssociateConnectionWithLag; CreateConnection with lagId)",
            fix: `Leave linksPerPort out (1); for more bandwidth use a faster port than ${speed}, or more ports.`,
        });
    }
    return 1;
}

/**
 * Google documents MACsec for Cloud Interconnect on Dedicated, Partner and Cross-Site Interconnect,
 * at 10 and 100 Gbps ("MACsec for Cloud Interconnect overview",
 * https://cloud.google.com/network-connectivity/docs/interconnect/concepts/macsec-overview), and not
 * for Cross-Cloud Interconnect nor for 400 Gbps. A link encrypted on one end only carries nothing,
 * so neither end is asked for it.
 */
export function refuseMacsec(macsec: unknown): void {
    if (macsec === undefined || macsec === null) return;
    fail({
        code: ErrorCode.Conflict, field: "macsec", value: "(set)",
        rule: "Google documents MACsec for Dedicated, Partner and Cross-Site Interconnect at 10 and 100 Gbps, not for Cross-Cloud Interconnect " +
            "(MACsec for Cloud Interconnect overview, cloud.google.com/network-connectivity/docs/interconnect/concepts/macsec-overview)",
        fix: "Remove macsec; for encryption in transit run IPsec over the link or TLS end to end.",
    });
}
