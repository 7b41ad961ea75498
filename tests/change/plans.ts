/**
 * Plans of small programs made the way `crosscloud plan` makes them (a preview under the offline
 * engine, the policy pack's extraction), and the change between two of them as `--against` judges it.
 */
import * as path from "node:path";
import { PolicyPackConfig } from "@pulumi/policy";
import { changeReport } from "../../cli/change/report";
import { stateOfPlan } from "../../cli/change/state";
import { ChangeReport } from "../../cli/change/types";
import { PlanDocument, planStack } from "../../cli/planStack";
import { ReferenceBook } from "../../cli/references";
import { ResourceState } from "../../sdk/change/types";

const ROOT = path.resolve(__dirname, "../..");

/** A program's plan, as `crosscloud plan --stack <stack> --json` prints it. */
export function planOf(program: () => unknown, stack = "env"): Promise<PlanDocument> {
    return planStack({
        project: { name: "links", dir: ROOT, main: __filename, typescript: true, stackConfigDir: ROOT, defaults: {} },
        program: async () => program(),
        settings: { name: stack, file: __filename, config: {}, environments: [] },
        references: new ReferenceBook("links"),
    });
}

/** What changing the stack from `before` to `after` does, as `crosscloud plan --against` reports it. */
export function changeBetween(before: PlanDocument, after: PlanDocument, options: { policyConfig?: PolicyPackConfig; acceptWindow?: boolean; context?: ResourceState[] } = {}): ChangeReport {
    return changeReport({
        before: stateOfPlan(before, "before"), against: "before", after,
        context: options.context, policyConfig: options.policyConfig, acceptWindow: options.acceptWindow,
    });
}

/** The shared layer's Cloud Routers (stacks/shared.ts), each with its BGP identifier range: what the networks below land on. */
export const SHARED_ROUTERS: ResourceState[] = [["us-east4", 65010, "169.254.0.248/30"], ["us-central1", 65020, "169.254.0.252/30"]].map(([region, asn, identifierRange]) => ({
    urn: `urn:pulumi:shared::crosscloud::gcp:compute/router:Router::shared-router-${region}`,
    type: "gcp:compute/router:Router", name: `shared-router-${region}`, dependencies: [],
    inputs: { region, bgp: { asn, identifierRange } },
}));

/** Each change as `name: op effect`, sorted: what a case expects, in one line each. */
export function summary(report: ChangeReport): string[] {
    return report.changes.map((c) => `${c.name}: ${c.op} ${c.effect}`).sort();
}
