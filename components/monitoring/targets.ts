import * as pulumi from "@pulumi/pulumi";
import { Ref, RefKind } from "../../sdk/monitoring";

/** The ids and names alarms read, by kind and topology id: what a component declared. */
export type MetricTargets = Partial<Record<RefKind, Record<string, pulumi.Input<string>>>>;

const registry = new WeakMap<pulumi.ComponentResource, MetricTargets>();

/** Records what a component declared, for a component that declares the alarms of several (CrossCloudNetwork). */
export function recordTargets(component: pulumi.ComponentResource, targets: MetricTargets): void {
    registry.set(component, targets);
}

export function targetsOf(...components: pulumi.ComponentResource[]): MetricTargets {
    const merged: MetricTargets = {};
    for (const c of components) {
        for (const [kind, values] of Object.entries(registry.get(c) ?? {}) as [RefKind, Record<string, pulumi.Input<string>>][]) {
            merged[kind] = { ...merged[kind], ...values };
        }
    }
    return merged;
}

export function resolveRef(targets: MetricTargets, ref: Ref): pulumi.Input<string> {
    const value = targets[ref.ref]?.[ref.subject];
    if (value === undefined) {
        throw new Error(`crosscloud bug: an alarm reads ${ref.ref} of ${ref.subject}, which no declared resource provides. Please report it with your arguments.`);
    }
    return value;
}
