import * as path from "node:path";
import { Program } from "../offline";
import { Project } from "./project";

/**
 * The project's program as the harness runs it, loaded the way the Pulumi Node.js host loads a
 * CommonJS program: `require(main)`; if it exports a function, that function is the program and
 * what it returns is the stack's outputs, otherwise the module's exports are.
 *
 * A program declares its resources when its modules load, so every run first forgets the modules
 * the previous run loaded (all but packages in node_modules, which must stay single instances:
 * `@pulumi/pulumi` keeps the runtime's state).
 */
export function programOf(project: Project): Program {
    let loadedByLastRun: string[] = [];
    return async () => {
        for (const id of loadedByLastRun) delete require.cache[id];
        const before = new Set(Object.keys(require.cache));
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- as the Pulumi host loads a CommonJS program
            const exported: unknown = require(project.main);
            return await (exported instanceof Function ? exported() : exported);
        } finally {
            loadedByLastRun = Object.keys(require.cache).filter((id) => !before.has(id) && !id.split(path.sep).includes("node_modules"));
        }
    };
}
