/**
 * What a user meets: the tarball (size, files), loading the installed package in a project of its
 * own against loading the bare SDK modules it imports there, and Pulumi's plugin host for other
 * languages from start to its first GetSchema answer. The project is the consumer spec's
 * (scripts/consumer.ts): packed, installed outside the repository with the peers we develop with.
 */
import * as path from "node:path";
import { consumerProject } from "../../scripts/consumer";
import { pluginStartToSchema } from "../jobs/plugin";
import { median, REPO_DIR, repeat, runChild } from "../measure";
import { Scenario, target } from "./scenario";
import { loadProgram, pulumiModulesImported } from "./startup";

interface Load {
    ms: number;
    rssMb: number;
}

export const packaging: Scenario = {
    name: "packaging",
    title: "the installed package",
    async run({ quick, progress }) {
        progress("packing and installing into a project outside the repository");
        const consumer = consumerProject();
        try {
            const sdkModules = pulumiModulesImported(path.join(REPO_DIR, "components"));
            const load = (modules: readonly string[]) => runChild<Load>(["-e", loadProgram(modules)], { plainNode: true, cwd: consumer.dir });
            const packageRuns: { ms: number; processMs: number }[] = [];
            const sdkRuns: { ms: number; processMs: number }[] = [];
            const pluginRuns: number[] = [];
            await repeat(quick ? 1 : 5, async (rep) => {
                progress(`installed package, repetition ${rep + 1}`);
                const ours = await load(["@crosscloud/interconnect"]);
                packageRuns.push({ ms: ours.result!.ms, processMs: ours.wallMs });
                const bare = await load(sdkModules);
                sdkRuns.push({ ms: bare.result!.ms, processMs: bare.wallMs });
                pluginRuns.push(await pluginStartToSchema(consumer.installed, consumer.dir));
            });
            const section = {
                tarball: { bytes: consumer.packed.size, files: consumer.packed.files.length, list: consumer.packed.files },
                packageLoad: { medianMs: median(packageRuns.map((r) => r.ms)), medianProcessMs: median(packageRuns.map((r) => r.processMs)), runs: packageRuns },
                bareSdkLoad: { modules: sdkModules, medianMs: median(sdkRuns.map((r) => r.ms)), medianProcessMs: median(sdkRuns.map((r) => r.processMs)), runs: sdkRuns },
                pluginStartToSchemaMs: { median: median(pluginRuns), runs: pluginRuns },
            };
            const ratio = section.packageLoad.medianMs / section.bareSdkLoad.medianMs;
            const processRatio = section.packageLoad.medianProcessMs / section.bareSdkLoad.medianProcessMs;
            return {
                section: { ...section, packageOverSdk: ratio, packageOverSdkProcess: processRatio },
                targets: [
                    target("plugin host: start to first GetSchema answer", section.pluginStartToSchemaMs.median / 1000, 3, "s"),
                    target("a user's program loading the installed package ÷ the bare SDK modules (in-process)", ratio, 1.3, "×"),
                ],
                table: [
                    ["what", "median", ""],
                    ["tarball", `${(consumer.packed.size / 1024).toFixed(0)} KiB`, `${consumer.packed.files.length} files`],
                    ["require(\"@crosscloud/interconnect\") in the project", `${section.packageLoad.medianMs.toFixed(0)} ms`, `${section.packageLoad.medianProcessMs.toFixed(0)} ms as a process`],
                    [`bare SDK modules (${sdkModules.length}) in the project`, `${section.bareSdkLoad.medianMs.toFixed(0)} ms`, `${section.bareSdkLoad.medianProcessMs.toFixed(0)} ms as a process`],
                    ["package ÷ bare SDK", `${ratio.toFixed(2)}×`, `${processRatio.toFixed(2)}× as a process`],
                    ["plugin host: start to first GetSchema", `${(section.pluginStartToSchemaMs.median / 1000).toFixed(2)} s`, ""],
                ],
            };
        } finally {
            consumer.remove();
        }
    },
};
