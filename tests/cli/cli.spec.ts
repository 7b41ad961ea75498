/**
 * End to end: the real `crosscloud` command (the build's `bin`) in a child process, as a user runs
 * it. Every scenario starts at once in `before` (each spawn pays the providers' load), then is asserted.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertUserError, crosscloud, MANIFEST, node, ROOT, Run } from "./run";

const EDGE = path.relative(ROOT, path.join(__dirname, "fixtures/edge"));
const ESTATE_STACKS = ["shared", "dev", "staging", "prod"];

/** What `npm start` runs, with extra arguments. */
function npmStart(...args: string[]): Promise<Run> {
    const [command, ...script] = MANIFEST.scripts.start.split(" ");
    assert.equal(command, "node");
    return node([...script, ...args]);
}

/**
 * A throwaway project outside the repository: its node_modules is this repository's (so it loads
 * the same @pulumi/pulumi as the CLI), unless `ownSdk` gives it a copy of its own.
 */
function project(parent: string, name: string, program: string, options: { ownSdk?: boolean } = {}): string {
    const dir = path.join(parent, name);
    fs.mkdirSync(path.join(dir, "stacks"), { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nstackConfigDir: stacks\n`);
    fs.writeFileSync(path.join(dir, "stacks", "Pulumi.dev.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    if (options.ownSdk) {
        fs.mkdirSync(path.join(dir, "node_modules", "@pulumi", "pulumi"), { recursive: true });
        fs.writeFileSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"), '{ "name": "@pulumi/pulumi", "version": "3.999.0" }\n');
    } else {
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    }
    return dir;
}

describe("crosscloud CLI", function () {
    this.timeout(180_000);

    const runs: Record<string, Promise<Run>> = {};
    const svgDir = fs.mkdtempSync(path.join(os.tmpdir(), "crosscloud-svg-"));
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "crosscloud-projects-"));
    before(() => {
        const broken = project(scratch, "broken", "const x: number = ;\n");
        const needsPackage = project(scratch, "needs-package", 'import "@acme/not-installed";\n');
        const ownSdk = project(scratch, "own-sdk", "export {};\n", { ownSdk: true });
        runs.estate = npmStart("--out", svgDir);
        runs.estateProd = crosscloud("plan", "--stack", "prod", "--json");
        runs.ready = crosscloud("plan", "--cwd", "tests/cli/fixtures/ready", "--stack", "cci", "--json");
        runs.planDev = crosscloud("plan", "--cwd", EDGE, "--stack", "dev", "--json");
        runs.rollout = crosscloud("rollout", "--offline", "--cwd", EDGE);
        runs.throwing = crosscloud("plan", "--cwd", EDGE, "--stack", "odd");
        runs.missingConfig = crosscloud("plan", "--cwd", EDGE, "--stack", "bare");
        runs.unknownStack = crosscloud("plan", "--cwd", EDGE, "--stack", "qa");
        runs.missingDir = crosscloud("plan", "--cwd", "no/such/project");
        runs.unknownFlag = crosscloud("plan", "--stak", "dev");
        runs.help = crosscloud("plan", "-h");
        runs.unwritableOut = crosscloud("plan", "--cwd", EDGE, "--out", path.join(ROOT, "package.json", "diagrams"));
        runs.syntaxError = crosscloud("plan", "--cwd", broken, "--stack", "dev");
        runs.missingPackage = crosscloud("plan", "--cwd", needsPackage, "--stack", "dev");
        runs.otherSdk = crosscloud("plan", "--cwd", ownSdk, "--stack", "dev");
        runs.besideProject = crosscloud("plan", "--cwd", EDGE, "--stack", "net");
        const typo = path.join(svgDir, "typo.json");
        fs.writeFileSync(typo, JSON.stringify({ all: "advisory", "bgp-hygeine": "mandatory" }));
        runs.unknownPolicy = crosscloud("plan", "--cwd", EDGE, "--stack", "dev", "--policy-config", typo);
    });

    after(() => {
        fs.rmSync(svgDir, { recursive: true, force: true });
        fs.rmSync(scratch, { recursive: true, force: true });
        fs.rmSync(path.join(ROOT, EDGE, "crosscloud-out"), { recursive: true, force: true });
    });

    describe("npm start: the estate", () => {
        let run: Run;
        before(async () => (run = await runs.estate));

        it("plans every stack, shared first, and passes", () => {
            assert.equal(run.status, 0, run.stderr);
            const order = ESTATE_STACKS.map((stack) => run.stdout.indexOf(`━━ stack ${stack} ━━`));
            assert.ok(order.every((at) => at >= 0), run.stdout);
            assert.ok(order.slice(1).every((at) => at > order[0]), "shared comes first");
            assert.match(run.stderr, /planning crosscloud\/shared …/);
        });

        it("shows each stack's resources, topology, resilience and policy verdicts", () => {
            for (const section of [
                /^resources: \d+ resources to create$/m, /^```mermaid\nflowchart LR$/m, /^resilience:\n {2}(\d+ Gbps in total|no cross-cloud links found)/m,
                /^alarms \(each single failure of a ready link → what opens on each cloud → declared severity\):\n {2}\d+ alarms?: \d+ CloudWatch, \d+ Cloud Monitoring$/m,
                /^policy:\n {2}(passed|\d+ mandatory)/m,
            ]) {
                assert.equal(run.stdout.match(new RegExp(section, "gm"))?.length, ESTATE_STACKS.length, String(section));
            }
            assert.match(run.stdout, /single failure +links cut +surviving Gbps/);
            // prod as committed: only its HA VPN is ready, and each failure of it opens an alarm on both clouds.
            assert.match(run.stdout, /^ {2}tunnel prod-backup-tunnel-0 +requirement-breached +prod-alarm-tunnels-prod-backup-vpn-0 \+1 +prod-alert-tunnel-prod-backup-tunnel-0 \+1$/m);
            assert.match(run.stdout, /^ {2}10 of 10 single failures open an alarm$/m);
        });

        it("writes a topology SVG per stack", () => {
            for (const stack of ESTATE_STACKS) {
                assert.match(fs.readFileSync(path.join(svgDir, `crosscloud-${stack}.svg`), "utf8"), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
            }
            // Each ready link says how many alarms read it on each cloud; an ordered one says nothing yet.
            const prod = fs.readFileSync(path.join(svgDir, "crosscloud-prod.svg"), "utf8");
            assert.match(prod, />prod-backup-tunnel-0: ha-vpn backup, 3 Gbps · alarms AWS 4, Google 4</);
            assert.doesNotMatch(prod, /prod-primary-port-iad-1[^<]*alarms/);
            assert.doesNotMatch(prod, /stroke="#c00"/, "no link goes unwatched");
        });
    });

    describe("plan --json of one estate stack", () => {
        it("plans shared first, feeds its outputs to prod's StackReference, and rebuilds prod's topology", async () => {
            const run = await runs.estateProd;
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stderr, /prod reads stack shared: planning shared first/);
            const plan = JSON.parse(run.stdout);
            assert.equal(plan.stack, "prod");
            const reference = plan.resources.find((r: { type: string }) => r.type === "pulumi:pulumi:StackReference");
            assert.equal(reference.name, "organization/crosscloud/shared");
            const kinds = new Set(plan.topology.links.map((l: { kind: string }) => l.kind));
            assert.deepEqual([...kinds].sort(), ["dedicated", "ha-vpn"]);
            assert.ok(plan.resilience.failures.length > 0);
            assert.ok(Array.isArray(plan.policy.violations));
        });
    });

    it("shows every generated key as [secret] in a preview, as Pulumi would: MD5 keys on both ends, pre-shared keys", async () => {
        const ready = await runs.ready;
        assert.equal(ready.status, 0, ready.stderr);
        const resources = (JSON.parse(ready.stdout) as { resources: { name: string; inputs: Record<string, unknown> }[] }).resources;
        const keys = resources.flatMap((r) => [
            ...("bgpAuthKey" in r.inputs ? [[r.name, r.inputs.bgpAuthKey]] : []),
            ...("md5AuthenticationKey" in r.inputs ? [[r.name, (r.inputs.md5AuthenticationKey as { key: unknown }).key]] : []),
            ...["tunnel1PresharedKey", "tunnel2PresharedKey", "sharedSecret"].filter((k) => k in r.inputs).map((k) => [`${r.name}.${k}`, r.inputs[k]]),
        ]);
        // 2 VIFs and 2 peers (one MD5 key each, both ends), 2 VPN connections × 2 tunnels, 4 Google tunnels.
        assert.equal(keys.length, 2 + 2 + 4 + 4, JSON.stringify(keys));
        for (const [where, shown] of keys) assert.equal(shown, "[secret]", String(where));
    });

    describe("plan --json of a raw-resource program", () => {
        let run: Run;
        let plan: Record<string, unknown>;
        before(async () => {
            run = await runs.planDev;
            plan = JSON.parse(run.stdout);
        });

        it("exits 1 on a mandatory violation, and stdout holds only the plan document", () => {
            assert.equal(run.status, 1, run.stderr);
            assert.deepEqual(Object.keys(plan), ["stack", "config", "outputs", "resources", "topology", "parts", "resilience", "policy", "monitoring", "diagnostics"]);
            assert.equal(plan.stack, "dev");
        });

        it("plans the referenced stack first and reports progress on stderr", () => {
            assert.match(run.stderr, /dev reads stack net: planning net first/);
            assert.ok(run.stderr.indexOf("planning edge/net") < run.stderr.lastIndexOf("planning edge/dev"));
        });

        it("lists resources with their inputs, secrets as [secret], deploy-time values as [unknown]", () => {
            const resources = plan.resources as { urn: string; type: string; name: string; inputs: Record<string, unknown>; dependencies: string[] }[];
            for (const r of resources) {
                assert.deepEqual(Object.keys(r).filter((k) => !["parent", "provider", "propertyDependencies", "ignoreChanges"].includes(k)), ["urn", "type", "name", "inputs", "dependencies", "custom"]);
            }
            const vpn = resources.find((r) => r.name === "dev-vpn-0")!;
            assert.equal(vpn.type, "aws:ec2/vpnConnection:VpnConnection");
            assert.equal(vpn.inputs.tunnel1PresharedKey, "[secret]");
            // The Transit Gateway's id comes from stack net, where it is not known before deploy.
            assert.equal(vpn.inputs.transitGatewayId, "[unknown]");
            assert.equal(vpn.inputs.tunnel1InsideCidr, "169.254.10.0/30");
            // The account id an invoke returned is the harness's invention, not AWS's answer.
            assert.equal(resources.find((r) => r.name === "dev-transport")!.inputs.remoteAccountId, "[unknown]");
            const aws = resources.find((r) => r.type === "aws-native:interconnect:Connection")!;
            assert.equal(aws.inputs.activationKey, "[secret]");
            assert.equal((plan.config as Record<string, string>)["edge:preSharedKeys"], "[secret]");
            assert.deepEqual(plan.outputs, { gatewayName: "dev-havpn", tunnels: 2, preSharedKeys: "[secret]" });
            assert.doesNotMatch(run.stdout, /v1:|secret:edge/, "neither ciphertext nor stand-ins are shown");
        });

        it("draws the topology from the raw resources and analyses each failure", () => {
            const topology = plan.topology as { links: { id: string; kind: string; group: string }[] };
            assert.deepEqual(topology.links.map((l) => `${l.kind} ${l.group} ${l.id}`).sort(), [
                "ha-vpn dev-havpn dev-tunnel-0", "ha-vpn dev-havpn dev-tunnel-1", "managed managed dev-transport",
            ]);
            const resilience = plan.resilience as { totalMbps: number; failures: { kind: string; id: string; survivingMbps: number; carriers: Record<string, string[]> }[] };
            assert.equal(resilience.totalMbps, 12500);
            const connectionDown = resilience.failures.find((f) => f.kind === "managedConnection")!;
            assert.equal(connectionDown.id, "dev-connection");
            assert.equal(connectionDown.survivingMbps, 2500, "the two tunnels survive");
            // With the managed connection gone, the tunnels carry the traffic both ways.
            assert.deepEqual(connectionDown.carriers, { awsToGoogle: ["dev-havpn"], googleToAws: ["dev-havpn"] });
        });

        it("tells which failures no alarm of the program watches, and which no metric can", () => {
            const monitoring = plan.monitoring as { alarms: unknown[]; failures: { failure: string; status: string; aws: string[]; google: string[] }[] };
            assert.deepEqual(monitoring.alarms, []);
            const status = Object.fromEntries(monitoring.failures.map((f) => [f.failure, f.status]));
            assert.equal(status["managedConnection dev-connection"], "no metric");
            assert.equal(status["tunnel dev-tunnel-0"], "unwatched");
            const { violations } = plan.policy as { violations: { policy: string; message: string }[] };
            assert.ok(violations.some((v) => v.policy === "failure-domains-watched" && /No CloudWatch alarm or alert policy watches the stack's links/.test(v.message)));
        });

        it("names what each link rides on, on both clouds: what a change to any of them can take down", () => {
            const parts = plan.parts as Record<string, { urn: string; role: string; awsTunnel?: number }[]>;
            const shown = (link: string) => parts[link].map((p) => `${p.urn.slice(p.urn.lastIndexOf("::") + 2)} ${p.role}${p.awsTunnel ? ` ${p.awsTunnel}` : ""}`);
            assert.deepEqual(shown("dev-tunnel-1"), [
                "dev-tunnel-1 tunnel", "dev-havpn ha-vpn-gateway", "dev-peer peer-gateway", "dev-vpn-0 vpn-connection 2", "dev-cgw-0 customer-gateway",
                "dev-router cloud-router", "dev-if-1 router-interface", "dev-peer-1 bgp-peer",
            ]);
            assert.deepEqual(shown("dev-transport"), ["dev-transport transport", "dev-connection managed-connection", "dev-dxgw dx-gateway"]);
        });

        it("reports the policy verdicts", () => {
            const { violations } = plan.policy as { violations: { policy: string; level: string; urn?: string; message: string }[] };
            const incomplete = violations.filter((v) => v.policy === "ha-vpn-complete" && v.level === "mandatory");
            assert.ok(incomplete.length > 0, JSON.stringify(violations, null, 2));
            assert.ok(incomplete.every((v) => typeof v.message === "string" && v.urn?.startsWith("urn:pulumi:dev::edge::")));
        });
    });

    describe("rollout --offline", () => {
        it("stops at the first stack with a mandatory violation and does not run the later ones", async () => {
            const run = await runs.rollout;
            assert.equal(run.status, 1, run.stderr);
            assert.match(run.stdout, /net\s+0 mandatory, 0 advisory\s+planned \d+ resources/);
            assert.match(run.stdout, /dev\s+[1-9]\d* mandatory, \d+ advisory\s+stopped/);
            assert.match(run.stdout, /prod\s+-\s+not run/);
            assert.match(run.stdout, /stopped at dev: \d+ mandatory policy violations?/);
            assert.match(run.stderr, /\[2\/3\] dev: preview with the policy pack/);
            assert.doesNotMatch(run.stderr, /planning edge\/prod/);
        });
    });

    describe("errors", () => {
        it("a program that throws: its message and where, exit 1", async () => {
            assertUserError(await runs.throwing, 1, /stack odd: the program failed: edge:tunnels is 3; an HA VPN to AWS has 2 or 4 tunnels/, /at tests\/cli\/fixtures\/edge\/index\.ts:\d+/);
        });

        it("a missing config value: the key and the file to set it in, exit 1", async () => {
            assertUserError(await runs.missingConfig, 1, /missing required configuration value edge:routerAsn/, /Pulumi\.bare\.yaml/);
        });

        it("an unknown stack: the stacks there are, exit 2", async () => {
            assertUserError(await runs.unknownStack, 2, /no stack "qa"/, /bare, dev, net, odd, prod/);
        });

        it("a missing directory, exit 2", async () => {
            assertUserError(await runs.missingDir, 2, /no such directory: .*no\/such\/project/);
        });

        it("an unknown flag, exit 2", async () => {
            assertUserError(await runs.unknownFlag, 2, /Unknown option '--stak'/, /crosscloud --help/);
        });

        it("a policy config naming a policy the pack does not have, exit 2, naming the known ones", async () => {
            assertUserError(await runs.unknownPolicy, 2, /typo\.json: "bgp-hygeine" is not a policy of this pack; its policies are .*bgp-hygiene/, /policy config JSON file/);
        });

        it("an unwritable --out: the path, exit 2, before anything is planned", async () => {
            const run = await runs.unwritableOut;
            assertUserError(run, 2, /cannot write diagrams to .*package\.json\/diagrams \(ENOTDIR\)/, /--out a folder you can write to/);
            assert.doesNotMatch(run.stderr, /planning/);
        });

        it("a syntax error: its file, line and the compiler's message, exit 1", async () => {
            assertUserError(await runs.syntaxError, 1, /stack dev: the program does not compile: .*index\.ts:1: .*(Expression expected|TS1109)/);
        });

        it("a package the program needs is not installed: that, and the install command, not \"fix the program\"", async () => {
            const run = await runs.missingPackage;
            assertUserError(run, 1, /needs @acme\/not-installed, which is not installed/, /npm install @acme\/not-installed/);
            assert.doesNotMatch(run.stderr, /Fix the program/);
        });

        it("a project with its own @pulumi/pulumi: why it cannot run on this crosscloud, and how to run it", async () => {
            assertUserError(await runs.otherSdk, 1, /loads @pulumi\/pulumi from .*own-sdk.*and this crosscloud runs on the one in/, /npx crosscloud plan/);
        });
    });

    describe("help and diagrams", () => {
        it("-h after a command prints the usage, exit 0", async () => {
            const run = await runs.help;
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stdout, /^crosscloud — plan Pulumi programs offline/);
            assert.match(run.stdout, /crosscloud --help/);
        });

        it("writes diagrams beside the planned project without --out", async () => {
            const run = await runs.besideProject;
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stdout, /SVG: tests\/cli\/fixtures\/edge\/crosscloud-out\/edge-net\.svg/);
            assert.ok(fs.existsSync(path.join(ROOT, EDGE, "crosscloud-out", "edge-net.svg")));
        });
    });
});
