/**
 * Reads a Pulumi project the way the Pulumi CLI does: `Pulumi.yaml` (name, runtime, main,
 * stackConfigDir, project-level config) and `<stackConfigDir>/Pulumi.<stack>.yaml`. Secure config
 * values are never decrypted: the program reads a stand-in, and a plan shows "[secret]".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { CliError, usageError } from "./errors";

/** How a secret is shown: a plan never holds a secret's value. */
export const SECRET = "[secret]";

/**
 * What a program reads for a secure config value: a stand-in naming the key, so two secrets stay
 * distinct (policies compare pre-shared keys), shown as "[secret]" wherever it lands.
 */
export function secretStandIn(key: string): string {
    return `[secret:${key}]`;
}

export function isSecretStandIn(text: string): boolean {
    return /\[secret:[^\]]+\]/.test(text);
}

export interface Project {
    name: string;
    /** Absolute path of the folder holding Pulumi.yaml. */
    dir: string;
    /** Absolute path of the program's entry module. */
    main: string;
    /** Pulumi.yaml's `runtime.options.typescript` (default true, as for the Node host). */
    typescript: boolean;
    /** Absolute path of the folder holding the Pulumi.<stack>.yaml files. */
    stackConfigDir: string;
    /** Config values declared with a `default` or `value` in Pulumi.yaml, by full key. */
    defaults: Record<string, string>;
}

export interface StackSettings {
    /** The stack name as given (an `org/` prefix is allowed). */
    name: string;
    file: string;
    /** Full key (`namespace:key`) → value as the Pulumi runtime expects it: a string, objects as JSON. */
    config: Record<string, string>;
    /** ESC environments the stack imports; they cannot be opened offline. */
    environments: string[];
}

type Yaml = Record<string, unknown>;

export function loadProject(dir: string): Project {
    const projectDir = path.resolve(dir);
    if (!fs.existsSync(projectDir) || !fs.statSync(projectDir).isDirectory()) {
        throw usageError(`no such directory: ${projectDir}`, "Pass --cwd the folder that holds the project's Pulumi.yaml.");
    }
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(projectDir, f)).find((f) => fs.existsSync(f));
    if (file === undefined) {
        throw usageError(`${projectDir} has no Pulumi.yaml`, "Pass --cwd the folder of a Pulumi project (the one with Pulumi.yaml).");
    }
    const settings = readYaml(file);
    const name = settings.name;
    if (typeof name !== "string" || name === "") {
        throw new CliError(`${file} has no project name`, "Add `name: <project>` to Pulumi.yaml.");
    }
    const runtimeOptions = typeof settings.runtime === "object" ? ((settings.runtime as Yaml | null)?.options as Yaml | undefined) : undefined;
    const runtime = typeof settings.runtime === "object" ? (settings.runtime as Yaml | null)?.name : settings.runtime;
    if (runtime !== "nodejs") {
        throw usageError(`${file}: runtime is ${String(runtime)}; crosscloud plans Node.js (TypeScript) programs only`, "Plan a project whose Pulumi.yaml says `runtime: nodejs`.");
    }
    return {
        name,
        dir: projectDir,
        main: resolveMain(projectDir, typeof settings.main === "string" ? settings.main : "."),
        typescript: runtimeOptions?.typescript !== false,
        stackConfigDir: path.resolve(projectDir, typeof settings.stackConfigDir === "string" ? settings.stackConfigDir : "."),
        defaults: projectDefaults(name, settings.config),
    };
}

/** The stack names that have a config file in the project, sorted. */
export function stackNames(project: Project): string[] {
    const names = fs.readdirSync(project.stackConfigDir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((n): n is string => n !== undefined);
    return names.sort();
}

/** A stack's settings from its config file, or from `configFile` in its place (the stack as a change would make it, or as it was). */
export function loadStack(project: Project, name: string, configFile?: string): StackSettings {
    const shortName = name.split("/").pop() ?? name;
    if (configFile !== undefined && !fs.existsSync(configFile)) {
        throw usageError(`no such stack config file: ${configFile}`, `Pass a Pulumi.${shortName}.yaml-shaped file: { config: { … } }.`);
    }
    const file = configFile ?? [".yaml", ".yml"].map((ext) => path.join(project.stackConfigDir, `Pulumi.${shortName}${ext}`)).find((f) => fs.existsSync(f));
    if (file === undefined) {
        const known = stackNames(project);
        throw usageError(
            `project ${project.name} has no stack "${name}" (no Pulumi.${shortName}.yaml in ${project.stackConfigDir})`,
            known.length > 0 ? `Use one of: ${known.join(", ")}.` : "Create the stack's config file, e.g. `pulumi stack init` then `pulumi config set`.",
        );
    }
    const settings = readYaml(file);
    const config: Record<string, string> = { ...project.defaults };
    for (const [key, value] of Object.entries(asMap(settings.config, `${file}: config`))) {
        const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
        config[fullKey] = configText(value, fullKey);
    }
    const environments = settings.environment;
    return {
        name,
        file,
        config,
        environments: Array.isArray(environments) ? environments.map(String) : [],
    };
}

/**
 * Resolves `main` as the Pulumi Node host requires it: a file (extension optional), or a folder's
 * package.json `main`, then its index.ts or index.js.
 */
function resolveMain(projectDir: string, main: string): string {
    const target = path.resolve(projectDir, main);
    const found = entryFile(target);
    if (found === undefined) {
        throw new CliError(
            `no program found at ${target}`,
            "Point `main:` in Pulumi.yaml at the program's entry file, or add an index.ts to that folder.",
        );
    }
    return found;
}

function entryFile(target: string): string | undefined {
    const isFile = (f: string) => fs.existsSync(f) && fs.statSync(f).isFile();
    const asFile = [target, `${target}.ts`, `${target}.js`].find(isFile);
    if (asFile !== undefined) return asFile;
    if (!fs.existsSync(target)) return undefined;
    const manifest = path.join(target, "package.json");
    const packageMain = isFile(manifest) ? (JSON.parse(fs.readFileSync(manifest, "utf8")) as { main?: unknown }).main : undefined;
    const fromManifest = typeof packageMain === "string" ? entryFile(path.resolve(target, packageMain)) : undefined;
    return fromManifest ?? [path.join(target, "index.ts"), path.join(target, "index.js")].find(isFile);
}

/** Pulumi.yaml `config:` entries that carry a value: `key: value` or `key: { default: value }`. */
function projectDefaults(project: string, config: unknown): Record<string, string> {
    const defaults: Record<string, string> = {};
    for (const [key, declaration] of Object.entries(asMap(config, "Pulumi.yaml: config"))) {
        const isDeclaration = declaration !== null && typeof declaration === "object" && !Array.isArray(declaration);
        const value = isDeclaration ? (declaration as Yaml).value ?? (declaration as Yaml).default : declaration;
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        if (value !== undefined) defaults[fullKey] = configText(value, fullKey);
    }
    return defaults;
}

/** Scalars as text, structures as JSON; every `{ secure: … }` inside becomes a stand-in, never decrypted. */
function configText(value: unknown, key: string): string {
    const standIns = (v: unknown, path: string): unknown => {
        if (isSecure(v)) return secretStandIn(path);
        if (Array.isArray(v)) return v.map((x, i) => standIns(x, `${path}.${i}`));
        if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, standIns(x, `${path}.${k}`)]));
        return v;
    };
    const plain = standIns(value, key);
    return typeof plain === "object" && plain !== null ? JSON.stringify(plain) : String(plain);
}

function isSecure(v: unknown): boolean {
    return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Yaml).secure === "string";
}

function readYaml(file: string): Yaml {
    let parsed: unknown;
    try {
        parsed = load(fs.readFileSync(file, "utf8"), { filename: file });
    } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as Error).message}`, "Fix the YAML syntax in that file.");
    }
    return asMap(parsed ?? {}, file);
}

function asMap(value: unknown, where: string): Yaml {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new CliError(`${where} must be a map of keys to values`, "Fix the YAML in that file: `key: value` lines.");
    }
    return value as Yaml;
}
