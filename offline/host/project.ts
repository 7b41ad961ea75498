import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import * as yaml from "js-yaml";

/**
 * What the Pulumi CLI reads from a project, plugin or policy-pack file before it starts a Node
 * process, and what the Node language host derives from it (sdk/nodejs/cmd/pulumi-language-nodejs
 * main.go `parseOptions`).
 */
export interface NodeRuntime {
    /** `runtime.options.typescript`, true unless set to false. */
    typescript: boolean;
    /** `runtime.options.tsconfig`. */
    tsconfig?: string;
    /** `runtime.options.nodeargs`, split as a shell would. */
    nodeargs: string[];
}

export interface ProjectFile {
    name?: string;
    main?: string;
    stackConfigDir?: string;
    runtime: NodeRuntime;
}

/** Reads `Pulumi.yaml`, `PulumiPlugin.yaml` or `PulumiPolicy.yaml` in `dir`. */
export function readProjectFile(dir: string, file: "Pulumi.yaml" | "PulumiPlugin.yaml" | "PulumiPolicy.yaml"): ProjectFile {
    const path = join(dir, file);
    if (!existsSync(path)) {
        throw new Error(`${path} does not exist: the Pulumi CLI needs it to know how to run ${dir}`);
    }
    const project = (yaml.load(readFileSync(path, "utf8")) ?? {}) as Record<string, unknown>;
    const runtime = project.runtime;
    const name = typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | undefined)?.name;
    if (name !== "nodejs") {
        throw new Error(`${path}: runtime is ${JSON.stringify(name)}; only nodejs programs run here`);
    }
    const options = (typeof runtime === "object" && runtime !== null ? (runtime as { options?: Record<string, unknown> }).options : undefined) ?? {};
    return {
        name: optionalString(project.name, path, "name"),
        main: optionalString(project.main, path, "main"),
        stackConfigDir: optionalString(project.stackConfigDir, path, "stackConfigDir"),
        runtime: {
            typescript: optionalBoolean(options.typescript, path, "runtime.options.typescript") ?? true,
            tsconfig: optionalString(options.tsconfig, path, "runtime.options.tsconfig"),
            nodeargs: splitArguments(optionalString(options.nodeargs, path, "runtime.options.nodeargs") ?? ""),
        },
    };
}

/**
 * The program directory and entry point for a project's `main` (pkg/engine/project.go
 * `getPwdMain`): a directory runs as `.` from inside it, a file from its own directory.
 */
export function programLocation(root: string, main: string | undefined): { programDirectory: string; entryPoint: string } {
    if (main === undefined || main === "") {
        return { programDirectory: root, entryPoint: "." };
    }
    const path = isAbsolute(main) ? main : resolve(root, main);
    if (!existsSync(path)) {
        throw new Error(`project 'main' could not be read: ${path} does not exist`);
    }
    return statSync(path).isDirectory() ? { programDirectory: path, entryPoint: "." } : { programDirectory: dirname(path), entryPoint: basename(path) };
}

/**
 * A stack's config from `Pulumi.<stack>.yaml` (in `stackConfigDir` when the project sets one), with
 * full keys: a bare key belongs to the project. Structured values become JSON, as the CLI passes
 * them. Encrypted values need the CLI's secrets provider, so they are refused.
 */
export function readStackConfig(root: string, project: ProjectFile & { name: string }, stack: string): Record<string, string> {
    const path = join(root, project.stackConfigDir ?? ".", `Pulumi.${stack}.yaml`);
    if (!existsSync(path)) {
        return {};
    }
    const file = (yaml.load(readFileSync(path, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(file.config ?? {}).map(([key, value]) => {
        if (value !== null && typeof value === "object" && "secure" in value) {
            throw new Error(`${path}: ${key} is encrypted; pass its value in the run's config (and its key in secretKeys) instead`);
        }
        return [fullKey(key, project.name), typeof value === "string" ? value : JSON.stringify(value)];
    }));
}

/** `region` in project `demo` is `demo:region`; `aws:region` stays as it is. */
export function fullKey(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * Where Node resolves `module` from `dir`: what the language host's `locateModule` asks
 * `node -e "require.resolve(...)"` run in that directory.
 */
export function locateModule(module: string, dir: string, install: string): string {
    try {
        return createRequire(join(resolve(dir), "package.json")).resolve(module);
    } catch {
        throw new Error(`It looks like the Pulumi SDK has not been installed in ${dir} (${module} is not found). Have you run ${install}?`);
    }
}

/** Splits a command line as a shell would: on whitespace, outside quotes (no escapes). */
export function splitArguments(line: string): string[] {
    const args: string[] = [];
    let current: string | undefined;
    let quote: string | undefined;
    for (const c of line) {
        if (quote !== undefined) {
            if (c === quote) {
                quote = undefined;
            } else {
                current += c;
            }
        } else if (c === '"' || c === "'") {
            quote = c;
            current ??= "";
        } else if (/\s/.test(c)) {
            if (current !== undefined) {
                args.push(current);
            }
            current = undefined;
        } else {
            current = (current ?? "") + c;
        }
    }
    if (quote !== undefined) {
        throw new Error(`Unterminated quote in nodeargs: ${line}`);
    }
    return current === undefined ? args : [...args, current];
}

function optionalString(value: unknown, path: string, field: string): string | undefined {
    if (value !== undefined && typeof value !== "string") {
        throw new Error(`${path}: ${field} must be a string, got ${JSON.stringify(value)}`);
    }
    return value;
}

function optionalBoolean(value: unknown, path: string, field: string): boolean | undefined {
    if (value !== undefined && typeof value !== "boolean") {
        throw new Error(`${path}: ${field} must be a boolean, got ${JSON.stringify(value)}`);
    }
    return value;
}
