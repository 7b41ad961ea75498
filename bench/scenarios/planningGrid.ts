/**
 * The captures behind the planning and overhead scenarios: each workload at each N, with our
 * components and raw, each capture in a fresh child process. The two variants alternate, so
 * changing load on the shared machine falls on both alike.
 */
import { Job } from "../job";
import { PlanningMeasurement } from "../jobs/planning";
import { median, runChild } from "../measure";
import { Variant, WorkloadName, WORKLOADS } from "../workloads";
import { ScenarioContext } from "./scenario";

export const WORKLOAD_NAMES: WorkloadName[] = ["haVpn", "dedicated"];
export const VARIANTS: Variant[] = ["component", "raw"];

/** 1,000 HA VPN pairs (25,000 resources) outgrow Node's default 4 GiB heap under the mock runtime. */
export const HEAP_LIMIT_MB = 8192;

export interface GridCell {
    workload: WorkloadName;
    variant: Variant;
    n: number;
    describe: string;
    resources: number;
    /** Wall time: what a user waits, but on a shared machine it also measures everyone else's load. */
    medianMs: number;
    /** CPU time: the work done, far less sensitive to load; the targets are judged on it. */
    medianCpuMs: number;
    medianGcPauseMs: number;
    medianPeakRssMb: number;
    /** Peak RSS less the RSS before the capture: what the N itself cost. */
    medianGrowthMb: number;
    runs: PlanningMeasurement[];
}

export interface Grid {
    ns: number[];
    heapLimitMb: number;
    cells: GridCell[];
}

export function gridNs(quick: boolean): number[] {
    return quick ? [1, 10] : [1, 10, 100, 1000];
}

/** A capture of 25,000 resources takes minutes: two at N = 1,000, three below. */
function repetitions(quick: boolean, n: number): number {
    if (quick) return 1;
    return n >= 1000 ? 2 : 3;
}

let measured: Promise<Grid> | undefined;

/** Measured once per run, whichever of planning and overhead asks first. */
export function planningGrid(context: ScenarioContext): Promise<Grid> {
    measured ??= measureGrid(context);
    return measured;
}

async function measureGrid({ quick, progress }: ScenarioContext): Promise<Grid> {
    const ns = gridNs(quick);
    const cells: GridCell[] = [];
    for (const workload of WORKLOAD_NAMES) {
        for (const n of ns) {
            const runs: Record<Variant, PlanningMeasurement[]> = { component: [], raw: [] };
            for (let rep = 0; rep < repetitions(quick, n); rep++) {
                for (const variant of VARIANTS) {
                    progress(`planning ${workload} ${variant} N=${n}, repetition ${rep + 1}`);
                    const job: Job = { kind: "planning", workload, variant, n };
                    const run = await runChild<PlanningMeasurement>([`--max-old-space-size=${HEAP_LIMIT_MB}`, "bench/job.ts", JSON.stringify(job)], { timeoutMs: 30 * 60_000 });
                    runs[variant].push(run.result!);
                }
            }
            for (const variant of VARIANTS) cells.push(cell(workload, variant, n, runs[variant]));
        }
    }
    return { ns, heapLimitMb: HEAP_LIMIT_MB, cells };
}

function cell(workload: WorkloadName, variant: Variant, n: number, runs: PlanningMeasurement[]): GridCell {
    return {
        workload, variant, n,
        describe: WORKLOADS[workload].describe(n),
        resources: runs[0].resources,
        medianMs: median(runs.map((r) => r.ms)),
        medianCpuMs: median(runs.map((r) => r.cpuMs)),
        medianGcPauseMs: median(runs.map((r) => r.gcPauseMs)),
        medianPeakRssMb: median(runs.map((r) => r.peakRssMb)),
        medianGrowthMb: median(runs.map((r) => r.peakRssMb - r.baselineRssMb)),
        runs,
    };
}

export function cellOf(grid: Grid, workload: WorkloadName, variant: Variant, n: number): GridCell {
    return grid.cells.find((c) => c.workload === workload && c.variant === variant && c.n === n)!;
}
