/**
 * The entry of a measuring child process: `node -r ./scripts/register.js bench/job.ts '<job JSON>'`.
 * Loads what the job needs first, then times only the work, and reports with `reportResult`.
 */
import { reportResult } from "./measure";
import { measurePolicyEvaluation, PolicyJob } from "./jobs/policy";
import { measurePlanning, PlanningJob } from "./jobs/planning";

export type Job = PlanningJob | PolicyJob;

async function run(job: Job): Promise<unknown> {
    switch (job.kind) {
        case "planning":
            return measurePlanning(job);
        case "policy":
            return measurePolicyEvaluation(job);
    }
}

if (require.main === module) {
    run(JSON.parse(process.argv[2]) as Job).then(reportResult, (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 1;
    });
}
