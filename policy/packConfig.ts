/**
 * Policy pack configuration the way the Pulumi CLI reads `--policy-pack-config` files and
 * reconciles them with each policy's defaults (pkg/resource/analyzer/config.go).
 */
import { readFileSync } from "node:fs";
import { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { schemaErrors } from "./jsonSchema";
import { policies as packPolicies } from "./rules";

/** One policy's effective configuration. */
export interface ResolvedPolicyConfig {
    /** Undefined when neither the config nor the policy sets one: the pack's level then applies. */
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * Reads a `--policy-pack-config` JSON file; throws, naming the file and the entry, if it is
 * malformed or names a policy the pack does not have.
 */
export function loadPolicyConfig(file: string, policies: Policies = packPolicies): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`policy pack config ${file}: ${(e as Error).message}`);
    }
    try {
        return parsePolicyConfig(parsed, policies);
    } catch (e) {
        throw new Error(`policy pack config ${file}: ${(e as Error).message}`);
    }
}

/**
 * Checks the shape of a config object: each entry is a level, or an object with an optional level,
 * keyed by one of the pack's policies or `all`.
 *
 * The Pulumi CLI (pkg/resource/analyzer/config.go) carries an entry for a policy the pack does not
 * have through without a word, so a misspelt name silently leaves the policy at its default level.
 * Here it is an error naming the known policies: a config that raises `bgp-hygeine` to mandatory
 * must not pass for one that raised `bgp-hygiene`.
 */
export function parsePolicyConfig(config: unknown, policies: Policies = packPolicies): PolicyPackConfig {
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error("must be a JSON object keyed by policy name (or \"all\")");
    }
    const known = new Set(policies.map((p) => p.name));
    const unknown = Object.keys(config).filter((name) => name !== "all" && !known.has(name));
    if (unknown.length > 0) {
        throw new Error(`${unknown.map((n) => JSON.stringify(n)).join(", ")} ${unknown.length === 1 ? "is not a policy" : "are not policies"} of this pack; ` +
            `its policies are ${[...known].join(", ")} (and "all" for every one)`);
    }
    for (const [policy, entry] of Object.entries(config)) {
        const level = typeof entry === "string" ? entry : (entry as Record<string, unknown> | null)?.enforcementLevel;
        if (typeof entry !== "string" && (typeof entry !== "object" || entry === null || Array.isArray(entry))) {
            throw new Error(`"${policy}" must be an enforcement level or an object`);
        }
        if (level !== undefined && !LEVELS.includes(level as EnforcementLevel)) {
            throw new Error(`"${policy}": ${JSON.stringify(level)} is not an enforcement level (${LEVELS.join(", ")})`);
        }
    }
    return config as PolicyPackConfig;
}

/**
 * Every policy's effective config: its schema defaults and own level, then `all`, then its entry.
 * Throws listing every property that breaks a policy's schema, as the CLI refuses to run then.
 */
export function reconcilePolicyConfig(policies: Policies, config: PolicyPackConfig = {}): Map<string, ResolvedPolicyConfig> {
    parsePolicyConfig(config, policies);
    const resolved = new Map<string, ResolvedPolicyConfig>();
    const all = levelOf(config.all);
    for (const policy of policies) {
        const defaults = Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => typeof schema === "object" && schema.default !== undefined)
            .map(([key, schema]) => [key, structuredClone((schema as { default: unknown }).default)]);
        const entry = config[policy.name];
        const { enforcementLevel: _level, ...given } = typeof entry === "object" ? entry : {};
        resolved.set(policy.name, {
            enforcementLevel: levelOf(entry) ?? all ?? policy.enforcementLevel,
            properties: { ...Object.fromEntries(defaults), ...given },
        });
    }
    const errors = policies.flatMap((policy) => {
        if (!policy.configSchema) return [];
        const { properties, required } = policy.configSchema;
        return schemaErrors({ type: "object", properties, required }, resolved.get(policy.name)!.properties, "")
            .map((e) => `${policy.name}: ${e}`);
    });
    if (errors.length > 0) throw new Error(`invalid policy pack config:\n  ${errors.join("\n  ")}`);
    return resolved;
}

function levelOf(entry: PolicyPackConfig[string] | undefined): EnforcementLevel | undefined {
    return typeof entry === "string" ? entry : entry?.enforcementLevel;
}
