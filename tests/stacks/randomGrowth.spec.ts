import * as assert from "node:assert/strict";
import fc from "fast-check";
import { CrossCloudError, ErrorCode } from "@crosscloud/interconnect";
import { Estate, extension, ofExtension, qaConfig } from "./estateModel";
import { fnv1a } from "../../sdk/allocation/slots";

/**
 * Random growth of the example estate: prod gains and loses port pairs (in regions with a shared
 * router and without one), the shared layer gains routers and an environment and is refused the
 * changes that would replace, the backup VPN moves between prod and staging, updates fail half-way
 * and are retried with more changes. After every step: nothing that exists was replaced or deleted
 * but what the step removed, and no two sessions on one Cloud Router overlap, across all stacks.
 */

type Step =
    | { kind: "add"; metro: "iad" | "ord"; region: string; fails: boolean }
    | { kind: "remove"; pick: number }
    | { kind: "router"; region: string }
    | { kind: "environment" }
    | { kind: "move-backup"; fails: boolean }
    | { kind: "reorder" }
    | { kind: "break-shared"; change: number };

/** Regions prod's port pairs may attach in: two with a shared router from the start, two without. */
const REGIONS = ["us-east4", "us-central1", "us-east1", "us-west1"];

const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("add" as const), metro: fc.constantFrom("iad" as const, "ord" as const), region: fc.constantFrom(...REGIONS), fails: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("router" as const), region: fc.constantFrom("us-east1", "us-west1") }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("environment" as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("move-backup" as const), fails: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("reorder" as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("break-shared" as const), change: fc.nat(3) }) },
);

/** Shared-layer changes that would replace what environments are built on. */
const BREAKING: ((c: Record<string, unknown>) => void)[] = [
    (c) => { (c["crosscloud:routers"] as Record<string, number>)["us-east4"] = 65099; },
    (c) => { delete (c["crosscloud:routers"] as Record<string, number>)["us-central1"]; },
    (c) => { (c["crosscloud:environments"] as Record<string, { block: number }>).prod.block = 6; },
    (c) => { c["crosscloud:transitGatewayAsn"] = 64599; },
];

/** Half of what an update would create, chosen by name: what a failed update left. */
const half = (salt: number) => (name: string) => fnv1a(`${salt}${name}`) % 2 === 0;

async function run(steps: Step[]): Promise<void> {
    const estate = new Estate();
    for (const stack of ["shared", "dev", "staging", "prod"]) await estate.up(stack);
    const extensions = new Map<number, string>();
    let next = 1;
    let backupIn = "prod";
    const upEnvironments = async () => {
        for (const stack of estate.stacks.filter((s) => s !== "shared")) await estate.up(stack);
    };
    for (const [i, s] of steps.entries()) {
        if (s.kind === "add") {
            const k = next++;
            estate.editNetwork("prod", (n) => {
                Object.assign(n.primary.dedicated!.ports, extension(k, s.metro, s.region).ports);
                Object.assign(n.primary.dedicated!.attachments, extension(k, s.metro, s.region).attachments);
            });
            extensions.set(k, s.region);
            await estate.up("prod", { ...(s.fails && { fails: half(i) }) });
        } else if (s.kind === "remove" && extensions.size > 0) {
            const k = [...extensions.keys()][s.pick % extensions.size];
            const region = extensions.get(k)!;
            extensions.delete(k);
            estate.editNetwork("prod", (n) => {
                for (const port of Object.keys(extension(k, "iad", region).ports)) delete n.primary.dedicated!.ports[port];
                for (const attachment of Object.keys(extension(k, "iad", region).attachments)) delete n.primary.dedicated!.attachments[attachment];
            });
            // A router prod made for the region goes with its last attachment there.
            const lastThere = ![...extensions.values()].includes(region);
            await estate.up("prod", { removed: (name) => ofExtension(k)(name) || (lastThere && name === `prod-primary-router-${region}`) });
        } else if (s.kind === "router") {
            estate.edit("shared", (c) => { (c["crosscloud:routers"] as Record<string, number>)[s.region] ??= s.region === "us-east1" ? 65030 : 65040; });
            await estate.up("shared");
            await upEnvironments();
        } else if (s.kind === "environment" && !estate.configs.has("qa")) {
            estate.edit("shared", (c) => { (c["crosscloud:environments"] as Record<string, unknown>).qa = { block: 4, directConnectGatewayAsn: 64604 }; });
            await estate.up("shared");
            estate.configs.set("qa", qaConfig());
            await estate.up("qa");
        } else if (s.kind === "move-backup") {
            const to = backupIn === "prod" ? "staging" : "prod";
            const backup = structuredClone(estate.network("prod").backup ?? estate.network("staging").backup);
            estate.editNetwork(backupIn, (n) => { delete n.backup; });
            estate.editNetwork(to, (n) => { n.backup = backup; });
            await estate.up(backupIn, { removed: (name) => name.startsWith(`${backupIn}-backup`) });
            await estate.up(to, { ...(s.fails && { fails: half(i) }) });
            backupIn = to;
        } else if (s.kind === "reorder") {
            estate.editNetwork("prod", (n) => { n.primary.dedicated!.attachments = Object.fromEntries(Object.entries(n.primary.dedicated!.attachments).reverse()); });
            await estate.up("prod");
        } else if (s.kind === "break-shared") {
            const config = estate.configs.get("shared")!;
            estate.edit("shared", BREAKING[s.change]);
            await assert.rejects(estate.plan("shared"), (e) => e instanceof CrossCloudError && e.code === ErrorCode.ReplacementRefused);
            estate.configs.set("shared", config);
        }
        estate.assertNoOverlap();
    }
}

describe("random growth of the estate", () => {
    it("never replaces or deletes what exists but what a step removes, and never overlaps two sessions on a router, over random sequences of growth, removals, moves, shared-layer changes and failed updates", async function () {
        this.timeout(120_000);
        await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 8 }), run), { numRuns: 5, endOnFailure: true });
    });
});
