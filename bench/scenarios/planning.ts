/**
 * Planning: wall time, CPU time and peak memory to capture N HA VPN pairs, and N dedicated
 * attachments, with our components under the mock runtime (the offline engine's `capture`), each N in a
 * fresh process. Linearity is judged on CPU time: the cores are shared, and wall time at N = 1,000
 * (minutes) and at N = 100 (seconds) meets different loads.
 */
import { Grid, cellOf, planningGrid, WORKLOAD_NAMES } from "./planningGrid";
import { Scenario, Target, target } from "./scenario";

/** "1,000 within 12× of 100": a tenfold N may cost at most 1.2 × tenfold. */
const LINEARITY_SLACK = 1.2;

function linearityTargets(grid: Grid): Target[] {
    const [lo, hi] = [100, 1000];
    if (!grid.ns.includes(lo) || !grid.ns.includes(hi)) {
        return [target(`time and memory linear in N (${hi} within ${LINEARITY_SLACK * 10}× of ${lo})`, null, LINEARITY_SLACK * 10, "×", "needs N = 100 and 1,000: not run with --quick")];
    }
    const limit = LINEARITY_SLACK * (hi / lo);
    return WORKLOAD_NAMES.flatMap((workload) => {
        const [small, large] = [cellOf(grid, workload, "component", lo), cellOf(grid, workload, "component", hi)];
        return [
            target(`${workload}: CPU time(N=${hi}) ÷ CPU time(N=${lo})`, large.medianCpuMs / small.medianCpuMs, limit, "×",
                `wall time ${(large.medianMs / small.medianMs).toFixed(1)}×`),
            target(`${workload}: memory(N=${hi}) ÷ memory(N=${lo}) (peak RSS above the loaded baseline)`, large.medianGrowthMb / small.medianGrowthMb, limit, "×"),
        ];
    });
}

export const planning: Scenario = {
    name: "planning",
    title: "planning (our components under the mock runtime)",
    async run(context) {
        const grid = await planningGrid(context);
        const ours = grid.cells.filter((c) => c.variant === "component");
        return {
            section: {
                heapLimitMb: grid.heapLimitMb,
                workloads: {
                    haVpn: "N HaVpn pairs, each with its own Transit Gateway and Cloud Router (25 resources a pair)",
                    dedicated: "N attachments as ⌈N/4⌉ DedicatedInterconnects, 99.99%: 4 × 10 Gbps ports in iad and sjc, a 5 Gbps attachment per port, routers in us-east4 and us-west2, production (protected)",
                },
                cells: ours,
            },
            targets: linearityTargets(grid),
            table: [
                ["workload", "resources", "wall", "CPU", "CPU per resource", "GC pauses", "peak RSS", "above baseline"],
                ...ours.map((c) => [
                    c.describe, String(c.resources), `${c.medianMs.toFixed(0)} ms`, `${c.medianCpuMs.toFixed(0)} ms`, `${(c.medianCpuMs / c.resources).toFixed(2)} ms`,
                    `${c.medianGcPauseMs.toFixed(0)} ms`, `${c.medianPeakRssMb.toFixed(0)} MiB`, `${c.medianGrowthMb.toFixed(0)} MiB`,
                ]),
            ],
        };
    },
};
