/**
 * The example estate's changes: the README's "before" of the cipher change is current, and every
 * resource a link of the estate rides on has its change rules.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Planner } from "../../cli/planner";
import { PlanDocument } from "../../cli/planStack";
import { loadProject } from "../../cli/project";
import { GROUP14_FIXTURE, group14Fixture } from "../../scripts/changes";
import { CHANGE_RULES } from "../../sdk/change/rules";

const ROOT = path.resolve(__dirname, "../..");

describe("the estate's changes", function () {
    this.timeout(120_000);
    let fixture: string;
    const documents: PlanDocument[] = [];
    before(async () => {
        fixture = await group14Fixture();
        const planner = new Planner(loadProject(ROOT), () => undefined);
        for (const stack of ["shared", "dev", "staging", "prod"]) documents.push(await planner.plan(stack));
        for (const variant of ["prod-ready", "prod-new-port"]) documents.push(await planner.planWith("prod", path.join(ROOT, "stacks", "changes", `${variant}.yaml`)));
    });

    it("stacks/changes/estate-group14.json is the estate as planned with the proposal at DH group 14 (rerun scripts/changes.ts if not)", () => {
        assert.equal(fs.readFileSync(GROUP14_FIXTURE, "utf8"), fixture, "stale: node -r ./scripts/register.js scripts/changes.ts");
        const plans = JSON.parse(fixture) as PlanDocument[];
        assert.deepEqual(plans.map((p) => p.stack), ["shared", "dev", "staging", "prod"]);
        const vpn = plans.find((p) => p.stack === "dev")!.resources.find((r) => r.name === "dev-primary-vpn-0")!;
        assert.deepEqual([vpn.inputs.tunnel1Phase1DhGroupNumbers, vpn.inputs.tunnel2Phase2DhGroupNumbers], [[14], [14]]);
    });

    it("every resource a link rides on, in every stage of the estate, has its change rules", () => {
        const riding = new Set<string>();
        for (const d of documents) {
            const types = new Map(d.resources.map((r) => [r.urn, r.type]));
            for (const parts of Object.values(d.parts)) for (const p of parts) riding.add(types.get(p.urn)!);
        }
        assert.ok(riding.size >= 12, `${riding.size}: ${[...riding].join(", ")}`);
        assert.deepEqual([...riding].filter((t) => !(t in CHANGE_RULES)), []);
    });
});
