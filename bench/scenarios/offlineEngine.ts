/**
 * The offline engine's cost per resource, and what skipping the SDK's promise-leak bookkeeping
 * saves: the SDK wraps several promises per output property in `debuggablePromise`, each with a
 * stack trace, only to report leaks when PULUMI_DEBUG_PROMISE_LEAKS is set; the engine leaves the
 * wrapper out unless that variable asks for it. The same capture (N HA VPN pairs) runs both ways,
 * each in a fresh process.
 */
import { PlanningJob, PlanningMeasurement } from "../jobs/planning";
import { median, repeat, runChild } from "../measure";
import { Scenario, target } from "./scenario";

async function capture(n: number, debugPromises: boolean): Promise<PlanningMeasurement> {
    const job: PlanningJob = { kind: "planning", workload: "haVpn", variant: "component", n };
    const env: Record<string, string> = debugPromises ? { PULUMI_DEBUG_PROMISE_LEAKS: "1" } : {};
    return (await runChild<PlanningMeasurement>(["bench/job.ts", JSON.stringify(job)], { env, timeoutMs: 10 * 60_000 })).result!;
}

export const offlineEngine: Scenario = {
    name: "offlineEngine",
    title: "offline engine: CPU per resource, with and without the SDK's promise bookkeeping",
    async run({ quick, progress }) {
        const n = quick ? 10 : 100;
        const skipped: PlanningMeasurement[] = [];
        const kept: PlanningMeasurement[] = [];
        await repeat(quick ? 1 : 3, async (rep) => {
            progress(`offline engine, ${n} HA VPN pairs, repetition ${rep + 1}`);
            skipped.push(await capture(n, false));
            kept.push(await capture(n, true));
        });
        const perResource = (runs: PlanningMeasurement[]) => median(runs.map((r) => r.cpuMs / r.resources));
        const section = { n, resources: skipped[0].resources, skippedCpuMsPerResource: perResource(skipped), keptCpuMsPerResource: perResource(kept), skipped, kept };
        const saving = 1 - section.skippedCpuMsPerResource / section.keptCpuMsPerResource;
        return {
            section: { ...section, saving },
            targets: [target("offline engine CPU per resource ÷ with the SDK's promise bookkeeping", section.skippedCpuMsPerResource / section.keptCpuMsPerResource, 1, "×")],
            table: [
                ["capture", "resources", "CPU per resource"],
                [`${n} HA VPN pairs, bookkeeping skipped (default)`, String(section.resources), `${section.skippedCpuMsPerResource.toFixed(2)} ms`],
                [`${n} HA VPN pairs, PULUMI_DEBUG_PROMISE_LEAKS=1`, String(kept[0].resources), `${section.keptCpuMsPerResource.toFixed(2)} ms`],
                ["saved", "", `${(saving * 100).toFixed(0)}%`],
            ],
        };
    },
};
