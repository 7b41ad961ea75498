/** Child side of the planning and overhead scenarios: one capture of one workload at one N. */
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { capture } from "../../offline";
import { elapsedMs, peakRssMb, rssMb } from "../measure";
import { Variant, WorkloadName, WORKLOADS } from "../workloads";

export interface PlanningJob {
    kind: "planning";
    workload: WorkloadName;
    variant: Variant;
    n: number;
}

export interface PlanningMeasurement {
    workload: WorkloadName;
    variant: Variant;
    n: number;
    /** Everything registered, the stack and default providers included. */
    resources: number;
    /** Wall time of the capture: declaring, registering under the mock runtime, settling every output. */
    ms: number;
    /** CPU time of the process during the capture (every thread: the garbage collector's helpers too). */
    cpuMs: number;
    /** Time the capture stood still for garbage collection (pauses of the main thread). */
    gcPauseMs: number;
    /** Peak RSS of the whole child process. */
    peakRssMb: number;
    /** RSS once everything was loaded, before the capture: `peakRssMb` less this is what the N cost. */
    baselineRssMb: number;
    heapLimitMb: number;
}

export async function measurePlanning(job: PlanningJob): Promise<PlanningMeasurement> {
    const program = WORKLOADS[job.workload].program(job.variant, job.n);
    // The first capture in a process loads and compiles the runtime's own code paths; keep that out.
    await capture(() => undefined);
    const baselineRssMb = rssMb();
    const gc = gcPauses();
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const plan = await capture(program);
    const ms = elapsedMs(started);
    const { user, system } = process.cpuUsage(cpu);
    const gcPauseMs = gc.stop();
    return {
        workload: job.workload,
        variant: job.variant,
        n: job.n,
        resources: plan.resources.length,
        ms,
        cpuMs: (user + system) / 1000,
        gcPauseMs,
        peakRssMb: peakRssMb(),
        baselineRssMb,
        heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20,
    };
}

function gcPauses(): { stop(): number } {
    let total = 0;
    const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) total += entry.duration;
    });
    observer.observe({ entryTypes: ["gc"] });
    return {
        stop() {
            for (const entry of observer.takeRecords()) total += entry.duration;
            observer.disconnect();
            return total;
        },
    };
}
