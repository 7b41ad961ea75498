import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { capture, Plan } from "../../offline";

/** The example estate's stacks, in the order a rollout deploys them. */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export const SHARED_STACK = "organization/crosscloud/shared";

const stacksDir = path.resolve(__dirname, "../../stacks");

/** A stack's `config:` block from `stacks/Pulumi.<stack>.yaml`, with any overrides. */
export function stackConfig(stack: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const file = load(fs.readFileSync(path.join(stacksDir, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return { ...file.config, ...overrides };
}

/**
 * prod's config with every dedicated port ready: the stack once Google has tested the ports and
 * their LAGs are available (stage two). The committed file is stage one, every port ordered.
 */
export function readyConfig(stack: string, config: Record<string, unknown> = stackConfig(stack)): Record<string, unknown> {
    const network = structuredClone(config["crosscloud:network"]) as { primary: { dedicated?: { ports: Record<string, Record<string, unknown>> } } };
    for (const port of Object.values(network.primary.dedicated?.ports ?? {})) port.ready = true;
    return { ...config, "crosscloud:network": network };
}

/**
 * Plans one stack of the estate offline, the way `pulumi preview -s <stack>` would run it: with the
 * shared layer's outputs, and the stack's own from its last update (where its address ledger is).
 */
export function planStack(stack: string, options: { config?: Record<string, unknown>; shared?: Record<string, unknown>; own?: Record<string, unknown>; preview?: boolean } = {}): Promise<Plan> {
    return capture(() => {
        for (const file of Object.keys(require.cache)) {
            if (file.startsWith(stacksDir)) delete require.cache[file];
        }
        // A fresh load per plan, as a new `pulumi preview` process would do.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(stacksDir);
    }, {
        stack,
        config: options.config ?? stackConfig(stack),
        stackOutputs: {
            ...(options.shared && { [SHARED_STACK]: options.shared }),
            ...(options.own && { [`organization/crosscloud/${stack}`]: options.own }),
        },
        ...(options.preview && { preview: true }),
    });
}
