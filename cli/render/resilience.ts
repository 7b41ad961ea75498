import { ResilienceReport } from "../../sdk/resilience";
import { SlaTier } from "../../sdk/topology";
import { table } from "./table";

/** Each single failure with what survives it, then the SLA tier each link group earns and why not more. */
export function renderResilience(report: ResilienceReport): string {
    if (report.failures.length === 0) return "  no cross-cloud links found";
    const rows = report.failures.map((f) => [
        `${f.kind} ${f.id}`,
        f.cut.length,
        f.survivingGbps,
        f.survivingPrimaryGbps,
        f.connected ? "yes" : f.coveredByProviderSla ? "no (provider SLA covers it)" : "NO: single point of failure",
    ]);
    const lines = [
        `  ${report.totalGbps} Gbps in total, ${report.totalPrimaryGbps} Gbps primary; SLA tier earned: ${tierText(report.sla.tier)}`,
        table(["single failure", "links cut", "surviving Gbps", "primary Gbps", "connected"], rows),
        "",
        table(["link group", "kind", "role", "SLA tier"], report.sla.groups.map((g) => [g.group, g.kind, g.role, tierText(g.tier)])),
    ];
    for (const g of report.sla.groups) for (const reason of g.missing) lines.push(`    ${g.group}: ${reason}`);
    const combined = report.sla.combinedDedicated;
    if (combined) {
        lines.push(`  dedicated groups together (${combined.groups.join(", ")}): ${tierText(combined.tier)}`);
        for (const reason of combined.missing) lines.push(`    ${reason}`);
    }
    for (const advice of report.sla.advice) lines.push(`  advice: ${advice}`);
    return lines.join("\n");
}

function tierText(tier: SlaTier): string {
    return tier === SlaTier.None ? "none" : `${tier}%`;
}
