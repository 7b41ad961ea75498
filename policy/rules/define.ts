import {
    PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy,
} from "@pulumi/policy";
import { StackModel, stackModel } from "../extract";
import { Props } from "../extract/values";

/** What every rule states about itself; a config schema is required so each rule can be tuned per environment. */
export type PolicyInfo = Omit<StackValidationPolicy, "validateStack" | "configSchema"> & { configSchema: PolicyConfigSchema };

export type StackCheck<C> = (model: StackModel, config: C, report: ReportViolation, notApplicable: (reason: string) => never) => void;

/** A stack policy that judges the topology rebuilt from the stack's resources. */
export function stackPolicy<C extends object>(info: PolicyInfo, check: StackCheck<C>): StackValidationPolicy {
    return {
        ...info,
        validateStack: (args, report) => check(stackModel(args.resources), args.getConfig<C>(), report, args.notApplicable),
    };
}

export type ResourceCheck<C> = (props: Props, config: C, report: (message: string) => void, args: ResourceValidationArgs) => void;

/** A resource policy with one check per resource type; other types are reported not applicable. */
export function resourcePolicy<C extends object>(info: PolicyInfo, checks: Record<string, ResourceCheck<C>>): ResourceValidationPolicy {
    const reason = `Policy only applies to resources of type ${Object.keys(checks).map((t) => `'${t}'`).join(", ")}`;
    return {
        ...info,
        validateResource: (args, report) => {
            if (!Object.hasOwn(checks, args.type)) args.notApplicable(reason);
            checks[args.type](args.props, args.getConfig<C>(), report, args);
        },
    };
}
