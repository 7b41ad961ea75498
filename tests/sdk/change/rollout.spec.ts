import * as assert from "node:assert/strict";
import fc from "fast-check";
import { ChangeImpact, UpdateImpact } from "../../../sdk/change/impact";
import { judge, Requirement } from "../../../sdk/change/requirement";
import { planRollout, RolloutPlan, StepKind } from "../../../sdk/change/rollout";
import { ChangeOp, Effect, LinkPart, PartRole, ResourceState, StackState } from "../../../sdk/change/types";
import { Link, LinkKind, LinkRole, LinkStage, Topology } from "../../../sdk/topology";

/**
 * A random estate: links with failure domains, each riding a resource of its own and some shared
 * ones; random changes to those resources (in place, interrupting, replacing, unknown), new links
 * and removed ones; and random requirements (bandwidth, N-1).
 */
interface Estate {
    before: StackState;
    after: StackState;
    impact: UpdateImpact;
    requirements: Requirement[];
}

const MBPS = [1250, 3000, 5000, 10000];
const SHARED = ["shared-0", "shared-1", "shared-2"];

const shapeArb = fc.record({
    mbps: fc.constantFrom(...MBPS),
    metro: fc.constantFrom("iad", "ord", "dfw"),
    region: fc.constantFrom("us-east4", "us-central1"),
    cloudRouter: fc.constantFrom("router-a", "router-b"),
    // One link in ten is an ordered port's: it carries nothing yet.
    ordered: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    shared: fc.subarray(SHARED),
});

interface Drawn {
    link: Link;
    shared: string[];
}

function drawn(id: string, { mbps, metro, region, cloudRouter, ordered, shared }: typeof shapeArb extends fc.Arbitrary<infer T> ? T : never): Drawn {
    return {
        link: {
            id, group: "g", kind: LinkKind.Dedicated, role: LinkRole.Primary, aws: "aws", gcp: "gcp", mbps,
            ...(ordered && { stage: LinkStage.Ordered }),
            domains: { port: `${id}-port`, metro, region, cloudRouter },
        },
        shared,
    };
}

const urn = (name: string) => `urn:pulumi:env::p::t::${name}`;

const estateArb: fc.Arbitrary<Estate> = fc.record({
    links: fc.array(shapeArb, { minLength: 1, maxLength: 7 }).map((shapes) => shapes.map((shape, i) => drawn(`link-${i}`, shape))),
    added: fc.array(shapeArb, { maxLength: 2 }).map((shapes) => shapes.map((shape, i) => drawn(`new-${i}`, shape))),
    edits: fc.array(fc.record({
        target: fc.oneof(fc.nat(6).map((i) => `own-${i}`), fc.constantFrom(...SHARED)),
        effect: fc.constantFrom(Effect.None, Effect.Interrupts, Effect.Replaced, Effect.Unknown),
        some: fc.boolean(),
    }), { maxLength: 6 }),
    removed: fc.subarray([0, 1, 2, 3, 4, 5, 6]),
    dependsOnReplaced: fc.boolean(),
    requirements: fc.array(fc.record({ share: fc.double({ min: 0, max: 1, noNaN: true }), n1: fc.boolean() }), { minLength: 1, maxLength: 2 }),
}).map(({ links, added, edits, removed, dependsOnReplaced, requirements }): Estate => {
    const parts = (id: string, shared: string[]): LinkPart[] => [
        { urn: urn(`own-${id.split("-")[1]}${id.startsWith("new") ? "-new" : ""}`), role: PartRole.Attachment },
        ...shared.map((s) => ({ urn: urn(s), role: PartRole.Port })),
    ];
    const resource = (name: string, dependencies: string[] = []): ResourceState => ({ urn: urn(name), type: "t", name, inputs: {}, dependencies });
    const gone = new Set(removed.filter((i) => i < links.length).map((i) => `link-${i}`));
    const beforeLinks = links.map((l) => l.link);
    const afterLinks = [...beforeLinks.filter((l) => !gone.has(l.id)), ...added.map((l) => l.link)];
    const beforeParts = Object.fromEntries(links.map((l) => [l.link.id, parts(l.link.id, l.shared)]));
    const afterParts = Object.fromEntries([...links.filter((l) => !gone.has(l.link.id)), ...added].map((l) => [l.link.id, parts(l.link.id, l.shared)]));
    const ridersOf = (partsOf: Record<string, LinkPart[]>, u: string) => Object.entries(partsOf).filter(([, p]) => p.some((x) => x.urn === u)).map(([id]) => id).sort();

    const changes: ChangeImpact[] = [];
    const change = (name: string, op: ChangeOp, effect: Effect, down: string[], added: string[] = [], removed: string[] = []): ChangeImpact => ({
        urn: urn(name), type: "t", name, what: "t", op, effect, outages: [], down, added, removed, rides: [...down, ...added, ...removed],
    });
    const edited = new Set<string>();
    for (const e of edits) {
        const u = urn(e.target);
        const rides = ridersOf(beforeParts, u).filter((id) => !gone.has(id));
        if (edited.has(e.target) || (rides.length === 0 && !SHARED.includes(e.target))) continue;
        edited.add(e.target);
        const down = e.effect === Effect.None ? [] : e.some ? rides.slice(0, 1) : rides;
        changes.push(change(e.target, e.effect === Effect.Replaced ? ChangeOp.Replace : ChangeOp.Update, e.effect, down));
    }
    for (const id of gone) changes.push(change(`own-${id.split("-")[1]}`, ChangeOp.Delete, Effect.None, [], [], [id]));
    for (const l of added) changes.push(change(`own-${l.link.id.split("-")[1]}-new`, ChangeOp.Create, Effect.None, [], [l.link.id]));
    // A quiet update that follows a replaced resource's new values (as a group follows its members).
    const replaced = changes.filter((c) => c.op === ChangeOp.Replace).map((c) => c.urn);
    const follower = dependsOnReplaced && replaced.length > 0 ? [resource("follower", replaced)] : [];
    if (follower.length > 0) changes.push(change("follower", ChangeOp.Update, Effect.None, []));

    const names = [...SHARED, ...links.map((l) => `own-${l.link.id.split("-")[1]}`)];
    const topology = (ls: Link[]): Topology => ({ endpoints: [], groups: [], links: ls, sessions: [], prefixes: { aws: [], gcp: [] } });
    const total = beforeLinks.reduce((sum, l) => sum + l.mbps, 0);
    return {
        before: { resources: names.map((n) => resource(n)), topology: topology(beforeLinks), parts: beforeParts },
        after: {
            resources: [...names.filter((n) => !gone.has(`link-${n.split("-")[1]}`) || n.startsWith("shared")).map((n) => resource(n)), ...added.map((l) => resource(`own-${l.link.id.split("-")[1]}-new`)), ...follower],
            topology: topology(afterLinks), parts: afterParts,
        },
        impact: {
            changes,
            down: [...new Set(changes.flatMap((c) => c.down))].sort(),
            added: added.map((l) => l.link.id),
            removed: [...gone].sort(),
        },
        requirements: requirements.map((r, i) => ({ name: `r${i}`, mbps: Math.round(total * r.share), survivesSingleFailure: r.n1 })),
    };
});

/** Replays the plan's steps on the links, as a reader of the plan would, and judges each step from scratch. */
function replay(estate: Estate, plan: RolloutPlan): void {
    const links = new Map(estate.before.topology.links.map((l) => [l.id, l]));
    const after = new Map(estate.after.topology.links.map((l) => [l.id, l]));
    for (const step of plan.steps) {
        const verdicts = judge([...links.values()], new Set([...step.down, ...step.removed]), estate.requirements);
        if (step.kind !== StepKind.Window) assert.ok(verdicts.every((v) => v.holds), `step ${step.index} ${JSON.stringify(step)} ${JSON.stringify(verdicts)}`);
        for (const id of step.removed) links.delete(id);
        for (const id of [...step.down, ...step.added]) {
            if (after.has(id)) links.set(id, after.get(id)!);
            else links.delete(id);
        }
    }
}

describe("rollout plans", () => {
    it("property: every step keeps the requirement while it applies, or the change is refused with the reason and what to do", () => {
        fc.assert(fc.property(estateArb, (estate) => {
            const plan = planRollout(estate.before, estate.after, estate.impact, estate.requirements);
            replay(estate, plan);
            for (const r of plan.refused) {
                assert.ok(r.verdicts.some((v) => !v.holds) && r.reason !== "");
                assert.equal(r.fixes.length, 2);
            }
            // Every change that takes a link down or away is in exactly one step, or refused once.
            const placed = [...plan.steps.flatMap((s) => s.changes), ...plan.refused.flatMap((r) => r.changes)];
            for (const c of estate.impact.changes.filter((x) => x.down.length > 0 || x.removed.length > 0)) {
                assert.equal(placed.filter((n) => n === c.name).length, 1, c.name);
            }
            // New capacity comes first, removals last.
            const kinds = plan.steps.map((s) => s.kind);
            assert.ok(kinds.indexOf(StepKind.Add) <= 0 && kinds.lastIndexOf(StepKind.Add) <= 0);
            if (kinds.includes(StepKind.Remove)) assert.ok(!kinds.slice(kinds.indexOf(StepKind.Remove)).includes(StepKind.Disrupt));
        }), { numRuns: 300 });
    });

    it("property: a change that holds applied all at once is never refused (when it adds no link first)", () => {
        fc.assert(fc.property(estateArb.filter((e) => e.impact.added.length === 0), (estate) => {
            const plan = planRollout(estate.before, estate.after, estate.impact, estate.requirements);
            if (plan.allAtOnce.every((v) => v.holds)) assert.deepEqual(plan.refused, []);
        }), { numRuns: 300 });
    });

    it("property: with a window accepted nothing is refused, and every refused group runs alone in a window step after the rest", () => {
        fc.assert(fc.property(estateArb, (estate) => {
            const strict = planRollout(estate.before, estate.after, estate.impact, estate.requirements);
            const windowed = planRollout(estate.before, estate.after, estate.impact, estate.requirements, { acceptWindow: true });
            assert.deepEqual(windowed.refused, []);
            const windows = windowed.steps.filter((s) => s.kind === StepKind.Window);
            assert.deepEqual(windows.map((s) => s.down), strict.refused.map((r) => r.down));
            assert.ok(windowed.steps.slice(windowed.steps.length - windows.length).every((s) => s.kind === StepKind.Window));
        }), { numRuns: 200 });
    });

    it("one link goes down once: two changes that take the same link down land in one step", () => {
        const link: Link = { id: "t0", group: "g", kind: LinkKind.HaVpn, role: LinkRole.Primary, aws: "a", gcp: "g", mbps: 1250, domains: { tunnel: "t0" } };
        const other: Link = { ...link, id: "t1", domains: { tunnel: "t1" } };
        const state: StackState = { resources: [], topology: { endpoints: [], groups: [], links: [link, other], sessions: [], prefixes: { aws: [], gcp: [] } }, parts: {} };
        const c = (name: string, down: string[]): ChangeImpact => ({ urn: name, type: "t", name, what: "t", op: ChangeOp.Update, effect: Effect.Interrupts, outages: [], down, added: [], removed: [], rides: down });
        const changes = [c("aws-half", ["t0"]), c("google-half", ["t0"]), c("other", ["t1"])];
        const plan = planRollout(state, state, { changes, down: ["t0", "t1"], added: [], removed: [] }, [{ name: "r", mbps: 1250, survivesSingleFailure: false }]);
        assert.deepEqual(plan.steps.map((s) => s.changes), [["aws-half", "google-half"], ["other"]]);
    });
});
