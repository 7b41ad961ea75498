/**
 * A component package served the way the Pulumi CLI serves it to programs in other languages:
 * Pulumi's plugin host (`@pulumi/pulumi/cmd/run-plugin`, from the package's node_modules) in a child
 * process, asked for its schema and to construct a component as the engine asks, the component's
 * children registering on the fake engine's monitor. The package lives outside the repository.
 */
import * as assert from "node:assert/strict";
import { PluginHost, secretInput, startPlugin } from "../../offline/host";
import { outsideRepository, removeProject } from "./fixtures/outside";

describe("a component package served by Pulumi's plugin host", function () {
    this.timeout(180_000);
    let dir: string;
    let plugin: PluginHost;

    before(async () => {
        dir = outsideRepository("widgets");
        plugin = await startPlugin({ dir, project: "consumer", stack: "prod" });
    });

    after(async () => {
        await plugin?.stop();
        removeProject(dir);
    });

    it("is started as the Node language host starts a plugin", () => {
        assert.deepEqual(plugin.process.args, [require.resolve("@pulumi/pulumi/cmd/run-plugin"), dir, plugin.engine.address]);
        assert.equal(plugin.process.env.PULUMI_NODEJS_TYPESCRIPT, "true", "PulumiPlugin.yaml leaves TypeScript on");
        assert.equal(plugin.process.env.PULUMI_PROJECT, "consumer");
    });

    it("describes the package its TypeScript declares", async () => {
        const schema = await plugin.getSchema();
        assert.deepEqual([schema.name, schema.namespace, schema.version], ["widgets", "toy", "1.2.3"]);
        const widget = (schema.resources as Record<string, Record<string, unknown>>)["widgets:index:Widget"];
        assert.equal(widget.isComponent, true);
        assert.deepEqual(widget.inputProperties, {
            length: { type: "number", description: "Length of the widget's key." },
            label: { type: "string", optional: true, description: "Shown with the widget." },
        });
        assert.deepEqual(widget.requiredInputs, ["length"]);
        assert.deepEqual(Object.keys(widget.properties as object).sort(), ["key", "label"]);
    });

    it("constructs a component whose child registers on the engine, secrets kept", async () => {
        const constructed = await plugin.construct("widgets:index:Widget", "front", { length: 12, label: secretInput("blue") });
        assert.equal(constructed.urn, "urn:pulumi:prod::consumer::widgets:index:Widget::front");

        const [widget, key] = [constructed.plan.named("front"), constructed.plan.named("front-key")];
        assert.equal(widget.parent, "urn:pulumi:prod::consumer::pulumi:pulumi:Stack::consumer-prod");
        assert.equal(key.parent, constructed.urn);
        assert.equal(key.urn, "urn:pulumi:prod::consumer::widgets:index:Widget$random:index/randomPassword:RandomPassword::front-key");
        assert.deepEqual(key.inputs, { length: 12, special: false });
        assert.match(String(key.simulated.result), /^[0-9a-f]{12}$/);

        assert.deepEqual(constructed.state, { key: key.simulated.result, label: "blue" });
        assert.deepEqual(constructed.secretPaths.sort(), ["key", "label"], "a secret input stays secret; the key is secret by the provider's additionalSecretOutputs");
        assert.deepEqual(constructed.stateDependencies.key, [key.urn]);
    });

    it("refuses a component it does not have", async () => {
        await assert.rejects(plugin.construct("widgets:index:Gadget", "nope", {}), /Component class not found for 'Gadget'/);
    });
});
