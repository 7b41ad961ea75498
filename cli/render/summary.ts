import { PlanDocument } from "../planStack";
import { plural, table } from "./table";

/** The stack's config, its resources counted by type, and its outputs. */
export function renderSummary(plan: PlanDocument): string {
    const counts = new Map<string, number>();
    for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const byType = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([type, n]) => [n, type]);
    const config = Object.entries(plan.config);
    const outputs = Object.entries(plan.outputs);
    return [
        `config: ${config.length === 0 ? "none" : ""}`,
        ...(config.length > 0 ? [table(["key", "value"], config.map(([k, v]) => [k, brief(v)]))] : []),
        `resources: ${plural(plan.resources.length, "resource")} to create`,
        table(["count", "type"], byType),
        `outputs: ${outputs.length === 0 ? "none" : ""}`,
        ...(outputs.length > 0 ? [table(["name", "value"], outputs.map(([k, v]) => [k, brief(typeof v === "string" ? v : JSON.stringify(v))]))] : []),
    ].map((line) => line.trimEnd()).join("\n");
}

const WIDTH = 100;

/** Long values (a component's whole topology, say) are cut: `--json` has them in full. */
function brief(text: string): string {
    return text.length <= WIDTH ? text : `${text.slice(0, WIDTH)}… (${text.length} chars, see --json)`;
}
