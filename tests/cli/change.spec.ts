/**
 * `crosscloud plan --against` and `crosscloud rollout --offline --against` as users run them: the
 * build's bin in a child process, on the estate's changes (stacks/changes/).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertUserError, crosscloud, ROOT, Run } from "./run";

const CHANGES = "stacks/changes";
const STEPS = path.join(ROOT, "crosscloud-out");

/** A usage error: exit 2, the error and its fix, and no stack trace. */
function assertUsageError(run: Run, ...mentions: RegExp[]): void {
    assertUserError(run, 2, ...mentions);
}

describe("crosscloud: change safety", function () {
    this.timeout(240_000);
    const svgDir = fs.mkdtempSync(path.join(os.tmpdir(), "crosscloud-change-"));
    const runs: Record<string, Promise<Run>> = {};
    let rollout: Run;
    let windowed: Run;
    const stepFiles: Record<string, { steps: { status: string; down: string[] }[]; refused: unknown[] }> = {};

    before(async () => {
        const tunnels = ["--stack", "prod", "--config", `${CHANGES}/prod-standard-tunnels.yaml`, "--against", `${CHANGES}/prod-ready.yaml`];
        runs.table = crosscloud("plan", ...tunnels, "--out", svgDir);
        runs.json = crosscloud("plan", ...tunnels, "--json");
        runs.cipher = crosscloud("plan", "--stack", "dev", "--against", `${CHANGES}/estate-group14.json`, "--json");
        runs.configWithoutStack = crosscloud("plan", "--config", `${CHANGES}/prod-ready.yaml`);
        runs.missingAgainst = crosscloud("plan", "--stack", "prod", "--against", "no/such/plan.json");
        runs.configAgainstAll = crosscloud("plan", "--against", `${CHANGES}/prod-ready.yaml`);
        runs.notAPlan = crosscloud("plan", "--stack", "prod", "--against", "package.json");
        runs.localAgainst = crosscloud("rollout", "--against", `${CHANGES}/estate-group14.json`);
        runs.unknownWindow = crosscloud("rollout", "--offline", "--accept-window", "qa");
        // The two rollouts write the same step files: one after the other.
        rollout = await crosscloud("rollout", "--offline", "--against", `${CHANGES}/estate-group14.json`);
        for (const stack of ["dev", "prod"]) stepFiles[stack] = JSON.parse(fs.readFileSync(path.join(STEPS, `rollout-${stack}.json`), "utf8"));
        windowed = await crosscloud("rollout", "--offline", "--against", `${CHANGES}/estate-group14.json`, "--accept-window", "prod");
    });

    after(() => fs.rmSync(svgDir, { recursive: true, force: true }));

    describe("plan --against", () => {
        it("prints the impact table, the requirement, the whole update, the rollout's steps and the sources", async () => {
            const run = await runs.table;
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stdout, /^change against stacks\/changes\/prod-ready\.yaml: 49 resource changes \(33 to update, 15 to replace, 1 to delete\)$/m);
            assert.match(run.stdout, /^ {2}replace +prod-backup-vpn-0 +replaced: the VPN connection \(both tunnels\) +prod-backup-tunnel-0, prod-backup-tunnel-1 +minutes: .*\(typical\) +holds +\[1\]$/m);
            assert.match(run.stdout, /^ {4}prod-backup-vpn-0: tunnelBandwidth; then Google's peer gateway and tunnels take the new outside addresses and keys/m);
            assert.match(run.stdout, /^ {2}requirement: CrossCloudNetwork prod 20 Gbps after any single failure; policy cross-cloud-bandwidth 10 Gbps after any single failure$/m);
            assert.match(run.stdout, /^ {2}all at once, as one plain `pulumi up`: 4 links down; holds/m);
            // The alarms' descriptions follow the backup's new capacity: one line, not a row each, and a first step of their own.
            assert.match(run.stdout, /^ {2}and 34 changes to resources no link rides \(33 to update, 1 to delete: prod-alarm-.*\): none$/m);
            assert.doesNotMatch(run.stdout, /^ {2}update +prod-alarm-/m);
            assert.match(run.stdout, /^rollout: 2 steps$/m);
            assert.match(run.stdout, /^ {4}adds and updates in place; holds \(nothing goes down\)$/m);
            assert.match(run.stdout, /^ {2}\[1\] AWS Site-to-Site VPN: tunnel bandwidth options.*: https:\/\/docs\.aws\.amazon\.com\//m);
        });

        it("greys out in the SVG the links the change takes down", () => {
            const drawn = fs.readFileSync(path.join(svgDir, "crosscloud-prod.svg"), "utf8");
            assert.equal(drawn.match(/prod-backup-tunnel-\d: ha-vpn backup, 1250 Mbps · alarms AWS 3, Google 3 \(down during the change\)/g)?.length, 4);
            assert.equal(drawn.match(/<polyline [^>]*stroke="#bbbbbb"/g)?.length, 4);
            assert.doesNotMatch(drawn, /attachment-east-a[^<]*down during/);
        });

        it("puts the same in the JSON, for CI", async () => {
            const run = await runs.json;
            assert.equal(run.status, 0, run.stderr);
            const { change } = JSON.parse(run.stdout);
            assert.equal(change.against, "stacks/changes/prod-ready.yaml");
            assert.deepEqual(change.down, ["prod-backup-tunnel-0", "prod-backup-tunnel-1", "prod-backup-tunnel-2", "prod-backup-tunnel-3"]);
            const vpn = change.changes.find((c: { name: string }) => c.name === "prod-backup-vpn-0");
            assert.deepEqual([vpn.op, vpn.effect, vpn.outages[0].source.url], ["replace", "replaced", "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html"]);
            assert.ok(change.allAtOnce.every((v: { holds: boolean }) => v.holds));
            assert.deepEqual(change.rollout.steps.map((s: { down: string[] }) => s.down.length), [0, 4]);
        });

        it("compares with a plan saved earlier: dev's cipher change goes one VPN connection of each family at a time", async () => {
            const run = await runs.cipher;
            assert.equal(run.status, 0, run.stderr);
            const { change } = JSON.parse(run.stdout);
            // dev is dual stack: IPv4 traffic cannot ride the IPv6 tunnels, so each family keeps a connection up.
            assert.deepEqual(change.rollout.steps.map((s: { down: string[] }) => s.down), [
                ["dev-primary-tunnel-0", "dev-primary-tunnel-1", "dev-primary-tunnel-v6-0", "dev-primary-tunnel-v6-1"],
                ["dev-primary-tunnel-2", "dev-primary-tunnel-3", "dev-primary-tunnel-v6-2", "dev-primary-tunnel-v6-3"],
            ]);
            assert.equal(change.allAtOnce[0].holds, false);
        });

        it("usage errors, exit 2: --config without --stack, a missing file, a stack config for every stack, a file that is no plan", async () => {
            assertUsageError(await runs.configWithoutStack, /--config needs --stack/);
            assertUsageError(await runs.missingAgainst, /no such file: .*no\/such\/plan\.json/);
            assertUsageError(await runs.configAgainstAll, /--against prod-ready\.yaml describes one stack/, /--stack/);
            assertUsageError(await runs.notAPlan, /package\.json is neither a crosscloud plan, nor a Pulumi stack state/);
        });
    });

    describe("rollout --offline --against", () => {
        it("splits dev's cipher change into one VPN connection of each family per step, and refuses prod's, which its backup alone carries", () => {
            assert.equal(rollout.status, 1, rollout.stderr);
            assert.match(rollout.stdout, /^ {2}dev +0 mandatory, 0 advisory +2 steps: planned 74 resources/m);
            assert.match(rollout.stdout, /^ {2}prod +0 mandatory, 0 advisory +refused$/m);
            assert.match(rollout.stdout, /^stopped at prod: 2 change groups cannot be applied while the requirement holds: .*6 Gbps stay up, below the 12 Gbps the links carry now .*--accept-window/m);
            assert.match(rollout.stderr, /dev: would run pulumi up -s dev --target ×22/);
            assert.deepEqual(stepFiles.dev.steps.map((s) => [s.status, s.down.length]), [["applied", 4], ["applied", 4]]);
            assert.deepEqual([stepFiles.prod.steps.length, stepFiles.prod.refused.length], [0, 2]);
        });

        it("with a window accepted for prod, applies each refused group in a step of its own", () => {
            assert.equal(windowed.status, 0, windowed.stderr);
            assert.match(windowed.stdout, /^ {2}prod +0 mandatory, 0 advisory +2 steps: planned 58 resources/m);
            assert.match(windowed.stderr, /step 1 \(window\): .*\n {4}takes down, in the window you accepted, prod-backup-tunnel-0, prod-backup-tunnel-1; BREAKS/);
        });

        it("usage errors, exit 2: --against without --offline, a window for a stack the rollout has not", async () => {
            assertUsageError(await runs.localAgainst, /--against is for --offline/);
            assertUsageError(await runs.unknownWindow, /--accept-window qa: no such stage/, /shared, dev, staging, prod/);
        });
    });
});
