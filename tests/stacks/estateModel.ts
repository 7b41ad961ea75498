import * as assert from "node:assert/strict";
import { CapturedResource, Plan } from "../../offline";
import { AddressFamily } from "../../sdk/addressFamily";
import { Prefix } from "../../sdk/prefix";
import { Topology } from "../../sdk/topology";
import { planStack, readyConfig, stackConfig } from "../../bench/workloads/estate";
import { replacements } from "./replacements";

type Config = Record<string, unknown>;

interface NetworkConfig {
    requirement: Config;
    prefixes: Config;
    primary: { kind: string; dedicated?: { ports: Record<string, Config>; attachments: Record<string, Config> } };
    backup?: Config;
    production?: boolean;
}

/** What a stack's last update left: the resources that exist, and the outputs a StackReference reads. */
interface Deployed {
    resources: CapturedResource[];
    outputs: Record<string, unknown>;
    /** The last plan an update ran: everything it declared exists, or may. */
    plan: Plan;
}

/**
 * The example estate as it grows: each stack's config, and what each stack's last `pulumi up`
 * left behind. `up` plans a stack the way `pulumi up` would run it — against the shared layer's
 * outputs and its own (its address ledger) — checks that nothing that exists would be replaced,
 * and records the result; a failed update records the outputs its program registered (they are
 * all known at plan time, so the engine has them before any resource can fail) and only some of
 * the resources it was creating.
 */
export class Estate {
    readonly configs = new Map<string, Config>();
    readonly deployed = new Map<string, Deployed>();

    constructor() {
        // Deployed and working: prod's ports have passed Google's tests (its links are declared).
        for (const stack of ["shared", "dev", "staging", "prod"]) this.configs.set(stack, stack === "prod" ? readyConfig(stack) : stackConfig(stack));
    }

    get stacks(): string[] {
        return [...this.configs.keys()];
    }

    /** Plans a stack against what is deployed. */
    plan(stack: string): Promise<Plan> {
        return planStack(stack, {
            config: this.configs.get(stack),
            ...(stack !== "shared" && { shared: this.deployed.get("shared")?.outputs }),
            own: this.deployed.get(stack)?.outputs,
        });
    }

    /**
     * Plans and "deploys" a stack, asserting that nothing it has would be replaced or deleted except
     * what `removed` names (or anything, when the change is `replacing` on purpose). `fails` keeps
     * the resources an update would create only where it says yes.
     */
    async up(stack: string, options: { removed?: (name: string) => boolean; fails?: (name: string) => boolean; replacing?: boolean } = {}): Promise<Plan> {
        const plan = await this.plan(stack);
        const before = this.deployed.get(stack);
        if (before && !options.replacing) assert.deepEqual(replacements(before.resources, plan, options.removed), [], `${stack} would replace what exists`);
        if (options.fails) {
            const existing = new Set((before?.resources ?? []).map((r) => r.urn));
            const created = plan.resources.filter((r) => !existing.has(r.urn) && options.fails!(r.name));
            // Deletes come last in an update: a failed one deleted nothing.
            const kept = [...(before?.resources ?? []).map((r) => plan.resources.find((p) => p.urn === r.urn) ?? r), ...created];
            this.deployed.set(stack, { resources: kept, outputs: plan.outputs, plan });
        } else {
            this.deployed.set(stack, { resources: [...plan.resources], outputs: plan.outputs, plan });
        }
        return plan;
    }

    network(stack: string): NetworkConfig {
        return this.configs.get(stack)!["crosscloud:network"] as NetworkConfig;
    }

    /** Edits a stack's config in place. */
    edit(stack: string, change: (config: Config) => void): void {
        const config = structuredClone(this.configs.get(stack)!);
        change(config);
        this.configs.set(stack, config);
    }

    editNetwork(stack: string, change: (network: NetworkConfig) => void): void {
        this.edit(stack, (config) => change(config["crosscloud:network"] as NetworkConfig));
    }

    /**
     * Every BGP session of every stack, by the Cloud Router it is on, from the topologies the last
     * plans export: no two on one router may overlap, and each is inside its environment's block.
     */
    assertNoOverlap(): void {
        const byRouter = new Map<string, { where: string; prefix: Prefix }[]>();
        const blocks = (this.deployed.get("shared")?.outputs.environments ?? {}) as Record<string, { linkLocalBlock: string; linkLocalBlockIpv6?: string }>;
        for (const [stack, { plan }] of this.deployed) {
            const topology = plan.outputs.topology as Topology | undefined;
            if (!topology) continue;
            // A dedicated link's IPv6 session has the addresses AWS assigns, which the plan does not know.
            for (const session of topology.sessions.filter((s) => s.insideCidr !== undefined)) {
                const link = topology.links.find((l) => l.id === session.link)!;
                const prefix = Prefix.parse(session.insideCidr, session.id);
                const ipv6 = prefix.family === AddressFamily.Ipv6;
                const written = blocks[stack] && (ipv6 ? blocks[stack].linkLocalBlockIpv6 : blocks[stack].linkLocalBlock);
                const block = written && Prefix.parse(written, stack);
                if (block) assert.ok(block.contains(prefix), `${stack} ${session.id} (${prefix}) is outside ${block}`);
                // Cloud Router reserves an IPv6 session's range in the whole VPC, an IPv4 one on its router.
                const where = ipv6 ? "the VPC" : link.gcp;
                const list = byRouter.get(where) ?? [];
                list.push({ where: `${stack} ${session.id}`, prefix });
                byRouter.set(where, list);
            }
        }
        for (const [router, sessions] of byRouter) {
            const sorted = [...sessions].sort((a, b) => a.prefix.compare(b.prefix));
            for (let i = 1; i < sorted.length; i++) {
                assert.ok(!sorted[i - 1].prefix.overlaps(sorted[i].prefix), `on ${router}: ${sorted[i - 1].where} (${sorted[i - 1].prefix}) overlaps ${sorted[i].where} (${sorted[i].prefix})`);
            }
        }
    }
}

/** A port pair in `metro` with one attachment each, in `region`: prod's `x<k>` extension. */
export function extension(k: number, metro: string, region: string): { ports: Record<string, Config>; attachments: Record<string, Config> } {
    return {
        ports: {
            [`x${k}-1`]: { location: `${metro}-zone1-${20 + k}`, remoteLocation: `aws-x${k}a`, awsLocation: `X${k}a`, ready: true },
            [`x${k}-2`]: { location: `${metro}-zone2-${20 + k}`, remoteLocation: `aws-x${k}b`, awsLocation: `X${k}b`, ready: true },
        },
        attachments: {
            [`x${k}-a`]: { port: `x${k}-1`, region, bandwidth: "5Gbps" },
            [`x${k}-b`]: { port: `x${k}-2`, region, bandwidth: "5Gbps" },
        },
    };
}

/** Whether a resource name belongs to prod's extension `k` (its ports, LAGs, attachments, VIFs, keys…). */
export function ofExtension(k: number): (name: string) => boolean {
    return (name) => new RegExp(`^prod-primary-[a-z0-9-]+?-x${k}-(1|2|a|b)(-\\d+)?$`).test(name);
}

/** qa: an HA VPN on the shared us-east4 router, in the block the shared layer gives it. */
export function qaConfig(): Config {
    return stackConfig("dev", {
        "crosscloud:network": {
            requirement: { bandwidthGbps: 2, sla: "99.9", survivesSingleFailure: false },
            prefixes: { aws: ["10.3.0.0/16"], google: ["10.103.0.0/16"] },
            primary: { kind: "ha-vpn", haVpn: { tunnelBandwidth: "standard" } },
        },
    });
}
