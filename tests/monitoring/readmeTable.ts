/**
 * The alarm table of a network as the README shows it: the `table` of its `monitoring` output, one
 * row per failure domain (and the capacity, and the early warnings) with what survives it, the
 * severity, and the alarm on each cloud; where one cloud has none, why.
 */
import { MonitoringSummary } from "../../components/monitoring";

const SEVERITY: Record<string, string> = { "redundancy-lost": "redundancy lost", "requirement-breached": "**requirement breached**" };

function cell(names: readonly string[], cloud: "AWS" | "Google", note: string | undefined): string {
    if (names.length > 0) return names.map((n) => `\`${n}\``).join(", ");
    const why = note?.split("; ").find((part) => part.startsWith(`${cloud}: `))?.slice(cloud.length + 2);
    return why ? `— (${why})` : "—";
}

export function readmeAlarmTable(summary: MonitoringSummary): string {
    return [
        "| failure domain | survives | severity | AWS (CloudWatch) | Google (Cloud Monitoring) |",
        "|---|---|---|---|---|",
        ...summary.table.map((r) => `| ${r.watches} | ${r.survives} | ${r.severity ? SEVERITY[r.severity] : "—"} | ${cell(r.aws, "AWS", r.note)} | ${cell(r.google, "Google", r.note)} |`),
    ].join("\n");
}
