import * as pulumi from "@pulumi/pulumi";

/** Stands for a value the engine does not know yet (in previews: ids and computed outputs). */
export const UNKNOWN = "[unknown]";

/**
 * Turns properties as the SDK sends them to the resource monitor (secrets wrapped with the secret
 * signature, unknowns as a sentinel string, resources as references) into plain data, noting
 * where the secrets were, e.g. `md5AuthenticationKey.key` or `keys[0]`. Also accepts the
 * deserialized form the SDK hands to `Mocks.newResource`.
 */
export function decodeProperties(properties: Record<string, unknown>): { values: Record<string, unknown>; secretPaths: string[] } {
    const secretPaths: string[] = [];
    const values = plain(properties, "", secretPaths) as Record<string, unknown>;
    return { values, secretPaths };
}

function plain(value: unknown, path: string, secretPaths: string[]): unknown {
    if (value === pulumi.runtime.unknownValue || pulumi.isUnknown(value)) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map((element, i) => plain(element, `${path}[${i}]`, secretPaths));
    }
    if (value === null || typeof value !== "object" || pulumi.Resource.isInstance(value)) {
        return value;
    }
    const record = value as Record<string, unknown>;
    switch (record[pulumi.runtime.specialSigKey]) {
        case pulumi.runtime.specialSecretSig:
            secretPaths.push(path);
            return plain(record.value, path, secretPaths);
        case pulumi.runtime.specialResourceSig:
            return resourceReference(record);
        case undefined:
            return Object.fromEntries(
                Object.entries(record).map(([key, v]) => [key, plain(v, path ? `${path}.${key}` : key, secretPaths)]),
            );
        default: // assets and archives: kept as sent
            return value;
    }
}

/** A resource passed as a property is known by its id (custom resources) or its URN (components). */
function resourceReference(reference: Record<string, unknown>): unknown {
    if (reference.id === undefined) {
        return reference.urn;
    }
    return reference.id === "" ? UNKNOWN : reference.id;
}

/**
 * The engine wraps each declared secret output (`additionalSecretOutputs`) in a secret. In a preview
 * a computed output is not in the state yet: the engine still hands it back as an unknown that is
 * secret (a provider's preview returns it as computed), so an absent one becomes a secret unknown
 * here. Outside a preview an absent output stays absent, as it does at deploy.
 */
export function markSecret(properties: Record<string, unknown>, keys: readonly string[], preview: boolean): Record<string, unknown> {
    const marked = { ...properties };
    for (const key of keys) {
        if (!(key in marked) && !preview) continue;
        const value = key in marked ? marked[key] : pulumi.runtime.unknownValue;
        if (!pulumi.runtime.isRpcSecret(value)) {
            marked[key] = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
        }
    }
    return marked;
}
