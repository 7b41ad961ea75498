/**
 * The rollout on Pulumi Deployments: each stage runs on Pulumi's runners from a git repository,
 * through the Automation API's remote workspaces, for teams that outgrow one machine. It needs:
 * - PULUMI_ACCESS_TOKEN for an organization with Deployments, and the Pulumi CLI here (the
 *   Automation API drives `pulumi preview/up --remote`);
 * - the repository reachable by Deployments: public, or CROSSCLOUD_GIT_TOKEN set to a personal
 *   access token that can read it;
 * - cloud credentials on the runner: the stacks' ESC environments (OIDC), as `environment:` in
 *   their Pulumi.<stack>.yaml;
 * - the policy pack published to the organization (`pulumi policy publish <org>` in policy/) and
 *   enabled, with each environment's config, in the policy group of its stacks: Deployments runs
 *   the organization's packs, and the gate reads their events as it does locally.
 *
 * A remote stack's `up` takes no resource targets (RemoteUpOptions), so a change that must be
 * applied in several steps is not started remotely: the rollout says to run that stack locally, or
 * to stage the change in config (one port's `ready` at a time) and roll out each stage.
 */
import { RemoteStack, RemoteWorkspace } from "@pulumi/pulumi/automation";
import { Deployments } from "../args";
import { CliError } from "../errors";
import { Project } from "../project";
import { EngineRunner, engineRunner, requirePulumiCli } from "./engine";
import { healthCheck } from "./health";

export async function remoteRunner(project: Project, deployments: Deployments): Promise<EngineRunner> {
    if (!process.env.PULUMI_ACCESS_TOKEN) {
        throw new CliError("--remote runs on Pulumi Deployments and needs PULUMI_ACCESS_TOKEN", "Create an access token in Pulumi Cloud and export PULUMI_ACCESS_TOKEN, or roll out from this machine without --remote.");
    }
    await requirePulumiCli();
    const gitToken = process.env.CROSSCLOUD_GIT_TOKEN;
    const stacks = new Map<string, RemoteStack>();
    return engineRunner(async (stage) => {
        const stack = stacks.get(stage.stack) ?? (await RemoteWorkspace.createOrSelectStack({
            stackName: `${deployments.organization}/${project.name}/${stage.stack}`,
            url: deployments.url,
            branch: deployments.branch.startsWith("refs/") ? deployments.branch : `refs/heads/${deployments.branch}`,
            ...(deployments.projectPath !== undefined && { projectPath: deployments.projectPath }),
            ...(gitToken !== undefined && { auth: { personalAccessToken: gitToken } }),
        }));
        stacks.set(stage.stack, stack);
        return {
            preview: (watch) => stack.preview(watch),
            up: ({ onEvent }) => stack.up({ onEvent }),
            exportStack: () => stack.exportStack(),
        };
    }, { appliesSteps: false, healthy: healthCheck(project) });
}
