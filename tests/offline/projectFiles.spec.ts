/**
 * What the hosts read before they start a process: project files as the CLI and the Node language
 * host read them, and what each resource type declares, from the provider SDKs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { declaredPropertiesFrom } from "../../offline/host/declared";
import { programLocation, readProjectFile, readStackConfig, splitArguments } from "../../offline/host/project";
import { outsideRepository, removeProject } from "./fixtures/outside";

const ROOT = path.resolve(__dirname, "../..");

describe("what the hosts read", () => {
    let dir: string;
    beforeEach(() => {
        dir = outsideRepository(undefined);
    });
    afterEach(() => removeProject(dir));

    const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

    describe("project files", () => {
        it("take a bare runtime name, TypeScript on", () => {
            write("PulumiPlugin.yaml", "runtime: nodejs\n");
            assert.deepEqual(readProjectFile(dir, "PulumiPlugin.yaml").runtime, { typescript: true, tsconfig: undefined, nodeargs: [] });
        });

        it("take the runtime's options", () => {
            write("Pulumi.yaml", [
                "name: demo",
                "main: src/",
                "runtime:",
                "  name: nodejs",
                "  options:",
                "    typescript: false",
                "    tsconfig: tsconfig.build.json",
                `    nodeargs: --max-old-space-size=4096 --title "demo program"`,
            ].join("\n"));
            const project = readProjectFile(dir, "Pulumi.yaml");
            assert.deepEqual([project.name, project.main], ["demo", "src/"]);
            assert.deepEqual(project.runtime, { typescript: false, tsconfig: "tsconfig.build.json", nodeargs: ["--max-old-space-size=4096", "--title", "demo program"] });
        });

        it("refuse what the Node host would refuse", () => {
            write("Pulumi.yaml", "name: demo\nruntime:\n  name: nodejs\n  options:\n    typescript: \"yes\"\n");
            assert.throws(() => readProjectFile(dir, "Pulumi.yaml"), /runtime\.options\.typescript must be a boolean, got "yes"/);
            write("Pulumi.yaml", "name: demo\nruntime: python\n");
            assert.throws(() => readProjectFile(dir, "Pulumi.yaml"), /runtime is "python"; only nodejs programs run here/);
            assert.throws(() => readProjectFile(dir, "PulumiPolicy.yaml"), /PulumiPolicy\.yaml does not exist/);
        });
    });

    it("split nodeargs as a shell would", () => {
        assert.deepEqual(splitArguments(""), []);
        assert.deepEqual(splitArguments(`  --a  --b='x y' "" c`), ["--a", "--b=x y", "", "c"]);
        assert.throws(() => splitArguments(`--title "open`), /Unterminated quote/);
    });

    it("run a main directory from inside it and a main file from its directory", () => {
        fs.mkdirSync(path.join(dir, "src"));
        write("src/app.js", "");
        assert.deepEqual(programLocation(dir, undefined), { programDirectory: dir, entryPoint: "." });
        assert.deepEqual(programLocation(dir, "src/"), { programDirectory: path.join(dir, "src"), entryPoint: "." });
        assert.deepEqual(programLocation(dir, "src/app.js"), { programDirectory: path.join(dir, "src"), entryPoint: "app.js" });
        assert.throws(() => programLocation(dir, "lib/"), /project 'main' could not be read/);
    });

    it("read a stack's config with full keys, structured values as JSON, and refuse encrypted ones", () => {
        fs.mkdirSync(path.join(dir, "stacks"));
        write("stacks/Pulumi.dev.yaml", "config:\n  aws:region: eu-west-1\n  asn: 65010\n  links:\n    - name: a\n");
        const project = { name: "demo", stackConfigDir: "stacks", runtime: { typescript: true, nodeargs: [] } };
        assert.deepEqual(readStackConfig(dir, project, "dev"), { "aws:region": "eu-west-1", "demo:asn": "65010", "demo:links": '[{"name":"a"}]' });
        assert.deepEqual(readStackConfig(dir, project, "prod"), {}, "a stack without a file has no config");
        write("stacks/Pulumi.prod.yaml", "config:\n  demo:psk:\n    secure: AAABAKx\n");
        assert.throws(() => readStackConfig(dir, project, "prod"), /demo:psk is encrypted/);
    });
});

describe("what a resource type declares", () => {
    const declared = declaredPropertiesFrom(ROOT);

    it("is every property its generated class assigns, inputs and outputs", () => {
        for (const [type, properties] of [
            ["aws:ec2/vpc:Vpc", ["arn", "cidrBlock", "tagsAll"]],
            ["gcp:compute/network:Network", ["name", "selfLink", "autoCreateSubnetworks"]],
            ["random:index/randomPassword:RandomPassword", ["length", "result", "bcryptHash"]],
            ["aws-native:interconnect:Connection", ["arn", "activationKey"]],
            ["pulumi:providers:gcp", ["project", "region"]],
        ] as const) {
            const set = declared(type);
            assert.ok(properties.every((p) => set.has(p)), `${type} declares ${[...set].join(", ")}`);
        }
        assert.ok(!declared("gcp:compute/router:Router").has("arn"));
    });

    it("is nothing for a type whose package is not installed", () => {
        assert.deepEqual([...declared("acme:index:Widget")], []);
        assert.deepEqual([...declared("aws:ec2/noSuchThing:NoSuchThing")], []);
    });
});
