/**
 * The resource changes between two plans of one stack, decided the way a Pulumi preview decides
 * them: by URN, then input by input. An input whose value comes from a resource being replaced
 * changes with it, though both plans show it as `[unknown]` or `[secret]`; a replacement is decided
 * by the rules (rules.ts), so it carries on to whatever takes the replaced resource's outputs.
 */
import { ruleFor } from "./rules";
import { ChangeOp, Effect, FieldChange, ResourceChange, ResourceState, SECRET_VALUE, UNKNOWN_VALUE } from "./types";

export interface DiffOptions {
    /**
     * The stack before is its state (real values, provider-filled defaults), not a plan: inputs the
     * program no longer sets are taken as kept, and engine-internal ones (`__defaults`) are skipped.
     */
    beforeIsState?: boolean;
}

/** The stack itself: every plan and state holds it, and no change applies to it. */
const STACK = "pulumi:pulumi:Stack";

export function diffStates(allBefore: readonly ResourceState[], allAfter: readonly ResourceState[], options: DiffOptions = {}): ResourceChange[] {
    const before = allBefore.filter((r) => r.type !== STACK);
    const after = allAfter.filter((r) => r.type !== STACK);
    const was = new Map(before.map((r) => [r.urn, r]));
    const now = new Map(after.map((r) => [r.urn, r]));
    const kept = after.filter((r) => was.has(r.urn));
    // A replacement can make another, so the replaced set grows until nothing more is replaced.
    let replaced = new Set<string>();
    let maybeReplaced = new Set<string>();
    let fields = new Map<string, FieldChange[]>();
    for (let settled = false; !settled;) {
        fields = new Map(kept.map((r) => [r.urn, changedFields(was.get(r.urn)!, r, replaced, maybeReplaced, options)]));
        const next = new Set(kept.filter((r) => replaces(r, fields.get(r.urn)!, true)).map((r) => r.urn));
        const nextMaybe = new Set(kept.filter((r) => !next.has(r.urn) && replaces(r, fields.get(r.urn)!, false)).map((r) => r.urn));
        settled = next.size === replaced.size && nextMaybe.size === maybeReplaced.size;
        replaced = next;
        maybeReplaced = nextMaybe;
    }
    const changes: ResourceChange[] = [];
    for (const r of after) {
        if (!was.has(r.urn)) {
            changes.push(change(r, ChangeOp.Create, []));
            continue;
        }
        const changed = fields.get(r.urn)!;
        if (changed.length === 0 || r.custom === false) continue;
        changes.push(change(r, replaced.has(r.urn) ? ChangeOp.Replace : ChangeOp.Update, changed));
    }
    for (const r of before) if (!now.has(r.urn)) changes.push(change(r, ChangeOp.Delete, []));
    return changes;
}

function change(r: ResourceState, op: ChangeOp, fields: FieldChange[]): ResourceChange {
    return { urn: r.urn, type: r.type, name: r.name, op, fields };
}

/** A resource is replaced when an input whose change forces a replacement changes (surely, or possibly). */
function replaces(r: ResourceState, fields: readonly FieldChange[], surely: boolean): boolean {
    return r.custom !== false && fields.some((f) => f.certain === surely && ruleFor(r.type, f.field).effect === Effect.Replaced);
}

function changedFields(before: ResourceState, after: ResourceState, replaced: ReadonlySet<string>, maybeReplaced: ReadonlySet<string>, options: DiffOptions): FieldChange[] {
    const ignored = after.ignoreChanges ?? [];
    const keys = [...new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)])].sort();
    const found: FieldChange[] = [];
    for (const key of keys) {
        if (ignored.some((i) => i === key || key.startsWith(`${i}.`))) continue;
        if (options.beforeIsState && (key.startsWith("__") || !(key in after.inputs))) continue;
        const sources = after.propertyDependencies?.[key] ?? [];
        const movedSources = !sameSet(before.propertyDependencies?.[key] ?? [], sources);
        // A value the plan cannot know yet, taken from resources that stay as they are, stays as it is.
        const steady = sources.length > 0 && !movedSources && !sources.some((s) => replaced.has(s) || maybeReplaced.has(s));
        const diffs = differences(key, before.inputs[key], after.inputs[key], steady);
        if (diffs.length > 0) {
            found.push(...diffs);
            continue;
        }
        const replacedSources = sources.filter((s) => replaced.has(s));
        if (replacedSources.length > 0 || (movedSources && sources.length > 0 && opaque(after.inputs[key]))) {
            found.push({ field: key, before: before.inputs[key], after: after.inputs[key], certain: true, replacedSources });
        } else if (sources.some((s) => maybeReplaced.has(s))) {
            found.push({ field: key, before: before.inputs[key], after: after.inputs[key], certain: false, replacedSources: sources.filter((s) => maybeReplaced.has(s)) });
        }
    }
    return found;
}

/** The paths at which two values differ: objects are compared key by key, anything else as a whole. */
function differences(path: string, a: unknown, b: unknown, steady: boolean): FieldChange[] {
    if (equal(a, b) || (steady && matchesUnknown(a, b))) return [];
    if (isRecord(a) && isRecord(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((k) => differences(`${path}.${k}`, a[k], b[k], steady));
    }
    return [{ field: path, before: a, after: b, certain: !holdsUnknown(a) && !holdsUnknown(b) }];
}

/** `b` is `a` with values not known yet in places: every known part agrees. */
function matchesUnknown(a: unknown, b: unknown): boolean {
    if (typeof b === "string" && b.includes(UNKNOWN_VALUE)) {
        if (typeof a !== "string") return b === UNKNOWN_VALUE;
        const parts = b.split(UNKNOWN_VALUE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        return new RegExp(`^${parts.join(".*")}$`, "s").test(a);
    }
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => matchesUnknown(x, b[i]));
    if (isRecord(a) && isRecord(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every((k) => matchesUnknown(a[k], b[k]));
    }
    return equal(a, b);
}

/** A value the plan cannot show, so a new source may give it a new value. */
function opaque(value: unknown): boolean {
    return holdsUnknown(value) || holds(value, SECRET_VALUE);
}

function holdsUnknown(value: unknown): boolean {
    return holds(value, UNKNOWN_VALUE);
}

function holds(value: unknown, marker: string): boolean {
    if (typeof value === "string") return value.includes(marker);
    if (Array.isArray(value)) return value.some((v) => holds(v, marker));
    if (isRecord(value)) return Object.values(value).some((v) => holds(v, marker));
    return false;
}

function equal(a: unknown, b: unknown): boolean {
    return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** Object keys in order, so two plans that built an object in different orders compare equal. */
function sorted(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sorted);
    if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
    return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((x) => b.includes(x));
}
