/**
 * A Pulumi preview's own verdict on each resource (its step: same, update, replace…, and the keys
 * that changed), laid over the changes found by comparing plans. Where the engine has spoken, it
 * decides whether a resource changes and how; the rules still decide what that does to traffic.
 */
import { ChangeOp, FieldChange, ResourceChange, ResourceState } from "./types";

/** One resource's step in a preview (`EngineEvent.resourcePreEvent.metadata`). */
export interface PreviewStep {
    op: string;
    type: string;
    /** Keys that changed. */
    diffs?: readonly string[];
    /** Keys that force a replacement. */
    keys?: readonly string[];
}

const REPLACING = new Set(["replace", "create-replacement", "delete-replaced"]);
const UNCHANGED = new Set(["same", "read", "refresh", "discard", "import"]);

export function reconcile(changes: readonly ResourceChange[], steps: ReadonlyMap<string, PreviewStep>, before: readonly ResourceState[], after: readonly ResourceState[]): ResourceChange[] {
    const byUrn = new Map(changes.map((c) => [c.urn, c]));
    const names = new Map([...before, ...after].map((r) => [r.urn, r.name]));
    const result: ResourceChange[] = [];
    const seen = new Set<string>();
    for (const [urn, step] of steps) {
        seen.add(urn);
        const mine = byUrn.get(urn);
        if (UNCHANGED.has(step.op)) continue;
        const op = REPLACING.has(step.op) ? ChangeOp.Replace : step.op === "create" ? ChangeOp.Create : step.op === "delete" ? ChangeOp.Delete : ChangeOp.Update;
        const known = new Set((mine?.fields ?? []).map((f) => f.field.split(".")[0]));
        const engineFields = [...new Set([...(step.keys ?? []), ...(step.diffs ?? [])])]
            .filter((k) => !known.has(k.split(".")[0]))
            .map((field): FieldChange => ({ field, certain: true }));
        result.push({
            urn, type: step.type, name: mine?.name ?? names.get(urn) ?? urn.slice(urn.lastIndexOf("::") + 2), op,
            fields: op === ChangeOp.Create || op === ChangeOp.Delete ? [] : [...(mine?.fields ?? []), ...engineFields],
        });
    }
    // What the preview did not mention (components, say) stays as the plans say.
    for (const c of changes) if (!seen.has(c.urn)) result.push(c);
    return result;
}
