/**
 * The stack before a change read from its state (`pulumi stack export`, the Automation API's
 * `exportStack()`), as a real rollout reads it: values are real where a plan has `[unknown]`,
 * secrets are encrypted, providers fill defaults in. Modelled on a checkpoint of the deployed
 * program: its resources with inputs, outputs, dependencies, and secrets in the engine's envelope.
 */
import * as assert from "node:assert/strict";
import { CheckpointResource, checkpointResources } from "../../cli/change/against";
import { changeReport } from "../../cli/change/report";
import { stateOfCheckpoint } from "../../cli/change/state";
import { CrossCloudNetwork, CrossCloudNetworkArgs } from "../../components/crossCloudNetwork";
import { TunnelBandwidth } from "../../sdk/bandwidth";
import { CrossCloudNetworkInput } from "../../sdk/plans/crossCloudNetwork";
import { Effect } from "../../sdk/change/types";
import { LinkKind } from "../../sdk/topology";
import { capture, Plan } from "../../offline";
import { network } from "../sdk/plans/crossCloudNetwork.spec";
import { planOf } from "./plans";

const declare = (input: CrossCloudNetworkInput<string>) => () => {
    const { name, ...args } = input;
    new CrossCloudNetwork(name, args as CrossCloudNetworkArgs);
};

/** `pulumi stack export` of a deployed program: what the engine keeps of each resource. */
export function stackExport(plan: Plan): { version: number; deployment: { resources: CheckpointResource[] } } {
    const sealed = (value: unknown, paths: ReadonlySet<string>, at = ""): unknown => {
        if (paths.has(at)) return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:AAAA" };
        if (Array.isArray(value)) return value.map((v, i) => sealed(v, paths, `${at}[${i}]`));
        if (value === null || typeof value !== "object") return value;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sealed(v, paths, at ? `${at}.${k}` : k)]));
    };
    return {
        version: 3,
        deployment: {
            resources: [
                { urn: "urn:pulumi:env::links::pulumi:providers:aws::default_7_48_0", type: "pulumi:providers:aws", custom: true, inputs: { region: "us-east-1" } },
                ...plan.resources.map((r): CheckpointResource => ({
                    urn: r.urn, type: r.type, custom: r.custom, ...(typeof r.outputs.id === "string" && { id: r.outputs.id }),
                    // Bridged providers record the defaults they filled in.
                    inputs: { ...(sealed(r.inputs, new Set(r.secretPaths)) as Record<string, unknown>), ...(r.custom && { __defaults: [] }) },
                    outputs: sealed(r.outputs, new Set(r.secretPaths)) as Record<string, unknown>,
                    parent: r.parent, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies,
                })),
            ],
        },
    };
}

describe("a change against a stack's state", function () {
    this.timeout(60_000);
    const shape = () => network(LinkKind.Dedicated, (n) => { n.backup = { tunnelBandwidth: TunnelBandwidth.Large }; });

    it("reads a checkpoint: its links, what they ride on, its secrets sealed", async () => {
        const deployed = await capture(declare(shape()), { stack: "env", project: "links" });
        const state = stateOfCheckpoint(checkpointResources(stackExport(deployed))!);
        assert.equal(state.topology.links.length, 8);
        assert.ok(Object.values(state.parts).every((p) => p.length >= 4));
        const vif = state.resources.find((r) => r.name === "env-primary-vif-east-a")!;
        assert.equal(vif.inputs.bgpAuthKey, "[secret]");
        assert.ok(!state.resources.some((r) => r.type === "pulumi:providers:aws"), "the engine's default provider is no change of the program's");
    });

    it("finds no change between the deployed program's state and its plan", async () => {
        const deployed = await capture(declare(shape()), { stack: "env", project: "links" });
        const report = changeReport({ before: stateOfCheckpoint(checkpointResources(stackExport(deployed))!), beforeIsState: true, against: "state", after: await planOf(declare(shape())) });
        assert.deepEqual(report.changes.map((c) => `${c.name} ${c.op} ${c.outages.flatMap((o) => o.fields)}`), []);
    });

    it("finds the change a new attachment bandwidth makes, as between two plans", async () => {
        const deployed = await capture(declare(shape()), { stack: "env", project: "links" });
        const after = await planOf(declare(network(LinkKind.Dedicated, (n) => {
            n.backup = { tunnelBandwidth: TunnelBandwidth.Large };
            n.primary.dedicated!.attachments["east-b"].bandwidth = "5Gbps";
        })));
        const report = changeReport({ before: stateOfCheckpoint(checkpointResources(stackExport(deployed))!), beforeIsState: true, against: "state", after });
        // The alarms follow the capacity the change leaves (their descriptions say what survives): they take nothing down.
        const [alarms, links] = partition(report.changes, (c) => /-(alarm|alert)-/.test(c.name));
        assert.deepEqual(links.map((c) => `${c.name} ${c.op} ${c.effect}`), ["env-primary-attachment-east-b update interrupts"]);
        assert.ok(alarms.length > 0 && alarms.every((c) => c.effect === Effect.None), JSON.stringify(alarms.map((c) => `${c.name} ${c.effect}`)));
        assert.deepEqual(report.rollout.steps.map((s) => s.down), [[], ["env-primary-attachment-east-b"]]);
    });
});

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
    return [items.filter(test), items.filter((i) => !test(i))];
}
