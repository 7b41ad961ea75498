/**
 * Infers the package schema from the TypeScript types of the exported components, in-process and
 * without the Pulumi CLI (what `pulumi package get-schema` would serve), and writes schema.json
 * with the fingerprint of everything the inference read. `tests/schema.spec.ts` fails when the
 * committed schema.json drifts from what the code infers.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import * as ts from "typescript";

export const PACKAGE_ROOT = path.resolve(__dirname, "..");
export const SCHEMA_FILE = "schema.json";
/** Fingerprint of the sources schema.json was inferred from; see `fingerprint`. */
export const FINGERPRINT_FILE = "schema.sources.sha256";

interface PackageManifest {
    name: string;
    version: string;
    description: string;
    main: string;
}

/** The schema as stable, pretty-printed JSON. */
export async function inferSchema(root = PACKAGE_ROOT): Promise<string> {
    const manifest = readManifest(root);
    const { name, namespace } = pluginIdentity(manifest.name);
    const components = getPulumiComponents(await import(root));
    const schema =
        components.length === 0
            ? // The analyzer refuses an empty component list; this is the schema it would build around one.
              generateSchema(name, manifest.version, manifest.description, {}, {}, [], namespace)
            : JSON.parse(await new ComponentProvider({ components, name, namespace, dirname: root }).getSchema());
    return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * The plugin name and namespace the Pulumi Node host derives from the npm name
 * (`@crosscloud/interconnect` → `interconnect` in namespace `crosscloud`), hence the type tokens
 * `interconnect:index:<Class>`.
 */
export function pluginIdentity(packageName: string): { name: string; namespace?: string } {
    const [, scope, rest] = /^(?:@([^/]+)\/)?(.+)$/.exec(packageName) ?? [];
    return { name: rest.replace(/[^-a-zA-Z0-9_]/g, "-"), namespace: scope };
}

/**
 * Every repository file inference depends on: the manifest (name, version, entry), compiler
 * options, locked dependency versions (TypeScript, the Pulumi SDKs) and the sources the entry
 * point reaches.
 */
export function schemaInputs(root = PACKAGE_ROOT): string[] {
    const reached = new Set<string>();
    // Inference reads the TypeScript entry (index.ts), whatever package.json points the build at.
    const pending = [path.join(root, "index.ts")];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
        if (reached.has(file)) {
            continue;
        }
        reached.add(file);
        if (file.endsWith(".ts")) {
            const imports = ts.preProcessFile(readFileSync(file, "utf8")).importedFiles.map((i) => i.fileName);
            pending.push(...imports.filter((specifier) => specifier.startsWith(".")).map((specifier) => resolveSource(path.dirname(file), specifier)));
        }
    }
    const sources = [...reached].map((file) => path.relative(root, file));
    return ["package.json", "package-lock.json", "tsconfig.json", ...sources].sort();
}

/** A hash of schema.json and of every input it was inferred from: equal fingerprints, same inference. */
export function fingerprint(root = PACKAGE_ROOT): string {
    const hash = createHash("sha256");
    for (const file of [...schemaInputs(root), SCHEMA_FILE]) {
        hash.update(`${file}\0`).update(existsSync(path.join(root, file)) ? readFileSync(path.join(root, file)) : "").update("\0");
    }
    return hash.digest("hex");
}

function resolveSource(directory: string, specifier: string): string {
    const base = path.resolve(directory, specifier);
    return [`${base}.ts`, path.join(base, "index.ts"), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? base;
}

function readManifest(root: string): PackageManifest {
    return JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as PackageManifest;
}

if (require.main === module) {
    const started = Date.now();
    inferSchema().then(
        (schema) => {
            writeFileSync(path.join(PACKAGE_ROOT, SCHEMA_FILE), schema);
            writeFileSync(path.join(PACKAGE_ROOT, FINGERPRINT_FILE), `${fingerprint()}\n`);
            console.log(`Wrote ${SCHEMA_FILE} and ${FINGERPRINT_FILE} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        },
        (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
