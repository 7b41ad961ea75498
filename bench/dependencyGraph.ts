/**
 * The deploy graph of a captured program: which resource's creation waits for which. Only
 * resource dependencies count (`dependencies` and `propertyDependencies`), never parent-child
 * links; a dependency on a component stands for its resources.
 */

/** What the graph needs of a captured resource (`CapturedResource` has it all). */
export interface GraphResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    dependencies: readonly string[];
    propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface DeployGraph {
    /** The resources a deployment creates, by URN. */
    nodes: Map<string, GraphResource>;
    /** For each node, the nodes it waits for. */
    waitsFor: Map<string, Set<string>>;
}

/**
 * Nodes are the resources a deployment creates: components, the stack, providers and reads
 * (StackReference) are not steps that wait on a cloud.
 */
export function isDeployStep(r: GraphResource): boolean {
    return r.custom && !r.type.startsWith("pulumi:providers:") && r.type !== "pulumi:pulumi:StackReference";
}

export function deployGraph(resources: readonly GraphResource[]): DeployGraph {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, GraphResource[]>();
    for (const r of resources) {
        if (r.parent !== undefined) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    }
    // Waiting for a component means waiting for every resource under it.
    const steps = (urn: string): string[] => {
        const r = byUrn.get(urn);
        if (r === undefined) return [];
        if (isDeployStep(r)) return [urn];
        return r.custom ? [] : (children.get(urn) ?? []).flatMap((child) => steps(child.urn));
    };
    const nodes = new Map(resources.filter(isDeployStep).map((r) => [r.urn, r]));
    const waitsFor = new Map<string, Set<string>>();
    for (const r of nodes.values()) {
        const direct = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
        waitsFor.set(r.urn, new Set(direct.flatMap(steps).filter((urn) => urn !== r.urn)));
    }
    return { nodes, waitsFor };
}

/**
 * The longest chain of resources each waiting for the one before it: the deploy's critical path,
 * counted in resources (creations that cannot overlap). First in the chain is created first.
 */
export function criticalPath(graph: DeployGraph): GraphResource[] {
    const longest = new Map<string, string[]>();
    const visiting = new Set<string>();
    const chainTo = (urn: string): string[] => {
        const known = longest.get(urn);
        if (known) return known;
        if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
        visiting.add(urn);
        let best: string[] = [];
        // Sorted, so that among chains of equal length the same one is reported every time.
        for (const before of [...(graph.waitsFor.get(urn) ?? [])].sort()) {
            const chain = chainTo(before);
            if (chain.length > best.length) best = chain;
        }
        visiting.delete(urn);
        const chain = [...best, urn];
        longest.set(urn, chain);
        return chain;
    };
    let path: string[] = [];
    for (const urn of [...graph.nodes.keys()].sort()) {
        const chain = chainTo(urn);
        if (chain.length > path.length) path = chain;
    }
    return path.map((urn) => graph.nodes.get(urn)!);
}

/** `aws:ec2/vpnConnection:VpnConnection` → `VpnConnection`. */
export function className(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}
