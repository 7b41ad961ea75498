/**
 * Runs the pack in-process, over the resources a mock-harness capture (or any other source)
 * produced, with the semantics of the Pulumi policy server (@pulumi/policy server.js) and CLI:
 * config precedence per policy > `all` > policy default > pack default, schema defaults filled,
 * `disabled` policies skipped, `remediate` reported as `mandatory`, resource policies on inputs and
 * stack policies on outputs, `notApplicable`, `isType`/`asType`, and unknown values that make a
 * policy report "can't run during preview".
 */
import {
    EnforcementLevel, Policies, PolicyPackConfig, PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationArgs,
    StackValidationPolicy, UnknownValueError,
} from "@pulumi/policy";
import {
    EngineResourceArgs, engineProps, NotApplicableSignal, notApplicable, StackRecord, stackResources, typeTag,
} from "./engineView";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, PACK_VERSION } from "./pack";
import { reconcilePolicyConfig, ResolvedPolicyConfig } from "./packConfig";
import { stackModel } from "./extract";
import { MonitoringView, monitoringView } from "./extract/monitoring";
import { linkParts } from "./extract/parts";
import { policies as packPolicies } from "./rules";
import { SlaShapeConfig, slaShape, withStackFacts } from "./rules/slaShape";
import { LinkPart } from "../sdk/change/types";
import { Topology } from "../sdk/topology";

export { loadPolicyConfig } from "./packConfig";
export { ENGINE_UNKNOWN, StackRecord } from "./engineView";
export { AlarmJudge, judgeAlarms, Verdict as AlarmVerdict } from "./extract/alarmJudge";
export { MonitoringView, ReadAlarm } from "./extract/monitoring";

export interface Violation {
    policy: string;
    /** `remediate` is reported as `mandatory`, as the server does once remediation has run. */
    level: "advisory" | "mandatory";
    /** The resource at fault; absent when the stack as a whole is. */
    urn?: string;
    message: string;
}

export interface NotApplicable {
    policy: string;
    reason?: string;
    /** The resource a resource policy did not apply to. */
    urn?: string;
}

export interface Evaluation {
    violations: Violation[];
    notApplicable: NotApplicable[];
}

export interface EvaluateOptions {
    /** Defaults to this pack's policies. */
    policies?: Policies;
    /** The pack-wide default level; defaults to this pack's. */
    enforcementLevel?: EnforcementLevel;
    stackTags?: Record<string, string>;
    /**
     * The placeholder the records use for values not known yet: the mock harness writes
     * `"[unknown]"` in previews; records taken from the engine hold `ENGINE_UNKNOWN`. Such values
     * behave as the engine's unknowns do. Without it, records are taken to be fully known.
     */
    unknown?: string;
}

/** The violations the pack reports for a stack. Throws if the config breaks a policy's schema. */
export function evaluatePolicies(resources: readonly StackRecord[], config?: PolicyPackConfig, options: EvaluateOptions = {}): Violation[] {
    return evaluatePolicyPack(resources, config, options).violations;
}

/** Violations and not-applicable reports, in the order the engine would produce them. */
export function evaluatePolicyPack(resources: readonly StackRecord[], config?: PolicyPackConfig, options: EvaluateOptions = {}): Evaluation {
    return run(resources, config, options).evaluation;
}

/** A stack as the pack judges it: its verdicts, and the topology those verdicts were reached on. */
export interface StackJudgement extends Evaluation {
    /**
     * The topology the pack rebuilt from the stack's raw resources (the very extraction its stack
     * rules read), with the facts no resource holds taken from the `sla-shape` config: a managed
     * profile's SLA, the routing mode of a VPC declared in another stack.
     */
    topology: Topology;
    /** Per link of the topology, the resources it rides on: what a change to the stack can take down. */
    parts: Record<string, LinkPart[]>;
}

/** The one way into the pack for tools that also show the topology: one extraction per stack, one config. */
export function judgeStack(resources: readonly StackRecord[], config?: PolicyPackConfig, options: EvaluateOptions = {}): StackJudgement {
    const { evaluation, stack, resolved } = run(resources, config, options);
    const facts = resolved.get(slaShape.name)?.properties as SlaShapeConfig | undefined;
    const model = stackModel(stack());
    return { ...evaluation, topology: facts ? withStackFacts(model.topology, facts) : model.topology, parts: linkParts(model) };
}

/**
 * A stack's alarms and the series its links make the clouds publish, read from its raw resources as
 * the pack reads them: what `crosscloud plan` tables and the specs evaluate failures against.
 */
export function stackMonitoring(resources: readonly StackRecord[], options: Pick<EvaluateOptions, "unknown"> = {}): MonitoringView {
    return monitoringView(stackModel(stackResources(resources, engineProps(options.unknown))));
}

function run(resources: readonly StackRecord[], config: PolicyPackConfig | undefined, options: EvaluateOptions) {
    const policies = options.policies ?? packPolicies;
    const resolved = reconcilePolicyConfig(policies, config);
    const packLevel = options.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));
    const active = policies
        .map((policy) => {
            const config = resolved.get(policy.name)!;
            return { policy, getConfig: configGetter(config), level: config.enforcementLevel ?? policy.enforcementLevel ?? packLevel };
        })
        .filter((p) => p.level !== "disabled");
    const evaluation: Evaluation = { violations: [], notApplicable: [] };
    const toEngine = engineProps(options.unknown);
    // Built once, when first needed: every stack rule, and judgeStack, read the same resources (and so one extraction).
    let stackView: PolicyResource[] | undefined;
    const stack = () => (stackView ??= stackResources(resources, toEngine));

    const resourcePolicies = active.filter((p): p is Active<ResourceValidationPolicy> => isResourcePolicy(p.policy));
    if (resourcePolicies.length > 0) {
        for (const record of resources) {
            const args = new EngineResourceArgs(record, toEngine, stackTags);
            for (const p of resourcePolicies) runResourcePolicy(p, args, evaluation);
        }
    }
    const stackPolicies = active.filter((p): p is Active<StackValidationPolicy> => isStackPolicy(p.policy));
    for (const p of stackPolicies) runStackPolicy(p, stack(), stackTags, evaluation);
    return { evaluation, stack, resolved };
}

interface Active<P> {
    policy: P;
    getConfig: <T extends object>() => T;
    level: EnforcementLevel;
}

function runResourcePolicy(p: Active<ResourceValidationPolicy>, args: EngineResourceArgs, evaluation: Evaluation): void {
    const { validateResource } = p.policy;
    if (!validateResource) {
        evaluation.notApplicable.push({ policy: p.policy.name, reason: "Policy does not implement validateResource", urn: args.urn });
        return;
    }
    const pulumiType = Array.isArray(validateResource) ? undefined : typeTag(validateResource);
    if (pulumiType !== undefined && pulumiType !== args.type) {
        evaluation.notApplicable.push({ policy: p.policy.name, reason: `Policy only applies to resources of type '${pulumiType}'`, urn: args.urn });
        return;
    }
    args.getConfig = p.getConfig;
    // A resource policy always reports against the resource it validates.
    const report: ReportViolation = (message) => evaluation.violations.push(violation(p, message, args.urn));
    for (const validate of Array.isArray(validateResource) ? validateResource : [validateResource]) {
        guard(p, evaluation, args.urn, () => validate(args, report));
    }
}

function runStackPolicy(p: Active<StackValidationPolicy>, resources: PolicyResource[], stackTags: ReadonlyMap<string, string>, evaluation: Evaluation): void {
    const pulumiType = typeTag(p.policy.validateStack);
    if (pulumiType !== undefined && !resources.some((r) => r.type === pulumiType)) {
        evaluation.notApplicable.push({ policy: p.policy.name, reason: `Policy only applies to resources of type '${pulumiType}'` });
        return;
    }
    const args: StackValidationArgs = { resources, stackTags, getConfig: p.getConfig, notApplicable };
    const report: ReportViolation = (message, urn) => evaluation.violations.push(violation(p, message, urn));
    guard(p, evaluation, undefined, () => p.policy.validateStack(args, report));
}

/** Runs one validation and turns what it throws into what the server reports. */
function guard(p: Active<ResourceValidationPolicy | StackValidationPolicy>, evaluation: Evaluation, urn: string | undefined, validate: () => unknown): void {
    try {
        const result = validate();
        if (result !== undefined && typeof (result as Promise<unknown>).then === "function") {
            throw new Error("it returned a promise; the in-process evaluator runs synchronous policies only");
        }
    } catch (e) {
        if (e instanceof NotApplicableSignal) {
            evaluation.notApplicable.push({ policy: p.policy.name, ...(e.reason !== undefined && { reason: e.reason }), ...(urn !== undefined && { urn }) });
            return;
        }
        if (e instanceof UnknownValueError) {
            evaluation.violations.push({
                policy: p.policy.name, level: "advisory", ...(urn !== undefined && { urn }),
                message: `can't run policy '${p.policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}' during preview: ${(e as Error).message}`,
            });
            return;
        }
        throw new Error(`Error validating ${urn === undefined ? "stack" : "resource"} with policy '${p.policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}': ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
}

function violation(p: Active<ResourceValidationPolicy | StackValidationPolicy>, message: string, urn: string | undefined): Violation {
    return {
        policy: p.policy.name,
        level: p.level === "advisory" ? "advisory" : "mandatory",
        ...(urn !== undefined && { urn }),
        message: message || p.policy.description,
    };
}

/** Like the server, a fresh shallow copy on every call. */
function configGetter(config: ResolvedPolicyConfig): <T extends object>() => T {
    return <T extends object>() => ({ ...config.properties }) as T;
}

/** As the server: a validation (or list of them), or a remediation alone, makes a resource policy. */
function isResourcePolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is ResourceValidationPolicy {
    const { validateResource, remediateResource } = p as ResourceValidationPolicy;
    if (typeof validateResource === "function") return true;
    if (Array.isArray(validateResource)) return validateResource.every((f) => typeof f === "function");
    return typeof remediateResource === "function";
}

function isStackPolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}
