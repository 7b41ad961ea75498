import * as path from "node:path";
import { parseArgs, ParseArgsConfig } from "node:util";
import { usageError } from "./errors";

export const USAGE = `crosscloud — plan Pulumi programs offline, roll environments out behind policy gates

Usage:
  crosscloud plan [--cwd DIR] [--stack NAME [--config FILE]] [--against FILE] [--json] [--policy-config FILE] [--out DIR]
  crosscloud rollout [--cwd DIR] [--against FILE] [--accept-window STACK]… [--offline | --remote --org ORG --repo-url URL [--branch NAME] [--project-path PATH]]
  crosscloud --help

plan     Runs a Pulumi TypeScript program in-process under mocks (no cloud, no Pulumi CLI) and prints
         its resources, the AWS ⇄ Google topology, the resilience table and the policy verdicts.
         Without --stack it plans every stack of the project, those it references first.
           --cwd DIR             the project (the folder with Pulumi.yaml); default: the current folder
           --stack NAME          plan one stack (its config is <stackConfigDir>/Pulumi.NAME.yaml)
           --json                print only the plan document (JSON) on stdout
           --policy-config FILE  policy configuration (JSON); default: the stack's entry in rollout.json
           --out DIR             where topology SVGs are written; default: <project>/crosscloud-out
           --config FILE         plan --stack with this stack config file instead of its own
           --against FILE        the stacks before a change: a plan (crosscloud plan --json), a stack's
                                 state (pulumi stack export) or a stack config file; prints what each
                                 resource change does to the links while it applies, whether what stays
                                 up meets the requirement, and the steps a rollout would take

rollout  For each stack of <stackConfigDir>/rollout.json in order: preview with the policy pack, stop
         on a mandatory violation (or an advisory one for a strict stack), then update in steps that
         keep each stack's requirement met while they apply, waiting for links to be healthy between
         steps; a change no step can apply safely stops the rollout, with what to do.
           --against FILE        offline: the stacks as deployed (crosscloud plan --json); local and
                                 remote read each stack's state
           --accept-window STACK apply STACK's refused changes anyway, each in a step of its own
           (default)             local: Pulumi Automation API; needs the pulumi CLI and cloud credentials
           --offline             run the same gates through the offline planner; deploys nothing
           --remote              run each stack on Pulumi Deployments; needs PULUMI_ACCESS_TOKEN
             --org ORG           the Pulumi Cloud organization that owns the stacks
             --repo-url URL      git repository Deployments clones (private: set CROSSCLOUD_GIT_TOKEN)
             --branch NAME       branch to deploy; default: main
             --project-path P    the project's folder inside the repository; default: the root

Exit status: 0 success, 1 a failed plan or a policy violation that stops, 2 a usage error.`;

export enum RolloutMode {
    Local = "local",
    Offline = "offline",
    Remote = "remote",
}

export interface PlanCommand {
    command: "plan";
    cwd?: string;
    stack?: string;
    json: boolean;
    policyConfig?: string;
    /** Where the SVGs go; beside the project when not given. */
    out?: string;
    /** A stack config file to plan --stack with instead of its own. */
    config?: string;
    /** The stacks before a change: a plan, a stack's state, or a stack config file. */
    against?: string;
}

/** Where Pulumi Deployments finds the stacks and the project. */
export interface Deployments {
    organization: string;
    url: string;
    branch: string;
    projectPath?: string;
}

export type RolloutTarget = { mode: RolloutMode.Offline | RolloutMode.Local } | { mode: RolloutMode.Remote; deployments: Deployments };

export interface RolloutCommand {
    command: "rollout";
    cwd?: string;
    target: RolloutTarget;
    /** Offline: the stacks as deployed (plans); local and remote read the stacks' state instead. */
    against?: string;
    /** Stacks whose refused changes may run anyway, each in a step of its own. */
    acceptWindow: string[];
}

export type Command = PlanCommand | RolloutCommand | { command: "help" };

const planOptions = {
    cwd: { type: "string" },
    stack: { type: "string" },
    json: { type: "boolean", default: false },
    "policy-config": { type: "string" },
    out: { type: "string" },
    config: { type: "string" },
    against: { type: "string" },
} satisfies ParseArgsConfig["options"];

const rolloutOptions = {
    cwd: { type: "string" },
    offline: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    org: { type: "string" },
    "repo-url": { type: "string" },
    branch: { type: "string", default: "main" },
    "project-path": { type: "string" },
    against: { type: "string" },
    "accept-window": { type: "string", multiple: true },
} satisfies ParseArgsConfig["options"];

export function parseCommand(argv: readonly string[]): Command {
    const [command, ...rest] = argv;
    const help = ["help", "--help", "-h"];
    if (command === undefined || help.includes(command) || rest.some((arg) => help.slice(1).includes(arg))) {
        return { command: "help" };
    }
    switch (command) {
        case "plan": {
            const { values } = parse(rest, planOptions);
            if (values.config !== undefined && values.stack === undefined) {
                throw usageError("--config needs --stack", "Name the stack the config file is for, e.g. --stack prod --config Pulumi.prod.next.yaml.");
            }
            return {
                command,
                cwd: fromWhereTyped(values.cwd),
                stack: values.stack,
                json: values.json,
                policyConfig: fromWhereTyped(values["policy-config"]),
                out: fromWhereTyped(values.out),
                ...(values.config !== undefined && { config: fromWhereTyped(values.config) }),
                ...(values.against !== undefined && { against: fromWhereTyped(values.against) }),
            };
        }
        case "rollout": {
            const { values } = parse(rest, rolloutOptions);
            const target = rolloutTarget(values);
            if (values.against !== undefined && target.mode !== RolloutMode.Offline) {
                throw usageError("--against is for --offline", "A real rollout reads each stack's state; rehearse with --offline --against <plans of the deployed stacks>.");
            }
            return {
                command, cwd: fromWhereTyped(values.cwd), target,
                ...(values.against !== undefined && { against: fromWhereTyped(values.against) }),
                acceptWindow: values["accept-window"] ?? [],
            };
        }
        default:
            throw usageError(`unknown command "${command}"`, "Use `crosscloud plan` or `crosscloud rollout`; `crosscloud --help` lists the options.");
    }
}

function rolloutTarget(values: ReturnType<typeof parse<typeof rolloutOptions>>["values"]): RolloutTarget {
    if (values.offline && values.remote) {
        throw usageError("--offline and --remote exclude each other", "Choose one: --offline to rehearse here, --remote to run on Pulumi Deployments.");
    }
    if (!values.remote) return { mode: values.offline ? RolloutMode.Offline : RolloutMode.Local };
    const { org: organization, "repo-url": url, branch, "project-path": projectPath } = values;
    if (organization === undefined || url === undefined) {
        throw usageError("--remote needs --org and --repo-url", "Name the Pulumi Cloud organization and the git repository Deployments clones, e.g. --org acme --repo-url https://github.com/acme/network.git");
    }
    return { mode: RolloutMode.Remote, deployments: { organization, url, branch, ...(projectPath !== undefined && { projectPath }) } };
}

/** `npm run` starts scripts in the package root; INIT_CWD is the folder the user typed the command in. */
function fromWhereTyped<T extends string | undefined>(file: T): T {
    return (file === undefined ? file : path.resolve(process.env.INIT_CWD ?? process.cwd(), file)) as T;
}

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
    try {
        return parseArgs({ args, options, strict: true, allowPositionals: false });
    } catch (e) {
        throw usageError((e as Error).message, "Run `crosscloud --help` for the options.");
    }
}
