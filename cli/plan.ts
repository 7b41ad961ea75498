import * as fs from "node:fs";
import * as path from "node:path";
import { PlanCommand } from "./args";
import { EXIT_FAILED, usageError } from "./errors";
import type { PlanDocument } from "./planStack";
import { progress } from "./progress";
import { loadProject, loadStack, Project, stackNames } from "./project";
import { renderAlarms } from "./render/alarms";
import { renderResilience } from "./render/resilience";
import { renderSummary } from "./render/summary";
import { mermaid } from "./render/mermaid";
import { LinkWatch, svg } from "./render/svg";
import { renderViolations } from "./render/violations";
import { loadRollout } from "./rolloutFile";
import { Cloud, LinkStage } from "../sdk/topology";
import { readAgainst } from "./change/against";
import { renderChange } from "./render/impact";

/**
 * `crosscloud plan`: one stack, or every stack of the project (in rollout order when the project
 * has a rollout.json). Exits 1 if any stack has a mandatory violation.
 */
export async function plan(command: PlanCommand): Promise<number> {
    const project = loadProject(command.cwd ?? process.cwd());
    const stages = loadRollout(project);
    const stageConfig = (stack: string) => stages?.find((s) => s.stack === stack)?.policyConfig;
    const { policyConfig } = command;
    if (policyConfig !== undefined && !fs.existsSync(policyConfig)) {
        throw usageError(`no such policy config file: ${policyConfig}`, "Pass --policy-config a JSON file, e.g. policy/config/prod.json.");
    }
    const stacks = command.stack !== undefined ? [command.stack] : stages?.map((s) => s.stack) ?? stackNames(project);
    if (stacks.length === 0) {
        throw usageError(`project ${project.name} has no stacks (no Pulumi.<stack>.yaml in ${project.stackConfigDir})`, "Create a stack config file, or pass --cwd another project.");
    }
    for (const stack of stacks) loadStack(project, stack, stack === command.stack ? command.config : undefined);
    const against = command.against === undefined ? undefined : readAgainst(command.against);
    if (against !== undefined && against.kind !== "plans" && command.stack === undefined) {
        throw usageError(`--against ${path.basename(against.file)} describes one stack`, "Name it with --stack, e.g. --stack prod.");
    }
    const out = command.json ? undefined : diagramFolder(command.out ?? path.join(project.dir, DIAGRAM_FOLDER));

    // The planner brings in the Pulumi SDK and the providers: only once the input is known to be good.
    const { Planner } = await import("./planner");
    const planner = new Planner(project, (stack) => policyConfig ?? stageConfig(stack), (stack) => (stack === command.stack ? command.config : undefined));
    for (const stack of stacks) await planner.plan(stack);
    const documents = command.stack !== undefined ? [await planner.plan(command.stack)] : planner.planned;
    if (against !== undefined) {
        const { changeReport } = await import("./change/report");
        const { stackBefore } = await import("./change/before");
        const { contextOf } = await import("./change/state");
        for (const document of documents) {
            const before = await stackBefore(against, document.stack, planner);
            document.change = changeReport({
                before: before.state, beforeIsState: before.isState, against: before.label, after: document, context: contextOf(planner.planned, document), policyConfig: planner.policyConfig(document.stack),
            });
        }
    }

    if (command.json) {
        process.stdout.write(`${JSON.stringify(command.stack !== undefined ? documents[0] : documents, null, 2)}\n`);
    } else {
        for (const document of documents) process.stdout.write(`${render(document, writeSvg(document, project, out!))}\n`);
    }
    const failed = documents.filter((d) => d.policy.violations.some((v) => v.level === "mandatory")).map((d) => d.stack);
    if (failed.length > 0) progress(`mandatory policy violations in ${failed.join(", ")}: this plan would not deploy`);
    return failed.length > 0 ? EXIT_FAILED : 0;
}

function render(document: PlanDocument, svgFile: string): string {
    return [
        `━━ stack ${document.stack} ━━`,
        renderSummary(document),
        "",
        `topology: ${document.topology.links.length} links${ordered(document)} (SVG: ${svgFile})`,
        "```mermaid",
        mermaid(document.topology),
        "```",
        "",
        "resilience:",
        renderResilience(document.resilience),
        "",
        "alarms (each single failure of a ready link → what opens on each cloud → declared severity):",
        renderAlarms(document.monitoring),
        "",
        "policy:",
        renderViolations(document.policy.violations),
        "",
        ...(document.change ? [renderChange(document.change), ""] : []),
        ...(document.diagnostics.length === 0 ? [] : [
            "diagnostics (what the program logged, as `pulumi preview` shows it):",
            ...document.diagnostics.map((d) => `  ${d.severity}${d.resource ? ` (${d.resource})` : ""}: ${d.message.replace(/\n/g, "\n    ")}`),
            "",
        ]),
    ].join("\n");
}

/** Where diagrams go without --out: a folder of their own beside the project's Pulumi.yaml. */
export const DIAGRAM_FOLDER = "crosscloud-out";

/** The diagram folder, made and known to be writable before anything is planned. */
function diagramFolder(out: string): string {
    try {
        fs.mkdirSync(out, { recursive: true });
        fs.accessSync(out, fs.constants.W_OK);
        return out;
    } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw usageError(`cannot write diagrams to ${out} (${reason})`, "Pass --out a folder you can write to, or --json to skip the diagrams.");
    }
}

/** Links still ordered (a port waiting for its cross-connect and Google's tests) carry nothing yet: say which. */
function ordered(document: PlanDocument): string {
    const links = document.topology.links.filter((l) => l.stage === LinkStage.Ordered).map((l) => l.id);
    return links.length === 0 ? "" : `, ${links.length} ordered and carrying nothing until ready: ${links.join(", ")}`;
}

/** Per link, how many alarms of each cloud read it. */
function linkWatch(document: PlanDocument): Map<string, LinkWatch> {
    const watch = new Map<string, LinkWatch>();
    for (const alarm of document.monitoring.alarms) {
        for (const link of alarm.watches) {
            const counts = watch.get(link) ?? { aws: 0, google: 0 };
            if (alarm.cloud === Cloud.Aws) counts.aws++;
            else counts.google++;
            watch.set(link, counts);
        }
    }
    return watch;
}

function writeSvg(document: PlanDocument, project: Project, out: string): string {
    const file = path.join(out, `${project.name}-${document.stack.split("/").pop()}.svg`);
    const down = document.change ? new Set([...document.change.down, ...document.change.removed]) : undefined;
    fs.writeFileSync(file, svg(document.topology, `${project.name}/${document.stack}`, { watch: linkWatch(document), ...(down && { down }) }));
    return path.relative(process.cwd(), file);
}
