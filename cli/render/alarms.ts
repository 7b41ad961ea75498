import { AlarmReport, FailureAlarms, WatchStatus } from "../alarms";
import { Cloud } from "../../sdk/topology";
import { plural, table } from "./table";

/**
 * The alarm table: each single failure of a ready link → the alarm it opens on AWS and on Google
 * (the most specific, and how many more open with it: `--json` lists them) → the severity they
 * declare; then the alarms only combined failures or a port working badly open, those open
 * already, and what to know.
 */
export function renderAlarms(report: AlarmReport): string {
    const aws = report.alarms.filter((a) => a.cloud === Cloud.Aws).length;
    const lines = [`  ${plural(report.alarms.length, "alarm")}: ${aws} CloudWatch, ${report.alarms.length - aws} Cloud Monitoring`];
    if (report.failures.length === 0) return [...lines, "  no ready cross-cloud links to watch", ...report.notes.map((n) => `  note: ${n}`)].join("\n");
    const rows = report.failures.map((f) => [f.failure, severityText(f), cell(f.aws, f), cell(f.google, f)]);
    lines.push(table(["single failure", "severity", "AWS alarms (CloudWatch)", "Google alerts (Cloud Monitoring)"], rows));
    const watched = report.failures.filter((f) => f.status === WatchStatus.Watched).length;
    lines.push(`  ${watched} of ${report.failures.length} single failures open an alarm${unwatched(report.failures)}`);
    if (report.beyondSingleFailures.length > 0) lines.push(`  opened only by combined failures or a port working badly: ${report.beyondSingleFailures.join(", ")}`);
    if (report.openWhileHealthy.length > 0) lines.push(`  open while every link is up: ${report.openWhileHealthy.join(", ")}`);
    for (const note of report.notes) lines.push(`  note: ${note}`);
    return lines.join("\n");
}

function cell(opened: readonly string[], f: FailureAlarms): string {
    if (opened.length === 0) return none(f);
    return opened.length === 1 ? opened[0] : `${opened[0]} +${opened.length - 1}`;
}

function severityText(f: FailureAlarms): string {
    return f.severity ?? (f.status === WatchStatus.Watched ? "(none declared)" : "—");
}

function none(f: FailureAlarms): string {
    switch (f.status) {
        case WatchStatus.NoMetric: return "— (no metric published)";
        case WatchStatus.Unknown: return "? (not known offline)";
        default: return "—";
    }
}

function unwatched(failures: readonly FailureAlarms[]): string {
    const parts = [WatchStatus.Unwatched, WatchStatus.NoMetric, WatchStatus.Unknown]
        .map((status) => [status, failures.filter((f) => f.status === status).length] as const)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${n} ${status === WatchStatus.Unwatched ? "watched by none" : status === WatchStatus.NoMetric ? "on managed links no metric covers" : "not known offline"}`);
    return parts.length === 0 ? "" : `; ${parts.join(", ")}`;
}
