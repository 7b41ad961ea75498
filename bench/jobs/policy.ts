/** Child side of the policy scenario: the whole pack over a large stack, several times. */
import * as path from "node:path";
import { evaluatePolicyPack, loadPolicyConfig } from "../../policy/evaluate";
import { elapsedMs, peakRssMb, REPO_DIR } from "../measure";
import { captureEnvironment, replicateEnvironment } from "../workloads/policyEstate";

export interface PolicyJob {
    kind: "policy";
    /** At least this many resources. */
    resources: number;
    repetitions: number;
}

export interface PolicyMeasurement {
    resources: number;
    /** Each evaluation in turn; the first one also pays for compiling the rules' code. */
    runsMs: number[];
    violations: number;
    notApplicable: number;
    peakRssMb: number;
}

/** The strictest config of the example estate: every rule on, most of them mandatory. */
export const POLICY_CONFIG = path.join(REPO_DIR, "policy/config/prod.json");

export async function measurePolicyEvaluation(job: PolicyJob): Promise<PolicyMeasurement> {
    const resources = replicateEnvironment(await captureEnvironment(), job.resources);
    const config = loadPolicyConfig(POLICY_CONFIG);
    const runsMs: number[] = [];
    let evaluation = { violations: [] as unknown[], notApplicable: [] as unknown[] };
    for (let rep = 0; rep < job.repetitions; rep++) {
        const started = process.hrtime.bigint();
        evaluation = evaluatePolicyPack(resources, config);
        runsMs.push(elapsedMs(started));
    }
    return {
        resources: resources.length,
        runsMs,
        violations: evaluation.violations.length,
        notApplicable: evaluation.notApplicable.length,
        peakRssMb: peakRssMb(),
    };
}
