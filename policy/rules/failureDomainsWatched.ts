import {
    domainText, Failure, FAILURE_KINDS, FailureKind, failureImpacts, isObservable, LinkKind, readyLinks, signalEffect, SIGNALS, signalsSeeing,
} from "../../sdk";
import { AlarmJudge, Verdict as AlarmVerdict } from "../extract/alarmJudge";
import { monitoringView } from "../extract/monitoring";
import { stackPolicy } from "./define";
import { gbpsText, listed } from "./words";

/**
 * Every failure domain of a cross-cloud link is watched: for each single failure the resilience
 * model enumerates over the stack's ready links, the clouds' series go down as the providers
 * document them (sdk/monitoring/catalogue.ts), the stack's CloudWatch metric alarms and Cloud
 * Monitoring alert policies are evaluated over them (sdk/monitoring/evaluate), and at least one must
 * open. It reads raw resources, so alarms written without our components count as much as ours.
 *
 * Not reported: a domain that cuts only managed connections (AWS documents no CloudWatch metric
 * for AWS Interconnect - multicloud, Google none for a Transport, so no alarm can watch it), and a
 * domain while an alarm cannot be evaluated yet (a filter or dimension known only after deploy that
 * no resource of the stack accounts for). Advisory by default: an unwatched link still carries
 * traffic; nobody learns when it stops.
 */
export interface FailureDomainsWatchedConfig {
    ignoreKinds: FailureKind[];
}

export const failureDomainsWatched = stackPolicy<FailureDomainsWatchedConfig>({
    name: "failure-domains-watched",
    description: "Every failure domain of a cross-cloud link is watched: its failure opens a CloudWatch alarm or a Cloud Monitoring alert policy, and none is open while every link is up.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            ignoreKinds: {
                type: "array", items: { type: "string", enum: [...FAILURE_KINDS] }, default: [],
                description: "Failure domains not to ask an alarm for, e.g. [\"tunnel\"] when losing one tunnel of a connection is nobody's concern.",
            },
        },
    },
}, (model, config, report, notApplicable) => {
    const links = readyLinks(model.topology);
    if (links.length === 0) notApplicable("The stack has no ready links between the clouds.");
    if (!links.some(isObservable)) notApplicable("No provider publishes a metric for the stack's links (managed interconnects only).");
    const view = monitoringView(model);
    const labelOf = (id: string) => {
        const source = model.linkSource.get(id);
        return source ? model.index.label(source) : id;
    };
    const judge = new AlarmJudge(view);
    const healthy = judge.verdicts();
    const observed = links.filter(isObservable);
    if (!view.alarms.some((a, i) => a.unreadable !== undefined || judge.readsLinks(i))) {
        const kinds = [...new Set(observed.map((l) => l.kind))];
        const domains = failureImpacts(links).filter((i) => !config.ignoreKinds.includes(i.kind) && i.cut.some((id) => observed.some((l) => l.id === id)));
        if (domains.length === 0) return;
        report(`No CloudWatch alarm or alert policy watches the stack's links (${listed(observed.map((l) => labelOf(l.id)))}): none of their ${domains.length} failure domains ` +
            `(${listed(domains.map(domainText), 4)}) would be noticed. Alarm on ${listed(metricsSeeing("port", kinds).concat(metricsSeeing("tunnel", kinds)).filter((m, i, all) => all.indexOf(m) === i), 6, "or")}.`);
        return;
    }
    view.alarms.forEach((alarm, i) => {
        if (healthy[i] !== "open" || !judge.readsLinks(i)) return;
        const what = alarm.aws ? "CloudWatch alarm" : "Alert policy";
        report(`${what} ${model.index.label(alarm.resource)} is open while every link is up, so it cannot tell anyone that one went down. ` +
            "Check its comparison, threshold and how it treats missing data against the metric's values.", alarm.resource.urn);
    });
    const byId = new Map(links.map((l) => [l.id, l]));
    const judged = new Map<string, AlarmVerdict>();
    for (const impact of failureImpacts(links)) {
        if (config.ignoreKinds.includes(impact.kind)) continue;
        const cut = impact.cut.map((id) => byId.get(id)!);
        if (!cut.some(isObservable)) continue;
        const failure: Failure = { kind: impact.kind, id: impact.id };
        // Domains that cut the same links and act alike on every signal (a port, its device, its edge domain) are judged once.
        const effect = `${signalEffect(impact.kind)}|${impact.cut.join()}`;
        let verdict = judged.get(effect);
        if (verdict === undefined) {
            verdict = judge.anyOpens({ failures: [failure] });
            judged.set(effect, verdict);
        }
        if (verdict !== "closed") continue;
        const left = impact.connected ? `leaves ${gbpsText(impact.survivingMbps / 1000)} between the clouds` : "cuts the clouds apart";
        report(`No alarm watches ${domainText(failure)}: its failure cuts ${listed(impact.cut.map(labelOf))} and ${left}, and no CloudWatch alarm or alert policy of the stack opens. ` +
            `Alarm on ${listed(metricsSeeing(impact.kind, cut.filter(isObservable).map((l) => l.kind)), 6, "or")}.`, model.linkSource.get(impact.cut[0])?.urn);
    }
});

function metricsSeeing(kind: FailureKind, links: readonly LinkKind[]): string[] {
    return [...new Set([...new Set(links)].flatMap((l) => signalsSeeing(kind, l)).map((s) => SIGNALS[s].metric))];
}
