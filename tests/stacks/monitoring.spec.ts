/**
 * The estate's alarms, proven offline: every stack planned as `pulumi preview` would run it, its
 * MetricAlarm and AlertPolicy resources read from what the engine captured and evaluated against
 * synthetic series. For every single failure the resilience analysis enumerates, the failed
 * elements' series go down and exactly the expected alarms open, the worst at the failure's own
 * severity; with every link up none opens; every pair of failures opens what it should, the
 * requirement's breach included.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MonitoringSummary } from "../../components/monitoring";
import { Plan, UNKNOWN } from "../../offline";
import { Bandwidth } from "../../sdk/bandwidth";
import { failureImpacts } from "../../sdk/resilience";
import { LinkStage, Topology } from "../../sdk/topology";
import { ENVIRONMENTS, planStack, readyConfig, stackConfig } from "../../bench/workloads/estate";
import { checkDeployed, Coverage } from "../monitoring/deployed";
import { readmeAlarmTable } from "../monitoring/readmeTable";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";

function requiredMbps(stack: string): number {
    const network = stackConfig(stack)["crosscloud:network"] as { requirement: { bandwidthGbps: number } };
    return Bandwidth.fromGbps(network.requirement.bandwidthGbps).mbps;
}

describe("the estate's alarms, evaluated from what each stack would deploy", function () {
    this.timeout(300_000);

    const plans: Record<string, Plan> = {};
    const coverage: Record<string, Coverage> = {};
    before(async () => {
        const shared = await planStack("shared");
        for (const env of ENVIRONMENTS) plans[env] = await planStack(env, { shared: shared.outputs });
        plans["prod (ready)"] = await planStack("prod", { shared: shared.outputs, config: readyConfig("prod") });
        plans["prod (ready, preview)"] = await planStack("prod", { shared: shared.outputs, config: readyConfig("prod"), preview: true });
    });

    for (const [stack, env] of [["dev", "dev"], ["staging", "staging"], ["prod", "prod"], ["prod (ready)", "prod"]]) {
        it(`${stack}: every single failure and every pair opens exactly what it should`, () => {
            coverage[stack] = checkDeployed(plans[stack].resources, env, requiredMbps(env), { pairs: true });
            assert.equal(coverage[stack].right, coverage[stack].failures);
        });
    }

    it("judges a preview, where ids are not known yet, as it judges the deployed stack", () => {
        // Each alarm's dimensions and filters name outputs of the resources it depends on: the evaluator matches them through those.
        const preview = checkDeployed(plans["prod (ready, preview)"].resources, "prod", requiredMbps("prod"), { unknown: UNKNOWN });
        assert.deepEqual({ ...preview, pairs: coverage["prod (ready)"].pairs, breaches: coverage["prod (ready)"].breaches }, coverage["prod (ready)"]);
        assert.ok(plans["prod (ready, preview)"].ofType(ALARM).some((a) => Object.values((a.inputs.dimensions ?? {}) as Record<string, string>).includes(UNKNOWN)));
    });

    it("watches every failure of dev and prod on both clouds, and says staging's managed link has no metric", () => {
        for (const stack of ["dev", "prod", "prod (ready)"]) {
            assert.equal(coverage[stack].watched, coverage[stack].failures - countOrderedOnly(plans[stack], stack), stack);
            assert.ok(plans[stack].ofType(ALARM).length > 0 && plans[stack].ofType(POLICY).length > 0, stack);
        }
        assert.deepEqual([coverage.staging.watched, coverage.staging.unwatchable, coverage.staging.failures], [0, 2, 2]);
        assert.deepEqual([plans.staging.ofType(ALARM).length, plans.staging.ofType(POLICY).length], [0, 0]);
        const staging = plans.staging.named("staging").outputs.monitoring as MonitoringSummary;
        assert.ok(staging.warnings.some((w) => /not watched on either cloud: managed-staging-primary-connection \(no metric watches/.test(w)), staging.warnings.join("\n"));
    });

    it("breaches prod's 20 Gbps only when failures combine, once its ports are ready", () => {
        assert.ok(coverage["prod (ready)"].breaches > 0);
        const summary = plans["prod (ready)"].named("prod").outputs.monitoring as MonitoringSummary;
        assert.ok(summary.groups.every((g) => g.severity === "redundancy-lost"), "any single failure leaves 20 Gbps");
        // Ordered, the HA VPN's 12 Gbps is all there is: every loss breaches what is ready.
        const ordered = plans.prod.named("prod").outputs.monitoring as MonitoringSummary;
        assert.ok(ordered.groups.every((g) => g.severity === "requirement-breached"));
    });

    it("is what the README shows: prod's alarm table once its ports are ready, and the coverage of every stack", () => {
        const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
        const marker = readme.indexOf("<!-- alarm table: prod, ports ready");
        assert.ok(marker >= 0, "the README has prod's alarm table");
        const shown = readme.slice(readme.indexOf("\n", marker) + 1).split("\n\n")[0];
        assert.equal(shown, readmeAlarmTable(plans["prod (ready)"].named("prod").outputs.monitoring as MonitoringSummary), "README's alarm table drifted from prod's");
        const row = (label: string, c: Coverage, watched: string, breaches: string) => `| ${label} | ${c.failures} | ${c.right} | ${watched} | ${c.pairs} | ${breaches} |`;
        for (const line of [
            row("dev", coverage.dev, String(coverage.dev.watched), String(coverage.dev.breaches)),
            row("staging", coverage.staging, `${coverage.staging.watched} (managed: no metric)`, "—"),
            row("prod, ports ordered", coverage.prod, `${coverage.prod.watched} (${coverage.prod.failures - coverage.prod.watched} cut only ordered links)`, String(coverage.prod.breaches)),
            row("prod, ports ready", coverage["prod (ready)"], String(coverage["prod (ready)"].watched), String(coverage["prod (ready)"].breaches)),
        ]) assert.ok(readme.includes(line), `the README's coverage table lacks: ${line}`);
    });

    it("notifies prod's targets per severity, each CloudWatch alarm the topic of its own Region; dev's alarms exist without actions", () => {
        const prod = plans["prod (ready)"];
        for (const alarm of prod.ofType(ALARM)) {
            const severity = (alarm.inputs.tags as Record<string, string>)["crosscloud:severity"];
            const topic = severity === "redundancy-lost" ? "network-ticket" : "network-page";
            assert.deepEqual(alarm.inputs.alarmActions, [`arn:aws:sns:${alarm.inputs.region}:111122223333:${topic}`], alarm.name);
        }
        for (const policy of prod.ofType(POLICY)) assert.equal((policy.inputs.notificationChannels as string[]).length, 1, policy.name);
        assert.deepEqual((prod.named("prod").outputs.monitoring as MonitoringSummary).warnings, []);
        assert.ok(plans.dev.ofType(ALARM).every((a) => (a.inputs.alarmActions as string[]).length === 0));
        assert.ok((plans.dev.named("dev").outputs.monitoring as MonitoringSummary).warnings.some((w) => /notify nobody: they exist without actions/.test(w)));
    });
});

/** Failures that cut only ordered links: nothing carries traffic there yet, so nothing opens. */
function countOrderedOnly(plan: Plan, stack: string): number {
    const topology = plan.named(stack.split(" ")[0]).outputs.topology as Topology;
    const ready = new Set(topology.links.filter((l) => l.stage !== LinkStage.Ordered).map((l) => l.id));
    return failureImpacts(topology.links).filter((i) => !i.cut.some((id) => ready.has(id))).length;
}
