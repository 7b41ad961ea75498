/**
 * The real rollouts' side of the Automation API, against a stack that answers as a LocalWorkspace or
 * RemoteWorkspace stack does (no Pulumi CLI here): the preview's steps are kept, the state is read,
 * a step goes to `up` as its targets, a workspace that cannot target refuses steps, and the health
 * check between steps runs the stage's command.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Deployment, EngineEvent, UpdateSummary } from "@pulumi/pulumi/automation";
import { RolloutMode } from "../../cli/args";
import { ChangeReport } from "../../cli/change/types";
import { CliError } from "../../cli/errors";
import { Project } from "../../cli/project";
import { engineRunner, EngineStack, Targets } from "../../cli/rollout/engine";
import { healthCheck } from "../../cli/rollout/health";
import { applySteps, StepRecord } from "../../cli/rollout/index";
import { StageRunner } from "../../cli/rollout/stageRunner";
import { Stage } from "../../cli/rolloutFile";
import { RolloutStep, StepKind } from "../../sdk/change/rollout";

const STAGE: Stage = { stack: "prod", strict: true };
const STEP: RolloutStep = {
    index: 1, kind: StepKind.Disrupt, targets: ["urn:a", "urn:b"], changes: ["a", "b"], down: ["link-a"], added: [], removed: [], verdicts: [], waitFor: ["link-a"],
};

/** A stack that records what it was asked, and answers with one preview step and one policy event. */
function fakeStack(resources: unknown[] = []): EngineStack & { ups: (Partial<Targets> | undefined)[] } {
    const ups: (Partial<Targets> | undefined)[] = [];
    return {
        ups,
        async preview({ onEvent }) {
            onEvent({ sequence: 1, timestamp: 0, resourcePreEvent: { metadata: { op: "replace", urn: "urn:a", type: "gcp:compute/vPNTunnel:VPNTunnel", keys: ["cipherSuite"], diffs: ["cipherSuite"], provider: "" } } } as EngineEvent);
            onEvent({ sequence: 2, timestamp: 0, policyEvent: { policyName: "sla-shape", policyPackName: "p", policyPackVersion: "1", policyPackVersionTag: "1", enforcementLevel: "warning", message: "m", color: "never" } } as EngineEvent);
            return {};
        },
        async up(options) {
            ups.push(options.target === undefined ? undefined : { target: options.target, targetDependents: options.targetDependents });
            return { summary: { result: "succeeded", resourceChanges: { replace: 2 } } as unknown as UpdateSummary };
        },
        async exportStack() {
            return { version: 3, deployment: { resources } } as Deployment;
        },
    };
}

const healthy = async () => ({ healthy: true as const, note: "ok" });

describe("the Automation API rollouts", () => {
    it("keeps the preview's step for each resource and counts its policy events", async () => {
        const stack = fakeStack();
        const runner = engineRunner(async () => stack, { appliesSteps: true, healthy });
        assert.deepEqual(await runner.preview(STAGE), { mandatory: 0, advisory: 1 });
        assert.deepEqual([...runner.previewSteps("prod")!], [["urn:a", { op: "replace", type: "gcp:compute/vPNTunnel:VPNTunnel", diffs: ["cipherSuite"], keys: ["cipherSuite"] }]]);
    });

    it("applies a step as `up` with its targets and none of their dependents, and the rest as a plain `up`", async () => {
        const stack = fakeStack();
        const runner = engineRunner(async () => stack, { appliesSteps: true, healthy });
        assert.equal(await runner.up(STAGE, STEP), "succeeded: 2 replace");
        await runner.up(STAGE);
        assert.deepEqual(stack.ups, [{ target: ["urn:a", "urn:b"], targetDependents: false }, undefined]);
    });

    it("refuses a step where the workspace cannot target resources (Pulumi Deployments), before touching the stack", async () => {
        const stack = fakeStack();
        const runner = engineRunner(async () => stack, { appliesSteps: false, healthy });
        await assert.rejects(runner.up(STAGE, STEP), (e: unknown) => e instanceof CliError && /cannot apply a change in steps/.test(e.message));
        assert.deepEqual(stack.ups, []);
    });

    it("reads the stack's state: nothing deployed, or its links", async () => {
        assert.equal((await engineRunner(async () => fakeStack(), { appliesSteps: true, healthy }).before(STAGE)).state, undefined);
        const deployed = fakeStack([{ urn: "urn:pulumi:prod::p::pulumi:pulumi:Stack::p-prod", type: "pulumi:pulumi:Stack" }, {
            urn: "urn:pulumi:prod::p::gcp:networkconnectivity/transport:Transport::t", type: "gcp:networkconnectivity/transport:Transport", custom: true,
            inputs: { region: "us-east4", bandwidth: "BPS_10G" }, outputs: { region: "us-east4", bandwidth: "BPS_10G" },
        }]);
        const before = await engineRunner(async () => deployed, { appliesSteps: true, healthy }).before(STAGE);
        assert.equal(before.isState, true);
        assert.deepEqual(before.state!.topology.links.map((l) => [l.id, l.mbps]), [["t", 10000]]);
    });
});

describe("waiting between steps", () => {
    const project = { dir: os.tmpdir() } as Project;
    const wait = { intervalMs: 1, timeoutMs: 50 };

    it("runs the stage's health check with the step's links until it passes", async () => {
        const check = healthCheck(project, wait);
        const health = await check({ ...STAGE, healthCheck: 'test "$CROSSCLOUD_STACK/$CROSSCLOUD_STEP/$CROSSCLOUD_LINKS" = "prod/1/link-a"' }, STEP);
        assert.deepEqual(health, { healthy: true, note: "healthy after 1 check" });
    });

    it("stops once the wait runs out, and without a health check stops after the step, to be resumed", async () => {
        const failing = await healthCheck(project, wait)({ ...STAGE, healthCheck: "exit 1" }, STEP);
        assert.equal(failing.healthy, false);
        assert.match(failing.healthy ? "" : failing.reason, /did not pass within .* for link-a/);
        const none = await healthCheck(project, wait)(STAGE, STEP);
        assert.match(none.healthy ? "" : none.reason, /step 1 applied; check that link-a is healthy .* run the rollout again: it resumes from the stack's state/);
    });

    it("goes on after a step that took no link down and brought none, with or without a health check", async () => {
        const quiet = { ...STEP, down: [], added: [], waitFor: [] };
        for (const stage of [STAGE, { ...STAGE, healthCheck: "exit 1" }]) assert.deepEqual(await healthCheck(project, wait)(stage, quiet), { healthy: true, note: "nothing to wait for" });
    });
});

describe("applying the steps", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crosscloud-steps-"));
    const project = { dir } as Project;
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const step = (index: number): RolloutStep => ({ ...STEP, index, targets: [`urn:${index}`], down: [`link-${index}`], waitFor: [`link-${index}`] });
    const report = (steps: RolloutStep[]) => ({ rollout: { steps, refused: [], allAtOnce: [] } }) as unknown as ChangeReport;

    /** A runner that records its updates, fails the one asked to, and is healthy or not between steps. */
    function runner(options: { failAt?: number; healthy?: boolean } = {}) {
        const ups: (string[] | undefined)[] = [];
        const r: StageRunner = {
            appliesSteps: true,
            preview: async () => ({ mandatory: 0, advisory: 0 }),
            before: async () => ({ isState: true, label: "state" }),
            async up(_, s) {
                ups.push(s?.targets);
                if (options.failAt !== undefined && s?.index === options.failAt) throw new CliError("update of prod failed: boom", "Run `pulumi up -s prod`.");
                return "succeeded";
            },
            healthy: async () => (options.healthy === false ? { healthy: false, reason: "check link-1" } : { healthy: true, note: "ok" }),
        };
        return { r, ups };
    }

    it("targets each step but the last, which is a plain update, and records each as applied", async () => {
        const { r, ups } = runner();
        const record = new StepRecord(project, "prod", RolloutMode.Local, report([step(1), step(2), step(3)]));
        assert.deepEqual(await applySteps(STAGE, "[1/1] prod", report([step(1), step(2), step(3)]), r, record), { result: "3 steps: succeeded" });
        assert.deepEqual(ups, [["urn:1"], ["urn:2"], undefined]);
        const file = JSON.parse(fs.readFileSync(path.join(dir, "crosscloud-out", "rollout-prod.json"), "utf8"));
        assert.deepEqual(file.steps.map((s: { status: string }) => s.status), ["applied", "applied", "applied"]);
    });

    it("a failed step says which, what applied before it, and where the steps are; the next steps do not run", async () => {
        const { r, ups } = runner({ failAt: 2 });
        const record = new StepRecord(project, "prod", RolloutMode.Local, report([step(1), step(2), step(3)]));
        const outcome = await applySteps(STAGE, "[1/1] prod", report([step(1), step(2), step(3)]), r, record);
        assert.equal(outcome.result, "failed at step 2 of 3");
        assert.match(outcome.stop!, /step 2 of 3 failed, 1 step before it applied \(.*rollout-prod\.json\): update of prod failed: boom .* resumes from the stack's state/);
        assert.deepEqual(ups, [["urn:1"], ["urn:2"]]);
        const file = JSON.parse(fs.readFileSync(path.join(dir, "crosscloud-out", "rollout-prod.json"), "utf8"));
        assert.deepEqual([file.steps.map((s: { status: string }) => s.status), file.paused], [["applied", "pending", "pending"], "step 2 failed: update of prod failed: boom"]);
    });

    it("stops after a step whose links are not seen healthy", async () => {
        const { r, ups } = runner({ healthy: false });
        const record = new StepRecord(project, "prod", RolloutMode.Local, report([step(1), step(2)]));
        const outcome = await applySteps(STAGE, "[1/1] prod", report([step(1), step(2)]), r, record);
        assert.deepEqual([outcome.result, ups], ["paused after step 1 of 2", [["urn:1"]]]);
        assert.match(outcome.stop!, /^prod: check link-1 \(steps: .*rollout-prod\.json\)$/);
    });
});
