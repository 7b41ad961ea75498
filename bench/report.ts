/** The table on stdout and bench/results.json. */
import * as fs from "node:fs";
import * as os from "node:os";
import { ScenarioName, Target } from "./scenarios/scenario";

export interface Results {
    generatedAt: string;
    mode: "full" | "quick";
    durationMs: number;
    machine: {
        node: string;
        cpus: number;
        cpuModel: string;
        totalMemoryMb: number;
        /** 1, 5 and 15-minute load averages when the run started, and when each scenario ended: the cores are shared. */
        loadAverage: { start: number[]; end: number[]; afterScenario: Partial<Record<ScenarioName, number[]>> };
    };
    /** Ours ÷ raw wall time at the largest N (see overhead). */
    overheadRatio: number | null;
    targets: Target[];
    scenarios: Partial<Record<ScenarioName, unknown>>;
}

export function machine(): Omit<Results["machine"], "loadAverage"> {
    return { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", totalMemoryMb: Math.round(os.totalmem() / 2 ** 20) };
}

export function loadAverage(): number[] {
    return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

/** Columns padded to their widest cell, the header underlined. */
export function formatTable(rows: readonly (readonly string[])[]): string {
    if (rows.length === 0) return "";
    const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => (row[col] ?? "").length)));
    const line = (row: readonly string[]) => row.map((cell, col) => (cell ?? "").padEnd(widths[col])).join("  ").trimEnd();
    return [line(rows[0]), widths.map((w) => "─".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function verdict(t: Target): string {
    if (t.met === null) return "not judged";
    return t.met ? "met" : "MISSED";
}

export function targetTable(targets: readonly Target[]): string {
    return formatTable([
        ["target", "measured", "limit", "verdict"],
        ...targets.map((t) => [t.name, t.value === null ? "—" : `${round(t.value)} ${t.unit}`, `${t.limit} ${t.unit}`, `${verdict(t)}${t.note ? ` (${t.note})` : ""}`]),
    ]);
}

export function writeResults(file: string, results: Results): void {
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

function round(value: number): string {
    return Number.isInteger(value) || value >= 100 ? value.toFixed(0) : value.toFixed(2);
}
