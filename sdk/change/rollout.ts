/**
 * Splits one stack's update into steps Pulumi applies one after another (`pulumi up --target …`),
 * so that while each step applies, what stays up meets the requirement; or refuses the changes no
 * order can apply safely, with the reason and what to do.
 *
 * Changes that must land together form a unit: a resource and what takes the outputs of its
 * replacement, new resources and what they are made from, and everything that takes one link down
 * (its two halves change at once: a cipher pinned on both clouds cannot change in two steps). Then:
 * first every unit that takes no link down (new capacity comes first, and is waited for), then the
 * disruptive units, as many per step as the requirement allows, then the removals. Each step waits
 * until the links it touched are healthy again before the next begins.
 */
import { isReady, Link } from "../topology";
import { ChangeImpact, unique, UpdateImpact } from "./impact";
import { compareStrings } from "../sla";
import { gbps, judge, Requirement, Verdict } from "./requirement";
import { carriesNoTraffic } from "./rules";
import { ChangeOp, StackState } from "./types";

export enum StepKind {
    /** New resources and in-place changes that take nothing down. */
    Add = "add",
    /** Changes that take links down while they apply. */
    Disrupt = "disrupt",
    /** Links taken away for good. */
    Remove = "remove",
    /** A change the requirement cannot hold through, applied on its own because the user accepted a window. */
    Window = "window",
}

export interface RolloutStep {
    /** 1-based. */
    index: number;
    kind: StepKind;
    /** URNs to pass to `pulumi up --target`. */
    targets: string[];
    /** Resource names, for people. */
    changes: string[];
    down: string[];
    added: string[];
    removed: string[];
    verdicts: Verdict[];
    /** The links to see healthy (BGP established on both clouds) before the next step. */
    waitFor: string[];
}

export interface Refusal {
    changes: string[];
    down: string[];
    verdicts: Verdict[];
    reason: string;
    /** What to do instead. */
    fixes: string[];
}

export interface RolloutPlan {
    steps: RolloutStep[];
    /** Changes no step can apply while the requirement holds; the stack must not be rolled out with them. */
    refused: Refusal[];
    /** The verdict if everything were applied at once, as a plain `pulumi up` would. */
    allAtOnce: Verdict[];
}

export interface RolloutOptions {
    /** Apply refused changes anyway, each in a step of its own: the requirement is not held while it runs. */
    acceptWindow?: boolean;
}

interface Unit {
    changes: ChangeImpact[];
    /** Changes that take nothing down but take new values from this unit's: applied with it (and with every other unit they take values from). */
    companions: ChangeImpact[];
    down: Set<string>;
    added: Set<string>;
    removed: Set<string>;
}

export function planRollout(before: StackState, after: StackState, impact: UpdateImpact, requirements: readonly Requirement[], options: RolloutOptions = {}): RolloutPlan {
    const units = unitsOf(impact.changes, before, after);
    const allAtOnce = judge(before.topology.links, new Set([...impact.down, ...impact.removed]), requirements);
    const links = new Map(before.topology.links.map((l) => [l.id, l]));
    const afterLinks = new Map(after.topology.links.map((l) => [l.id, l]));
    const steps: RolloutStep[] = [];
    const refused: { unit: Unit; verdicts: Verdict[] }[] = [];

    const ready = (id: string) => afterLinks.has(id) && isReady(afterLinks.get(id)!);
    const apply = (kind: StepKind, taken: Unit[], verdicts: Verdict[]) => {
        const step = stepOf(steps.length + 1, kind, taken, verdicts, ready);
        steps.push(step);
        for (const id of step.removed) links.delete(id);
        for (const id of [...step.down, ...step.added]) {
            const now = afterLinks.get(id);
            if (now) links.set(id, now);
            else links.delete(id);
        }
    };

    const adding = units.filter((u) => u.down.size === 0 && u.removed.size === 0);
    if (adding.length > 0) apply(StepKind.Add, adding, judge([...links.values()], new Set(), requirements));
    for (const kind of [StepKind.Disrupt, StepKind.Remove]) {
        const pending = units.filter((u) => (kind === StepKind.Disrupt ? u.down.size > 0 : u.down.size === 0 && u.removed.size > 0));
        while (pending.length > 0) {
            const taken: Unit[] = [];
            let verdicts: Verdict[] = [];
            for (const unit of [...pending]) {
                const trial = judge([...links.values()], outOf([...taken, unit]), requirements);
                if (!trial.every((v) => v.holds)) {
                    if (taken.length === 0) {
                        refused.push({ unit, verdicts: trial });
                        pending.splice(pending.indexOf(unit), 1);
                    }
                    continue;
                }
                taken.push(unit);
                verdicts = trial;
                pending.splice(pending.indexOf(unit), 1);
            }
            if (taken.length > 0) apply(kind, taken, verdicts);
        }
    }
    if (options.acceptWindow) {
        for (const { unit, verdicts } of refused) apply(StepKind.Window, [unit], verdicts);
    }
    return { steps, refused: options.acceptWindow ? [] : refused.map(({ unit, verdicts }) => refusal(unit, verdicts, [...links.values()])), allAtOnce };
}

/** Units: changes joined by what makes Pulumi and the clouds apply them together, in a stable order. */
function unitsOf(changes: readonly ChangeImpact[], before: StackState, after: StackState): Unit[] {
    const parent = new Map(changes.map((c) => [c.urn, c.urn]));
    const find = (urn: string): string => {
        let root = urn;
        while (parent.get(root) !== root) root = parent.get(root)!;
        parent.set(urn, root);
        return root;
    };
    const join = (a: string, b: string) => {
        if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
    };
    const byUrn = new Map(changes.map((c) => [c.urn, c]));
    const resources = new Map([...before.resources, ...after.resources].map((r) => [r.urn, r]));
    const afterResources = new Map(after.resources.map((r) => [r.urn, r]));
    const beforeResources = new Map(before.resources.map((r) => [r.urn, r]));
    // An in-place update that takes nothing down and only follows others' new values (a group listing
    // replaced attachments), or a new or changed alarm watching new resources, goes with each of them,
    // rather than tying them into one step.
    const companionOf = new Map<string, string[]>();
    const quiet = (c: ChangeImpact) => c.op === ChangeOp.Update && c.down.length === 0 && c.removed.length === 0;
    const observes = (c: ChangeImpact) => c.op !== ChangeOp.Delete && carriesNoTraffic(c.type);
    for (const c of changes) {
        const now = afterResources.get(c.urn);
        const was = beforeResources.get(c.urn);
        // What takes a replaced or new resource's outputs, or merely depends on it, is updated with it.
        for (const dep of now?.dependencies ?? []) {
            const d = byUrn.get(dep);
            if (!d || (d.op !== ChangeOp.Replace && d.op !== ChangeOp.Create)) continue;
            if ((quiet(c) && d.op === ChangeOp.Replace) || observes(c)) companionOf.set(c.urn, [...(companionOf.get(c.urn) ?? []), dep]);
            else join(c.urn, dep);
        }
        // A new resource comes with its new parent; a deleted one goes with its deleted dependents.
        const p = resources.get(c.urn)?.parent;
        if (p && byUrn.get(p)?.op === c.op && (c.op === ChangeOp.Create || c.op === ChangeOp.Delete)) join(c.urn, p);
        if (c.op === ChangeOp.Delete) for (const dep of was?.dependencies ?? []) if (byUrn.get(dep)?.op === ChangeOp.Delete) join(c.urn, dep);
    }
    // One link goes down once: everything that takes it down changes in the same step.
    const byLink = new Map<string, string>();
    for (const c of changes) {
        for (const link of [...c.down, ...c.removed]) {
            const first = byLink.get(link);
            if (first) join(c.urn, first);
            else byLink.set(link, c.urn);
        }
    }
    const groups = new Map<string, ChangeImpact[]>();
    for (const c of changes) {
        if (companionOf.has(c.urn) && find(c.urn) === c.urn) continue;
        groups.set(find(c.urn), [...(groups.get(find(c.urn)) ?? []), c]);
    }
    const units = [...groups.entries()].map(([root, members]): Unit => ({
        changes: members,
        companions: changes.filter((c) => !members.includes(c) && (companionOf.get(c.urn) ?? []).some((dep) => find(dep) === root)),
        down: new Set(members.flatMap((m) => m.down)),
        added: new Set(members.flatMap((m) => m.added)),
        removed: new Set(members.flatMap((m) => m.removed)),
    }));
    return units.sort((a, b) => compareStrings(unitKey(a), unitKey(b)));
}

/** Units in the order of the links they take down, then of their resources' names. */
function unitKey(u: Unit): string {
    return [[...u.down].sort()[0] ?? "", [...u.removed].sort()[0] ?? "", u.changes.map((c) => c.name).sort()[0]].join("\u0000");
}

function outOf(units: readonly Unit[]): Set<string> {
    return new Set(units.flatMap((u) => [...u.down, ...u.removed]));
}

function stepOf(index: number, kind: StepKind, units: readonly Unit[], verdicts: Verdict[], ready: (link: string) => boolean): RolloutStep {
    const changes = units.flatMap((u) => [...u.changes, ...u.companions]);
    const down = unique(units.flatMap((u) => [...u.down]));
    const added = unique(units.flatMap((u) => [...u.added]));
    return {
        index, kind,
        targets: unique(changes.map((c) => c.urn)),
        // What carries traffic first, then the alarms that follow it: the names people look for.
        changes: [...unique(changes.filter((c) => !carriesNoTraffic(c.type)).map((c) => c.name)), ...unique(changes.filter((c) => carriesNoTraffic(c.type)).map((c) => c.name))],
        down, added,
        removed: unique(units.flatMap((u) => [...u.removed])),
        verdicts,
        // An ordered port's link carries nothing until the port is ready: there is nothing to wait for.
        waitFor: unique([...down, ...added].filter(ready)),
    };
}

function refusal(unit: Unit, verdicts: Verdict[], links: readonly Link[]): Refusal {
    const failing = verdicts.filter((v) => !v.holds);
    const shortBy = Math.max(0, ...failing.map((v) => (v.worst && v.upMbps >= v.neededMbps ? v.worst.neededMbps - v.worst.survivingMbps : v.neededMbps - v.upMbps)));
    const untouched = links.filter((l) => isReady(l) && !unit.down.has(l.id) && !unit.removed.has(l.id));
    return {
        changes: unique(unit.changes.map((c) => c.name)),
        down: unique([...unit.down]),
        verdicts,
        reason: failing.map((v) => v.reason).join("; "),
        fixes: [
            `add temporary capacity first: at least ${gbps(shortBy)} more that these changes do not take down` +
                (untouched.length === 0 ? " (nothing else carries traffic now: an HA VPN backup would)" : " (another HA VPN, or an attachment on a port that stays up), in failure domains of its own"),
            "or accept a window: roll out with --accept-window, which applies these changes in a step of their own while the requirement is not held",
        ],
    };
}

