import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnforcementLevel } from "@pulumi/policy";
import { evaluatePolicyPack } from "../../policy/evaluate";
import { PACK_ENFORCEMENT_LEVEL, packArgs } from "../../policy/pack";
import { loadPolicyConfig, reconcilePolicyConfig } from "../../policy/packConfig";
import { policies } from "../../policy/rules";
import { productionStack } from "./fixtures/links";

const POLICY_DIR = join(__dirname, "../../policy");
const config = (env: string) => loadPolicyConfig(join(POLICY_DIR, "config", `${env}.json`));

/** Every policy's effective level under a config, as the engine computes it. */
function effectiveLevels(env: string): Record<string, EnforcementLevel> {
    const resolved = reconcilePolicyConfig(policies, config(env));
    return Object.fromEntries(policies.map((p) => [p.name, resolved.get(p.name)!.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL]));
}

describe("the policy pack", () => {
    it("holds sixteen rules, each with a description, a default level and a config schema with defaults", () => {
        // Mandatory only where a provider requires it or it is a known cause of outage or exposure (see README).
        assert.deepEqual(Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel])), {
            "ha-vpn-complete": "advisory",
            "sla-shape": "advisory",
            "managed-interconnect-duplicate": "advisory",
            "transport-quota": "advisory",
            "managed-bandwidth-owner": "advisory",
            "cross-cloud-bandwidth": "advisory",
            "pair-parity": "mandatory",
            "address-families": "mandatory",
            "encryption-in-transit": "mandatory",
            "bgp-hygiene": "mandatory",
            "interconnect-bfd": "advisory",
            "link-local-addressing": "mandatory",
            "backup-route-preference": "mandatory",
            "route-limits": "mandatory",
            "protect-paid-connections": "advisory",
            "failure-domains-watched": "advisory",
        });
        for (const p of policies) {
            assert.ok(p.description.length > 40, p.name);
            const properties = Object.entries(p.configSchema?.properties ?? {});
            assert.ok(properties.length > 0, `${p.name} has a config schema`);
            for (const [key, schema] of properties) {
                assert.ok(typeof schema === "object" && schema.default !== undefined && schema.description, `${p.name}.${key} has a default and a description`);
            }
        }
        assert.equal(packArgs.policies, policies);
    });

    it("ships per-environment configs that name only its rules and satisfy their schemas", () => {
        const names = new Set(policies.map((p) => p.name));
        for (const file of readdirSync(join(POLICY_DIR, "config"))) {
            const entries = Object.keys(loadPolicyConfig(join(POLICY_DIR, "config", file)));
            assert.deepEqual(entries.filter((e) => e !== "all" && !names.has(e)), [], file);
            reconcilePolicyConfig(policies, loadPolicyConfig(join(POLICY_DIR, "config", file)));
        }
        assert.deepEqual(readdirSync(join(POLICY_DIR, "config")).sort(), ["dev.json", "prod.json", "staging.json"]);
    });

    it("is advisory in dev, and mandatory in prod with a 99.99% target and an N-1 minimum", () => {
        assert.ok(Object.values(effectiveLevels("dev")).every((l) => l === "advisory" || l === "disabled"));
        const prod = effectiveLevels("prod");
        assert.deepEqual(Object.entries(prod).filter(([, l]) => l !== "mandatory").map(([n, l]) => `${n}=${l}`),
            ["managed-interconnect-duplicate=advisory", "transport-quota=advisory", "protect-paid-connections=advisory"]);
        const resolved = reconcilePolicyConfig(policies, config("prod"));
        assert.equal(resolved.get("sla-shape")!.properties.target, "99.99");
        assert.deepEqual(resolved.get("cross-cloud-bandwidth")!.properties, { minimumGbps: 10, survivesSingleFailure: true });
    });

    it("passes the production estate under every environment's config", () => {
        for (const env of ["dev", "staging", "prod"]) {
            assert.deepEqual(evaluatePolicyPack(productionStack().records, config(env)).violations, [], env);
        }
    });

    it("names the file and the entry when a config file is malformed", () => {
        const dir = mkdtempSync(join(tmpdir(), "policy-config-"));
        const file = (name: string, text: string) => {
            writeFileSync(join(dir, name), text);
            return join(dir, name);
        };
        assert.throws(() => loadPolicyConfig(file("broken.json", "{ all: ")), /policy pack config .*broken\.json: .*JSON/);
        assert.throws(() => loadPolicyConfig(file("level.json", '{ "sla-shape": { "enforcementLevel": "strict" } }')), /level\.json: "sla-shape": "strict" is not an enforcement level \(advisory, mandatory, remediate, disabled\)/);
        assert.throws(() => loadPolicyConfig(file("list.json", "[]")), /list\.json: must be a JSON object keyed by policy name/);
    });

    it("refuses a policy name the pack does not have, naming the ones it has", () => {
        const dir = mkdtempSync(join(tmpdir(), "policy-config-"));
        writeFileSync(join(dir, "typo.json"), '{ "all": "advisory", "bgp-hygeine": "mandatory" }');
        assert.throws(() => loadPolicyConfig(join(dir, "typo.json")),
            /typo\.json: "bgp-hygeine" is not a policy of this pack; its policies are ha-vpn-complete, .*bgp-hygiene.* \(and "all" for every one\)/);
        assert.throws(() => reconcilePolicyConfig(policies, { "sla-shape": "mandatory", "no-such": {}, "nor-this": "advisory" }), /"no-such", "nor-this" are not policies of this pack/);
        assert.doesNotThrow(() => reconcilePolicyConfig(policies, { all: "mandatory", "interconnect-bfd": "advisory" }));
    });

    it("constructs its PolicyPack in the entry file only, which the CLI runs from a package with a version", () => {
        const constructing = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
            const path = join(dir, e.name);
            if (e.isDirectory()) return constructing(path);
            return e.name.endsWith(".ts") && /new PolicyPack\(/.test(readFileSync(path, "utf8")) ? [path.slice(POLICY_DIR.length + 1)] : [];
        });
        assert.deepEqual(constructing(POLICY_DIR), ["index.ts"]);
        const pack = JSON.parse(readFileSync(join(POLICY_DIR, "package.json"), "utf8"));
        const root = JSON.parse(readFileSync(join(POLICY_DIR, "../package.json"), "utf8"));
        assert.equal(pack.version, root.version, "the pack is versioned with the package");
        // The pack runs the package's build with the package's dependencies: nothing to compile, nothing to install.
        assert.equal(pack.main, "../lib/policy/index.js");
        assert.ok(existsSync(join(POLICY_DIR, pack.main)), "built");
        assert.equal(pack.dependencies, undefined);
        for (const file of ["policy/PulumiPolicy.yaml", "policy/package.json"]) assert.ok(root.files.includes(file), `${file} ships`);
        assert.match(readFileSync(join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
    });
});
