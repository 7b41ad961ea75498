/**
 * `npm run bench [-- --quick] [-- --only <scenario>[,<scenario>…]]`: measures start-up, planning,
 * overhead, policy evaluation, the deploy critical path and `npm test` on this machine, prints a
 * table per scenario and the targets, and writes bench/results.json.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { elapsedMs } from "./measure";
import { formatTable, loadAverage, machine, Results, targetTable, writeResults } from "./report";
import { collisions } from "./scenarios/collisions";
import { criticalPathScenario } from "./scenarios/criticalPath";
import { overhead } from "./scenarios/overhead";
import { floors } from "./scenarios/floors";
import { offlineEngine } from "./scenarios/offlineEngine";
import { packaging } from "./scenarios/packaging";
import { planning } from "./scenarios/planning";
import { policy } from "./scenarios/policy";
import { Scenario } from "./scenarios/scenario";
import { startup } from "./scenarios/startup";
import { suite } from "./scenarios/suite";

const SCENARIOS: Scenario[] = [startup, packaging, offlineEngine, planning, overhead, policy, criticalPathScenario, collisions, floors, suite];
const RESULTS_FILE = path.join(__dirname, "results.json");

function chosen(only: string[] | undefined): Scenario[] {
    if (only === undefined) return SCENARIOS;
    const names = only.flatMap((o) => o.split(",")).map((n) => n.trim());
    const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
    if (unknown.length > 0) {
        throw new Error(`unknown scenario ${unknown.join(", ")}; choose from ${SCENARIOS.map((s) => s.name).join(", ")}`);
    }
    return SCENARIOS.filter((s) => names.includes(s.name));
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, only: { type: "string", multiple: true } } });
    const quick = values.quick ?? false;
    const started = process.hrtime.bigint();
    const results: Results = {
        generatedAt: new Date().toISOString(),
        mode: quick ? "quick" : "full",
        durationMs: 0,
        machine: { ...machine(), loadAverage: { start: loadAverage(), end: [], afterScenario: {} } },
        overheadRatio: null,
        targets: [],
        scenarios: {},
    };
    const progress = (message: string) => process.stderr.write(`[bench ${(elapsedMs(started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
    progress(`load average ${results.machine.loadAverage.start.join(" ")} on ${results.machine.cpus} cores`);

    for (const scenario of chosen(values.only)) {
        const outcome = await scenario.run({ quick, progress });
        results.scenarios[scenario.name] = outcome.section;
        results.targets.push(...outcome.targets);
        results.machine.loadAverage.afterScenario[scenario.name] = loadAverage();
        process.stdout.write(`\n${scenario.title}\n${formatTable(outcome.table)}\n`);
    }

    const overheadSection = results.scenarios.overhead as { overheadRatio?: number } | undefined;
    results.overheadRatio = overheadSection?.overheadRatio ?? null;
    results.durationMs = elapsedMs(started);
    results.machine.loadAverage.end = loadAverage();
    writeResults(RESULTS_FILE, results);
    process.stdout.write(`\ntargets\n${targetTable(results.targets)}\n\n`);
    process.stdout.write(`${results.mode} run in ${(results.durationMs / 1000).toFixed(0)} s; load average ${results.machine.loadAverage.start.join(" ")} → ${results.machine.loadAverage.end.join(" ")}; ${path.relative(process.cwd(), RESULTS_FILE)}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
});
