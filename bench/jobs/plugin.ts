/** Pulumi's plugin host serving the installed package, timed from spawn to its first GetSchema answer. */
import { startPlugin } from "../../offline/host";
import { elapsedMs } from "../measure";

export async function pluginStartToSchema(packageDir: string, projectDir: string): Promise<number> {
    const started = process.hrtime.bigint();
    const plugin = await startPlugin({ dir: packageDir, pwd: projectDir, project: "consumer", stack: "dev" });
    try {
        await plugin.getSchema();
        return elapsedMs(started);
    } finally {
        await plugin.stop();
    }
}
