/**
 * Policy evaluation: the whole pack (policy/evaluate.ts, with the prod config) over a stack of
 * 10,000 resources, in a child process of its own.
 */
import { Job } from "../job";
import { POLICY_CONFIG, PolicyMeasurement } from "../jobs/policy";
import { median, runChild } from "../measure";
import { Scenario, target } from "./scenario";

export const POLICY_RESOURCES = 10_000;

export const policy: Scenario = {
    name: "policy",
    title: "policy evaluation",
    async run({ quick, progress }) {
        progress(`policy pack over ${POLICY_RESOURCES} resources`);
        const job: Job = { kind: "policy", resources: POLICY_RESOURCES, repetitions: quick ? 3 : 7 };
        const { result } = await runChild<PolicyMeasurement>(["bench/job.ts", JSON.stringify(job)], { timeoutMs: 10 * 60_000 });
        const m = result!;
        const medianMs = median(m.runsMs);
        return {
            section: {
                stack: "copies of one captured environment: HaVpn + 99.99% DedicatedInterconnect + ManagedInterconnect, each copy on its own gateways and routers",
                config: "policy/config/prod.json",
                ...m,
                medianMs,
            },
            targets: [target(`policy pack over ${POLICY_RESOURCES.toLocaleString("en")} resources`, medianMs, 1000, "ms")],
            table: [
                ["stack", "median", "first run", "violations", "peak RSS"],
                [`${m.resources} resources (${POLICY_CONFIG.split("/").slice(-3).join("/")})`, `${medianMs.toFixed(0)} ms`, `${m.runsMs[0].toFixed(0)} ms`, String(m.violations), `${m.peakRssMb.toFixed(0)} MiB`],
            ],
        };
    },
};
