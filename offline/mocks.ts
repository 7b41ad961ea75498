import * as pulumi from "@pulumi/pulumi";
import { Allocations } from "./allocation";
import { autoName, identityFields } from "./identity";
import { invokeResults } from "./invokes";
import { computedFields } from "./simulated";
import { decodeProperties } from "./wire";

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

export interface SimulatedCloudOptions {
    preview: boolean;
    /** Outputs of referenced stacks, keyed by stack name (`org/project/stack`). */
    stackOutputs: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    /** The properties a type declares, for programs in another process, where `learnDeclaredProperties` cannot run. */
    declaredProperties?: (type: string) => ReadonlySet<string>;
    /** The names the program's own stack goes by; a reference to it without given outputs reads none (a first deployment). */
    ownNames?: readonly string[];
}

/**
 * The `Mocks` of one capture: it answers every resource registration with the outputs the cloud
 * would compute (see `simulated.ts`) and every invoke from `invokes.ts`.
 */
export class SimulatedCloud implements pulumi.runtime.Mocks {
    private readonly declaredProperties = new Map<string, ReadonlySet<string>>();
    private readonly created = new Map<string, Record<string, unknown>>();
    private readonly allocate = new Allocations();

    constructor(private readonly options: SimulatedCloudOptions) {}

    /**
     * A stack transformation that learns which properties each resource type declares (the SDK
     * passes outputs too, as undefined), so `arn`, `selfLink` and `name` are only made up where
     * the type has them.
     */
    readonly learnDeclaredProperties: pulumi.ResourceTransformation = ({ type, props }) => {
        if (!this.declaredProperties.has(type)) {
            this.declaredProperties.set(type, new Set(Object.keys(props)));
        }
        return undefined;
    };

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        if (args.type === STACK_REFERENCE) {
            return this.readStackReference(args);
        }
        if (!args.custom) {
            return { id: undefined, state: {} }; // a component's outputs arrive with registerOutputs
        }
        const { values: inputs } = decodeProperties(args.inputs);
        const declared = this.declaredProperties.get(args.type) ?? this.options.declaredProperties?.(args.type) ?? new Set<string>();
        const read = Boolean(args.id); // read with `get` or imported
        if (this.options.preview && !read) {
            // A preview knows a new resource's inputs and engine-made names; its id and computed outputs stay unknown.
            return { id: "", state: { ...args.inputs, ...autoName(args.name, inputs, declared) } };
        }
        // `args.id` is "" rather than undefined for a new resource.
        const id = args.id || `${args.name}-id`;
        const computed = {
            ...identityFields({ type: args.type, name: args.name, id, inputs, declared }),
            ...computedFields[args.type]?.({
                name: args.name,
                id,
                inputs,
                find: (type, wanted) => (typeof wanted === "string" ? this.created.get(`${type} ${wanted}`) : undefined),
                allocate: this.allocate,
            }),
        };
        this.created.set(`${args.type} ${id}`, { ...inputs, ...computed });
        return { id, state: { ...args.inputs, ...computed } };
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        const result = invokeResults[args.token];
        if (!result) {
            const message = `Mock not implemented: ${args.token} (add it to offline/invokes.ts)`;
            // The SDK rethrows a failed invoke with the gRPC error's `details`, not its message.
            throw Object.assign(new Error(message), { details: message });
        }
        return result(decodeProperties(args.inputs).values);
    }

    private readStackReference(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const stackName = String(args.inputs.name);
        const own = this.options.ownNames?.includes(stackName) ?? false;
        // The program's own stack is looked up only among the stacks given, so asking is no demand for it.
        const outputs = own ? (Object.keys(this.options.stackOutputs).includes(stackName) ? this.options.stackOutputs[stackName] : {}) : this.options.stackOutputs[stackName];
        if (!outputs) {
            const known = Object.keys(this.options.stackOutputs).join(", ") || "none";
            throw new Error(`No outputs for stack reference "${stackName}": pass capture(program, { stackOutputs: { "${stackName}": {...} } }) (given: ${known})`);
        }
        return { id: args.id || stackName, state: { ...args.inputs, outputs, secretOutputNames: [] } };
    }
}
