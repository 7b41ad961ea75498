/**
 * One stack's change, judged: the resource changes between the stack before (a plan or its state)
 * and the plan now, what each does to the links while it applies, whether what stays up meets the
 * requirement per change and for the whole update, and the steps a rollout takes to hold it.
 */
import { PolicyPackConfig } from "@pulumi/policy";
import { reconcilePolicyConfig } from "../../policy/packConfig";
import { policies } from "../../policy/rules";
import { diffStates } from "../../sdk/change/diff";
import { impactOf } from "../../sdk/change/impact";
import { judge, requirementsOf } from "../../sdk/change/requirement";
import { PreviewStep, reconcile } from "../../sdk/change/preview";
import { planRollout } from "../../sdk/change/rollout";
import { ResourceState, StackState } from "../../sdk/change/types";
import type { PlanDocument } from "../planStack";
import { ChangeReport, JudgedChange } from "./types";
import { stateOfPlan } from "./state";

export interface ChangeInputs {
    /** The stack before; undefined when nothing is deployed yet (everything is created). */
    before?: StackState;
    /** True when `before` is the stack's state rather than a plan. */
    beforeIsState?: boolean;
    against: string;
    after: PlanDocument;
    /** Resources of the other stacks planned alongside: facts such as a shared Cloud Router's BGP identifier range. */
    context?: readonly ResourceState[];
    policyConfig?: PolicyPackConfig;
    acceptWindow?: boolean;
    /** A Pulumi preview's step per resource: where it has spoken, it decides what changes and how. */
    preview?: ReadonlyMap<string, PreviewStep>;
}

export function changeReport({ before, beforeIsState, against, after, context = [], policyConfig, acceptWindow, preview }: ChangeInputs): ChangeReport {
    const now = stateOfPlan(after, `the plan of ${after.stack}`);
    const was: StackState = before ?? { resources: [], topology: { ...now.topology, links: [], sessions: [], groups: [], endpoints: [] }, parts: {} };
    const found = diffStates(was.resources, now.resources, { beforeIsState });
    const changes = preview ? reconcile(found, preview, was.resources, now.resources) : found;
    const impact = impactOf(was, now, changes, context);
    const requirements = requirementsOf(now, bandwidthPolicy(policyConfig));
    const judged = impact.changes.map((c): JudgedChange => ({ ...c, verdicts: judge(was.topology.links, new Set([...c.down, ...c.removed]), requirements) }));
    const rollout = planRollout(was, now, impact, requirements, { acceptWindow });
    return { against, requirements, changes: judged, down: impact.down, added: impact.added, removed: impact.removed, allAtOnce: rollout.allAtOnce, rollout };
}

/** The pack's cross-cloud-bandwidth requirement, when a policy config is in use and leaves the policy on. */
function bandwidthPolicy(config: PolicyPackConfig | undefined): { minimumGbps: number; survivesSingleFailure: boolean } | undefined {
    if (config === undefined) return undefined;
    const resolved = reconcilePolicyConfig(policies, config).get("cross-cloud-bandwidth");
    if (!resolved || resolved.enforcementLevel === "disabled") return undefined;
    const { minimumGbps, survivesSingleFailure } = resolved.properties as { minimumGbps?: number; survivesSingleFailure?: boolean };
    return { minimumGbps: minimumGbps ?? 1, survivesSingleFailure: survivesSingleFailure === true };
}
