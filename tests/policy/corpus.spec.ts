/**
 * The corpus: raw-resource programs modelled on public AWS ⇄ Google configurations, each run
 * through the offline engine and judged by the whole pack under its default config. Every rule's
 * verdict must be the one the program's header derives from the providers' documentation.
 */
import * as assert from "node:assert/strict";
import { evaluatePolicyPack, Violation } from "../../policy/evaluate";
import { policies } from "../../policy/rules";
import { capture } from "../../offline";
import { CORPUS, Verdict } from "./corpus";

/** Each rule's worst level for a stack: what a user reads off `pulumi preview`. */
export function verdicts(violations: readonly Violation[]): Record<string, Verdict> {
    const result: Record<string, Verdict> = Object.fromEntries(policies.map((p) => [p.name, "pass" as Verdict]));
    for (const v of violations) {
        if (v.level === "mandatory" || result[v.policy] !== "mandatory") result[v.policy] = v.level;
    }
    return result;
}

describe("policy corpus: public AWS ⇄ Google configurations", function () {
    this.timeout(120_000);

    for (const entry of CORPUS) {
        it(`${entry.name} (${entry.source})`, async () => {
            const plan = await capture(entry.program);
            const { violations } = evaluatePolicyPack(plan.resources);
            const expected = { ...verdicts([]), ...entry.expected };
            const shown = violations.map((v) => `[${v.level}] ${v.policy}: ${v.message}`).join("\n");
            assert.deepEqual(verdicts(violations), expected, shown);
        });
    }
});
