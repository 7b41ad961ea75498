import { ErrorCode, fail } from "./errors";

/**
 * Bandwidth as one small immutable value, counted in whole Mbps so that every product's tiers
 * (50 Mbps … 400 Gbps) are exact. Each cloud's spelling is a format of the same value.
 */
export class Bandwidth {
    private constructor(readonly mbps: number) {}

    static fromMbps(mbps: number): Bandwidth {
        return new Bandwidth(mbps);
    }

    static fromGbps(gbps: number): Bandwidth {
        return new Bandwidth(Math.round(gbps * 1000));
    }

    /**
     * Parses any spelling crosscloud accepts: AWS (`10Gbps`, `500Mbps`), Google (`BPS_10G`,
     * `BPS_500M`) or a positive number of Gbps. Anything else is a typed error.
     */
    static parse(value: unknown, field: string): Bandwidth {
        // Gbps with at most three decimals. `value * 1000` is not always whole in floating point
        // (257.29 * 1000 = 257290.00000000003), so round and check that the rounding gives `value` back.
        const fromGbps = typeof value === "number" ? Math.round(value * 1000) : NaN;
        if (fromGbps > 0 && Number.isSafeInteger(fromGbps) && fromGbps / 1000 === value) {
            return new Bandwidth(fromGbps);
        }
        const text = typeof value === "string" ? value.trim() : "";
        const match = /^(?:BPS_(\d+)([MG])|(\d+)([MG])bps)$/.exec(text);
        const amount = match ? Number(match[1] ?? match[3]) : 0;
        const mbps = match && (match[2] ?? match[4]) === "G" ? amount * 1000 : amount;
        // Whole Mbps that a double counts exactly: beyond that, spellings would stop round-tripping.
        if (!match || mbps <= 0 || !Number.isSafeInteger(mbps)) {
            fail({
                code: ErrorCode.InvalidBandwidth, field, value,
                rule: "must be a bandwidth like 10Gbps, 500Mbps, BPS_10G or a number of Gbps",
                fix: "Write it like 10Gbps.",
            });
        }
        return new Bandwidth(mbps);
    }

    get gbps(): number {
        return this.mbps / 1000;
    }

    /** AWS spelling: `10Gbps`, `500Mbps`. */
    toAws(): string {
        return this.mbps % 1000 === 0 ? `${this.mbps / 1000}Gbps` : `${this.mbps}Mbps`;
    }

    /** Google spelling: `BPS_10G`, `BPS_500M`. */
    toGcp(): string {
        return this.mbps % 1000 === 0 ? `BPS_${this.mbps / 1000}G` : `BPS_${this.mbps}M`;
    }

    plus(other: Bandwidth): Bandwidth {
        return new Bandwidth(this.mbps + other.mbps);
    }

    times(n: number): Bandwidth {
        return new Bandwidth(this.mbps * n);
    }

    min(other: Bandwidth): Bandwidth {
        return this.mbps <= other.mbps ? this : other;
    }

    equals(other: Bandwidth): boolean {
        return this.mbps === other.mbps;
    }

    compare(other: Bandwidth): number {
        return this.mbps - other.mbps;
    }

    toString(): string {
        return this.mbps % 1000 === 0 ? `${this.mbps / 1000} Gbps` : `${this.mbps} Mbps`;
    }

    toJSON(): string {
        return this.toAws();
    }
}

const tiers = (...spellings: string[]) => spellings.map((s) => Bandwidth.parse(s, "tiers"));

/** Google `InterconnectAttachment.bandwidth` values. */
export const ATTACHMENT_BANDWIDTHS = tiers(
    "BPS_50M", "BPS_100M", "BPS_200M", "BPS_300M", "BPS_400M", "BPS_500M", "BPS_1G", "BPS_2G",
    "BPS_5G", "BPS_10G", "BPS_20G", "BPS_50G", "BPS_100G", "BPS_400G",
);

/** Google `Transport.bandwidth` values; AWS Interconnect accepts every one of them (`\d+[MG]bps`). */
export const MANAGED_BANDWIDTHS = ATTACHMENT_BANDWIDTHS.filter((b) => b.gbps <= 100);

/** Cross-Cloud Interconnect port speeds, with each cloud's spelling. */
export enum PortSpeed {
    Gbps10 = "10Gbps",
    Gbps100 = "100Gbps",
    Gbps400 = "400Gbps",
}

export const PORT_LINK_TYPES: Record<PortSpeed, string> = {
    [PortSpeed.Gbps10]: "LINK_TYPE_ETHERNET_10G_LR",
    [PortSpeed.Gbps100]: "LINK_TYPE_ETHERNET_100G_LR",
    [PortSpeed.Gbps400]: "LINK_TYPE_ETHERNET_400G_LR4",
};

/** Most links AWS allows in one LAG: 4 below 100 Gbps, 2 at 100 and 400 Gbps. */
export const MAX_LAG_LINKS: Record<PortSpeed, number> = {
    [PortSpeed.Gbps10]: 4,
    [PortSpeed.Gbps100]: 2,
    [PortSpeed.Gbps400]: 2,
};

export function portSpeedFromLinkType(linkType: string): PortSpeed | undefined {
    return (Object.keys(PORT_LINK_TYPES) as PortSpeed[]).find((s) => PORT_LINK_TYPES[s] === linkType);
}

/** Capacity of one port: its speed times its link count. */
export function portCapacity(speed: PortSpeed, links: number): Bandwidth {
    return Bandwidth.parse(speed, "portSpeed").times(links);
}

export enum TunnelBandwidth {
    /** Up to 1.25 Gbps per AWS tunnel. */
    Standard = "standard",
    /** Up to 5 Gbps per AWS tunnel; Transit Gateway (not virtual private gateway) only. */
    Large = "large",
}

export const AWS_TUNNEL_LIMIT: Record<TunnelBandwidth, Bandwidth> = {
    [TunnelBandwidth.Standard]: Bandwidth.fromMbps(1250),
    [TunnelBandwidth.Large]: Bandwidth.fromGbps(5),
};

/** Google documents about 3 Gbps per HA VPN tunnel. */
export const GCP_HA_VPN_TUNNEL_LIMIT = Bandwidth.fromGbps(3);

/** What one AWS⇄Google tunnel carries: the lower of the two ends. */
export function vpnTunnelBandwidth(tunnelBandwidth: TunnelBandwidth): Bandwidth {
    return AWS_TUNNEL_LIMIT[tunnelBandwidth].min(GCP_HA_VPN_TUNNEL_LIMIT);
}

/** ECMP spreads flows over equal-cost paths, so the aggregate is the sum of the paths. */
export function ecmpAggregate(paths: Bandwidth[]): Bandwidth {
    return paths.reduce((sum, b) => sum.plus(b), Bandwidth.fromMbps(0));
}

/** Checks a bandwidth against a product's tier list and names the tiers it accepts. */
export function checkTier(value: unknown, field: string, allowed: Bandwidth[], product: string): Bandwidth {
    const bandwidth = Bandwidth.parse(value, field);
    if (!allowed.some((b) => b.equals(bandwidth))) {
        // A profile's list may come in any order: suggest the next tier up, else the top one.
        const tiers = [...allowed].sort((a, b) => a.compare(b));
        const nearest = tiers.find((b) => b.compare(bandwidth) > 0) ?? tiers[tiers.length - 1];
        fail({
            code: ErrorCode.BandwidthUnsupported, field, value,
            rule: `${product} offers ${tiers.map((b) => b.toAws()).join(", ") || "no bandwidth here"}`,
            fix: nearest ? `Use ${nearest.toAws()}.` : "Pick another product or location.",
        });
    }
    return bandwidth;
}
