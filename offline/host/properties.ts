import * as pulumi from "@pulumi/pulumi";
import type { WireProperties } from "./grpc";

const { specialSigKey, specialSecretSig, specialResourceSig, specialOutputValueSig, unknownValue } = pulumi.runtime;

/**
 * Wire properties as the SDK's mock monitor hands them to `Mocks` (secrets wrapped, unknowns kept,
 * assets as objects), by the SDK's own `deserializeProperty`. Two things are settled first, so this
 * process never builds live objects for another process's values: a resource reference becomes its
 * id (custom resources) or URN (components), as the SDK does for a type it has no module for, and an
 * output value becomes its value, secret or unknown.
 */
export function toMockInputs(properties: WireProperties): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(properties)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [key, pulumi.runtime.deserializeProperty(settled(value), true)]),
    );
}

/** A mock's result back to wire form, by the SDK's own serializer (as its mock monitor does). */
export function toWire(state: Record<string, unknown>): Promise<WireProperties> {
    return pulumi.runtime.serializeProperties("simulated state", state);
}

function settled(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(settled);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    switch (record[specialSigKey]) {
        case specialResourceSig:
            if (record.id === undefined) {
                return record.urn;
            }
            return record.id === "" ? unknownValue : settled(record.id);
        case specialOutputValueSig: {
            const inner = "value" in record ? settled(record.value) : unknownValue;
            return record.secret === true ? { [specialSigKey]: specialSecretSig, value: inner } : inner;
        }
        case undefined:
            return Object.fromEntries(Object.entries(record).map(([key, v]) => [key, settled(v)]));
        default: // secrets, assets and archives: the SDK's deserializer knows them
            return Object.fromEntries(Object.entries(record).map(([key, v]) => [key, key === specialSigKey ? v : settled(v)]));
    }
}
