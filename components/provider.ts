/**
 * The Pulumi provider that serves the components to other languages (`pulumi package add`, then
 * Python, Go, .NET or YAML programs): GetSchema answers with the committed schema.json — inferred
 * from the components' TypeScript types by `npm run schema`, and checked against them by the specs —
 * and Construct builds the component the engine asks for.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CrossCloudNetwork } from "./crossCloudNetwork";
import { DedicatedInterconnect } from "./dedicatedInterconnect";
import { HaVpn } from "./haVpn";
import { ManagedInterconnect } from "./managedInterconnect";
import { checkRequiredPeers } from "./peers";

type ComponentClass = new (name: string, args: never, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

/** Every component, by the class name its type token ends with (`interconnect:index:HaVpn`). */
export const COMPONENTS: Readonly<Record<string, ComponentClass>> = { CrossCloudNetwork, DedicatedInterconnect, HaVpn, ManagedInterconnect };

interface Schema {
    name: string;
    version: string;
    resources: Record<string, { properties?: Record<string, unknown> }>;
}

export class ComponentsProvider implements pulumi.provider.Provider {
    readonly version: string;
    private readonly schemaText: string;
    private readonly served: Schema;

    /** @param schemaFile the package's schema.json. */
    constructor(schemaFile: string) {
        this.schemaText = fs.readFileSync(schemaFile, "utf8");
        this.served = JSON.parse(this.schemaText) as Schema;
        this.version = this.served.version;
    }

    async getSchema(): Promise<string> {
        return this.schemaText;
    }

    async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<pulumi.provider.ConstructResult> {
        const [pkg, module, className] = type.split(":");
        const Component = pkg === this.served.name && module === "index" ? COMPONENTS[className] : undefined;
        const outputs = this.served.resources[type]?.properties;
        if (Component === undefined || outputs === undefined) {
            throw new Error(`${type} is not a component of ${this.served.name}: it serves ${Object.keys(COMPONENTS).map((c) => `${this.served.name}:index:${c}`).join(", ")}`);
        }
        const component = new Component(name, inputs as never, options) as pulumi.ComponentResource & Record<string, unknown>;
        return { urn: component.urn, state: Object.fromEntries(Object.keys(outputs).map((key) => [key, component[key]])) };
    }
}

/** The package's schema.json: beside package.json, above both the sources and the build (lib/). */
export function schemaFile(from = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "schema.json")) && fs.existsSync(path.join(dir, "package.json"))) return path.join(dir, "schema.json");
        if (path.dirname(dir) === dir) throw new Error(`no schema.json above ${from}: the package is incomplete; reinstall it`);
    }
}

/** Serves the components to the engine on the address in `args`, as Pulumi's plugin host expects. */
export function serveComponents(args: string[]): Promise<void> {
    checkRequiredPeers();
    return pulumi.provider.main(new ComponentsProvider(schemaFile()), args);
}
