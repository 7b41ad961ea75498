import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { Program } from "../offline";
import { CliError } from "./errors";
import { Project } from "./project";
import { registerTypeScript } from "./typescript";

/**
 * The project's program as the offline engine runs it, loaded the way the Pulumi Node.js host loads a
 * CommonJS program: `require(main)`; if it exports a function, that function is the program and
 * what it returns is the stack's outputs, otherwise the module's exports are.
 *
 * A program declares its resources when its modules load, so every run first forgets the modules
 * the previous run loaded (all but packages in node_modules, which must stay single instances:
 * `@pulumi/pulumi` keeps the runtime's state).
 */
export function programOf(project: Project): Program {
    requireSameSdk(project);
    if (project.main.endsWith(".ts")) registerTypeScript(project.dir);
    return async () => {
        for (const id of loadedByPrograms) delete require.cache[id];
        loadedByPrograms.clear();
        const before = new Set(Object.keys(require.cache));
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- as the Pulumi host loads a CommonJS program
            const exported: unknown = require(project.main);
            return await (exported instanceof Function ? exported() : exported);
        } finally {
            for (const id of Object.keys(require.cache)) if (!before.has(id) && !id.split(path.sep).includes("node_modules")) loadedByPrograms.add(id);
        }
    };
}

/** The modules the last program run loaded, whichever planner ran it: the next run loads them afresh. */
const loadedByPrograms = new Set<string>();

/**
 * The offline engine runs the program on this process's Pulumi runtime, so the program must load
 * the same @pulumi/pulumi as crosscloud does: the one in the project's node_modules, where
 * `npx crosscloud` runs from once the package is installed there.
 */
function requireSameSdk(project: Project): void {
    const ours = fs.realpathSync(require.resolve("@pulumi/pulumi/package.json"));
    let theirs: string;
    try {
        theirs = fs.realpathSync(createRequire(path.join(project.dir, "package.json")).resolve("@pulumi/pulumi/package.json"));
    } catch {
        throw new CliError(
            `${project.dir} has no @pulumi/pulumi installed, so its program cannot run`,
            `Install the project's dependencies first: npm install (in ${project.dir}).`,
        );
    }
    if (theirs !== ours) {
        throw new CliError(
            `${project.name} loads @pulumi/pulumi from ${path.dirname(theirs)}, and this crosscloud runs on the one in ${path.dirname(ours)}; ` +
            "the offline engine plans a program on its own Pulumi runtime, so both must be one copy",
            `Install crosscloud in the project and run it from there: npm install <crosscloud tarball or git URL> (in ${project.dir}), then npx crosscloud plan.`,
        );
    }
}
