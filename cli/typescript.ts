/**
 * Loads a project's TypeScript the way Pulumi's Node host does (@pulumi/pulumi cmd/run): ts-node and
 * typescript from the project's own node_modules when it has them, else the ones vendored inside
 * its @pulumi/pulumi; its tsconfig.json when there is one, with the host's defaults under it. Unlike
 * the host, never type-checks: a plan needs the program's resources, not its types (that is tsc's
 * job in the project), and checking the providers' types would cost seconds per run.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { CliError } from "./errors";

interface TsNode {
    register(options: Record<string, unknown>): unknown;
}

interface TypeScript {
    readConfigFile(file: string, read: (file: string) => string | undefined): { config?: { compilerOptions?: Record<string, unknown> } };
}

/** Registers a TypeScript loader for the project, unless this process already has one. */
export function registerTypeScript(projectDir: string): void {
    if (require.extensions[".ts"] !== undefined) return;
    const resolve = resolverFor(projectDir);
    const pulumiDir = resolve("@pulumi/pulumi/package.json");
    if (pulumiDir === undefined) {
        throw new CliError(
            `${projectDir} has no @pulumi/pulumi installed, so its program cannot run`,
            `Install the project's dependencies first: npm install (in ${projectDir}).`,
        );
    }
    const vendor = path.join(path.dirname(pulumiDir), "vendor");
    const compiler = resolve("typescript") ?? path.join(vendor, "typescript@3.8.3", "typescript.js");
    const tsNodePath = resolve("ts-node") ?? path.join(vendor, "ts-node@7.0.1");
    const tsconfig = path.join(projectDir, "tsconfig.json");
    const hasTsconfig = fs.existsSync(tsconfig);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own compiler, found at run time
    const ts = require(compiler) as TypeScript;
    const own = hasTsconfig ? ts.readConfigFile(tsconfig, (f) => fs.readFileSync(f, "utf8")).config?.compilerOptions ?? {} : {};
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own ts-node, found at run time
    (require(tsNodePath) as TsNode).register({
        compiler,
        transpileOnly: true,
        // swc transpiles the same files natively, where the project has it.
        ...(resolve("@swc/core") !== undefined && resolve("ts-node/transpilers/swc") !== undefined && { swc: true }),
        project: tsconfig,
        skipProject: !hasTsconfig,
        // The program is loaded with require(), as the host loads a project without "type": "module".
        compilerOptions: { target: "ES2020", sourceMap: true, ...own, module: "commonjs", moduleResolution: "node" },
    });
}

function resolverFor(dir: string): (module: string) => string | undefined {
    const require = createRequire(path.join(dir, "package.json"));
    return (module) => {
        try {
            return require.resolve(module);
        } catch {
            return undefined;
        }
    };
}
