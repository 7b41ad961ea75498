/**
 * Programs run the way `pulumi up` and `pulumi preview` run them: Pulumi's own runner
 * (`@pulumi/pulumi/cmd/run`, from the program's node_modules) in a child process, given what the
 * Node language host gives it, against the fake engine over gRPC. The programs live outside the
 * repository. Each group starts its runs at once in `before` (every run pays Node, the SDK and, for
 * TypeScript, ts-node's type check), then asserts.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { CapturedResource, Plan, SIMULATED_AWS_ACCOUNT_ID, UNKNOWN, capture } from "../../offline";
import { ProgramRun, RunOptions, runProgram } from "../../offline/host";
import { outsideRepository, removeProject } from "./fixtures/outside";

const PASSWORD = "random:index/randomPassword:RandomPassword";
const SHARED = { "organization/shared/dev": { description: "shared transit" } };

describe("programs run by Pulumi's runner against the fake engine", function () {
    this.timeout(180_000);
    const projects: string[] = [];
    after(() => projects.forEach(removeProject));

    /** Starts a run now; a failure to start surfaces where the run is awaited. */
    function start(dir: string, options: Omit<RunOptions, "dir"> = {}): Promise<ProgramRun> {
        projects.push(dir);
        const run = runProgram({ dir, ...options });
        run.catch(() => undefined);
        return run;
    }

    describe("a JavaScript program over both clouds", () => {
        let dir: string;
        let run: ProgramRun;

        before(async () => {
            dir = outsideRepository("link");
            run = await start(dir, { config: { presharedKey: "correct-horse" }, secretKeys: ["presharedKey"], stackOutputs: SHARED });
            assert.equal(run.exitCode, 0, `${run.errors.join("\n")}\n${run.stderr}`);
        });

        it("starts the runner as the Node language host does", () => {
            const { args, cwd, env } = run.invocation;
            const address = args[args.indexOf("--monitor") + 1];
            const sync = args[args.indexOf("--sync") + 1];
            assert.deepEqual(args, [
                require.resolve("@pulumi/pulumi/cmd/run"), // resolved from the program, through its node_modules link
                "--monitor", address, "--engine", address, "--sync", sync,
                "--organization", "organization", "--project", "link", "--root-directory", dir, "--stack", "dev", "--pwd", dir,
                "--parallel", args[args.indexOf("--parallel") + 1],
                ".",
            ]);
            assert.match(address, /^127\.0\.0\.1:\d+$/);
            assert.equal(cwd, dir);
            assert.deepEqual(JSON.parse(env.PULUMI_CONFIG), { "aws:config:region": "eu-west-1", "link:config:asn": "65010", "link:config:presharedKey": "correct-horse" });
            assert.deepEqual(JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS), ["link:presharedKey"]);
            assert.equal(env.PULUMI_NODEJS_TYPESCRIPT, undefined, "Pulumi.yaml turns TypeScript off");
        });

        it("records the component and its children with the engine's URNs, parents, providers and dependencies", () => {
            const stack = run.named("link-dev");
            const link = run.named("link");
            assert.equal(stack.type, "pulumi:pulumi:Stack");
            assert.equal(link.parent, stack.urn);
            assert.equal(link.urn, "urn:pulumi:dev::link::link:index:Link::link");
            assert.deepEqual(run.childrenOf(link).map((r) => r.name).sort(), ["link-cgw", "link-gateway", "link-network", "link-router", "link-vpn"]);

            const vpn = run.named("link-vpn");
            const customerGateway = run.named("link-cgw");
            const tgw = run.named("tgw");
            assert.equal(vpn.urn, "urn:pulumi:dev::link::link:index:Link$aws:ec2/vpnConnection:VpnConnection::link-vpn", "a child's type is qualified by its parent's");
            assert.equal(vpn.provider, "urn:pulumi:dev::link::pulumi:providers:aws::aws-east::aws-east-id", "children follow the component's providers");
            assert.equal(run.named("link-network").provider, undefined, "a package the component was given no provider for gets the default one");
            assert.deepEqual(vpn.propertyDependencies.customerGatewayId, [customerGateway.urn]);
            assert.deepEqual(vpn.propertyDependencies.transitGatewayId, [tgw.urn]);
            assert.ok(vpn.dependencies.includes(run.named("link-router").urn), "explicit dependsOn");
            assert.deepEqual([vpn.protect, vpn.secretPaths], [true, ["tunnel1PresharedKey"]]);
            assert.equal(vpn.inputs.tunnel1PresharedKey, "correct-horse");
        });

        it("answers with the simulated clouds, labelled as simulated, through the engine", () => {
            const gateway = run.named("link-gateway");
            const customerGateway = run.named("link-cgw");
            const interfaces = gateway.outputs.vpnInterfaces as { ipAddress: string }[];
            assert.equal(customerGateway.inputs.ipAddress, interfaces[0].ipAddress, "an output of one cloud fed an input of the other");
            assert.deepEqual(gateway.simulated.vpnInterfaces, interfaces);
            assert.match(String(run.named("link-network").simulated.selfLink), /^https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/.+\/global\/networks\/link-network$/);
            assert.match(String(run.named("tgw").simulated.arn), /^arn:aws:ec2:eu-west-1:123456789012:transit-gateway\/tgw-id$/, "the engine reads the stack's config too");
            assert.equal(run.named("link-vpn").simulated.tunnel1Address, run.outputs.tunnelAddress);
            const existing = run.named("existing");
            assert.equal(existing.outputs.id, "vpc-0123456789abcdef0");
            assert.deepEqual(Object.keys(existing.simulated), ["arn"], "a read resource keeps the id it asked for");
        });

        it("keeps the stack outputs, which of them are secret, and the program's log", () => {
            assert.deepEqual(run.outputs, {
                account: SIMULATED_AWS_ACCOUNT_ID,
                existingVpc: "vpc-0123456789abcdef0",
                presharedKey: "correct-horse",
                routerName: "link-router",
                transitGatewayArn: run.named("tgw").outputs.arn,
                tunnelAddress: run.named("link-vpn").outputs.tunnel1Address,
            });
            assert.deepEqual(run.secretOutputs, ["presharedKey"]);
            assert.deepEqual(run.named("tgw").inputs.description, "shared transit", "read from the referenced stack");
            assert.ok(run.logs.some((l) => l.severity === "info" && l.message === "linking dev"), JSON.stringify(run.logs));
            assert.deepEqual(run.errors, []);
        });

        it("records what the in-process engine records for the same program", async () => {
            const { default: program } = (await import(path.join(dir, "index.js"))) as { default: () => unknown };
            const inProcess = await capture(program, {
                project: "link",
                config: { "aws:region": "eu-west-1", "link:asn": 65010, "link:presharedKey": "correct-horse" },
                stackOutputs: SHARED,
            });
            assert.deepEqual(comparable(run), comparable(inProcess));
        });
    });

    describe("a TypeScript program, type-checked", () => {
        let dir: string;
        let preview: ProgramRun;
        let update: ProgramRun;
        let broken: ProgramRun;

        before(async () => {
            dir = outsideRepository("typed");
            const mistyped = outsideRepository("typed", { "index.ts": 'const length: number = "twelve";\nexport { length };\n' });
            [preview, update, broken] = await Promise.all([
                start(dir, { preview: true, config: { length: 16 } }),
                start(dir, { config: { length: 16 } }),
                start(mistyped),
            ]);
        });

        it("turns TypeScript on as Pulumi.yaml says, with ts-node and TypeScript from the program's node_modules", () => {
            assert.equal(update.invocation.env.PULUMI_NODEJS_TYPESCRIPT, "true");
            const found = (what: string) => update.logs.find((l) => l.severity === "debug" && l.message.startsWith(`Found ${what} version`))?.message;
            assert.match(found("ts-node") ?? "", /^Found ts-node version: 10\.9\.2 at .*\/node_modules\/ts-node\//);
            assert.match(found("typescript") ?? "", /^Found typescript version 5\.9\.3 at .*\/node_modules\/typescript\//);
        });

        it("previews: ids and computed outputs unknown, the ones the provider declares secret already secret", () => {
            assert.equal(preview.exitCode, 0, `${preview.errors.join("\n")}\n${preview.stderr}`);
            assert.ok(preview.invocation.args.includes("--dry-run"));
            assert.deepEqual(preview.outputs, { dryRun: true, passwordId: UNKNOWN, result: UNKNOWN });
            const password = preview.named("password");
            assert.deepEqual(password.outputs, { length: 16, special: false, id: UNKNOWN, result: UNKNOWN, bcryptHash: UNKNOWN });
            assert.deepEqual(preview.secretOutputs, ["result"], "the exported result is a secret before its value is known");
        });

        it("updates: ids and computed outputs made up, and secret where the provider says so", () => {
            assert.equal(update.exitCode, 0, `${update.errors.join("\n")}\n${update.stderr}`);
            assert.ok(!update.invocation.args.includes("--dry-run"));
            const password = update.named("password");
            assert.equal(password.type, PASSWORD);
            assert.deepEqual(update.outputs, { dryRun: false, passwordId: "password-id", result: password.simulated.result });
            assert.match(String(password.simulated.result), /^[0-9a-f]{16}$/);
            assert.ok(password.additionalSecretOutputs.includes("result"));
            assert.deepEqual(update.secretOutputs, ["result"], "additionalSecretOutputs make the output a secret");
        });

        it("fails on a type error, with the compiler's message", () => {
            assert.equal(broken.exitCode, 32, "the runner logged the error itself");
            assert.match(broken.errors.join("\n"), /error TS2322: Type 'string' is not assignable to type 'number'/);
            assert.deepEqual(broken.ofType(PASSWORD), []);
        });
    });

    describe("programs that fail", () => {
        const project = (index: string) => outsideRepository(undefined, {
            "Pulumi.yaml": "name: failing\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
            "index.js": `"use strict";\nconst pulumi = require("@pulumi/pulumi");\n${index}`,
        });
        let throwing: ProgramRun;
        let unknownInvoke: ProgramRun;
        let duplicate: ProgramRun;

        before(async () => {
            [throwing, unknownInvoke, duplicate] = await Promise.all([
                start(project('throw new Error("no links were declared: declare at least one link");\n')),
                start(project('const { getAvailabilityZonesOutput } = require("@pulumi/aws/getAvailabilityZones");\nexports.zones = getAvailabilityZonesOutput().names;\n')),
                start(project('const { RandomPassword } = require("@pulumi/random/randomPassword");\nnew RandomPassword("twice", { length: 8 });\nnew RandomPassword("twice", { length: 9 });\n')),
            ]);
        });

        it("a program that throws: the runner's exit code and the error reach the caller", () => {
            assert.equal(throwing.exitCode, 32);
            assert.match(throwing.errors.join("\n"), /failed with an unhandled exception:\nError: no links were declared: declare at least one link/);
        });

        it("an invoke the simulated clouds do not know fails the program, naming it", () => {
            assert.equal(unknownInvoke.exitCode, 32);
            assert.match(unknownInvoke.errors.join("\n"), /aws:index\/getAvailabilityZones:getAvailabilityZones \(add it to offline\/invokes\.ts\)/);
        });

        it("a second resource with the same URN is refused, as the engine refuses it", () => {
            assert.notEqual(duplicate.exitCode, 0);
            assert.match(duplicate.errors.join("\n"), /Duplicate resource URN 'urn:pulumi:dev::failing::random:index\/randomPassword:RandomPassword::twice'; try giving it a unique name/);
            assert.equal(duplicate.ofType(PASSWORD).length, 1);
        });
    });
});

/**
 * Resources by type and name, with every URN in them replaced by the same key: the in-process
 * engine's URNs are the SDK mock's, the fake engine's are the Pulumi engine's.
 */
function comparable(plan: Plan): Record<string, unknown> {
    const key = (urn: string) => {
        const [, , qualifiedType, name] = urn.split("::");
        return `${qualifiedType.split("$").pop()}::${name}`;
    };
    const provider = (reference: string | undefined) => {
        const at = reference?.lastIndexOf("::") ?? -1;
        return reference === undefined ? undefined : `${key(reference.slice(0, at))}::${reference.slice(at + 2)}`;
    };
    const resource = (r: CapturedResource) => ({
        ...r,
        urn: undefined,
        parent: r.parent === undefined ? undefined : key(r.parent),
        provider: provider(r.provider),
        dependencies: r.dependencies.map(key).sort(),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map(key).sort()])),
    });
    return { outputs: plan.outputs, resources: Object.fromEntries(plan.resources.map((r) => [key(r.urn), resource(r)])) };
}
