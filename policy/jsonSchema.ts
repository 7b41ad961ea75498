import { PolicyConfigJSONSchema, PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";

/**
 * Checks a value against the JSON Schema keywords policy config schemas use, as the Pulumi CLI
 * does before it runs a pack (it uses gojsonschema; messages here read the same way). Returns one
 * message per problem, each starting with the property path.
 */
export function schemaErrors(schema: PolicyConfigJSONSchemaDefinition, value: unknown, path: string): string[] {
    if (schema === true) return [];
    if (schema === false) return [`${path}: no value is allowed here`];
    return [
        ...typeErrors(schema, value, path),
        ...(schema.enum && !schema.enum.some((e) => sameJson(e, value)) ? [`${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`] : []),
        ...(schema.const !== undefined && !sameJson(schema.const, value) ? [`${path}: must be ${JSON.stringify(schema.const)}`] : []),
        ...(typeof value === "number" ? numberErrors(schema, value, path) : []),
        ...(typeof value === "string" ? stringErrors(schema, value, path) : []),
        ...(Array.isArray(value) ? arrayErrors(schema, value, path) : []),
        ...(isObject(value) ? objectErrors(schema, value, path) : []),
    ];
}

function typeErrors(schema: PolicyConfigJSONSchema, value: unknown, path: string): string[] {
    if (schema.type === undefined) return [];
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.some((t) => hasType(value, t)) ? [] : [`${path}: must be of type ${types.join(" or ")}, got ${JSON.stringify(value)}`];
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer": return Number.isInteger(value);
        case "number": return typeof value === "number" && Number.isFinite(value);
        case "array": return Array.isArray(value);
        case "object": return isObject(value);
        case "null": return value === null;
        default: return typeof value === type;
    }
}

function numberErrors(s: PolicyConfigJSONSchema, n: number, path: string): string[] {
    return [
        s.minimum !== undefined && n < s.minimum && `${path}: must be greater than or equal to ${s.minimum}`,
        s.maximum !== undefined && n > s.maximum && `${path}: must be less than or equal to ${s.maximum}`,
        s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum && `${path}: must be greater than ${s.exclusiveMinimum}`,
        s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum && `${path}: must be less than ${s.exclusiveMaximum}`,
        s.multipleOf !== undefined && !Number.isInteger(n / s.multipleOf) && `${path}: must be a multiple of ${s.multipleOf}`,
    ].filter((e): e is string => typeof e === "string");
}

function stringErrors(s: PolicyConfigJSONSchema, text: string, path: string): string[] {
    return [
        s.minLength !== undefined && text.length < s.minLength && `${path}: must be at least ${s.minLength} characters long`,
        s.maxLength !== undefined && text.length > s.maxLength && `${path}: must be at most ${s.maxLength} characters long`,
        s.pattern !== undefined && !new RegExp(s.pattern, "u").test(text) && `${path}: must match the pattern ${s.pattern}`,
    ].filter((e): e is string => typeof e === "string");
}

function arrayErrors(s: PolicyConfigJSONSchema, items: unknown[], path: string): string[] {
    const errors = [
        s.minItems !== undefined && items.length < s.minItems && `${path}: must hold at least ${s.minItems} items`,
        s.maxItems !== undefined && items.length > s.maxItems && `${path}: must hold at most ${s.maxItems} items`,
        s.uniqueItems && new Set(items.map((i) => JSON.stringify(i))).size < items.length && `${path}: items must be unique`,
    ].filter((e): e is string => typeof e === "string");
    const itemSchema = s.items;
    if (itemSchema !== undefined) {
        items.forEach((item, i) => {
            const schema = Array.isArray(itemSchema) ? itemSchema[i] ?? s.additionalItems ?? true : itemSchema;
            errors.push(...schemaErrors(schema, item, `${path}.${i}`));
        });
    }
    return errors;
}

function objectErrors(s: PolicyConfigJSONSchema, object: Record<string, unknown>, path: string): string[] {
    const prefix = path === "" ? "" : `${path}.`;
    const errors = (s.required ?? []).filter((k) => !(k in object)).map((k) => `${prefix}${k}: is required`);
    for (const [key, value] of Object.entries(object)) {
        const schema = s.properties?.[key] ?? s.additionalProperties;
        if (schema !== undefined) errors.push(...schemaErrors(schema, value, `${prefix}${key}`));
    }
    return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}
