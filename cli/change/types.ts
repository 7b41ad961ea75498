/** What `--against` and a rollout report about one stack's change (cli/change/report.ts makes it). */
import { ChangeImpact } from "../../sdk/change/impact";
import { Requirement, Verdict } from "../../sdk/change/requirement";
import { RolloutPlan } from "../../sdk/change/rollout";

export interface JudgedChange extends ChangeImpact {
    /** Whether what stays up meets the requirement while this change alone applies. */
    verdicts: Verdict[];
}

export interface ChangeReport {
    /** What the plan was compared with: a file, or `nothing deployed`. */
    against: string;
    requirements: Requirement[];
    changes: JudgedChange[];
    /** Everything at once, as one plain `pulumi up` applies it. */
    down: string[];
    added: string[];
    removed: string[];
    allAtOnce: Verdict[];
    rollout: RolloutPlan;
}
