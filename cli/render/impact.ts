import type { ChangeReport, JudgedChange } from "../change/types";
import { Outage } from "../../sdk/change/impact";
import { gbps, Verdict } from "../../sdk/change/requirement";
import { RolloutPlan, RolloutStep, StepKind } from "../../sdk/change/rollout";
import { ChangeOp, Effect, Source } from "../../sdk/change/types";
import { plural, table } from "./table";

/**
 * The impact table: each resource change with what it does to the links while it applies, for how
 * long, and whether what stays up meets the requirement; then the whole update at once, the steps a
 * rollout takes instead, and the sources of the rules.
 */
export function renderChange(report: ChangeReport): string {
    const sources = new SourceList();
    const lines = [`change against ${report.against}: ${changeCounts(report.changes)}`];
    if (report.changes.length === 0) return [...lines, "  no changes"].join("\n");
    // Alarms and other resources no link rides change with the links they describe: one line, not a row each.
    const quiet = report.changes.filter(ridesNothing);
    const rows = report.changes.filter((c) => !ridesNothing(c)).map((c) => [
        c.op,
        c.name,
        effectText(c),
        links(c.op === ChangeOp.Delete ? c.removed : c.down),
        duration(c.outages),
        c.verdicts.length === 0 ? "-" : c.verdicts.every((v) => v.holds) ? "holds" : "BREAKS",
        [...new Set(c.outages.map((o) => sources.ref(o.source)).filter((r) => r !== ""))].join(" "),
    ]);
    lines.push(table(["change", "resource", "effect on the links", "down while it applies", "for how long", "requirement meanwhile", "source"], rows));
    if (quiet.length > 0) lines.push(`  and ${plural(quiet.length, "change")} to resources no link rides (${changeCounts(quiet, false)}: ${list(quiet.map((c) => c.name))}): none`);
    for (const c of report.changes) for (const detail of details(c)) lines.push(`    ${c.name}: ${detail}`);
    lines.push(`  requirement: ${report.requirements.length === 0 ? "none found (no CrossCloudNetwork, no policy config)" : report.requirements.map(requirementText).join("; ")}`);
    lines.push(`  all at once, as one plain \`pulumi up\`: ${plural(report.down.length + report.removed.length, "link")} down; ${verdictText(report.allAtOnce, false)}`);
    lines.push(renderRollout(report.rollout));
    lines.push("sources:", ...sources.lines());
    return lines.join("\n");
}

export function renderRollout(plan: RolloutPlan): string {
    const lines = [`rollout: ${plural(plan.steps.length, "step")}${plan.refused.length > 0 ? `, ${plural(plan.refused.length, "change group")} refused` : ""}`];
    for (const step of plan.steps) lines.push(...stepLines(step));
    for (const r of plan.refused) {
        lines.push(`  refused: ${list(r.changes)} (takes down ${list(r.down)}): ${r.reason}`);
        for (const fix of r.fixes) lines.push(`    ${fix}`);
    }
    return lines.join("\n");
}

export function stepLines(step: RolloutStep): string[] {
    const what = step.kind === StepKind.Add ? "adds and updates in place" : step.kind === StepKind.Remove ? "removes" : step.kind === StepKind.Window ? "takes down, in the window you accepted," : "takes down";
    const touched = step.kind === StepKind.Add ? step.added : step.kind === StepKind.Remove ? step.removed : step.down;
    const lines = [
        `  step ${step.index} (${step.kind}): ${list(step.changes)}`,
        `    ${what}${touched.length > 0 ? ` ${list(touched)}` : ""}; ${verdictText(step.verdicts, step.kind === StepKind.Add)}`,
    ];
    if (step.waitFor.length > 0) lines.push(`    then wait until healthy: ${list(step.waitFor)}`);
    return lines;
}

function changeCounts(changes: readonly JudgedChange[], total = true): string {
    if (changes.length === 0) return "no changes";
    const counts = [ChangeOp.Create, ChangeOp.Update, ChangeOp.Replace, ChangeOp.Delete]
        .map((op) => [op, changes.filter((c) => c.op === op).length] as const)
        .filter(([, n]) => n > 0)
        .map(([op, n]) => `${n} to ${op}`);
    return total ? `${plural(changes.length, "resource change")} (${counts.join(", ")})` : counts.join(", ");
}

/** A change that touches no link: what it adds or removes rides it, and its effect is the strongest of its outages. */
function ridesNothing(c: JudgedChange): boolean {
    return c.effect === Effect.None && c.rides.length === 0;
}

function effectText(c: JudgedChange): string {
    if (c.op === ChangeOp.Create || c.op === ChangeOp.Delete) {
        const [verb, ids] = c.op === ChangeOp.Create ? ["adds", c.added] : ["removes", c.removed];
        const extra = c.outages.find((o) => o.effect !== Effect.None);
        const own = ids.length > 0 ? `${verb} ${list(ids)}` : "none";
        return extra ? `${own}; ${extra.effect}: ${extra.outage ?? extra.note ?? ""}` : own;
    }
    if (c.effect === Effect.None) return c.rides.length === 0 ? "none (no link rides it)" : "none";
    const strongest = c.outages.filter((o) => o.effect === c.effect);
    const what = [...new Set(strongest.map((o) => o.outage).filter((o): o is string => o !== undefined))].join(", ");
    if (c.effect === Effect.Unknown) return `unknown${what ? `: ${what}` : ""}`;
    return `${c.effect}: ${what || "what rides it"}`;
}

/** Why, where a row cannot say it all: the fields, what the other cloud must learn, and the caveats. */
function details(c: JudgedChange): string[] {
    const found: string[] = [];
    for (const o of c.outages) {
        const from = o.replacedSources ? ` (new values from ${list(o.replacedSources)}, replaced)` : "";
        const parts = [o.fields.length > 0 ? list(o.fields, 3) + from : undefined, o.relearn && `then ${o.relearn}`, o.note].filter((p): p is string => p !== undefined && p !== "");
        if (o.effect !== Effect.None && parts.length > 0) found.push(parts.join("; "));
    }
    return found;
}

function duration(outages: readonly Outage[]): string {
    const timed = outages.filter((o) => o.effect !== Effect.None && o.duration);
    if (timed.length === 0) return outages.some((o) => o.effect !== Effect.None) ? "not documented" : "-";
    return [...new Set(timed.map((o) => `${o.duration!.text} (${o.duration!.basis})`))].join("; ");
}

export function verdictText(verdicts: readonly Verdict[], nothingDown: boolean): string {
    if (verdicts.length === 0) return "no requirement to hold";
    const failing = verdicts.filter((v) => !v.holds);
    if (failing.length > 0) return `BREAKS: ${failing.map((v) => v.reason).join("; ")}`;
    if (nothingDown) return "holds (nothing goes down)";
    const figures = [...new Set(verdicts.map((v) => `${gbps(v.upMbps)} stay up${v.worst ? `, ${gbps(v.worst.survivingMbps)} if ${v.worst.failure} also fails` : ""}`))];
    return `holds (${figures.join("; ")})`;
}

function requirementText(r: ChangeReport["requirements"][number]): string {
    return `${r.name} ${gbps(r.mbps)}${r.survivesSingleFailure ? " after any single failure" : ""}`;
}

function links(ids: readonly string[]): string {
    if (ids.length === 0) return "-";
    return ids.length <= 2 ? ids.join(", ") : `${ids.slice(0, 2).join(", ")} +${ids.length - 2}`;
}

function list(ids: readonly string[], most = 4): string {
    return ids.length <= most ? ids.join(", ") : `${ids.slice(0, most).join(", ")} and ${ids.length - most} more`;
}

/** Sources numbered in order of first mention. */
class SourceList {
    private readonly seen = new Map<string, { n: number; source: Source }>();

    ref(source: Source): string {
        if (source.url === "") return "";
        const known = this.seen.get(source.url) ?? { n: this.seen.size + 1, source };
        this.seen.set(source.url, known);
        return `[${known.n}]`;
    }

    lines(): string[] {
        return [...this.seen.values()].map(({ n, source }) => `  [${n}] ${source.title}: ${source.url}`);
    }
}
