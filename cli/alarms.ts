/**
 * What a stack's alarms would do, read from its raw resources as the policy pack reads them: for
 * every single failure of a ready link, the CloudWatch alarms and alert policies it opens on each
 * cloud (evaluated over the series the providers publish for the failed elements), and the
 * severity those alarms declare. It shows what would be deployed, whoever wrote the alarms.
 */
import { AlarmJudge, MonitoringView, ReadAlarm, StackRecord, stackMonitoring } from "../policy/evaluate";
import { Cloud, domainKey, failureImpacts, isObservable, readyLinks, Severity } from "../sdk";

export interface PlannedAlarmView {
    /** The resource's name. */
    name: string;
    cloud: Cloud;
    /** What the alarm declares: a `crosscloud:severity` tag or label, or Google's CRITICAL / WARNING. */
    severity?: Severity;
    /** Its description's first sentence (CloudWatch) or display name (Cloud Monitoring). */
    title: string;
    /** Whether it notifies anyone. */
    notifies: boolean;
    /** The ready links whose series it reads. */
    watches: string[];
    /** Why it cannot be evaluated offline, when it cannot. */
    unreadable?: string;
}

export enum WatchStatus {
    /** At least one alarm opens. */
    Watched = "watched",
    /** No alarm opens. */
    Unwatched = "unwatched",
    /** Only links no provider publishes a metric for (managed interconnects) are cut. */
    NoMetric = "no metric",
    /** No alarm opens, but one cannot be evaluated offline. */
    Unknown = "unknown",
}

export interface FailureAlarms {
    /** `port prod-primary-port-iad-1`. */
    failure: string;
    cut: string[];
    /** Names of the alarms that open, per cloud, the most specific first. */
    aws: string[];
    google: string[];
    /** The worst severity the opened alarms declare. */
    severity?: Severity;
    status: WatchStatus;
}

export interface AlarmReport {
    alarms: PlannedAlarmView[];
    /** Each single failure of a ready link, in the resilience analysis's order. */
    failures: FailureAlarms[];
    /** Alarms on the links that no single failure opens: capacity after combined failures, ports working badly. */
    beyondSingleFailures: string[];
    /** Alarms on the links open while every link is up. */
    openWhileHealthy: string[];
    notes: string[];
}

export function alarmReport(resources: readonly StackRecord[], unknown: string): AlarmReport {
    return reportOf(stackMonitoring(resources, { unknown }));
}

function reportOf(view: MonitoringView): AlarmReport {
    const judge = new AlarmJudge(view);
    const names = view.alarms.map((a) => a.resource.name);
    const links = readyLinks(view.topology);
    const byId = new Map(links.map((l) => [l.id, l]));
    const opened = new Set<number>();
    // Judged once: what each alarm reads, and what is open with every link up.
    const read = view.alarms.map((_, i) => judge.linksRead(i));
    const healthy = judge.verdicts();
    const healthyOpen = (i: number) => healthy[i] === "open";
    const impacts = failureImpacts(links);
    // Domains that cut the same links look alike to every alarm: an alarm named for any of them is the one for each.
    const keysByCut = new Map<string, string[]>();
    for (const impact of impacts) keysByCut.set(impact.cut.join(), [...(keysByCut.get(impact.cut.join()) ?? []), domainKey(impact)]);
    const failures = impacts.map((impact): FailureAlarms => {
        const verdicts = judge.verdicts({ failures: [{ kind: impact.kind, id: impact.id }] });
        const open = verdicts.flatMap((v, i) => (v === "open" && !healthyOpen(i) ? [i] : []));
        for (const i of open) opened.add(i);
        // The most specific first: named for the failure's domain, then watching exactly what it cuts, then fewer links.
        const keys = keysByCut.get(impact.cut.join())!;
        const cut = impact.cut.join();
        const rank = (i: number) => [keys.some((k) => names[i].includes(k)) ? 0 : 1, read[i].join() === cut ? 0 : 1, read[i].length];
        const byRank = (a: number, b: number) => {
            const [x, y] = [rank(a), rank(b)];
            return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0);
        };
        const on = (cloud: Cloud) => open.filter((i) => view.alarms[i].cloud === cloud).sort(byRank).map((i) => names[i]);
        const severities = open.map((i) => view.alarms[i].severity);
        const status = open.length > 0 ? WatchStatus.Watched
            : !impact.cut.some((id) => isObservable(byId.get(id)!)) ? WatchStatus.NoMetric
                : verdicts.includes("unknown") ? WatchStatus.Unknown : WatchStatus.Unwatched;
        return {
            failure: `${impact.kind} ${impact.id}`,
            cut: impact.cut,
            aws: on(Cloud.Aws),
            google: on(Cloud.Gcp),
            ...(severities.includes(Severity.RequirementBreached) ? { severity: Severity.RequirementBreached }
                : severities.includes(Severity.RedundancyLost) ? { severity: Severity.RedundancyLost } : {}),
            status,
        };
    });
    const onLinks = view.alarms.map((_, i) => judge.readsLinks(i));
    const alarms = view.alarms.map((a, i): PlannedAlarmView => ({
        name: names[i], cloud: a.cloud, ...(a.severity && { severity: a.severity }), title: titleOf(a), notifies: a.notifies,
        watches: read[i], ...(a.unreadable !== undefined && { unreadable: a.unreadable }),
    }));
    return {
        alarms,
        failures,
        beyondSingleFailures: names.filter((_, i) => onLinks[i] && !opened.has(i) && !healthyOpen(i)),
        openWhileHealthy: names.filter((_, i) => onLinks[i] && healthyOpen(i)),
        notes: notes(view, alarms, onLinks),
    };
}

function titleOf(alarm: ReadAlarm): string {
    const p = alarm.resource.props;
    const text = String((alarm.cloud === Cloud.Aws ? p.alarmDescription : p.displayName) ?? "");
    const sentence = text.split(/(?<=\.)\s/)[0];
    return sentence.length > 0 ? sentence : alarm.resource.name;
}

function notes(view: MonitoringView, alarms: readonly PlannedAlarmView[], onLinks: readonly boolean[]): string[] {
    const mine = alarms.filter((_, i) => onLinks[i]);
    const notes: string[] = [];
    const silent = mine.filter((a) => !a.notifies);
    if (mine.length > 0 && silent.length === mine.length) {
        notes.push("no alarm notifies anyone: they exist without actions (give monitoring.notify SNS topics and notification channels)");
    } else if (silent.length > 0) {
        notes.push(`${silent.length} of ${mine.length} alarms notify nobody: ${silent.map((a) => a.name).join(", ")}`);
    }
    for (const a of alarms.filter((x) => x.unreadable !== undefined)) notes.push(`${a.name} cannot be evaluated offline: ${a.unreadable}`);
    const ordered = view.topology.links.length - readyLinks(view.topology).length;
    if (ordered > 0) notes.push(`${ordered} ordered link${ordered === 1 ? " is" : "s are"} not watched until ready`);
    return notes;
}
