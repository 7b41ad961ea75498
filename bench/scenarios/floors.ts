/**
 * The peers' floors, proven: the package installed beside the OLDEST release each peerDependencies
 * range admits (downloaded from the registry; not part of `npm test`, which has no network to rely
 * on), then used as the consumer spec uses it — every README example type-checked under a strict
 * user tsconfig and run through Pulumi's runner, a JavaScript program, and each component
 * constructed through the plugin host. A floor that no longer holds fails here, naming what broke.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram, startPlugin } from "../../offline/host";
import { consumerProject, peerFloors, ROOT } from "../../scripts/consumer";
import { Scenario, target } from "./scenario";

const EXAMPLES = ["haVpn", "managedInterconnect", "dedicatedInterconnect", "crossCloudNetwork"];

const SHARED = {
    network: "https://www.googleapis.com/compute/v1/projects/acme-transit/global/networks/shared-transit",
    transitGatewayId: "tgw-0shared",
    routers: { "us-east4": { name: "shared-router-us-east4", asn: 65010 }, "us-central1": { name: "shared-router-us-central1", asn: 65020 } },
    environments: { dev: { linkLocalBlock: "169.254.32.0/19", directConnectGatewayAsn: 64601 } },
};

interface Check {
    what: string;
    ok: boolean;
    detail: string;
}

export const floors: Scenario = {
    name: "floors",
    title: "the peers' floors",
    async run({ progress }) {
        const versions = peerFloors();
        progress(`installing the package beside ${Object.entries(versions).map(([p, v]) => `${p}@${v}`).join(", ")}`);
        const consumer = consumerProject({ versions });
        const checks: Check[] = [];
        try {
            const installed = (pkg: string) => JSON.parse(fs.readFileSync(path.join(consumer.dir, "node_modules", pkg, "package.json"), "utf8")).version as string;
            checks.push(...Object.entries(versions).map(([pkg, version]) => ({ what: `${pkg} installed at its floor`, ok: installed(pkg).replace(/^v/, "") === version, detail: installed(pkg) })));

            const dir = path.join(consumer.dir, "examples");
            fs.mkdirSync(dir);
            for (const name of EXAMPLES) fs.copyFileSync(path.join(ROOT, "examples", `${name}.ts`), path.join(dir, `${name}.ts`));
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
                compilerOptions: { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, target: "ES2022", module: "commonjs", moduleResolution: "node", skipLibCheck: true },
                files: EXAMPLES.map((name) => `${name}.ts`),
            }));
            progress("type-checking the README examples against the floors");
            const tsc = spawnSync(process.execPath, [path.join(consumer.dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--pretty", "false", "-p", dir], { encoding: "utf8" });
            checks.push({ what: "README examples type-check (strict user tsconfig)", ok: tsc.status === 0, detail: tsc.stdout.split("\n").slice(0, 5).join(" | ") });

            for (const name of EXAMPLES) {
                progress(`running the ${name} example through Pulumi's runner`);
                const project = path.join(consumer.dir, name);
                fs.mkdirSync(project);
                fs.copyFileSync(path.join(ROOT, "examples", `${name}.ts`), path.join(project, "index.ts"));
                fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: acme-network\nruntime: nodejs\n");
                const run = await runProgram({ dir: project, stack: "dev", stackOutputs: { "organization/acme-network/shared": SHARED }, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
                checks.push({ what: `${name} example runs`, ok: run.exitCode === 0, detail: run.exitCode === 0 ? `${run.resources.length} resources` : run.errors.join(" | ").slice(0, 300) });
            }

            progress("constructing each component through the plugin host");
            const plugin = await startPlugin({ dir: consumer.installed, pwd: consumer.dir, project: "acme-network", stack: "dev" });
            try {
                const schema = await plugin.getSchema();
                checks.push({ what: "plugin host serves the schema", ok: typeof schema.resources === "object", detail: `${Object.keys(schema.resources as object).length} components` });
                const constructed = await plugin.construct("interconnect:index:HaVpn", "floor-vpn", {
                    google: { network: SHARED.network, region: "us-east4", routerAsn: 65010 },
                    aws: { region: "us-east-1", transitGatewayAsn: 64512 },
                    advertisedPrefixes: ["10.100.0.0/16"],
                }).then((c) => `${c.plan.resources.length} resources`, (e: Error) => `failed: ${e.message.slice(0, 200)}`);
                checks.push({ what: "HaVpn constructs through the plugin host", ok: !constructed.startsWith("failed"), detail: constructed });
            } finally {
                await plugin.stop();
            }
        } finally {
            consumer.remove();
        }
        const failed = checks.filter((c) => !c.ok);
        return {
            section: { versions, checks },
            targets: [target("checks that fail at the peers' floors", failed.length, 0, "checks", failed.map((c) => c.what).join("; ") || undefined)],
            table: [["check", "result", "detail"], ...checks.map((c) => [c.what, c.ok ? "ok" : "FAILED", c.detail])],
        };
    },
};
