import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { className, criticalPath, deployGraph, GraphResource } from "../../bench/dependencyGraph";
import { median, parseResult, RESULT_MARKER, runChild } from "../../bench/measure";
import { formatTable } from "../../bench/report";
import { target } from "../../bench/scenarios/scenario";
import { loadProgram, pulumiModulesImported } from "../../bench/scenarios/startup";
import { UNAVOIDABLE } from "../../bench/unavoidableChains";
import { Variant, WorkloadName, WORKLOADS } from "../../bench/workloads";
import { replicateEnvironment } from "../../bench/workloads/policyEstate";
import { capture, CapturedResource } from "../../offline";

/** A custom resource of a tiny graph: `waits` are the names it depends on. */
function resource(name: string, waits: string[] = [], extra: Partial<GraphResource> = {}): GraphResource {
    return { urn: `urn:${name}`, type: `test:index/${name}:${name.toUpperCase()}`, name, custom: true, dependencies: [], propertyDependencies: { input: waits.map((w) => `urn:${w}`) }, ...extra };
}

const names = (path: GraphResource[]) => path.map((r) => r.name);

describe("bench helpers (no timing)", () => {
    describe("median", () => {
        it("takes the middle value, or the mean of the middle two", () => {
            assert.equal(median([5, 1, 3]), 3);
            assert.equal(median([4, 1, 3, 2]), 2.5);
            assert.equal(median([7]), 7);
            assert.throws(() => median([]), RangeError);
        });
    });

    describe("child results", () => {
        it("finds the marked line among whatever else a child prints", () => {
            assert.deepEqual(parseResult(`warning: noise\n${RESULT_MARKER}{"ms":12}\nmore noise\n`), { ms: 12 });
            assert.equal(parseResult("nothing marked\n"), undefined);
        });

        it("runs a load probe in a child process and reads its report", async () => {
            const run = await runChild<{ ms: number; rssMb: number }>(["-e", loadProgram(["node:os", "node:path"])], { plainNode: true });
            assert.equal(run.exitCode, 0);
            assert.ok(run.result && run.result.ms >= 0 && run.result.rssMb > 0, JSON.stringify(run.result));
        });
    });

    describe("critical path", () => {
        it("is the longest chain of dependencies, counted in resources, first created first", () => {
            // a → b → c → d is longer than a → d and e → d.
            const graph = deployGraph([resource("a"), resource("b", ["a"]), resource("c", ["b"]), resource("d", ["a", "c", "e"]), resource("e")]);
            assert.deepEqual(names(criticalPath(graph)), ["a", "b", "c", "d"]);
        });

        it("reads explicit dependencies too, and a dependency on a component as one on its resources", () => {
            const component: GraphResource = { ...resource("comp"), custom: false };
            const graph = deployGraph([
                component,
                resource("inner1", [], { parent: "urn:comp" }),
                resource("inner2", ["inner1"], { parent: "urn:comp" }),
                resource("after", [], { dependencies: ["urn:comp"] }),
            ]);
            assert.deepEqual(names(criticalPath(graph)), ["inner1", "inner2", "after"]);
        });

        it("leaves out providers, reads and parent links", () => {
            const graph = deployGraph([
                resource("provider", [], { type: "pulumi:providers:aws" }),
                resource("ref", [], { type: "pulumi:pulumi:StackReference" }),
                resource("x", ["provider", "ref"]),
                resource("child", [], { parent: "urn:x" }),
            ]);
            assert.deepEqual([...graph.nodes.keys()].sort(), ["urn:child", "urn:x"]);
            assert.equal(criticalPath(graph).length, 1);
        });

        it("refuses a cycle", () => {
            assert.throws(() => criticalPath(deployGraph([resource("a", ["b"]), resource("b", ["a"])])), /cycle/);
        });

        it("names resources by class", () => {
            assert.equal(className("gcp:compute/vPNTunnel:VPNTunnel"), "VPNTunnel");
        });
    });

    describe("unavoidable chains", () => {
        for (const [key, { chain, edges }] of Object.entries(UNAVOIDABLE)) {
            it(`${key}: every edge starts where the one before it ended, and says why`, () => {
                edges.forEach((edge, i) => {
                    assert.equal(edge.from, chain[i]);
                    assert.equal(edge.to, chain[i + 1]);
                    assert.ok(edge.field.length > 0 && edge.why.length > 0);
                });
            });
        }
    });

    describe("start-up", () => {
        it("lists the Pulumi modules imported at run time, not type-only imports", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-spec-"));
            try {
                fs.mkdirSync(path.join(dir, "sub"));
                fs.writeFileSync(path.join(dir, "a.ts"), 'import * as ec2 from "@pulumi/aws/ec2";\nimport type { Input } from "@pulumi/pulumi";\n');
                fs.writeFileSync(path.join(dir, "sub", "b.ts"), 'import {\n    Router,\n} from "@pulumi/gcp/compute";\nimport * as fs from "node:fs";\n');
                assert.deepEqual(pulumiModulesImported(dir), ["@pulumi/aws/ec2", "@pulumi/gcp/compute"]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("report", () => {
        it("pads columns to the widest cell and underlines the header", () => {
            assert.equal(formatTable([["a", "bb"], ["ccc", "d"]]), "a    bb\n───  ──\nccc  d");
        });

        it("judges a target only when there is a value", () => {
            assert.equal(target("t", 2, 1, "×").met, false);
            assert.equal(target("t", 1, 1, "×").met, true);
            assert.equal(target("t", null, 1, "×", "skipped").met, null);
        });
    });

    describe("policy estate", () => {
        it("copies the environment whole, each copy under names of its own, the shared resources once", () => {
            const environment = [
                { urn: "urn:stack", name: "stack" },
                { urn: "urn:env0000-vpn", name: "env0000-vpn", inputs: { router: "env0000-router" } },
                { urn: "urn:env0000-tgw", name: "env0000-tgw", parent: "urn:stack" },
            ] as unknown as CapturedResource[];
            const copies = replicateEnvironment(environment, 6);
            assert.equal(copies.length, 7, "the stack, then three copies of two");
            assert.equal(new Set(copies.map((r) => r.urn)).size, 7);
            assert.deepEqual(copies[3].inputs, { router: "env0001-router" });
        });
    });

    describe("overhead workloads", () => {
        // The overhead ratio means something only if the raw program registers what the components do.
        const customResources = (resources: readonly CapturedResource[]) => {
            const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
            return new Map(resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => [r.name, {
                type: r.type,
                inputs: r.inputs,
                protect: r.protect,
                from: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((u) => nameOf.get(u)).sort()])),
            }]));
        };
        for (const workload of Object.keys(WORKLOADS) as WorkloadName[]) {
            it(`${workload}: the raw program registers the components' resources with the same inputs and wiring`, async () => {
                const [ours, raw] = await Promise.all((["component", "raw"] as Variant[]).map((v) => capture(WORKLOADS[workload].program(v, 1))));
                const [expected, actual] = [customResources(ours.resources), customResources(raw.resources)];
                assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
                for (const [name, resource] of expected) assert.deepEqual(actual.get(name), resource, name);
            });
        }
    });
});
