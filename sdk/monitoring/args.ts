/** The `monitoring` argument every component takes, checked before anything is declared. */
import { ErrorCode, fail } from "../errors";
import { optionalFlag } from "../checks/arguments";
import { Severity } from "./catalogue";
import { NotifyTargets, requiredMbps } from "./plan";

/** Where one severity's alarms notify: read for presence only, since the ids may be Outputs. */
export interface NotifyInput {
    snsTopicArns?: readonly unknown[];
    notificationChannels?: readonly unknown[];
}

export interface MonitoringArgsInput {
    enabled?: boolean;
    requiredGbps?: number;
    notify?: { redundancyLost?: NotifyInput; requirementBreached?: NotifyInput };
}

export interface MonitoringOptions {
    enabled: boolean;
    /** 0: only that the clouds stay connected. */
    requiredMbps: number;
    notify: Record<Severity, NotifyTargets>;
}

/** The argument that names each severity's notification targets. */
export const SEVERITY_ARGS: Record<Severity, "redundancyLost" | "requirementBreached"> = {
    [Severity.RedundancyLost]: "redundancyLost",
    [Severity.RequirementBreached]: "requirementBreached",
};

/**
 * @param requirementMbps the requirement a CrossCloudNetwork states already: `requiredGbps` is then
 * refused, since one network has one requirement.
 */
export function checkMonitoring(value: unknown, field: string, requirementMbps?: number): MonitoringOptions {
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be an object", fix: "Write it like { notify: { requirementBreached: { snsTopicArns: [topic.arn] } } }, or leave it out." });
    }
    const args = (value ?? {}) as MonitoringArgsInput;
    const enabled = args.enabled === undefined ? true : optionalFlag(args.enabled, `${field}.enabled`, "Leave it out (true), or write false to declare no alarms.");
    if (requirementMbps !== undefined && args.requiredGbps !== undefined) {
        fail({
            code: ErrorCode.Conflict, field: `${field}.requiredGbps`, value: args.requiredGbps,
            rule: "the network's requirement.bandwidthGbps is what its alarms compare against",
            fix: "Remove monitoring.requiredGbps; change requirement.bandwidthGbps instead.",
        });
    }
    const notifyArgs = args.notify ?? {};
    if (typeof notifyArgs !== "object" || notifyArgs === null || Array.isArray(notifyArgs)) {
        fail({ code: ErrorCode.InvalidArgument, field: `${field}.notify`, value: notifyArgs, rule: "must be an object", fix: "Give { redundancyLost?: {...}, requirementBreached?: {...} }." });
    }
    const notify = Object.fromEntries(Object.values(Severity).map((severity) => {
        const at = `${field}.notify.${SEVERITY_ARGS[severity]}`;
        const targets = notifyArgs[SEVERITY_ARGS[severity]] ?? {};
        return [severity, { aws: listed(targets.snsTopicArns, `${at}.snsTopicArns`), gcp: listed(targets.notificationChannels, `${at}.notificationChannels`) }];
    })) as Record<Severity, NotifyTargets>;
    return { enabled, requiredMbps: requirementMbps ?? requiredMbps(args.requiredGbps, `${field}.requiredGbps`), notify };
}

function listed(value: unknown, field: string): boolean {
    if (value === undefined) return false;
    if (!Array.isArray(value)) {
        fail({ code: ErrorCode.InvalidArgument, field, value, rule: "must be a list", fix: "Give a list of ids, e.g. [topic.arn]." });
    }
    return value.length > 0;
}
