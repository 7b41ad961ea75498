import { Bandwidth } from "../../sdk/bandwidth";
import { Carriers } from "../../sdk/preference";
import { familyText } from "../../sdk/addressFamily";
import { FailureCase, ResilienceReport } from "../../sdk/resilience";
import { GroupSla, SideSla } from "../../sdk/sla";
import { Direction, SlaTier } from "../../sdk/topology";
import { table } from "./table";

/**
 * Each single failure with what survives it and which link group carries traffic each way after it,
 * then the SLA each link group earns: Google's half, AWS's half, end to end, and why not more.
 */
export function renderResilience(report: ResilienceReport): string {
    if (report.failures.length === 0) return "  no cross-cloud links found";
    const dual = report.byFamily !== undefined;
    const rows = report.failures.map((f) => [
        `${f.kind} ${f.id}`,
        f.cut.length,
        gbps(f.survivingMbps),
        gbps(f.survivingPrimaryMbps),
        ...(dual ? [(f.families ?? []).map((i) => `${familyText(i.family)} ${gbps(i.survivingMbps)}`).join(", ")] : []),
        connected(f),
        carried(f.carriers, Direction.AwsToGoogle),
        carried(f.carriers, Direction.GoogleToAws),
    ]);
    const lines = [
        `  ${gbps(report.totalMbps)} Gbps in total, ${gbps(report.totalPrimaryMbps)} Gbps primary; SLA tier earned: ${tierText(report.sla.tier)}`,
        // Each family is judged on the links that carry it: a dual-stack HA VPN's IPv6 tunnels are a shape of their own.
        ...(report.byFamily ?? []).map((f) => {
            const tier = report.sla.byFamily?.find((s) => s.family === f.family)?.tier ?? SlaTier.None;
            const spofs = f.singlePointsOfFailure.length === 0 ? "no single point of failure" : `single points of failure: ${f.singlePointsOfFailure.join(", ")}`;
            return `  ${familyText(f.family)}: ${gbps(f.totalMbps)} Gbps, ${gbps(f.totalPrimaryMbps)} Gbps primary; SLA tier ${tierText(tier)}; ${spofs}`;
        }),
        `  with every link up, AWS→Google rides ${carried(report.carriers, Direction.AwsToGoogle)}; Google→AWS rides ${carried(report.carriers, Direction.GoogleToAws)}`,
        table(["single failure", "links cut", "surviving Gbps", "primary Gbps", ...(dual ? ["Gbps per family"] : []), "connected", "AWS→Google rides", "Google→AWS rides"], rows),
        "",
        table(["link group", "kind", "role", "Google grants", "AWS grants", "end to end"], report.sla.groups.map((g) => [
            g.group, g.kind, g.role, side(g.google), side(g.aws), endToEnd(g),
        ])),
    ];
    for (const g of report.sla.groups) for (const reason of g.missing) lines.push(`    ${g.group}: ${reason}`);
    const combined = report.sla.combinedDedicated;
    if (combined) {
        lines.push(`  dedicated groups together (${combined.groups.join(", ")}): Google ${side(combined.google)}, AWS ${side(combined.aws)}, end to end ${tierText(combined.tier)}`);
        for (const reason of combined.missing) lines.push(`    ${reason}`);
    }
    for (const advice of report.sla.advice) lines.push(`  advice: ${advice}`);
    return lines.join("\n");
}

/** A failure that leaves IPv4 up but cuts IPv6 says so. */
function connected(f: FailureCase): string {
    if (f.connected) return "yes";
    const cut = (f.families ?? []).filter((i) => !i.connected).map((i) => familyText(i.family));
    const which = cut.length > 0 && cut.length < (f.families ?? []).length ? `${cut.join(", ")} cut, ` : "";
    return f.coveredByProviderSla ? `no (${which}provider SLA covers it)` : `NO: ${which}single point of failure`;
}

/** Gbps for display: the model counts whole Mbps. */
function gbps(mbps: number): number {
    return Bandwidth.fromMbps(mbps).gbps;
}

function carried(carriers: Carriers, direction: Direction): string {
    return carriers[direction].join(" + ") || "nothing";
}

function side(sla: SideSla): string {
    return sla.percent === undefined ? `none (${sla.grade})` : `${sla.percent}% (${sla.grade})`;
}

function endToEnd(g: Pick<GroupSla, "percent" | "tier">): string {
    return g.percent === undefined ? "none" : `${g.percent}% (tier ${tierText(g.tier)})`;
}

function tierText(tier: SlaTier): string {
    return tier === SlaTier.None ? "none" : `${tier}%`;
}
