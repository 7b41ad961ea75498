/**
 * The outputs of stacks planned earlier in a run, handed to the StackReferences of later ones.
 */
export type StackOutputs = Record<string, unknown>;

/** A StackReference the run could not answer: a stack not planned (yet), or of another project. */
export interface MissingReference {
    /** The name as the program wrote it, e.g. `acme/crosscloud/shared`. */
    reference: string;
    project?: string;
    stack: string;
}

export class ReferenceBook {
    private readonly planned = new Map<string, StackOutputs>();

    constructor(private readonly project: string) {}

    record(stack: string, outputs: StackOutputs): void {
        this.planned.set(stack, outputs);
    }

    /**
     * The `stackOutputs` of one capture, and the references it could not answer. The harness
     * looks a reference up by the exact name the program wrote (`stack`, `project/stack` or
     * `org/project/stack`, with any org), so the lookup answers every spelling that names a
     * planned stack of this project.
     */
    lookup(): { stackOutputs: Record<string, StackOutputs>; missing: MissingReference[] } {
        const missing: MissingReference[] = [];
        const resolve = (reference: string) => {
            const parts = reference.split("/");
            const stack = parts[parts.length - 1];
            const project = parts.length >= 2 ? parts[parts.length - 2] : undefined;
            const outputs = project === undefined || project === this.project ? this.planned.get(stack) : undefined;
            if (outputs === undefined) missing.push({ reference, project, stack });
            return outputs;
        };
        const stackOutputs = new Proxy({}, {
            get: (_, reference) => (typeof reference === "string" ? resolve(reference) : undefined),
            ownKeys: () => [...this.planned.keys()],
            getOwnPropertyDescriptor: (_, key) => ({ configurable: true, enumerable: true, value: this.planned.get(String(key)) }),
        });
        return { stackOutputs, missing };
    }
}
