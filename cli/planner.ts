import { PolicyPackConfig } from "@pulumi/policy";
import { loadPolicyConfig } from "../policy/evaluate";
import { Program } from "../offline";
import { CliError, usageError } from "./errors";
import { PlanDocument, planStack, UnplannedReferences } from "./planStack";
import { programOf } from "./program";
import { progress } from "./progress";
import { loadStack, Project } from "./project";
import { ReferenceBook } from "./references";

/**
 * Plans the stacks of one project in one process, each with the outputs of those planned before
 * it. A stack that references an unplanned stack of the same project gets it planned first.
 */
export class Planner {
    private readonly program: Program;
    private readonly references: ReferenceBook;
    private readonly documents = new Map<string, PlanDocument>();

    /**
     * @param policyConfigFile the policy configuration (JSON file) to plan a stack with, if any.
     * @param configFile a stack config file to plan a stack with instead of its own, if any.
     */
    constructor(
        readonly project: Project,
        private readonly policyConfigFile: (stack: string) => string | undefined,
        private readonly configFile: (stack: string) => string | undefined = () => undefined,
    ) {
        this.program = programOf(project);
        this.references = new ReferenceBook(project.name);
    }

    /** Every plan made so far, dependencies before their dependents. */
    get planned(): PlanDocument[] {
        return [...this.documents.values()];
    }

    async plan(stack: string, dependents: string[] = []): Promise<PlanDocument> {
        const done = this.documents.get(stack);
        if (done) return done;
        const settings = loadStack(this.project, stack, this.configFile(stack));
        progress(`planning ${this.project.name}/${stack} …`);
        const started = Date.now();
        try {
            const document = await planStack({
                project: this.project, program: this.program, settings, references: this.references, policyConfig: this.policyConfig(stack),
            });
            progress(`  ${stack}: ${document.resources.length} resources, ${document.topology.links.length} cross-cloud links, ${document.policy.violations.length} policy violations (${Date.now() - started} ms)`);
            if (settings.environments.length > 0) {
                progress(`  note: ${stack} imports ESC environments (${settings.environments.join(", ")}), which cannot be opened offline: only its own config was used`);
            }
            this.documents.set(stack, document);
            this.references.record(stack, document.outputs);
            return document;
        } catch (e) {
            if (!(e instanceof UnplannedReferences)) throw e;
            await this.planReferenced(e, [...dependents, stack]);
            return this.plan(stack, dependents);
        }
    }

    /**
     * Plans a stack with another config file in place of its own: the stack as it was, or as a
     * change would make it. It reads the stacks this run planned; what it plans is not recorded.
     */
    async planWith(stack: string, configFile: string): Promise<PlanDocument> {
        await this.plan(stack);
        const settings = loadStack(this.project, stack, configFile);
        progress(`planning ${this.project.name}/${stack} with ${configFile} …`);
        return planStack({ project: this.project, program: this.program, settings, references: this.references, policyConfig: this.policyConfig(stack) });
    }

    private async planReferenced(unplanned: UnplannedReferences, chain: string[]): Promise<void> {
        for (const { reference, project, stack } of unplanned.references) {
            if (project !== undefined && project !== this.project.name) {
                throw new CliError(
                    `stack ${unplanned.stack} reads "${reference}", a stack of project ${project}; the offline planner only plans stacks of ${this.project.name}`,
                    "Plan it within one project, or point the StackReference at a stack of this project.",
                );
            }
            if (chain.includes(stack)) {
                throw new CliError(`stacks reference each other in a cycle: ${[...chain, stack].join(" → ")}`, "Break the cycle: one of these stacks must not read the other.");
            }
            progress(`  ${unplanned.stack} reads stack ${stack}: planning ${stack} first, then ${unplanned.stack} again`);
            await this.plan(stack, chain);
        }
    }

    /** The policy configuration a stack is planned with, if any. */
    policyConfig(stack: string): PolicyPackConfig | undefined {
        const file = this.policyConfigFile(stack);
        if (file === undefined) return undefined;
        try {
            return loadPolicyConfig(file);
        } catch (e) {
            throw usageError((e as Error).message, "Give a policy config JSON file such as policy/config/dev.json: { \"<policy>\": \"mandatory\" | { enforcementLevel, …properties } }.");
        }
    }
}
