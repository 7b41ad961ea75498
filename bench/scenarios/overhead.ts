/**
 * Overhead: the same N with the same resources and inputs registered directly (no components, no
 * planning), against our components. `overheadRatio` is ours ÷ raw CPU time at the largest N, for
 * the workload where it is worst; the wall-time ratio is reported beside it (it moves with the
 * load other engineers put on the machine while each run lasts).
 */
import { cellOf, planningGrid, WORKLOAD_NAMES } from "./planningGrid";
import { Scenario, target } from "./scenario";

export const OVERHEAD_LIMIT = 1.15;

export const overhead: Scenario = {
    name: "overhead",
    title: "overhead (ours ÷ the same resources registered raw)",
    async run(context) {
        const grid = await planningGrid(context);
        const largest = Math.max(...grid.ns);
        const rows = WORKLOAD_NAMES.flatMap((workload) => grid.ns.map((n) => {
            const [ours, raw] = [cellOf(grid, workload, "component", n), cellOf(grid, workload, "raw", n)];
            return {
                workload, n, describe: ours.describe,
                resources: { ours: ours.resources, raw: raw.resources },
                ms: { ours: ours.medianMs, raw: raw.medianMs },
                cpuMs: { ours: ours.medianCpuMs, raw: raw.medianCpuMs },
                growthMb: { ours: ours.medianGrowthMb, raw: raw.medianGrowthMb },
                cpuRatio: ours.medianCpuMs / raw.medianCpuMs,
                wallRatio: ours.medianMs / raw.medianMs,
                memoryRatio: ours.medianGrowthMb / raw.medianGrowthMb,
                rawRuns: raw.runs,
            };
        }));
        const atLargest = rows.filter((r) => r.n === largest);
        const overheadRatio = Math.max(...atLargest.map((r) => r.cpuRatio));
        const wallRatio = Math.max(...atLargest.map((r) => r.wallRatio));
        return {
            section: { largestN: largest, overheadRatio, measure: "CPU time", wallRatio, byWorkload: Object.fromEntries(atLargest.map((r) => [r.workload, { cpu: r.cpuRatio, wall: r.wallRatio, memory: r.memoryRatio }])), rows },
            targets: [target(`overheadRatio (ours ÷ raw CPU time at N=${largest}, worst workload)`, context.quick ? null : overheadRatio, OVERHEAD_LIMIT, "×",
                context.quick ? `${overheadRatio.toFixed(2)}× from single runs at N ≤ ${largest}: noise; judged in full runs only` : `wall time ${wallRatio.toFixed(2)}×`)],
            table: [
                ["workload", "resources ours/raw", "CPU ours", "CPU raw", "CPU ratio", "wall ratio", "memory ours/raw"],
                ...rows.map((r) => [
                    r.describe, `${r.resources.ours}/${r.resources.raw}`, `${r.cpuMs.ours.toFixed(0)} ms`, `${r.cpuMs.raw.toFixed(0)} ms`,
                    `${r.cpuRatio.toFixed(2)}×`, `${r.wallRatio.toFixed(2)}×`, `${r.growthMb.ours.toFixed(0)}/${r.growthMb.raw.toFixed(0)} MiB`,
                ]),
            ],
        };
    },
};
