/**
 * The README is the front door, and it tells the truth: its example programs are the files in
 * examples/ (run from an installed copy by the consumer spec), and every command it shows is run by
 * a test — here, with the output it shows checked against what the command prints, or by the spec
 * named for it below, which holds the evidence string where it runs the command.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { embeddedFiles, README_PATH, renderReadme } from "../scripts/readme";
import { capture } from "../offline";

const ROOT = path.dirname(README_PATH);

const SHARED_OUTPUTS = {
    network: "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit",
    transitGatewayId: "tgw-0shared",
    routers: { "us-east4": { name: "shared-router-us-east4", asn: 65010 }, "us-central1": { name: "shared-router-us-central1", asn: 65020 } },
};

/** Commands the README shows that another file runs: the file, and the string that marks where. */
const RUN_ELSEWHERE: Record<string, { file: string; evidence: string }> = {
    "npm ci": { file: ".ci/run", evidence: "npm ci" },
    "npm test": { file: ".ci/run", evidence: "npm test" },
    "npm pack": { file: "scripts/consumer.ts", evidence: '"pack"' },
    "npm install ./crosscloud-interconnect-0.1.0.tgz": { file: "scripts/consumer.ts", evidence: "[MANIFEST.name]: `file:${path.basename(packed.tarball)}`" },
    "npm install @pulumi/pulumi @pulumi/aws @pulumi/gcp @pulumi/random": { file: "scripts/consumer.ts", evidence: "MANIFEST.peerDependencies" },
    "pulumi preview -s prod --policy-pack policy --policy-pack-config policy/config/prod.json": { file: "tests/policy/served.spec.ts", evidence: "startPolicyPack(POLICY_DIR" },
};

/** Commands this spec runs, in the repository, as the README shows them. */
const RUN_HERE = [
    "npm start",
    "npm run -s plan -- --stack staging --policy-config policy/config/prod.json",
    "npm run rollout -- --offline",
    "npm run rollout",
    "npm run rollout -- --remote --org ORG --repo-url URL",
    "npm run -s plan -- --stack prod --config stacks/changes/prod-standard-tunnels.yaml --against stacks/changes/prod-ready.yaml",
    "npm run -s plan -- --stack prod --config stacks/changes/prod-new-port.yaml --against stacks/changes/prod-new-port-ordered.yaml",
    "npm run -s plan -- --stack prod --against stacks/changes/estate-group14.json",
    "npm run -s plan -- --stack staging --config stacks/changes/staging-20g.yaml --against stacks/Pulumi.staging.yaml",
    "npm run rollout -- --offline --against stacks/changes/estate-group14.json",
    "npm run rollout -- --offline --against stacks/changes/estate-group14.json --accept-window prod",
];

/** Commands that write the same step files (crosscloud-out/rollout-<stack>.json) run one after another. */
const SERIAL = (command: string) => command.startsWith("npm run rollout");

interface Shown {
    command: string;
    /** The output lines the README shows after it; `…` stands for lines left out, or the rest of a line. */
    output: string[];
}

/** Every command in the README's code blocks: each line of an `sh` block, and each `$ ` line of a transcript with the lines after it. */
function shownCommands(readme: string): Shown[] {
    const shown: Shown[] = [];
    for (const [, lang, body] of readme.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
        if (lang === "sh") {
            for (const line of body.split("\n").map(withoutComment).filter((l) => l !== "")) shown.push({ command: line, output: [] });
        } else if (lang === "") {
            for (const line of body.split("\n")) {
                if (line.startsWith("$ ")) shown.push({ command: withoutComment(line.slice(2)), output: [] });
                else if (shown.length > 0 && body.includes(`$ ${shown[shown.length - 1].command}`) && line.trim() !== "") shown[shown.length - 1].output.push(line);
            }
        }
    }
    return shown;
}

function withoutComment(line: string): string {
    return line.replace(/\s+#.*$/, "").trim();
}

/** Each shown line appears in `actual`, in order; a `…` line skips ahead, a `…` inside a line matches anything. */
function missingLines(shown: string[], actual: string): string[] {
    const lines = actual.split("\n").map((l) => l.trimEnd());
    let at = 0;
    const missing: string[] = [];
    for (const line of shown) {
        if (line.trim() === "…") continue;
        const pattern = new RegExp(`^${line.trimEnd().split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
        const found = lines.findIndex((l, i) => i >= at && pattern.test(l));
        if (found < 0) missing.push(line);
        else at = found + 1;
    }
    return missing;
}

function npmRun(command: string): Promise<string> {
    const args = command.split(" ").slice(1);
    const npmCli = process.env.npm_execpath;
    const [program, argv] = npmCli?.endsWith(".js") ? [process.execPath, [npmCli, ...args]] : ["npm", args];
    return new Promise((resolve, reject) => {
        const child = spawn(program, argv, { cwd: ROOT, env: { ...process.env, PULUMI_ACCESS_TOKEN: "", PATH: withoutPulumi(process.env.PATH) } });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("error", reject);
        child.on("close", () => resolve(output));
    });
}

/** The README shows what a machine without the Pulumi CLI prints. */
function withoutPulumi(value: string | undefined): string {
    return (value ?? "").split(path.delimiter).filter((dir) => !dir.includes(".pulumi")).join(path.delimiter);
}

describe("README", function () {
    this.timeout(180_000);
    const readme = readFileSync(README_PATH, "utf8");
    const shown = shownCommands(readme);
    const outputs = new Map<string, Promise<string>>();
    before(() => {
        // A few at a time: every command loads the providers, on a machine of two cores.
        const parallel = RUN_HERE.filter((c) => !SERIAL(c));
        const lanes: Promise<unknown>[] = [0, 1, 2].map(() => Promise.resolve());
        parallel.forEach((command, i) => {
            const run = lanes[i % lanes.length].then(() => npmRun(command));
            lanes[i % lanes.length] = run;
            outputs.set(command, run);
        });
        let serial: Promise<unknown> = Promise.resolve();
        for (const command of RUN_HERE.filter(SERIAL)) {
            const run = serial.then(() => npmRun(command));
            serial = run;
            outputs.set(command, run);
        }
    });

    it("embeds every component's example exactly as the file reads", () => {
        assert.deepEqual(embeddedFiles(readme), [
            "examples/haVpn.ts", "examples/managedInterconnect.ts", "examples/dedicatedInterconnect.ts", "examples/crossCloudNetwork.ts",
        ]);
        assert.equal(readme, renderReadme(readme), "README examples drifted from examples/: run `npm run readme`");
    });

    it("shows the set-up commands", () => {
        for (const command of ["npm ci", "npm start", "npm test"]) assert.ok(shown.some((s) => s.command === command), command);
    });

    it("shows only commands a test runs, and every command a test runs for it is still shown", () => {
        const known = new Set([...RUN_HERE, ...Object.keys(RUN_ELSEWHERE)]);
        assert.deepEqual(shown.map((s) => s.command).filter((c) => !known.has(c)), [], "a command the README shows that no test runs");
        assert.deepEqual([...known].filter((c) => !shown.some((s) => s.command === c)), [], "a command no longer in the README");
    });

    for (const [command, { file, evidence }] of Object.entries(RUN_ELSEWHERE)) {
        it(`${command}: run by ${file}`, () => {
            assert.ok(readFileSync(path.join(ROOT, file), "utf8").includes(evidence), `${file} no longer holds ${evidence}`);
        });
    }

    for (const command of RUN_HERE) {
        it(`${command}: prints what the README shows`, async () => {
            const actual = await outputs.get(command)!;
            const lines = shown.filter((s) => s.command === command).flatMap((s) => s.output);
            assert.deepEqual(missingLines(lines, actual), [], actual.slice(-4000));
        });
    }

    it("the matcher finds a changed line", () => {
        assert.deepEqual(missingLines(["a", "…", "c 1 …"], "a\nb\nc 1 2"), []);
        assert.deepEqual(missingLines(["a", "c 2"], "a\nb\nc 1"), ["c 2"]);
        assert.deepEqual(missingLines(["b", "a"], "a\nb"), ["a"], "in order");
    });

    it("runs the CrossCloudNetwork example: 99.99%, 20 Gbps after any single failure", async () => {
        const plan = await capture(() => import("../examples/crossCloudNetwork"), {
            stack: "prod",
            stackOutputs: { "organization/crosscloud/shared": SHARED_OUTPUTS },
        });
        assert.deepEqual(plan.outputs, { slaTier: "99.99", minSurvivingGbps: 20, singlePointsOfFailure: [] });
        assert.equal(plan.ofType("interconnect:index:DedicatedInterconnect").length, 1);
        assert.equal(plan.ofType("interconnect:index:HaVpn").length, 1);
    });
});
